// The version a user reads from `dane-zone --version` and an LSP client from serverInfo is
// package.json's (the bundler puts it in: scripts/build.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServerFor } from '../helpers/lsp-client.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

test('dane-zone --version and -V print the package version and exit 0', () => {
  for (const flag of ['--version', '-V']) {
    const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), flag], { encoding: 'utf8' });
    assert.equal(r.status, 0, flag);
    assert.equal(r.stdout, `dane-zone ${version}\n`, flag);
  }
  const help = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '--help'], { encoding: 'utf8' });
  assert.match(help.stdout, /dane-zone --version/);
});

test('the language server names itself and the package version in its initialize result', async (t) => {
  const s = await startServerFor(t);
  assert.deepEqual(s.init.serverInfo, { name: 'dane-zone', version });
});
