// `; dane-zone: ignore=` / `ignore-file=` comments: what they silence, what they cannot,
// how a badly written one is reported, and the quick-fixes that write them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as core from '../../dist/core.js';
import { checkFixture, parseExpectations } from '../helpers/expectations.mjs';
import { findingsAfterEachSplice } from '../helpers/edit-steps.mjs';

const fixture = fileURLToPath(new URL('../fixtures/ignore/ignore-comments.zone', import.meta.url));
const check = (text, opts = {}) => core.checkText(text, { fileId: '/z/example.zone', origin: 'example.com.', ...opts }).findings;
const at = (fs) => fs.map((f) => `${core.absRange(f.loc).startLine} ${f.ruleId}`).sort();

test('the fixture reports exactly its inline expectations: silenced findings are gone, badly written comments are shown', () => {
  checkFixture(core, fixture);
});

test('without its ignore comments the fixture has exactly the findings they silenced', () => {
  const text = readFileSync(fixture, 'utf8');
  // the same lines, each ignore comment's words replaced by a plain comment
  const plain = text.replace(/dane-zone: ignore(-file)?\S*/g, 'no longer ignored');
  assert.equal(plain.split('\n').length, text.split('\n').length);
  const lines = text.split('\n');
  const lineOf = (s) => lines.findIndex((l) => l.startsWith(s));
  const kept = new Set(at(check(text)));
  const extra = at(check(plain)).filter((k) => !kept.has(k));
  const silenced = [
    ...lines.flatMap((l, i) => (l.startsWith('pool ') ? [`${i} ttl-mismatch`] : [])).slice(1), // file-wide
    `${lineOf('www_1 ')} hostname-syntax`, // comment block above, with a reason and another comment line
    `${lineOf('old_1 ')} hostname-syntax`, // at the end of the entry
    `${lineOf('multi    IN TXT (')} duplicate-record`, // on the second line of an entry in parentheses
    `${lineOf('sec ')} ds-digest-type`, // a parse problem that is only a warning
    `${lineOf('outside.')} out-of-zone`, // ignore-file below the records
    `${lineOf('$TTL 4294967295')} ttl-range`, // above a directive, a reading problem of its own
  ];
  // and the ignore-invalid warnings are gone with the comments
  assert.deepEqual(extra.sort(), silenced.sort());
  assert.equal(at(check(plain)).filter((k) => k.endsWith('ignore-invalid')).length, 0);
  assert.equal(parseExpectations(text).filter((e) => e.ruleId === 'ignore-invalid').length, 8);
});

test('an error that stops the zone loading cannot be silenced, be it a reading problem or a rule (a CNAME beside other data); another rule error can', () => {
  const zone = '$TTL 300\n@ IN SOA ns1 h 1 3600 900 604800 300\n@ NS ns1\nns1 A 192.0.2.1\n' +
    'bad IN A 192.0.2.300 ; dane-zone: ignore=rdata-invalid\n' +
    'c IN CNAME ns1\nc IN TXT "x" ; dane-zone: ignore=cname-and-other-data\n' +
    'spf IN TXT "v=spf1 include:_spf.example.com -all" ; dane-zone: ignore=spf-include-missing\n';
  assert.deepEqual(at(check(zone, { origin: 'example.com.' })), ['4 ignore-invalid', '4 rdata-invalid', '6 cname-and-other-data', '6 ignore-invalid']);
  assert.match(check(zone).find((f) => f.ruleId === 'ignore-invalid').message, /'rdata-invalid' cannot be ignored: BIND or Knot refuses a zone with it/);
  assert.ok(!core.canIgnore('cname-and-other-data') && !core.canIgnore('ns-missing-at-apex') && core.canIgnore('spf-include-missing'));
  // codes that are warnings mostly, and errors where the zone does not load: the errors stay
  const noTtl = '$ORIGIN example.com.\nwww A 192.0.2.1 ; dane-zone: ignore=ttl-missing\n@ 300 SOA ns1 h 1 3600 900 604800 300\n@ 300 NS ns1\n';
  assert.ok(check(noTtl).some((f) => f.ruleId === 'ttl-missing' && f.severity === 'error'));
  const ds0 = zone + 'sub IN NS ns.example.net.\nsub IN DS 12345 13 0 aabb ; dane-zone: ignore=ds-digest-type\nsub1 IN NS ns.example.net.\nsub1 IN DS 12345 13 1 2bb183af5f22588179a53b0a98631fad1a292118 ; dane-zone: ignore=ds-digest-type\n';
  assert.deepEqual(check(ds0).filter((f) => f.ruleId === 'ds-digest-type').map((f) => f.severity), ['error'], 'type 0 (Knot refuses the zone) stays; SHA-1, a warning, is silenced');
});

