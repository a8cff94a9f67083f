// The server's first diagnostics of a long document (server/src/lsp/first-diagnostics.ts), with a
// stand-in worker whose check ends when the test says so: what it publishes, and what it must
// not: a check of a zone with $INCLUDE is stopped when another file changes while it runs (it may
// have read that file as it was), a zone without $INCLUDE keeps its check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const heldWorker = join(root, 'test', 'fixtures', 'workers', 'held-check.mjs');
const skip = availableParallelism() < 2 && 'the server checks in a worker only with two cores or more';

async function load(t) {
  const dir = mkdtempSync(join(tmpdir(), 'dz-first-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'first.cjs');
  await build({ stdin: { contents: "export { FirstDiagnostics } from './server/src/lsp/first-diagnostics'; export { ZoneStore } from './server/src/lsp/zone-store';", resolveDir: root, loader: 'ts' },
    bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'silent' });
  return { dir, ...createRequire(import.meta.url)(out) };
}

/** A long zone (the server checks one in a worker from 200 000 lines), with or without an $INCLUDE. */
function longZone(include) {
  const lines = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300', '  IN NS ns1', 'ns1 IN A 192.0.2.1'];
  if (include) lines.push('$INCLUDE hosts.inc');
  while (lines.length < 200_100) lines.push(`h${lines.length} IN A 192.0.2.${(lines.length % 250) + 1}`);
  return lines.join('\n') + '\n';
}

/** Starts the check of a long zone; resolves with what it published once the early publish came,
 *  and a function that lets the worker end and resolves with every publish by then. */
async function started(t, { include }) {
  const { dir, FirstDiagnostics, ZoneStore } = await load(t);
  const store = new ZoneStore();
  const path = join(dir, 'long.example.com.zone');
  const uri = pathToFileURL(path).toString();
  const other = pathToFileURL(join(dir, 'hosts.inc')).toString();
  store.open(other, 'h IN A 192.0.2.7\n', 1);
  store.open(uri, longZone(include), 1);
  const first = new FirstDiagnostics(store, heldWorker, 'normal');
  t.after(() => first.stop(uri));
  const published = [];
  let heard;
  const early = new Promise((resolve) => { heard = resolve; });
  first.start(uri, (version, diagnostics) => { published.push({ version, messages: diagnostics.map((d) => d.message) }); heard(); });
  await early;
  const end = async () => {
    writeFileSync(`${path}.go`, '');
    // the stand-in posts the whole within 5 ms of seeing the file; a stopped one posts nothing,
    // which takes waiting: at least a second, two hundred times its polling period
    for (let i = 0; i < 200 && published.length < 2; i++) await new Promise((r) => setTimeout(r, 5));
    return published;
  };
  return { first, uri, other, published, end };
}

test('a long zone\'s check in a worker: its early publish, then the whole, with the other open documents when the zone has an $INCLUDE', { skip }, async (t) => {
  const { other, end } = await started(t, { include: true });
  assert.deepEqual(await end(), [{ version: 1, messages: ['early'] }, { version: 1, messages: ['whole', `others: ${other}`] }]);
  const plain = await started(t, { include: false });
  assert.deepEqual((await plain.end()).at(-1), { version: 1, messages: ['whole', 'others: '] });
});

test('another file changed while a long zone\'s check runs: a zone with $INCLUDE has its check stopped (nothing more published), one without keeps it', { skip }, async (t) => {
  const withInclude = await started(t, { include: true });
  withInclude.first.othersChanged([withInclude.other]);
  // its own document's changes are the version's business, not this
  assert.deepEqual(await withInclude.end(), [{ version: 1, messages: ['early'] }]);
  const without = await started(t, { include: false });
  without.first.othersChanged([without.other]);
  assert.deepEqual((await without.end()).map((p) => p.messages[0]), ['early', 'whole']);
  const own = await started(t, { include: true });
  own.first.othersChanged([own.uri]);
  assert.deepEqual((await own.end()).map((p) => p.messages[0]), ['early', 'whole']);
});
