// A long document's first analysis runs in slices (ZoneStore.analysisInTurns): the
// zone read in slices of a few lines, and the rules run in slices of a few records,
// must give exactly what one pass gives, whatever the slice size (entries that span
// lines, directives and $GENERATE included), and every slice must yield how far it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildZone, buildZoneInSlices, runToEnd, splitLines, RuleCache, problemFindings } from '../../dist/core.js';
import { zoneDifferences, FIXED_HOST } from '../helpers/zone-compare.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtureDirs = ['test/fixtures/rules', 'test/fixtures/dane', 'test/fixtures/corpus/valid', 'test/fixtures/corpus/broken', 'samples'];
const fixtures = fixtureDirs.flatMap((d) => readdirSync(join(root, d)).filter((f) => f.endsWith('.zone')).map((f) => join(root, d, f)));

const opts = (id) => ({ fileId: id, origin: 'example.com.', incremental: true });
const file = (id, text) => ({ id, lines: splitLines(text), entries: [] });

/** Runs a sliced computation, counting its slices; each yield says how far it is (the
 *  server's progress): between 0 and 1, never going back. */
function drain(steps) {
  let slices = 1;
  let done = 0;
  for (;;) {
    const r = steps.next();
    if (r.done) return { value: r.value, slices };
    assert.ok(typeof r.value === 'number' && r.value >= done && r.value <= 1, `progress ${done} -> ${r.value}`);
    done = r.value;
    slices++;
  }
}

const findingKeys = (fs) => fs.map((f) => `${f.ruleId} ${f.severity} ${f.message}`).sort();

test('reading a zone in slices of 1, 2, 7 and 1000 lines gives the zone of one pass', () => {
  assert.ok(fixtures.length > 40, `fixtures found: ${fixtures.length}`);
  for (const path of fixtures) {
    const text = readFileSync(path, 'utf8');
    const whole = buildZone(file(path, text), opts(path));
    for (const size of [1, 2, 7, 1000]) {
      const f = file(path, text);
      const { value: sliced, slices } = drain(buildZoneInSlices(f, opts(path), size));
      assert.deepEqual(zoneDifferences(whole, sliced), [], `${path} in slices of ${size}`);
      assert.equal(f.entries.length, whole.file.entries.length, `${path}: entries`);
      assert.deepEqual(sliced.endState, whole.endState, `${path}: end state`);
      // every slice but the last ends at an entry start at least `size` lines on
      if (size === 1) assert.ok(slices >= Math.min(f.entries.length, 2), `${path}: ${slices} slices for ${f.entries.length} entries`);
    }
  }
});

test('the rules in slices of 1, 3 and 50 records give the findings of one pass, and the caches keep working', () => {
  for (const path of fixtures) {
    const text = readFileSync(path, 'utf8');
    const zone = buildZone(file(path, text), opts(path));
    const expected = findingKeys(new RuleCache().full(zone, FIXED_HOST, {}));
    for (const size of [1, 3, 50]) {
      const cache = new RuleCache();
      const { value, slices } = drain(cache.fullInSlices(zone, FIXED_HOST, {}, size));
      assert.deepEqual(findingKeys(value), expected, `${path} in slices of ${size}`);
      if (size === 1 && zone.records.length > 1) assert.ok(slices > zone.records.length, `${path}: ${slices} slices`);
      // an update after a sliced full check sees the same caches as after a full one
      const again = cache.update(zone, [], [], FIXED_HOST, {});
      assert.deepEqual(findingKeys(again), expected, `${path}: update after a sliced check`);
    }
  }
});

test('runToEnd runs a sliced build in one go', () => {
  const text = '$ORIGIN example.com.\n$TTL 60\n@ IN SOA ns hm ( 1\n 2 3 4 5 )\n IN NS ns\nns IN A 192.0.2.1\nbad IN A 192.0.2.300\n';
  const zone = runToEnd(buildZoneInSlices(file('a', text), opts('a'), 1));
  assert.deepEqual(zone.records.map((r) => r.type), ['SOA', 'NS', 'A']);
  assert.deepEqual(problemFindings(zone).map((f) => f.ruleId), ['rdata-invalid']);
});

test('a $GENERATE line stops in the middle of its range where a slice ends, and goes on in the next: the zone of one pass', () => {
  const head = '$ORIGIN example.com.\n$TTL 300\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.1\n';
  const zones = {
    // a blank-led line after it repeats the owner before it (a $GENERATE does not change it)
    plain: head + 'www A 192.0.2.9\n$GENERATE 1-5000 host$ A 10.0.0.1\n  AAAA ::1\nbad A 192.0.2.300\n',
    // a warning found at the first iteration, an error first found at iteration 65536 (the 15537th)
    late: head + '$GENERATE 1-3000 h${-2000} A 10.0.0.1\n$GENERATE 50000-70000/1 g$ AAAA ::${0,0,x}\nafter AAAA ::1\n',
    step: head + '$GENERATE 1-99999/7 a$ TXT "x $"\n$GENERATE 5-20005 b$ A 10.0.0.$\n; ignore=rdata-invalid\n$GENERATE 1-900 c$ CNAME www\n',
    // an included file's $GENERATE is read in one piece (one include, one entry)
    include: head + '$INCLUDE more.inc\n$GENERATE 1-2500 tail$ A 192.0.2.1\n',
  };
  const readInclude = () => ({ id: 'more.inc', text: '$GENERATE 1-3000 inc$ A 192.0.2.7\n' });
  for (const [name, text] of Object.entries(zones)) {
    const o = { ...opts(name), readInclude };
    const whole = buildZone(file(name, text), o);
    const generated = whole.records.filter((r) => r.generated).length;
    for (const size of [1, 7, 1000]) {
      const f = file(name, text);
      const { value: sliced, slices } = drain(buildZoneInSlices(f, o, 10_000, size));
      assert.deepEqual(zoneDifferences(whole, sliced), [], `${name} in slices of ${size} generated records`);
      assert.deepEqual(f.entries.map((e) => [e.recordCount, e.problems.length]), whole.file.entries.map((e) => [e.recordCount, e.problems.length]), `${name}: entries`);
      assert.deepEqual(sliced.endState, whole.endState, `${name}: end state`);
      assert.equal(sliced.generatedCount, whole.generatedCount);
      // every slice ends after `size` records of the zone's own $GENERATE lines
      const own = name === 'include' ? generated - 3000 : generated;
      assert.ok(slices >= Math.floor(own / size), `${name}: ${slices} slices for ${own} records in slices of ${size}`);
    }
    // told how many records the $GENERATE lines make, the progress counts them with the lines
    const told = [];
    const steps = buildZoneInSlices(file(name, text), o, 10_000, 1000, generated);
    for (let r = steps.next(); !r.done; r = steps.next()) told.push(r.value);
    assert.ok(told.some((x) => x > 0.3 && x < 0.7), `${name}: progress ${told.map((x) => x.toFixed(2))}`);
    assert.deepEqual(told, [...told].sort((a, b) => a - b));
  }
});
