// The package a user installs: `vsce package --no-dependencies` works offline, the
// .vsix stays under 1 MB with no sources, tests or maps, and code-server installs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { requireTools } from './lib/env.mjs';
import { newRun } from './lib/code-server.mjs';
import { buildVsix, installVsix, vsixFiles } from './lib/vsix.mjs';

test('vsce packages a small .vsix with only runtime files', () => {
  const vsix = buildVsix();
  const size = statSync(vsix).size;
  console.log(`# vsix: ${(size / 1024).toFixed(0)} KB`);
  assert.ok(size < 1024 * 1024, `vsix is ${size} bytes`);
  const files = vsixFiles();
  assert.ok(files.includes('dist/client.js') && files.includes('dist/server.js') && files.includes('dist/check-worker.js') && files.includes('syntaxes/dns-zone.tmLanguage.json'));
  assert.ok(files.includes('samples/example.zone') && files.includes('samples/certs/backup-mx.pem'), 'the sample zone and the certificate its walkthrough links');
  assert.deepEqual(files.filter((f) => /\.(ts|map|mjs)$|^(client|server|test|scripts|node_modules)\//.test(f)), []);
});

test('code-server installs the .vsix', (t) => {
  const skip = requireTools(['code-server']);
  if (skip) return t.skip(skip);
  const run = newRun('install');
  const out = installVsix(run);
  assert.match(out, /successfully installed/i);
  const pkg = JSON.parse(readFileSync(join(run, 'extensions', 'dane-zone.dane-zone-0.1.0', 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'dane-zone');
  assert.ok(existsSync(join(run, 'extensions', 'dane-zone.dane-zone-0.1.0', 'dist', 'server.js')));
});