test('ids are read case-insensitively, separated by commas with blanks, and followed by a reason', () => {
  const zone = '$TTL 300\n@ IN SOA ns1 h 1 3600 900 604800 300\n@ NS ns1\nns1 A 192.0.2.1\n' +
    ';dane-zone:ignore = TTL-Mismatch ,  HOSTNAME-Syntax -- moved next week\nc_1 IN A 192.0.2.7\n';
  assert.deepEqual(at(check(zone)), []);
  const r = core.readIgnoreComment(';dane-zone:ignore = TTL-Mismatch ,  CNAME-and-other-data -- moved next week');
  assert.deepEqual(r.ids.map((x) => x.id), ['ttl-mismatch', 'cname-and-other-data']);
  assert.equal(core.readIgnoreComment('; dane-zone: ignored=x'), undefined, 'another word is not an ignore comment');
  assert.equal(core.readIgnoreComment('; dane-zone: cert=certs/a.pem'), undefined);
});

test('the editor\'s parser and the column store of a whole-file check report the same ignore problems', () => {
  const text = readFileSync(fixture, 'utf8');
  const parsed = core.parseZone(text, { fileId: 'x', origin: 'example.com.', ignorable: core.whyNotIgnorable });
  const scanned = core.scanZone(text, { fileId: 'x', origin: 'example.com.', ignorable: core.whyNotIgnorable });
  const problems = (z) => z.problems.filter((p) => p.code === 'ignore-invalid').map((p) => `${core.absRange(p.loc).startLine}:${core.absRange(p.loc).startCol} ${p.message}`);
  assert.equal(problems(parsed).length, 6);
  assert.deepEqual(problems(scanned), problems(parsed));
});

/** Applies a quick-fix's edits (one file) to `text`. */
function applied(text, fix) {
  const lines = text.split('\n');
  const offset = (l, c) => lines.slice(0, l).reduce((n, x) => n + x.length + 1, 0) + c;
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => offset(b.range.startLine, b.range.startCol) - offset(a.range.startLine, a.range.startCol))) {
    out = out.slice(0, offset(e.range.startLine, e.range.startCol)) + e.newText + out.slice(offset(e.range.endLine, e.range.endCol));
  }
  return out;
}

function fixesFor(text, ruleId, line) {
  const zone = core.parseZone(text, { fileId: '/z/example.zone', origin: 'example.com.' });
  const entry = zone.file.entries.find((e) => core.entryLine(e) <= line && line < core.entryLine(e) + e.lineCount);
  const [here, file] = core.ignoreFixes(zone, zone.file, entry, ruleId);
  return { here, file };
}

const HEAD = '$TTL 300\n@ IN SOA ns1 h 1 3600 900 604800 300\n@ NS ns1\nns1 A 192.0.2.1\n';

test('"Ignore here" writes a comment line above the comments over the entry, so a cert= link stays directly above its record', () => {
  const tlsa = `_25._tcp.mx IN TLSA 3 1 1 ${'ab'.repeat(32)}\n`;
  const zone = HEAD + '@ MX 10 mx\nmx A 192.0.2.7\n; the TLSA below\n; dane-zone: cert=certs/a.pem\n' + tlsa;
  const { here } = fixesFor(zone, 'tlsa-single-record', 8);
  assert.equal(here.title, 'Ignore tlsa-single-record here (dane-zone: ignore comment)');
  const after = applied(zone, here);
  assert.equal(after, HEAD + '@ MX 10 mx\nmx A 192.0.2.7\n; dane-zone: ignore=tlsa-single-record\n; the TLSA below\n; dane-zone: cert=certs/a.pem\n' + tlsa);
  assert.deepEqual(at(check(zone)), ['8 tlsa-single-record']);
  // (no cert-link-unused: the link is still directly above its record)
  assert.deepEqual(at(check(after)), []);
});

test('"Ignore here" adds the id to an ignore comment already there (at the end of the entry or above it)', () => {
  for (const [zone, want] of [
    [HEAD + 'c IN TXT "c"\nc_x IN A 192.0.2.7 ; dane-zone: ignore=ttl-mismatch -- why\n', HEAD + 'c IN TXT "c"\nc_x IN A 192.0.2.7 ; dane-zone: ignore=ttl-mismatch,hostname-syntax -- why\n'],
    [HEAD + 'c IN TXT "c"\n;dane-zone: ignore=ttl-mismatch\nc_x IN A 192.0.2.7\n', HEAD + 'c IN TXT "c"\n;dane-zone: ignore=ttl-mismatch,hostname-syntax\nc_x IN A 192.0.2.7\n'],
  ]) {
    const line = want.split('\n').findIndex((l) => l.startsWith('c_x '));
    const after = applied(zone, fixesFor(zone, 'hostname-syntax', line).here);
    assert.equal(after, want);
    assert.deepEqual(at(check(after)), []);
  }
});

