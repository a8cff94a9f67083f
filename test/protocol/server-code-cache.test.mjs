// dist/server.js runs the server's bundle with the V8 code cache the build made
// (server-start.ts, code-cache.ts). The cache only saves compiling: a server without it, with a
// corrupt one or one made for another bundle publishes the same diagnostics. VS Code's Electron
// refuses a cache Node made, so the package ships the bundle without it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServerFor } from '../helpers/lsp-client.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');
const sample = join(root, 'samples', 'example.zone');

function cacheState(dir) {
  const r = spawnSync(process.execPath, ['-e', `const s = require(${JSON.stringify(join(dir, 'server.js'))}); process.stdout.write(s.compileBundle(s.SERVER_BUNDLE, s.SERVER_CACHE).cache)`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

async function sampleDiagnostics(t, serverJs) {
  const folder = pathToFileURL(dirname(sample)).href;
  const s = await startServerFor(t, { serverJs, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'samples' }] });
  const uri = pathToFileURL(sample).href;
  await s.open(uri, readFileSync(sample, 'utf8'));
  return (await s.diagnostics(uri, 1)).diagnostics;
}

test('the build writes a server code cache that this Node takes; .vscodeignore ships the bundle, not the cache', () => {
  assert.equal(cacheState(dist), 'accepted');
  const admitted = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1));
  assert.ok(admitted.includes('dist/server-main.js'));
  assert.ok(!admitted.some((a) => a.endsWith('.cache')));
});

test('the server publishes the same diagnostics with its cache, without it, and with a corrupt or foreign one', async (t) => {
  const want = await sampleDiagnostics(t, join(dist, 'server.js'));
  assert.ok(want.some((d) => d.code === 'cname-and-other-data'));
  const good = readFileSync(join(dist, 'server-main.cache'));
  const header = good.subarray(0, good.indexOf(10) + 1);
  const variants = {
    missing: [undefined, 'missing'],
    garbage: [Buffer.concat([header, Buffer.alloc(good.length - header.length, 0x5a)]), 'rejected'],
    foreign: [Buffer.concat([Buffer.from('dane-zone-code-cache 0123456789abcdef\n', 'latin1'), good.subarray(header.length)]), 'stale'],
  };
  for (const [name, [cache, state]] of Object.entries(variants)) {
    const dir = mkdtempSync(join(tmpdir(), 'dane-zone-server-cache-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    for (const f of ['server.js', 'server-main.js', 'check-worker.js']) copyFileSync(join(dist, f), join(dir, f));
    if (cache) writeFileSync(join(dir, 'server-main.cache'), cache);
    assert.equal(cacheState(dir), state, name);
    assert.deepEqual(await sampleDiagnostics(t, join(dir, 'server.js')), want, name);
  }
});
