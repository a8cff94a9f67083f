// The heap a whole-file check may use (read-zone-file.ts). `dane-zone check` started with too
// small a heap for its files runs the check again in a child Node with one sized to them.
// DANE_ZONE_HEAP_MB sets it instead, for the CLI and for the server's check from disk (its
// worker thread). A check that runs out of it ends with a message that says so, not a crash
// without a word; the server stays up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateZone } from '../../bench/genzone.mjs';
import { startServerFor } from '../helpers/lsp-client.mjs';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.js');

function zoneDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'dane-zone-heap-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'example.com.zone');
  generateZone(100_000, file, { seed: 3 }); // about 20 MiB of heap to check
  return { dir, file };
}

test('dane-zone check started with a heap too small for its zone runs it again with room', (t) => {
  const { file } = zoneDir(t);
  // 12 MiB aborts this check (the heap-limit test below); the child gets heapLimitFor's
  const r = spawnSync(process.execPath, [cli, 'check', file], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=12' } });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
});

test('dane-zone check with DANE_ZONE_HEAP_MB: enough is a normal check, too little says so', (t) => {
  const { file } = zoneDir(t);
  const run = (mb) => spawnSync(process.execPath, [cli, 'check', file], { encoding: 'utf8', env: { ...process.env, DANE_ZONE_HEAP_MB: String(mb) } });
  const enough = run(512);
  assert.equal(enough.status, 0, enough.stderr);
  assert.equal(enough.stderr, '');
  const little = run(12);
  assert.equal(little.status, 3);
  assert.match(little.stderr.trim().split('\n').at(-1), /^dane-zone check: the check stopped \(SIGABRT\) with a heap limit of 12 MiB for 6 MiB of zone files: it needs more memory than DANE_ZONE_HEAP_MB gives$/);
});

test('the check from disk with too little heap answers with an error that says so; the server goes on', async (t) => {
  const { dir, file } = zoneDir(t);
  const folder = pathToFileURL(dir).href;
  process.env.DANE_ZONE_HEAP_MB = '12';
  let s;
  try {
    s = await startServerFor(t, { rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }] });
  } finally {
    delete process.env.DANE_ZONE_HEAP_MB;
  }
  await assert.rejects(s.conn.sendRequest('daneZone/checkFile', { uri: pathToFileURL(file).href }),
    /dane-zone: the check of 6 MiB ran out of memory \(a heap of 12 MiB; VS Code's Electron gives at most 4096, DANE_ZONE_HEAP_MB sets it\)/);
  const small = pathToFileURL(join(dir, 'small.zone')).href;
  await s.open(small, '$ORIGIN example.com.\n$TTL 60\nx IN A 192.0.2.256\n', 1);
  assert.equal((await s.diagnostics(small, 1)).diagnostics.filter((d) => d.code === 'rdata-invalid').length, 1);
});