test('"Ignore in this file" writes an ignore-file comment at the top, or adds to the one there', () => {
  const zone = HEAD + 'c IN TXT "c"\nc_x IN A 192.0.2.7\n';
  const first = applied(zone, fixesFor(zone, 'hostname-syntax', 5).file);
  assert.equal(first, '; dane-zone: ignore-file=hostname-syntax\n' + zone);
  assert.deepEqual(at(check(first)), []);
  const withWide = '; zone of example.com\n; dane-zone: ignore-file=ttl-mismatch\n' + zone;
  const second = applied(withWide, fixesFor(withWide, 'hostname-syntax', 7).file);
  assert.equal(second, '; zone of example.com\n; dane-zone: ignore-file=ttl-mismatch,hostname-syntax\n' + zone);
  assert.deepEqual(at(check(second)), []);
});

test('a finding in an $INCLUDEd file is silenced by a comment in that file', () => {
  const files = {
    '/z/example.zone': HEAD + '$INCLUDE hosts.inc\n',
    '/z/hosts.inc': 'c IN TXT "c"\nc_x IN A 192.0.2.7 ; dane-zone: ignore=hostname-syntax\nd IN TXT "d"\nd_y IN A 192.0.2.8\n',
  };
  const readInclude = (from, p) => ({ id: `/z/${p}`, text: files[`/z/${p}`] });
  const found = check(files['/z/example.zone'], { readInclude });
  assert.deepEqual(found.map((f) => `${f.loc.file.id} ${core.absRange(f.loc).startLine} ${f.ruleId}`), ['/z/hosts.inc 3 hostname-syntax']);
});

test('an ignore comment on lines of its own that speaks for no record says it ignores nothing: above an $INCLUDE, a blank line, the end of the file', () => {
  const files = {
    '/z/example.zone': HEAD + '; dane-zone: ignore=hostname-syntax -- meant for hosts.inc\n$INCLUDE hosts.inc\nlast_1 IN A 192.0.2.9\n; dane-zone: ignore=hostname-syntax',
    '/z/hosts.inc': 'c_x IN A 192.0.2.7\n',
  };
  const readInclude = (from, p) => ({ id: `/z/${p}`, text: files[`/z/${p}`] });
  const found = check(files['/z/example.zone'], { readInclude });
  assert.deepEqual(found.map((f) => `${f.loc.file.id} ${core.absRange(f.loc).startLine} ${f.ruleId}`).sort(),
    ['/z/example.zone 4 ignore-invalid', '/z/example.zone 6 hostname-syntax', '/z/example.zone 7 ignore-invalid', '/z/hosts.inc 0 hostname-syntax']);
  const [include, end] = found.filter((f) => f.ruleId === 'ignore-invalid').map((f) => f.message);
  assert.match(include, /^this ignore comment ignores nothing: it stands above an \$INCLUDE line, which has no findings of its own .*: silence them with an ignore comment in that file$/);
  assert.match(end, /^this ignore comment ignores nothing: a blank line or the end of the file comes before any record/);
  const r = core.absRange(found.find((f) => f.ruleId === 'ignore-invalid').loc);
  assert.deepEqual([r.startCol, r.endCol], [0, '; dane-zone: ignore=hostname-syntax -- meant for hosts.inc'.length], 'the whole comment');
  // the check can be turned off like any other
  const off = core.checkText(files['/z/example.zone'], { fileId: '/z/example.zone', origin: 'example.com.', readInclude, settings: { severities: { 'ignore-invalid': 'off' } } }).findings;
  assert.deepEqual(off.map((f) => f.ruleId).sort(), ['hostname-syntax', 'hostname-syntax']);
});

test('a file that starts with a comment and ends in an ignore comment without a line end is checked (the column store gave the whole text for a line past the end, and the walk below the comment never ended)', () => {
  const text = '; zone of example.com\n' + HEAD + 'a_b IN A 192.0.2.9 ; dane-zone: ignore=hostname-syntax\n; dane-zone: ignore=hostname-syntax';
  assert.deepEqual(at(check(text)), ['6 ignore-invalid']);
  const file = core.scanZone(text, { fileId: '/z/example.zone', origin: 'example.com.' }).file;
  assert.deepEqual([file.linesAt(6, 1), file.linesAt(7, 1), file.linesAt(5, 3).length], [['; dane-zone: ignore=hostname-syntax'], [], 2]);
});

