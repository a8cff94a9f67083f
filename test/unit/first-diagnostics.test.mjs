// The server's first diagnostics of a long document (server/src/lsp/first-diagnostics.ts), with a
// stand-in for the worker that the test ends when it wants: what is published and when, which
// other documents go with the job, and what a change to another file does: the check of a zone
// with $INCLUDE is stopped (it may have read that file as it was), a zone without keeps its check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { fromSource } from '../helpers/from-source.mjs';

const skip = availableParallelism() < 2 && 'the server checks in a worker only with two cores or more';

const load = (t) => fromSource(t, "export { FirstDiagnostics } from './server/src/lsp/first-diagnostics'; export { ZoneStore } from './server/src/lsp/zone-store';");

/** A long zone (the server checks one in a worker from 200 000 lines), with or without an $INCLUDE. */
function longZone(include) {
  const lines = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300', '  IN NS ns1', 'ns1 IN A 192.0.2.1'];
  if (include) lines.push('$INCLUDE hosts.inc');
  while (lines.length < 200_100) lines.push(`h${lines.length} IN A 192.0.2.${(lines.length % 250) + 1}`);
  return lines.join('\n') + '\n';
}

const diagnostic = (message) => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 1, message });

/** The check of a long zone started with a stand-in worker: what it was given, what was published,
 *  and the stand-in's hands (early and settled: the worker's messages; stopped: whether the server
 *  ended it). */
async function started(t, { include }) {
  const { FirstDiagnostics, ZoneStore } = await load(t);
  const store = new ZoneStore();
  const uri = 'file:///zones/long.example.com.zone';
  const other = 'file:///zones/hosts.inc';
  store.open(other, 'h IN A 192.0.2.7\n', 1);
  store.open(uri, longZone(include), 1);
  const worker = { job: undefined, stopped: false, settled: undefined, early: undefined };
  const first = new FirstDiagnostics(store, 'normal', (job, bytes, settled, early) => {
    Object.assign(worker, { job, settled, early });
    return () => { worker.stopped = true; };
  });
  const published = [];
  first.start(uri, (version, diagnostics) => published.push({ version, messages: diagnostics.map((d) => d.message) }));
  assert.ok(worker.job, 'no check started');
  return { first, store, uri, other, worker, published };
}

test('a long zone\'s check: its early publish, then the whole; the other open documents go with a zone that has an $INCLUDE', { skip }, async (t) => {
  const s = await started(t, { include: true });
  assert.deepEqual(s.worker.job.openDocuments, [[s.other, 'h IN A 192.0.2.7\n']]);
  assert.equal(s.worker.job.background, false, "DANE_ZONE_FIRST_CHECK=normal");
  s.worker.early([diagnostic('early')]);
  s.worker.settled({ diagnostics: [diagnostic('whole')], records: 1, ms: 1 });
  assert.deepEqual(s.published, [{ version: 1, messages: ['early'] }, { version: 1, messages: ['whole'] }]);
  // the same version again (a second flush during the analysis) starts nothing
  const job = s.worker.job;
  s.first.start(s.uri, () => assert.fail('published twice'));
  assert.equal(s.worker.job, job);
  const plain = await started(t, { include: false });
  assert.deepEqual(plain.worker.job.openDocuments, []);
});

test('another file changed while a long zone\'s check runs: a zone with $INCLUDE has its check stopped, one without keeps it, and its own changes are its version\'s business', { skip }, async (t) => {
  const withInclude = await started(t, { include: true });
  withInclude.first.othersChanged([withInclude.other]);
  assert.equal(withInclude.worker.stopped, true);
  const without = await started(t, { include: false });
  without.first.othersChanged([without.other]);
  assert.equal(without.worker.stopped, false);
  without.worker.settled({ diagnostics: [diagnostic('whole')], records: 1, ms: 1 });
  assert.deepEqual(without.published.map((p) => p.messages[0]), ['whole']);
  const own = await started(t, { include: true });
  own.first.othersChanged([own.uri]);
  assert.equal(own.worker.stopped, false);
});

test('a result that comes after an edit of the document is not published', { skip }, async (t) => {
  const s = await started(t, { include: false });
  s.store.change(s.uri, [{ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, text: 'x IN A 192.0.2.9\n' }], 2);
  s.worker.early([diagnostic('early')]);
  s.worker.settled({ diagnostics: [diagnostic('whole')], records: 1, ms: 1 });
  assert.deepEqual(s.published, []);
});
