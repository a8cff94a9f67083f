// A short zone whose $GENERATE line makes 100 000 records is read in turns by the editor's
// ZoneStore, its range in slices (one piece held the server for 0.4-0.8 s); an edit while it is
// read lets that read go on in turns with the text before the edit (finished in one piece, it held
// the server), unless typed into the line, which drops it once (dropped at every keystroke, a
// document typed in without pause got no diagnostics), and an edit of that line reads the
// zone whole again in turns instead of re-parsing the line in one piece.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromSource } from '../helpers/from-source.mjs';

const load = (t) => fromSource(t, "export { ZoneStore } from './server/src/lsp/zone-store';");

const HEAD = ['$ORIGIN example.com.', '$TTL 300', '@ SOA ns1 hostmaster 1 7200 3600 1209600 300', '@ NS ns1', 'ns1 A 192.0.2.1'];
const GEN = HEAD.length; // the $GENERATE line
const text = [...HEAD, '$GENERATE 1-100000 host$ A 10.0.0.1', 'bad A 192.0.2.300', ''].join('\n');
/** The progress while the line's range is read: the reading is the first 0.75 of an analysis,
 *  counted in lines and generated records (the lines before the $GENERATE line are a few of
 *  100 000 records, and the lines after it as few). */
const inLine = (done) => done > 0.01 && done < 0.74;

const keys = (a) => a.findings.map((f) => `${f.ruleId} ${f.severity} ${f.message}`).sort();
const uri = 'file:///zones/gen.example.com.zone';
const at = (line, from, to, newText) => ({ range: { start: { line, character: from }, end: { line, character: to } }, text: newText });
/** the range's start typed over: `$GENERATE 1-100000` -> `$GENERATE <digit>-100000` */
const rangeStart = (digit) => at(GEN, '$GENERATE '.length, '$GENERATE '.length + 1, digit);

/** A store that records the progress of its analyses in turns. */
function storeWithProgress(ZoneStore) {
  const store = new ZoneStore();
  const progress = [];
  store.observer = { started: () => progress.push('started'), progressed: (_u, d) => progress.push(d), ended: () => progress.push('ended') };
  return { store, progress };
}

/** The analysis of `text` in a store of its own, in one piece. */
function fresh(ZoneStore, text) {
  const store = new ZoneStore();
  store.open(uri, text, 1);
  return store.analysis(uri);
}

const turn = () => new Promise((r) => setImmediate(r));

/** Turns until the read in progress is inside the $GENERATE line's range (3 reports there). */
async function insideTheLine(progress) {
  const from = progress.lastIndexOf('started');
  while (progress.slice(from).filter((p) => typeof p === 'number' && inLine(p)).length < 3) {
    assert.ok(!progress.slice(from).includes('ended'), `the line was read in one turn: ${progress.join(' ')}`);
    await turn();
  }
}

test('one $GENERATE line of 100 000 records is read in turns, its range in slices; typed into while read, that read is dropped, but not the one that took its place: it goes on in turns with the text before the edit', async (t) => {
  const { ZoneStore } = await load(t);
  const { store, progress } = storeWithProgress(ZoneStore);
  store.open(uri, text, 1);
  assert.equal(store.longAnalysisAhead(uri), true, 'a short zone of 100 000 generated records is read in turns');
  const first = store.analysisInTurns(uri);
  await insideTheLine(progress);
  store.change(uri, [rangeStart('2')], 2);
  assert.equal(await first, undefined, 'the read of version 1 was finished, not dropped');
  assert.equal(progress.at(-1), 'ended');

  // version 2's read takes its place: typed into again, it goes on (neither finished in one piece nor dropped)
  assert.equal(store.longAnalysisAhead(uri), true);
  const second = store.analysisInTurns(uri);
  await insideTheLine(progress);
  const before = progress.length;
  store.change(uri, [rangeStart('3')], 3);
  assert.equal(progress.length, before, 'the edit finished or dropped the read');
  const v2 = await second;
  assert.ok(progress.slice(before).filter((p) => typeof p === 'number').length >= 3, `the rest in one piece: ${progress.slice(before).join(' ')}`);
  assert.equal(v2.version, 2);
  assert.equal(v2.zone.records.length, 99_999 + 3);
  assert.deepEqual(keys(v2), keys(fresh(ZoneStore, text.replace('1-100000', '2-100000'))));

  // version 3, read whole in turns too, is what a fresh read of its text finds
  assert.equal(store.longAnalysisAhead(uri), true);
  const third = await store.analysisInTurns(uri);
  assert.equal(third.version, 3);
  assert.deepEqual(keys(third), keys(fresh(ZoneStore, store.docs.get(uri).getText())));
  assert.equal(third.zone.records.length, 99_998 + 3);
});

