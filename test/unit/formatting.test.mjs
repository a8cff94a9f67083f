// Formatting aligns columns and changes no meaning: on every fixture zone, the
// records (canonical presentation, in order) and the problems found are the same
// before and after, and formatting twice changes nothing more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as core from '../../dist/core.js';
import { fixtureFiles, fixtureOrigin, fsReadInclude } from '../helpers/expectations.mjs';
import { rng } from '../helpers/fuzz-mutate.mjs';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

function read(text, file) {
  const origin = fixtureOrigin(text);
  return core.parseZone(text, { fileId: file, origin, readInclude: fsReadInclude });
}

function format(text, file, style) {
  const zone = read(text, file);
  const edits = core.formatEdits(zone, undefined, style);
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
    // as an editor indenting with tabs asks, and one showing tabs 4 wide
    for (const style of [{ tabSize: 8, useTabs: true }, { tabSize: 4, useTabs: true }, { tabSize: 4, useTabs: false }]) {
      const styled = format(before, file, style);
      assert.deepEqual(meaning(read(styled.text, file)), meaning(read(before, file)), JSON.stringify(style));
      assert.deepEqual(format(styled.text, file, style).edits, [], `idempotent with ${JSON.stringify(style)}`);
    }
  });
}

test('formatting aligns owner, TTL, class, type and data columns, also of multi-line heads', () => {
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
    '@                 IN SOA  ns1 hostmaster 1 7200 3600 1209600 300',
    '                  IN NS   ns1 ; primary',
    'ns1           300 IN A    192.0.2.1',
    '_25._tcp.mail     IN TLSA 3 1 1 ( 0123456789abcdef',
    '       0123456789abcdef )',
    'txt                  TXT  "two  spaces" "b"',
    '',
  ].join('\n'));
});

const sample = readFileSync(new URL('../../samples/example.zone', import.meta.url), 'utf8');
const sampleFile = fileURLToPath(new URL('../../samples/example.zone', import.meta.url));
const lineOf = (lines, start) => lines.findIndex((l) => l.startsWith(start));

test('the heads of multi-line records (SOA, TLSA, TXT) take the columns of the other records', () => {
  const { text } = format(sample, sampleFile);
  const lines = text.split('\n');
  const typeCol = lines[lineOf(lines, 'ns1 ')].indexOf(' A ') + 1;
  const dataCol = lines[lineOf(lines, 'ns1 ')].indexOf('192.0.2.53');
  assert.ok(typeCol > 10 && dataCol > typeCol, lines[lineOf(lines, 'ns1 ')]);
  for (const [owner, type, data] of [['@ ', 'SOA', 'ns1.example.com. hostmaster.example.com. ('],
    ['_25._tcp.mail ', 'TLSA', '3 1 1 ('], ['sel1._domainkey ', 'TXT', '( "v=DKIM1; k=rsa; "']]) {
    const head = lines[lineOf(lines, owner)];
    assert.equal(head.indexOf(` ${type} `) + 1, typeCol, head);
    assert.equal(head.indexOf(data), dataCol, head);
  }
  // the lines after a head move with its RDATA: the SOA fields stay under its first RDATA
  // token, the TLSA digest 6 columns left of it, the DKIM strings under the first one
  const soa = lineOf(lines, '@ ');
  for (let l = soa + 1; l <= soa + 5; l++) assert.equal(lines[l].search(/\S/), dataCol, lines[l]);
  const tlsa = lineOf(lines, '_25._tcp.mail ');
  for (let l = tlsa + 1; l <= tlsa + 2; l++) assert.equal(lines[l].search(/\S/), dataCol - 6, lines[l]);
  const dkim = lineOf(lines, 'sel1._domainkey ');
  assert.equal(lines[dkim + 1].search(/\S/), lines[dkim].indexOf('"v=DKIM1'), lines[dkim + 1]);
  // meaning kept, and idempotent
  assert.deepEqual(meaning(read(text, sampleFile)), meaning(read(sample, sampleFile)));
  assert.deepEqual(format(text, sampleFile).edits, []);
});

