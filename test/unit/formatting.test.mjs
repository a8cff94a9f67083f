// Formatting aligns columns and changes no meaning: on every fixture zone, the
// records (canonical presentation, in order) and the problems found are the same
// before and after, and formatting twice changes nothing more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as core from '../../dist/core.js';
import { fixtureFiles, fixtureOrigin, fsReadInclude } from '../helpers/expectations.mjs';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

function read(text, file) {
  const origin = fixtureOrigin(text);
  return core.parseZone(text, { fileId: file, origin, readInclude: fsReadInclude });
}

function format(text, file) {
  const zone = read(text, file);
  const edits = core.formatEdits(zone);
  return { edits, text: core.applyLineEdits(zone.file.lines, edits).join('\n') };
}

const meaning = (zone) => ({
  records: zone.records.map((r) => core.presentRecord(r)),
  problems: zone.problems.map((p) => `${p.code} ${core.absRange(p.loc).startLine}`),
});

const files = fixtureFiles(fixtures);

test('there are fixtures to format', () => assert.ok(files.length > 40));

for (const file of files) {
  test(`formatting keeps the meaning of ${file.slice(fixtures.length)}`, () => {
    const before = readFileSync(file, 'utf8');
    const once = format(before, file);
    assert.deepEqual(meaning(read(once.text, file)), meaning(read(before, file)));
    const twice = format(once.text, file);
    assert.deepEqual(twice.edits, [], 'formatting is idempotent');
  });
}

test('formatting aligns owner, TTL, class, type and data columns; multi-line entries stay', () => {
  const text = [
    '$ORIGIN example.com.',
    '$TTL 3600',
    '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300',
    ' IN NS ns1 ; primary',
    'ns1 300 IN A 192.0.2.1',
    '_25._tcp.mail IN TLSA 3 1 1 ( 0123456789abcdef',
    '   0123456789abcdef )',
    'txt TXT "two  spaces" "b"',
    '',
  ].join('\n');
  const out = format(text, '/tmp/align.zone');
  assert.equal(out.text, [
    '$ORIGIN example.com.',
    '$TTL 3600',
    '@       IN SOA ns1 hostmaster 1 7200 3600 1209600 300',
    '        IN NS  ns1 ; primary',
    'ns1 300 IN A   192.0.2.1',
    '_25._tcp.mail IN TLSA 3 1 1 ( 0123456789abcdef',
    '   0123456789abcdef )',
    'txt        TXT "two  spaces" "b"',
    '',
  ].join('\n'));
});

test('lines with errors are left exactly as written', () => {
  const text = '$ORIGIN example.com.\n$TTL 3600\nbad   IN   A   192.0.2.300\nok IN A 192.0.2.1\n';
  const out = format(text, '/tmp/err.zone');
  assert.equal(out.text.split('\n')[2], 'bad   IN   A   192.0.2.300');
});

/** Applies edits with any line/column ranges (non-overlapping) to lines, as an editor does. */
function applyRanges(lines, edits) {
  const text = lines.join('\n');
  const starts = [0];
  for (const l of lines) starts.push(starts.at(-1) + l.length + 1);
  const at = (line, col) => starts[line] + col;
  let out = text;
  for (const e of [...edits].sort((a, b) => b.range.startLine - a.range.startLine)) {
    out = out.slice(0, at(e.range.startLine, e.range.startCol)) + e.newText + out.slice(at(e.range.endLine, e.range.endCol));
  }
  return out;
}

test('a range format changes the lines it covers as the whole format does, and no other', () => {
  let changed = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const zone = read(text, file);
    const lines = zone.file.lines;
    const whole = core.applyLineEdits(lines, core.formatEdits(zone));
    const n = lines.length;
    for (const [first, last] of [[0, n], [0, n >> 1], [n >> 2, (3 * n) >> 2], [n >> 1, n >> 1], [n - 1, n + 5]]) {
      const want = lines.map((l, i) => (i >= first && i <= last ? whole[i] : l));
      // first on a zone nothing was formatted on (it measures the columns itself), then again
      // on the zone the whole format measured (the widths are kept per zone)
      for (const z of [read(text, file), zone]) {
        const out = core.applyLineEdits(lines, core.formatEdits(z, { first, last }));
        assert.deepEqual(out, want, `${file} lines ${first}-${last}`);
      }
      changed += want.filter((l, i) => l !== lines[i]).length;
    }
  }
  assert.ok(changed > 100, `lines changed: ${changed}`);
});

test('a range format after an edit aligns with the columns of the edited zone', () => {
  const opts = { fileId: 'w.zone', origin: 'example.com.' };
  const text = '$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\nwww IN A 192.0.2.2\n';
  const lines = core.splitLines(text);
  let zone = core.buildZone({ id: 'w.zone', lines, entries: [] }, { ...opts, incremental: true });
  const last = lines.length - 2; // www
  const before = core.formatEdits(zone, { first: last, last });
  assert.equal(before.length, 1);
  assert.equal(before[0].newText, 'www IN A   192.0.2.2');
  // a longer owner on a new line widens the owner column for every line
  const next = core.splitLines(text.replace('ns1 IN A', 'mail-gateway-two IN A 192.0.2.9\nns1 IN A'));
  zone = core.reparse(zone, next, { from: 3, to: 3 }, lines.length, opts).zone;
  const after = core.formatEdits(zone, { first: last + 1, last: last + 1 });
  const fresh = core.formatEdits(core.parseZone(next.join('\n'), opts), { first: last + 1, last: last + 1 });
  assert.deepEqual(after, fresh);
  assert.ok(after[0].newText.startsWith('www'.padEnd('mail-gateway-two'.length + 1)), after[0].newText);
});

test('format edits are runs of whole lines that never touch, and read the same applied as an editor applies them', () => {
  let runs = 0;
  for (const file of files) {
    const zone = read(readFileSync(file, 'utf8'), file);
    const lines = zone.file.lines;
    const edits = core.formatEdits(zone);
    for (const [i, e] of edits.entries()) {
      assert.equal(e.range.startCol, 0, file);
      assert.equal(e.range.endCol, lines[e.range.endLine].length, file);
      assert.equal(e.newText.split('\n').length, e.range.endLine - e.range.startLine + 1, file);
      if (i > 0) assert.ok(e.range.startLine > edits[i - 1].range.endLine + 1, `${file}: two edits touch`);
      if (e.range.endLine > e.range.startLine) runs++;
    }
    assert.equal(applyRanges(lines, edits), core.applyLineEdits(lines, edits).join('\n'), file);
  }
  assert.ok(runs > 10, `edits of more than one line: ${runs}`);
});

test('formatting in slices of 1, 3 and 100 entries gives the edits of one pass, yielding how far it is', () => {
  for (const file of files) {
    const zone = read(readFileSync(file, 'utf8'), file);
    const whole = core.formatEdits(zone);
    for (const size of [1, 3, 100]) {
      const steps = core.formatInSlices(zone, undefined, size);
      let done = 0;
      for (;;) {
        const r = steps.next();
        if (r.done) {
          assert.deepEqual(r.value, whole, `${file} in slices of ${size}`);
          break;
        }
        assert.ok(r.value >= done && r.value <= 1, `${file}: progress ${done} -> ${r.value}`);
        done = r.value;
      }
    }
  }
});