test('in a "; dane-zone:" comment, completion offers its words, then the ids of the checks that can be ignored (not those listed); hover says what it silences', () => {
  const text = HEAD + 'c IN TXT "c"\nc_x IN A 192.0.2.7 ; dane-zone: ignore=hostname-syntax -- legacy TXT\n; dane-zone: ig\n; dane-zone: ignore=ttl-mismatch, cn\n; just a comment\n';
  const zone = core.parseZone(text, { fileId: '/z/example.zone', keepTokens: true });
  const labels = (line, col) => core.completionsAt(zone, line, col).map((e) => `${e.label}@${e.replaceFrom}`);
  assert.deepEqual(labels(6, 15), ['ignore=@13', 'ignore-file=@13', 'cert=@13']);
  const ids = labels(7, 36);
  assert.ok(ids.includes('hostname-syntax@34') && ids.includes('rrsig-missing@34') && ids.includes('ds-digest-type@34'), ids.join(' '));
  assert.ok(!ids.some((x) => /^(ttl-mismatch|syntax|rdata-invalid|include-failed|cname-and-other-data|ns-missing-at-apex)@/.test(x)), 'listed ids and errors that cannot be ignored are not offered');
  assert.deepEqual(labels(8, 10), [], 'another comment gets nothing');
  const hover = core.hoverAt(zone, 5, 30);
  assert.match(hover.markdown, /^\*\*dane-zone ignore comment\*\*: silences these checks on the entry it ends, or on the entry below its comment lines:\n\n- `hostname-syntax` \(warning\): A name that stands for a host/);
  assert.match(hover.markdown, /Reason: legacy TXT$/);
  assert.deepEqual(hover.range, { startLine: 5, startCol: 19, endLine: 5, endCol: 68 });
  assert.equal(core.hoverAt(zone, 8, 5), undefined);
});

test('while typing: ignore comments written, misspelt, moved away by a blank line and removed silence in the editor exactly what a fresh check silences', () => {
  const base = '$ORIGIN example.com.\n' + HEAD + 'c IN TXT "c"\nc_x IN A 192.0.2.7\nd IN TXT "d"\nd_y IN A 192.0.2.8\n' + '\n'.repeat(4);
  const free = base.split('\n').length - 5;
  const steps = [
    [6, 'c_x IN A 192.0.2.7 ; dane-zone: ignore=hostname-syntax'], // at the end of the entry
    [free, '; dane-zone: ignore-file=hostname-syntax'], // below every record: still the whole file
    [free, ''],
    [7, 'd IN TXT "d" ; dane-zone: ignore=hostname-syntx'], // misspelt (and on another record)
    [7, '; dane-zone: ignore=hostname-syntax'], // a comment line directly above d_y
    [7, '; dane-zone: ignore=hostname-syntax\n'], // a blank line between: it speaks of nothing
    [7, ''], // the comment gone
    [6, 'c_x IN A 192.0.2.7'],
  ].map(([line, text]) => [line, text]);
  const found = (list) => list.filter((f) => f.ruleId === 'hostname-syntax' || f.ruleId === 'ignore-invalid').map((f) => `${core.absRange(f.loc).startLine} ${f.ruleId}`).sort();
  const counts = findingsAfterEachSplice(base, steps.map(([line, text]) => [line, 1, text.split('\n')])).map(found);
  assert.deepEqual(counts, [
    ['8 hostname-syntax'],
    [],
    ['8 hostname-syntax'],
    ['7 ignore-invalid', '8 hostname-syntax'],
    [],
    ['7 ignore-invalid', '9 hostname-syntax'], // it silences nothing, and says so
    ['9 hostname-syntax'],
    ['6 hostname-syntax', '9 hostname-syntax'],
  ]);
});