test('a multi-line head whose lines are indented with tabs is aligned; its other lines move with it, tabs as wide as the editor shows them', () => {
  const text = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster (\n\t\t1 7200 3600\n\t\t1209600 300 )\nns1 IN A 192.0.2.1\n';
  const out = format(text, '/tmp/tabs.zone');
  // the RDATA moved 2 columns right; the lines below were at 16 (two tabs of 8): now at 18
  assert.equal(out.text, `$ORIGIN example.com.\n$TTL 3600\n@   IN SOA ns1 hostmaster (\n${' '.repeat(18)}1 7200 3600\n${' '.repeat(18)}1209600 300 )\nns1 IN A   192.0.2.1\n`);
  // an editor showing tabs 4 wide: they were at 8, now at 10
  const zone = core.parseZone(text, { fileId: '/tmp/tabs.zone' });
  const four = core.applyLineEdits(zone.file.lines, core.formatEdits(zone, undefined, { tabSize: 4, useTabs: false }));
  assert.equal(four[3], `${' '.repeat(10)}1 7200 3600`);
  // an editor indenting with tabs: columns padded to tab stops, the lines below with tabs too
  const tabs = core.applyLineEdits(zone.file.lines, core.formatEdits(zone, undefined, { tabSize: 8, useTabs: true }));
  assert.deepEqual(tabs.slice(2, 6), ['@\tIN\tSOA\tns1 hostmaster (', `\t\t\t${' '.repeat(7)}1 7200 3600`, `\t\t\t${' '.repeat(7)}1209600 300 )`, 'ns1\tIN\tA\t192.0.2.1']);
  // the same records either way
  const again = core.parseZone(tabs.join('\n'), { fileId: '/tmp/tabs.zone' });
  assert.deepEqual(again.records.map((r) => r.values), zone.records.map((r) => r.values));
  assert.deepEqual(again.problems, []);
  // a parenthesis before the type: the entry is left as written, and widens nothing
  const before = '$ORIGIN example.com.\n$TTL 3600\nlong-owner-name ( IN A\n 192.0.2.1 )\nns1 IN A 192.0.2.1\nmail IN A 192.0.2.2\n';
  assert.equal(format(before, '/tmp/paren.zone').text, before.replace('ns1 IN', 'ns1  IN'));
});

test('a range format of a multi-line head line formats that whole record, and nothing else', () => {
  const zone = read(sample, sampleFile);
  const lines = zone.file.lines;
  const whole = core.applyLineEdits(lines, core.formatEdits(zone));
  for (const [owner, count] of [['@ ', 6], ['_25._tcp.mail ', 3], ['sel1._domainkey ', 3]]) {
    const head = lineOf(lines, owner);
    const want = lines.map((l, i) => (i >= head && i < head + count ? whole[i] : l));
    for (let i = head; i < head + 2; i++) assert.notEqual(want[i], lines[i], `${owner}: line ${i} changes`);
    for (const z of [read(sample, sampleFile), zone]) {
      const out = core.applyLineEdits(lines, core.formatEdits(z, { first: head, last: head }));
      assert.deepEqual(out, want, owner);
    }
    // a range of its other lines only: the record does not start there, nothing changes
    assert.deepEqual(core.formatEdits(zone, { first: head + 1, last: head + count - 1 }), [], owner);
  }
});

test('lines with errors are left exactly as written', () => {
  const text = '$ORIGIN example.com.\n$TTL 3600\nbad   IN   A   192.0.2.300\nok IN A 192.0.2.1\n';
  const out = format(text, '/tmp/err.zone');
  assert.equal(out.text.split('\n')[2], 'bad   IN   A   192.0.2.300');
});