test('an edit of another line while the $GENERATE line is read: that read ends in turns and seeds the edit\'s re-parse', async (t) => {
  const { ZoneStore } = await load(t);
  const { store, progress } = storeWithProgress(ZoneStore);
  store.open(uri, text, 1);
  const first = store.analysisInTurns(uri);
  while (!progress.some((p) => typeof p === 'number' && inLine(p))) await turn();
  // the bad address below it fixed, then a record added, while it is read
  store.change(uri, [at(GEN + 1, 'bad A 192.0.2.'.length, 'bad A 192.0.2.300'.length, '30')], 2);
  store.change(uri, [at(GEN + 2, 0, 0, 'www A 192.0.2.300\n')], 3);
  assert.equal((await first).version, 1);
  assert.equal(store.longAnalysisAhead(uri), false, 'the edits are re-parsed');
  const a = store.analysis(uri);
  assert.equal(a.version, 3);
  assert.deepEqual(keys(a), keys(fresh(ZoneStore, store.docs.get(uri).getText())));
  assert.equal(a.zone.records.length, 100_000 + 4);
});

test('an edit of a long $GENERATE line of a short zone is read whole in turns; one of another line is re-parsed', async (t) => {
  const { ZoneStore } = await load(t);
  const { store } = storeWithProgress(ZoneStore);
  store.open(uri, text, 1);
  await store.analysisInTurns(uri);
  // the SOA's serial: re-parsed at once
  store.change(uri, [at(2, '@ SOA ns1 hostmaster '.length, '@ SOA ns1 hostmaster 1'.length, '2')], 2);
  assert.equal(store.longAnalysisAhead(uri), false, 'an edit of another line is re-parsed');
  assert.equal(store.analysis(uri).version, 2);
  // the $GENERATE line's range: read whole, in turns; the line deleted: read whole, at once (short)
  for (const [version, change] of [[3, rangeStart('5')], [4, at(GEN, 0, '$GENERATE 5-100000 host$ A 10.0.0.1'.length, '; gone')]]) {
    store.change(uri, [change], version);
    assert.equal(store.longAnalysisAhead(uri), version === 3, `version ${version}`);
    const a = await store.analysisInTurns(uri);
    assert.equal(a.version, version);
    assert.deepEqual(keys(a), keys(fresh(ZoneStore, store.docs.get(uri).getText())), `version ${version}`);
  }
});

test('an edit above a long $GENERATE line that changes what it starts from ($TTL, $ORIGIN, the owner before it) is read whole in turns, not re-parsed through the line in one piece', async (t) => {
  const { ZoneStore } = await load(t);
  const { store } = storeWithProgress(ZoneStore);
  store.open(uri, text, 1);
  await store.analysisInTurns(uri);
  const steps = [
    [at(1, '$TTL '.length, '$TTL 300'.length, '600'), true], // the default TTL of every generated record
    [at(GEN - 1, 0, 'ns1'.length, 'ns2'), true], // the owner before the line (a blank-led record after it would take it)
    // its address: the entry after an edit is always read again (a comment above it may have
    // changed), so this one too, in turns
    [at(GEN - 1, 'ns2 A 192.0.2.'.length, 'ns2 A 192.0.2.1'.length, '7'), true],
    [at(3, '@ NS '.length, '@ NS ns1'.length, 'ns2'), false], // two lines above: re-parsed, the line not reached
    [at(0, '$ORIGIN '.length, '$ORIGIN example'.length, 'example2'), true],
    [at(2, '@ SOA ns1 hostmaster '.length, '@ SOA ns1 hostmaster 1'.length, '3'), false], // the SOA serial
  ];
  let version = 1;
  for (const [change, inTurns] of steps) {
    store.change(uri, [change], ++version);
    assert.equal(store.longAnalysisAhead(uri), inTurns, `version ${version}: ${change.text}`);
    assert.equal(store.longAnalysisAhead(uri), inTurns, 'asked again: the same answer');
    const a = await store.analysisInTurns(uri);
    assert.equal(a.version, version);
    assert.deepEqual(keys(a), keys(fresh(ZoneStore, store.docs.get(uri).getText())), `version ${version}`);
  }
});

test('the $GENERATE records a document is taken to make are those the parser reads: a range past 100 000 is one record, a + sign is read, a bad range none', async (t) => {
  const { generatedIn } = await fromSource(t, "export { generatedIn } from './server/src/zone/generate';");
  const count = (line) => generatedIn([line], 0, 0, 100_000);
  assert.deepEqual(['$GENERATE 1-100000 h$ A 10.0.0.1', '$GENERATE 1-200000 h$ A 10.0.0.1', '$generate +1-+10/+2 h$ A 10.0.0.1',
    '$GENERATE 5-1 h$ A 10.0.0.1', '$GENERATE 1-10junk h$ A 10.0.0.1', '  $GENERATE 1-3 h$ A 10.0.0.1'].map(count), [100_000, 1, 5, 0, 0, 3]);
});
