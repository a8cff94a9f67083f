// The sorted owner keys behind name completion (features/owner-index.ts): made at once for a
// zone of up to SORT_AT_ONCE_MAX owners; for a bigger one made in slices (a merge sort), with
// owners that re-parses add meanwhile kept, while name completion answers from a bounded look
// in file order, marked incomplete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as core from '../../dist/core.js';

const HEAD = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300', 'ns1 IN A 192.0.2.1'];
// names in no sorted order, more than one slice of the sort (8192) and not a multiple of it
const hostLines = (n) => Array.from({ length: n }, (_, i) => `${(i * 7919) % n % 3 ? 'h' : 'mail'}${(i * 7919) % n} IN A 10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
const zoneOf = (lines) => core.parseZone(lines.join('\n') + '\n', { fileId: 'file:///z/example.com.zone', origin: 'example.com.', incremental: true });
const codeUnitOrder = (keys) => [...keys].sort();

/** Runs the steps to their end; `between` is called after the first one. */
function runSteps(steps, between) {
  let r = steps.next();
  between?.();
  const progress = [];
  while (!r.done) {
    progress.push(r.value);
    r = steps.next();
  }
  return progress;
}

test('a small zone: the owners sorted at once, no slices needed', () => {
  const zone = zoneOf([...HEAD, 'www IN CNAME ns1', '_dmarc IN TXT "v=DMARC1; p=none"', 'B IN A 192.0.2.2']);
  assert.deepEqual(core.sortedOwners(zone), ['_dmarc.example.com.', 'b.example.com.', 'example.com.', 'ns1.example.com.', 'www.example.com.']);
  assert.equal(core.ownerIndexInSlices(zone), undefined);
});

test('a big zone: sorted in slices in code unit order, keeping owners added meanwhile', () => {
  const n = core.SORT_AT_ONCE_MAX + 9_000;
  const zone = zoneOf([...HEAD, ...hostLines(n)]);
  assert.ok(zone.byOwner.size > core.SORT_AT_ONCE_MAX);
  assert.equal(core.sortedOwners(zone), undefined, 'not sorted at once');
  const steps = core.ownerIndexInSlices(zone);
  assert.ok(steps);
  assert.equal(core.ownerIndexInSlices(zone), undefined, 'one sort at a time');
  // an owner added by a re-parse while the sort runs (byOwner changes in place)
  const late = { ownerKey: 'late.example.com.' };
  const progress = runSteps(steps, () => {
    zone.byOwner.set(late.ownerKey, []);
    core.noteOwnerChanges(zone, [], [late]);
  });
  assert.ok(progress.length > 8, 'many slices');
  assert.ok(progress.every((p, i) => p > 0 && p <= 1 && (i === 0 || p >= progress[i - 1])), 'progress grows to at most 1');
  assert.deepEqual(core.sortedOwners(zone), codeUnitOrder(zone.byOwner.keys()));
  assert.equal(core.ownerIndexInSlices(zone), undefined, 'made');
});

test('a sort that is stopped can start again', () => {
  const zone = zoneOf([...HEAD, ...hostLines(core.SORT_AT_ONCE_MAX + 10)]);
  const first = core.ownerIndexInSlices(zone);
  first.next();
  first.return();
  assert.equal(core.sortedOwners(zone), undefined);
  const again = core.ownerIndexInSlices(zone);
  assert.ok(again, 'started again');
  runSteps(again);
  assert.deepEqual(core.sortedOwners(zone), codeUnitOrder(zone.byOwner.keys()));
});

test('name completion on a big zone: a bounded look, incomplete, until the owners are sorted; then complete and in order', () => {
  const n = core.SORT_AT_ONCE_MAX + 1_000;
  const text = [...HEAD, ...hostLines(n), 'MX1.Other.TEST. IN A 192.0.2.3', '@ IN MX 10 h4999'];
  const zone = zoneOf(text);
  const line = text.length - 1, col = '@ IN MX 10 h4999'.length;
  const before = core.completionListAt(zone, line, col);
  assert.equal(before.ownersPending, true);
  assert.equal(before.incomplete, true);
  for (const e of before.entries) assert.match(e.label, /^h4999/);
  runSteps(core.ownerIndexInSlices(zone));
  const after = core.completionListAt(zone, line, col);
  assert.equal(after.ownersPending, undefined);
  assert.equal(after.incomplete, false);
  const expected = ['h4999', ...Array.from({ length: 10 }, (_, i) => `h4999${i}`)].filter((h) => zone.byOwner.has(`${h}.example.com.`));
  assert.deepEqual(after.entries.map((e) => e.label), expected);
  // the case the operator wrote
  const mx = text.length - 1;
  text[mx] = '@ IN MX 10 mx';
  const typed = zoneOf(text);
  runSteps(core.ownerIndexInSlices(typed));
  assert.deepEqual(core.completionListAt(typed, mx, text[mx].length).entries.map((e) => [e.label, e.detail]), [
    ['MX1.Other.TEST.', 'MX1.Other.TEST. — A'],
  ]);
});