test('a continuation line starting with $ keeps a blank before it: at column 0 it would read as a directive and end the record', () => {
  for (const [indent, cont] of [[' ', '$x )'], [' ', '$TTL )'], ['\t', '$ORIGIN )'], ['  ', '$x )']]) {
    const text = `$ORIGIN example.com.\n$TTL 3600\nw  TXT (\n${indent}${cont}\n`;
    const before = read(text, '/tmp/dollar.zone');
    const out = format(text, '/tmp/dollar.zone', { useTabs: false, tabSize: 4 });
    const after = read(out.text, '/tmp/dollar.zone');
    assert.deepEqual(meaning(after), meaning(before), JSON.stringify(out.text));
    assert.deepEqual(after.problems, [], JSON.stringify(out.text));
    assert.match(out.text.split('\n')[3], /^[ \t]+\$/, JSON.stringify(out.text));
  }
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
      // an entry starting in the range is formatted whole (the lines after a multi-line head
      // move with it); one starting before it is not formatted
      const entries = zone.file.entries;
      const want = lines.map((l, i) => {
        const e = entries.findLast((x) => core.entryLine(x) <= i && i < core.entryLine(x) + x.lineCount);
        const start = e ? core.entryLine(e) : i;
        return start >= first && start <= last ? whole[i] : l;
      });
      // first on a zone nothing was formatted on (it measures the columns itself), then again
      // on the zone the whole format measured (its widths are kept)
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

// The column widths are kept per document from version to version (only the entries an edit
// replaced are measured again). After each of a seeded run of edits, the format and range
// formats of the edited zone must be those of a fresh parse of the same text: columns widen
// and narrow as the widest lines come and go, also when a format was cancelled half-way.
test('after each of many edits, formats use the columns of the text as it is now', () => {
  const opts = { fileId: 'tally.zone', origin: 'example.com.' };
  const { next: rnd, pick } = rng(6);
  // few lines, and the wide values rare: the widest line of a column (also the widest
  // commented RDATA, which sets the comment column) comes and goes
  const owners = ['a', 'www', 'b', 'a', '', '', 'mail-gateway-two', 'x'.repeat(40), '@'];
  const record = () => {
    const owner = pick(owners);
    const ttl = pick(['', '', '', '60', '60', '86400']);
    const cls = pick(['', '', '', 'IN']);
    const [type, rdata] = pick([['A', '192.0.2.1'], ['AAAA', '2001:db8::1'], ['MX', '10 mail'], ['TXT', '"v=spf1 -all"'], ['TLSA', `3 1 1 ${'ab'.repeat(32)}`], ['A', '192.0.2.300']]);
    const comment = pick(['', '', '', ' ; c', '\t; a wider "comment"']);
    return `${owner || ' '} ${ttl} ${cls} ${type} ${rdata}`.replace(/ +/g, ' ') + comment;
  };
  let lines = ['$TTL 3600', '@ IN SOA ns1 hostmaster ( 1 7200 3600 1209600 300 )', '@ IN NS ns1', 'ns1 IN A 192.0.2.1'];
  for (let i = 0; i < 6; i++) lines.push(record());
  let zone = core.buildZone({ id: opts.fileId, lines: [...lines], entries: [] }, { ...opts, incremental: true });
  let narrowed = 0, widened = 0, cancelled = 0;
  const commentColumns = new Set();
  // line 3 (ns1) is never edited: its formatted length is the sum of the column widths
  const widthOf = (z) => core.applyLineEdits(z.file.lines, core.formatEdits(z))[3].length;
  let before = widthOf(zone);
  for (let step = 0; step < 300; step++) {
    const old = lines;
    const next = [...old];
    const at = 4 + Math.floor(rnd() * (next.length - 4));
    const kind = rnd();
    if (kind < 0.35) next.splice(at, 0, record());
    else if (kind < 0.7 && next.length > 6) next.splice(at, 1);
    else next[at] = record();
    let from = 0;
    while (from < next.length && next[from] === old[from]) from++;
    let toNew = next.length - 1, toOld = old.length - 1;
    while (toNew > from && toOld > from && next[toNew] === old[toOld]) { toNew--; toOld--; }
    // the zone shares its line array with the document, which the edit changes in place
    const shared = zone.file.lines;
    shared.splice(0, shared.length, ...next);
    zone = core.reparse(zone, shared, { from, to: Math.max(from, toNew) }, old.length, opts).zone;
    lines = next;
    if (rnd() < 0.2) {
      // a format ended after its first slice: the next one must not trust a half-made tally
      const steps = core.formatInSlices(zone, undefined, 2);
      steps.next();
      steps.next();
      cancelled++;
    }
    const fresh = core.parseZone(next.join('\n'), opts);
    assert.deepEqual(core.formatEdits(zone), core.formatEdits(fresh), `step ${step}: whole format`);
    const first = Math.floor(rnd() * next.length);
    const range = { first, last: Math.min(next.length - 1, first + 3) };
    assert.deepEqual(core.formatEdits(zone, range), core.formatEdits(fresh, range), `step ${step}: range format`);
    const now = widthOf(zone);
    // the comment column: where the first comment after a record line not past it starts
    const comment = core.applyLineEdits(zone.file.lines, core.formatEdits(zone)).map((l) => l.search(/ ;| \t;|\t;/)).filter((c) => c > 0 && c < 60);
    if (comment.length) commentColumns.add(Math.min(...comment));
    if (now < before) narrowed++;
    if (now > before) widened++;
    before = now;
  }
  assert.ok(narrowed >= 3 && widened >= 3 && cancelled >= 20, `narrowed ${narrowed}, widened ${widened}, cancelled ${cancelled}`);
  assert.ok(commentColumns.size >= 3, `comment columns: ${[...commentColumns]}`);
});

test('an entry with only a warning (a DS digest type not to use, a TTL over 2^31 - 1) is formatted; one with an error is left as written', () => {
  const text = `$ORIGIN example.com.\n$TTL 300\n@ SOA ns1 h 1 2 3 4 5\n@ NS ns1\nsub IN DS 12345 13 1 ${'ab'.repeat(20)}\nsub  NS ns1\nx 4294967295 IN A 192.0.2.1\nbad IN A 300.1.1.1\n`;
  const zone = core.parseZone(text, { fileId: 'w.zone' });
  assert.deepEqual(zone.problems.map((p) => [p.code, p.severity]), [['ds-digest-type', 'warning'], ['ttl-range', 'warning'], ['rdata-invalid', 'error']]);
  const out = core.applyLineEdits(zone.file.lines, core.formatEdits(zone));
  assert.equal(out[4], `sub            IN DS  12345 13 1 ${'ab'.repeat(20)}`);
  assert.equal(out[6], 'x   4294967295 IN A   192.0.2.1');
  assert.equal(out[7], 'bad IN A 300.1.1.1');
});

// Trailing comments: an operator aligns them in a column; the formatter keeps one column for
// the file's one-line records, one blank past the widest commented record's RDATA.
const commented = [
  '$ORIGIN example.com.',
  '$TTL 3600',
  '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300',
  '; name servers',
  '@  NS ns1\t\t; primary',
  '@  NS ns2.example.net.   ; secondary  ',
  'ns1 IN A 192.0.2.1 ;v4',
  'www IN A 192.0.2.80',
  'txt TXT "a;b" "no comment; here"',
  'spf TXT "v=spf1 -all" ; "quoted" ; in a comment',
  '',
].join('\n');

test('trailing comments of one-line records start at one column, one blank past the widest commented RDATA', () => {
  const out = format(commented, '/tmp/comments.zone');
  assert.equal(out.text, [
    '$ORIGIN example.com.',
    '$TTL 3600',
    '@   IN SOA ns1 hostmaster 1 7200 3600 1209600 300',
    '; name servers',
    '@      NS  ns1              ; primary',
    '@      NS  ns2.example.net. ; secondary  ',
    'ns1 IN A   192.0.2.1        ;v4',
    'www IN A   192.0.2.80',
    'txt    TXT "a;b" "no comment; here"',
    'spf    TXT "v=spf1 -all"    ; "quoted" ; in a comment',
    '',
  ].join('\n'));
  // the same records, the comments as written to the last byte, and idempotent
  assert.deepEqual(meaning(read(out.text, '/tmp/comments.zone')), meaning(read(commented, '/tmp/comments.zone')));
  assert.deepEqual(format(out.text, '/tmp/comments.zone').edits, []);
});

test('with tabs, trailing comments start at the tab stop after the widest commented RDATA', () => {
  for (const tabSize of [8, 4]) {
    const style = { tabSize, useTabs: true };
    const out = format(commented, '/tmp/comments.zone', style);
    const lines = out.text.split('\n');
    // the RDATA starts at column 8 (owner, class, type each one tab stop when 8 wide; 12 when 4)
    const data = tabSize === 8 ? 24 : 12;
    const column = Math.ceil((data + 'ns2.example.net.'.length + 1) / tabSize) * tabSize;
    const screen = (s) => [...s].reduce((col, c) => (c === '\t' ? (Math.floor(col / tabSize) + 1) * tabSize : col + 1), 0);
    for (const [l, comment] of [[4, '; primary'], [5, '; secondary  '], [6, ';v4'], [9, '; "quoted" ; in a comment']]) {
      const at = lines[l].indexOf(comment);
      assert.ok(lines[l].endsWith(comment), lines[l]);
      assert.equal(screen(lines[l].slice(0, at)), column, `tabs ${tabSize}: ${JSON.stringify(lines[l])}`);
      assert.match(lines[l].slice(0, at), /\S\t+$/, 'padded with tabs');
    }
    assert.ok(lines[8].endsWith('TXT\t"a;b" "no comment; here"'), lines[8]);
    assert.deepEqual(format(out.text, '/tmp/comments.zone', style).edits, [], `idempotent with tabs ${tabSize}`);
  }
});

test('a commented record reaching past column 80 keeps its comment one blank after it, and moves no one else\'s', () => {
  const digest = 'ab'.repeat(32);
  const text = `$ORIGIN example.com.\n$TTL 3600\n@ SOA ns1 h 1 2 3 4 5\n@ NS ns1 ; primary\n_25._tcp.mail TLSA 3 1 1 ${digest}   ; next key\nmail A 192.0.2.25  ; mx\n`;
  const lines = format(text, '/tmp/cap.zone').text.split('\n');
  assert.equal(lines[3], '@             NS   ns1        ; primary');
  assert.equal(lines[4], `_25._tcp.mail TLSA 3 1 1 ${digest} ; next key`);
  assert.equal(lines[5], 'mail          A    192.0.2.25 ; mx');
  // an owner past OWNER_CAP pushes its line on; its comment follows it
  const long = 'x'.repeat(40);
  const pushed = format(`${text}${long} A 192.0.2.26 ; far\n`, '/tmp/cap.zone').text.split('\n');
  assert.equal(pushed[6], `${long} A    192.0.2.26 ; far`);
  assert.equal(pushed[5], lines[5]);
});

test('comments of a multi-line record, inside its parentheses and after its ")", move with its lines and keep their own column', () => {
  const text = [
    '$ORIGIN example.com.',
    '$TTL 3600',
    '@ IN SOA ns1 hostmaster ( ; the apex',
    '\t1 ; serial',
    '\t7200 ; refresh',
    '\t3600 1209600 300 )   ; retry, expire, minimum',
    'ns1 IN A 192.0.2.1 ; v4',
    'mx IN MX 10 mail.example.net. ; backup',
    'txt IN TXT ( "a;b" ) ; one line',
    '',
  ].join('\n');
  const out = format(text, '/tmp/soa.zone');
  assert.equal(out.text, [
    '$ORIGIN example.com.',
    '$TTL 3600',
    '@   IN SOA ns1 hostmaster ( ; the apex',
    // the RDATA moved 2 columns right: the lines below from 8 (a tab) to 10
    `${' '.repeat(10)}1 ; serial`,
    `${' '.repeat(10)}7200 ; refresh`,
    `${' '.repeat(10)}3600 1209600 300 )   ; retry, expire, minimum`,
    'ns1 IN A   192.0.2.1            ; v4',
    'mx  IN MX  10 mail.example.net. ; backup',
    'txt IN TXT ( "a;b" ) ; one line',
    '',
  ].join('\n'));
  assert.deepEqual(meaning(read(out.text, '/tmp/soa.zone')), meaning(read(text, '/tmp/soa.zone')));
  assert.deepEqual(format(out.text, '/tmp/soa.zone').edits, []);
});

/** A zone of `n` records, a third of them with comments after RDATA of many widths. */
function commentedZone(n, seed) {
  const { next: rnd, pick } = rng(seed);
  const lines = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300', '@ IN NS ns1', 'ns1 IN A 192.0.2.1'];
  for (let i = 0; i < n; i++) {
    const owner = pick([`h${i}`, '', `host-${i}.sub`]);
    const [type, rdata] = pick([['A', `192.0.2.${i % 250}`], ['AAAA', `2001:db8::${i.toString(16)}`], ['MX', `${i % 50} mail${i}`],
      ['TXT', `"v=spf1;${'x'.repeat(i % 37)}"`], ['TLSA', `3 1 1 ${'cd'.repeat(32)}`], ['CNAME', `target-${i}`]]);
    const comment = rnd() < 0.35 ? `${pick([' ', '\t', '   '])}; ${pick(['primary', 'v4', 'backup mx; see ticket 12', ''])}` : '';
    lines.push(`${owner || ' '} ${pick(['', '300 '])}${pick(['', 'IN '])}${type} ${rdata}${comment}`);
  }
  return lines.join('\n') + '\n';
}

test('a range format of 20 lines aligns their comments as the whole format does, with spaces and with tabs', () => {
  const text = commentedZone(400, 11);
  for (const style of [undefined, { tabSize: 8, useTabs: true }, { tabSize: 4, useTabs: true }]) {
    const zone = read(text, '/tmp/range.zone');
    const lines = zone.file.lines;
    const whole = core.applyLineEdits(lines, core.formatEdits(zone, undefined, style));
    // many comments padded out to the comment column
    assert.ok(whole.filter((l) => /\S( {2,}|\t+); /.test(l)).length > 50, JSON.stringify(style));
    for (const first of [190, 0, lines.length - 20]) {
      const want = lines.map((l, i) => (i >= first && i < first + 20 ? whole[i] : l));
      for (const z of [read(text, '/tmp/range.zone'), zone]) {
        assert.deepEqual(core.applyLineEdits(lines, core.formatEdits(z, { first, last: first + 19 }, style)), want, `${JSON.stringify(style)} from ${first}`);
      }
    }
    assert.deepEqual(format(whole.join('\n'), '/tmp/range.zone', style).edits, [], `idempotent with ${JSON.stringify(style)}`);
  }
});