test('an ignore comment between a cert= link and its record is reported (it cuts the link off); a long comment block above an entry still counts', () => {
  const tlsa = `_25._tcp.mail IN TLSA 3 1 1 ${'ab'.repeat(32)}\n`;
  const base = HEAD + '@ IN MX 10 mail\nmail IN A 192.0.2.2\n';
  const between = base + '; dane-zone: cert=certs/a.pem\n; dane-zone: ignore=tlsa-single-record\n' + tlsa;
  const [w] = check(between).filter((f) => f.ruleId === 'ignore-invalid');
  assert.equal(core.absRange(w.loc).startLine, 7);
  assert.match(w.message, /^this comment comes between a 'cert=' link and its record, which then links no certificate/);
  assert.deepEqual(at(check(base + '; dane-zone: ignore=tlsa-single-record\n; dane-zone: cert=certs/a.pem\n' + tlsa)), []);
  // 250 comment lines between the ignore comment and the record: one block, however long
  const long = base + '; dane-zone: ignore=hostname-syntax\n' + '; a line of a long licence text\n'.repeat(250) + 'bad_1 IN A 192.0.2.9\n';
  assert.deepEqual(at(check(long)), []);
  const unsilenced = base + '; a line of a long licence text\n'.repeat(250) + 'bad_1 IN A 192.0.2.9\n';
  const line = unsilenced.split('\n').findIndex((l) => l.startsWith('bad_1'));
  const { here } = fixesFor(unsilenced, 'hostname-syntax', line);
  assert.deepEqual(here.edits[0].range.startLine, 6, 'above the whole block');
  assert.deepEqual(at(check(applied(unsilenced, here))), []);
});

test('an NS target without an address (BIND refuses the zone) cannot be silenced, an MX target without one can; nor a DS at the apex', () => {
  const zone = '$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 h 1 3600 900 604800 300\n@ NS ns1\nns1 A 192.0.2.1\n' +
    '; dane-zone: ignore-file=target-no-address,ds-at-apex\n@ NS ns9\n@ MX 10 mx9\n@ DS 12345 13 2 ' + 'ab'.repeat(32) + '\n';
  assert.deepEqual(check(zone).map((f) => `${core.absRange(f.loc).startLine} ${f.ruleId} ${f.severity}`).sort(), ['5 ignore-invalid warning', '6 target-no-address error', '8 ds-at-apex error'].sort());
  assert.ok(core.canIgnore('target-no-address') && !core.canIgnore('target-no-address', 'error') && !core.canIgnore('ds-at-apex'));
});

test('"Ignore in this file" on a file that starts with a byte order mark writes its line after the mark', () => {
  const zone = '\uFEFF' + HEAD + 'c_x IN A 192.0.2.7\n';
  const { file } = fixesFor(zone, 'hostname-syntax', 4);
  assert.deepEqual(file.edits[0].range, { startLine: 0, startCol: 1, endLine: 0, endCol: 1 });
  const after = applied(zone, file);
  assert.ok(after.startsWith('\uFEFF; dane-zone: ignore-file=hostname-syntax\n$TTL'));
  assert.deepEqual(at(check(after)).filter((k) => !k.endsWith('byte-order-mark')), []);
});

test('an ignore comment at the end of an $INCLUDE line is reported: the findings shown there are the included file\'s', () => {
  const files = { '/z/example.zone': HEAD + '$INCLUDE hosts.inc ; dane-zone: ignore=hostname-syntax\n', '/z/hosts.inc': 'c_x IN A 192.0.2.7\n' };
  const readInclude = (from, p) => ({ id: `/z/${p}`, text: files[`/z/${p}`] });
  const found = check(files['/z/example.zone'], { readInclude });
  assert.deepEqual(found.map((f) => `${f.loc.file.id} ${core.absRange(f.loc).startLine} ${f.ruleId}`).sort(), ['/z/example.zone 4 ignore-invalid', '/z/hosts.inc 0 hostname-syntax']);
  assert.match(found.find((f) => f.ruleId === 'ignore-invalid').message, /^an \$INCLUDE line has no findings of its own/);
});

test('below an unclosed (, "Ignore here" writes a comment that silences: comment lines directly above the entry that ends the unclosed one are that entry\'s', () => {
  for (const [text, id] of [['$TTL 60\nx TXT ( "a"\n$TTL 2147483648\n', 'ttl-range'], [HEAD + 'x TXT ( "a"\n  "b"\nbad_1 IN A 192.0.2.1\n', 'hostname-syntax']]) {
    const zone = core.parseZone(text, { fileId: '/z/example.zone', origin: 'example.com.' });
    const [f] = check(text).filter((x) => x.ruleId === id);
    const line = core.absRange(f.loc).startLine;
    const entry = zone.file.entries.find((e) => core.entryLine(e) === line);
    const [here] = core.ignoreFixes(zone, zone.file, entry, id);
    const [e] = here.edits;
    const lines = text.split('\n');
    lines.splice(e.range.startLine, 0, e.newText.replace(/\n$/, ''));
    const found = check(lines.join('\n')).map((x) => x.ruleId);
    assert.deepEqual(found, ['syntax'], `${id}: silenced, only the unclosed '(' is left`);
  }
});
