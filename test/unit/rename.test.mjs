// Rename of a name (features/rename.ts) through dist/core.js: each place written in the form it
// had (relative, absolute, @, under another $ORIGIN, escapes, parentheses), the TLSA owners below
// the host, SPF terms, and the refusals. Every rename is applied and the result read again: the
// records must be the old ones with the name (and its TLSA owners) replaced, nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as core from '../../dist/core.js';

const FILE = 'file:///z/example.com.zone';
const parse = (text, opts = {}) => core.parseZone(text, { fileId: FILE, ...opts });

/** The text with the edits applied (they never overlap). */
function applyEdits(text, edits) {
  const lines = text.split('\n');
  const sorted = edits.map((e) => ({ r: core.absRange(e.loc), t: e.newText }))
    .sort((a, b) => b.r.startLine - a.r.startLine || b.r.startCol - a.r.startCol);
  for (const { r, t } of sorted) {
    assert.equal(r.startLine, r.endLine, 'a name edit stays on one line');
    const l = lines[r.startLine];
    lines[r.startLine] = l.slice(0, r.startCol) + t + l.slice(r.endCol);
  }
  return lines.join('\n');
}

/** The cursor at `word` (its `nth` occurrence on the line) of `line`. */
function at(text, line, word, nth = 0) {
  const l = text.split('\n')[line];
  let col = -1;
  for (let i = 0; i <= nth; i++) col = l.indexOf(word, col + 1);
  assert.ok(col >= 0, `'${word}' on line ${line}`);
  return [line, col];
}

/** Renames at the cursor; returns the new text (fails the test on a refusal). */
function rename(text, cursor, newName, opts) {
  const r = core.renameAt(parse(text, opts), ...cursor, newName);
  assert.ok(!r.error, r.error);
  return applyEdits(text, r.edits);
}

function refusal(text, cursor, newName = 'other', opts) {
  const zone = parse(text, opts);
  const prep = core.prepareRenameAt(zone, ...cursor);
  const r = core.renameAt(zone, ...cursor, newName);
  assert.ok(r.error, `refused: ${JSON.stringify(r.edits?.map((e) => e.newText))}`);
  return { prep: prep.error, rename: r.error };
}

/** The zone's records, canonical, sorted; `map` renames owner and RDATA names by key. */
function records(text, map = {}) {
  const z = parse(text);
  assert.deepEqual(z.problems.filter((p) => p.severity === 'error').map((p) => p.message), [], 'the text reads without errors');
  const sub = (n) => map[core.nameKey(n)] ?? core.nameKey(n);
  return z.records.map((r) => [sub(r.owner), r.type, r.values.map((v) => (typeof v === 'string' && v.endsWith('.') ? sub(v) : JSON.stringify(v))).join(' ')].join(' ')).sort();
}

const MAIL = [
  '$ORIGIN example.com.', //                                                         0
  '$TTL 3600', //                                                                     1
  '@    IN SOA ns1 hostmaster ( 2024010502 7200 3600', //                             2
  '                1209600 300 )', //                                                 3
  '     IN NS  ns1', //                                                               4
  '     IN MX  10 mx1', //                                                            5
  '     IN MX  20 mx1.example.com.', //                                               6
  '     IN TXT "v=spf1 a:mx1.example.com mx include:MX1.example.com. -all"', //       7
  'ns1  IN A   192.0.2.1', //                                                         8
  'mx1  IN A   192.0.2.10', //                                                        9
  '     IN AAAA 2001:db8::10', //                                                     10
  '_25._tcp.mx1 IN TLSA 3 1 1 8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1', // 11
  '_25._tcp.mx1.example.com. IN TLSA 2 1 1 0c72ac70b745ac19998811b131d662c9ac69dbdbe7cb23e5b514b56664c5d3d6', // 12
  '_25._tcp.mx2 IN CNAME _25._tcp.mx1', //                                           13
  'mx2  IN A   192.0.2.11', //                                                        14
  'www  IN CNAME mx1', //                                                             15
  'www.mx1 IN A 192.0.2.12', //                                                       16
  '_submission._tcp IN SRV ( 0 1 587', //                                             17
  '                   mx1 )', //                                                      18
  '_443._tcp.www.mx1 IN TLSA 3 1 1 8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1', // 19
  '',
].join('\n');

test('mx1 -> mail1: owners, MX/CNAME/SRV targets, TLSA owners and SPF terms, each in its written form', () => {
  const out = rename(MAIL, at(MAIL, 9, 'mx1'), 'mail1');
  const lines = out.split('\n');
  assert.equal(lines[5], '     IN MX  10 mail1');
  assert.equal(lines[6], '     IN MX  20 mail1.example.com.');
  assert.equal(lines[7], '     IN TXT "v=spf1 a:mail1.example.com mx include:mail1.example.com. -all"');
  assert.equal(lines[9], 'mail1  IN A   192.0.2.10');
  assert.equal(lines[10], '     IN AAAA 2001:db8::10', 'a blank owner follows its record');
  assert.equal(lines[11].split(' ')[0], '_25._tcp.mail1');
  assert.equal(lines[12].split(' ')[0], '_25._tcp.mail1.example.com.');
  assert.equal(lines[13], '_25._tcp.mx2 IN CNAME _25._tcp.mail1');
  assert.equal(lines[15], 'www  IN CNAME mail1');
  assert.equal(lines[16], 'www.mx1 IN A 192.0.2.12', 'other names below the host stay');
  assert.equal(lines[18], '                   mail1 )');
  assert.equal(lines[19], MAIL.split('\n')[19], 'a TLSA owner below another child stays');
  assert.deepEqual(records(out), records(MAIL, { 'mx1.example.com.': 'mail1.example.com.', '_25._tcp.mx1.example.com.': '_25._tcp.mail1.example.com.' }).map((r) => r.replace('a:mx1.example.com mx include:MX1', 'a:mail1.example.com mx include:mail1')));
});

test('the same rename from every place the name is written: owner, each pointer, the parenthesised SRV target', () => {
  const want = rename(MAIL, at(MAIL, 9, 'mx1'), 'mail1');
  for (const cursor of [at(MAIL, 5, 'mx1'), at(MAIL, 6, 'mx1'), at(MAIL, 15, 'mx1'), at(MAIL, 18, 'mx1'), [9, 3]]) {
    assert.equal(rename(MAIL, cursor, 'mail1'), want, `from ${cursor}`);
  }
  assert.equal(rename(MAIL, at(MAIL, 9, 'mx1'), 'mail1.example.com.'), want, 'an absolute new name');
  assert.equal(rename(MAIL, at(MAIL, 9, 'mx1'), '  mail1  '), want, 'spaces around it');
});

test('prepareRename: the token under the cursor, and the name relative to the zone origin', () => {
  const zone = parse(MAIL);
  const p = core.prepareRenameAt(zone, ...at(MAIL, 6, 'mx1'));
  assert.equal(p.placeholder, 'mx1');
  assert.deepEqual(core.absRange(p.loc), { startLine: 6, startCol: 15, endLine: 6, endCol: 31 });
  const sub = '$ORIGIN example.com.\n@ SOA ns1 h 1 2 3 4 5\n NS ns1\nns1 A 192.0.2.1\n$ORIGIN sub.example.com.\nhost A 192.0.2.2\n';
  assert.equal(core.prepareRenameAt(parse(sub), 5, 1).placeholder, 'host.sub', 'the new name is read relative to the zone origin, so the box shows it so');
  assert.equal(core.prepareRenameAt(parse(MAIL), ...at(MAIL, 11, '_25')).placeholder, '_25._tcp.mx1', 'a TLSA owner renamed by itself');
});

test('a TLSA owner renamed by itself moves alone (a port change)', () => {
  const out = rename(MAIL, at(MAIL, 11, '_25'), '_26._tcp.mx1');
  assert.match(out, /^_26\._tcp\.mx1 IN TLSA 3/m);
  assert.match(out, /^_26\._tcp\.mx1\.example\.com\. IN TLSA 2/m);
  assert.match(out, /^_25\._tcp\.mx2 IN CNAME _26\._tcp\.mx1$/m);
  assert.match(out, /^mx1  IN A/m);
});

test('a TLSA owner shared through a CNAME moves with its host', () => {
  const text = '$ORIGIN example.com.\n@ SOA ns1 h 1 2 3 4 5\n NS ns1\n MX 10 mx1\nns1 A 192.0.2.1\nmx1 A 192.0.2.10\n' +
    '_25._tcp.mx1 CNAME _dane\n_dane TLSA 3 1 1 8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1\n';
  const out = rename(text, [5, 0], 'mail1').split('\n');
  assert.equal(out[6], '_25._tcp.mail1 CNAME _dane');
  assert.equal(out[7], text.split('\n')[7]);
});

test('$ORIGIN changes: relative under another origin, @ of a host, TLSA owners written below the host origin', () => {
  const text = [
    '$ORIGIN example.com.', //                         0
    '@ SOA ns1 hostmaster 1 7200 3600 1209600 300', // 1
    '  NS ns1', //                                     2
    '  MX 10 mx1', //                                  3
    'ns1 A 192.0.2.1', //                              4
    '$ORIGIN mx1.example.com.', //                     5
    '@ A 192.0.2.10', //                               6
    '_25._tcp TLSA 3 1 1 8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1', // 7
    'www A 192.0.2.12', //                             8
    '$ORIGIN sub.example.com.', //                     9
    'alias CNAME mx1.example.com.', //                 10
    'mx CNAME @', //                                   11
    '',
  ].join('\n');
  const out = rename(text, at(text, 6, '@'), 'mail1').split('\n');
  assert.equal(out[3], '  MX 10 mail1');
  assert.equal(out[6], 'mail1.example.com. A 192.0.2.10', '@ named the old host: the new one is not the origin there, so it is written absolute');
  assert.equal(out[7].split(' ')[0], '_25._tcp.mail1.example.com.', 'relative to the host origin: the new name is not below it');
  assert.equal(out[8], 'www A 192.0.2.12', '$ORIGIN is left, and with it the names below the old host');
  assert.equal(out[10], 'alias CNAME mail1.example.com.');
  assert.equal(out[11], 'mx CNAME @', '@ of another origin is not this name');

  // a host below sub. renamed within it stays relative; onto the $ORIGIN in force, it becomes @
  const sub = '$ORIGIN example.com.\n@ SOA ns1 h 1 2 3 4 5\n NS ns1\nns1 A 192.0.2.1\n$ORIGIN sub.example.com.\nhost A 192.0.2.2\nwww CNAME host\nmail MX 10 host.sub.example.com.\n';
  const out2 = rename(sub, [5, 1], 'host2.sub').split('\n');
  assert.deepEqual(out2.slice(5, 8), ['host2 A 192.0.2.2', 'www CNAME host2', 'mail MX 10 host2.sub.example.com.']);
  const out3 = rename(sub, [5, 1], 'sub');
  assert.deepEqual(out3.split('\n').slice(5, 8), ['@ A 192.0.2.2', 'www CNAME @', 'mail MX 10 sub.example.com.']);
  assert.deepEqual(records(out3), records(sub, { 'host.sub.example.com.': 'sub.example.com.' }));
});

test('@ stays @ when the name is still the origin there (a change of case only)', () => {
  const text = '$ORIGIN example.com.\n@ SOA ns1 h 1 2 3 4 5\n NS ns1\n MX 10 mx1\nns1 A 192.0.2.1\n$ORIGIN mx1.example.com.\n@ A 192.0.2.10\n';
  const out = rename(text, [6, 0], 'MX1').split('\n');
  assert.equal(out[6], '@ A 192.0.2.10');
  assert.equal(out[3], ' MX 10 MX1');
});

test('a blank owner after a record of another name is not the renamed name\'s', () => {
  const text = '$ORIGIN example.com.\n@ SOA ns1 h 1 2 3 4 5\n NS ns1\nns1 A 192.0.2.1\nmx1 A 192.0.2.10\nwww A 192.0.2.11\n    AAAA 2001:db8::11\n';
  const out = rename(text, [4, 1], 'mail1');
  assert.deepEqual(records(out), records(text, { 'mx1.example.com.': 'mail1.example.com.' }));
  assert.match(out, /^www A 192\.0\.2\.11\n {4}AAAA/m);
  // a blank owner of the name whose owner line is no record of it: refused, not half renamed
  const odd = '$ORIGIN example.com.\n@ SOA ns1 h 1 2 3 4 5\n NS ns1\nns1 A 192.0.2.1\nmx1 A 192.0.2.10\na..b A 192.0.2.11\n    AAAA 2001:db8::11\n';
  assert.match(refusal(odd, [4, 1], 'mail1').rename, /line 7 starts with white space and repeats the owner mx1\.example\.com\. from line 6/);
});

test('escapes round-trip: a name written with \\DDD and plainly is one name; the new name keeps its escapes', () => {
  const text = '$ORIGIN example.com.\n@ SOA ns1 h 1 2 3 4 5\n NS ns1\n MX 10 mx11.example.com.\nns1 A 192.0.2.1\nmx\\0491 A 192.0.2.10\n';
  const out = rename(text, [5, 0], 'mail\\.1\\032x');
  const lines = out.split('\n');
  assert.equal(lines[3], ' MX 10 mail\\.1\\032x.example.com.');
  assert.equal(lines[5], 'mail\\.1\\032x A 192.0.2.10');
  assert.deepEqual(records(out), records(text, { 'mx11.example.com.': 'mail\\.1\\032x.example.com.' }));
  const back = rename(out, [5, 0], 'mx11');
  assert.deepEqual(records(back), records(text));
});

test('other pointer fields: NS, SOA MNAME, PTR, SVCB target, NAPTR replacement, DNAME; SOA RNAME is a mailbox and stays', () => {
  const text = [
    '$ORIGIN example.com.',
    '@ SOA ns1 ns1 1 2 3 4 5',
    '  NS ns1',
    '  HTTPS 1 ns1 alpn=h2',
    'ns1 A 192.0.2.1',
    'p PTR ns1.example.com.',
    'n NAPTR 100 10 "u" "E2U+sip" "" ns1',
    'd DNAME ns1',
    '',
  ].join('\n');
  const out = rename(text, [4, 0], 'dns1').split('\n');
  assert.deepEqual(out.slice(1, 8), [
    '@ SOA dns1 ns1 1 2 3 4 5', '  NS dns1', '  HTTPS 1 dns1 alpn=h2', 'dns1 A 192.0.2.1',
    'p PTR dns1.example.com.', 'n NAPTR 100 10 "u" "E2U+sip" "" dns1', 'd DNAME dns1',
  ]);
});

test('SPF: redirect= and ptr: follow, a name only prefixed by the host does not, a string with escapes refuses', () => {
  const text = '$ORIGIN example.com.\n@ SOA ns1 h 1 2 3 4 5\n NS ns1\nns1 A 192.0.2.1\nmx1 A 192.0.2.10\n' +
    's TXT "v=spf1 ptr:mx1.example.com a:mx1.example.community " "redirect=mx1.example.com."\n';
  const out = rename(text, [4, 0], 'mail1').split('\n');
  assert.equal(out[5], 's TXT "v=spf1 ptr:mail1.example.com a:mx1.example.community " "redirect=mail1.example.com."');
  const esc = text.replace('ptr:mx1', 'ptr:\\109x1');
  assert.match(refusal(esc, [4, 0], 'mail1').rename, /SPF record at line 6 names mx1\.example\.com in a string written with escapes/);
  // a name split over two strings has no escape: the message says what is in the way
  const split = text.replace('ptr:mx1.example.com', 'ptr:mx1.exa" "mple.com');
  assert.match(refusal(split, [4, 0], 'mail1').rename, /SPF record at line 6 names mx1\.example\.com across two of its strings: join them, or rename that term by hand first/);
  assert.match(refusal(text, [4, 0], 'mail\\0321').rename, /cannot be written in the SPF term at line 6/);
});

test('refusals: not a name, $GENERATE, the apex, outside the zone, $INCLUDEd files', () => {
  assert.match(refusal(MAIL, at(MAIL, 9, '192.0')).prep, /^nothing to rename here/);
  assert.match(refusal(MAIL, at(MAIL, 9, 'IN')).prep, /^nothing to rename here/);
  assert.match(refusal(MAIL, at(MAIL, 2, 'hostmaster')).prep, /^nothing to rename here/, 'SOA RNAME is a mailbox');
  assert.match(refusal(MAIL, at(MAIL, 0, 'example')).prep, /nothing to rename on a \$ORIGIN line/);
  assert.match(refusal(MAIL, at(MAIL, 2, '@')).prep, /example\.com\. is the zone's apex: to rename the zone, change its \$ORIGIN/);
  const ext = MAIL.replace('     IN MX  20 mx1.example.com.', '     IN MX  20 mx.example.net.');
  assert.match(refusal(ext, at(ext, 6, 'mx.example')).prep, /mx\.example\.net\. is outside this zone \(example\.com\.\)/);

  const gen = MAIL + '$GENERATE 1-3 host$ CNAME mx1\n';
  const g = gen.split('\n').length - 2;
  assert.match(refusal(gen, [g, 11]).prep, /names made by \$GENERATE are not renamed/);
  assert.match(refusal(gen, at(gen, 9, 'mx1')).prep, /a CNAME record points at mx1\.example\.com\. made by the \$GENERATE line at line 21/);

  const readInclude = () => ({ id: 'file:///z/hosts.zone', text: 'mail CNAME mx1\n' });
  const inc = MAIL + '$INCLUDE hosts.zone\n';
  assert.match(refusal(inc, at(inc, 9, 'mx1'), 'x', { readInclude }).prep, /in file:\/\/\/z\/hosts\.zone \(brought in by \$INCLUDE\): rename is not offered across \$INCLUDEd files/);
  // an included file that does not name it is no obstacle
  assert.ok(!core.renameAt(parse(inc, { readInclude }), ...at(inc, 8, 'ns1'), 'dns1').error);
});

test('the new name: validated, read relative to the zone origin, not merged into a name that has records', () => {
  const cursor = at(MAIL, 9, 'mx1');
  const why = (name) => refusal(MAIL, cursor, name).rename;
  assert.match(why(''), /the new name is empty/);
  assert.match(why('a'.repeat(64)), /not a domain name: label of 64 octets: at most 63 allowed/);
  assert.match(why(Array(9).fill('a'.repeat(30)).join('.')), /not a domain name: name of 2\d\d octets: at most 255 allowed/);
  assert.match(why([...Array(7).fill('a'.repeat(28)), 'a'.repeat(30)].join('.')), /_25\._tcp\.a{28}.* is not a domain name: name of 2\d\d octets/, 'the TLSA owner would be too long');
  assert.match(why('mail 1'), /cannot be written as one name in a zone file/);
  assert.match(why('a;b'), /cannot be written as one name/);
  assert.match(why('$x'), /cannot be written as one name/);
  assert.match(why('a..b'), /not a domain name: empty label/);
  assert.match(why('mail.example.net.'), /mail\.example\.net\. is outside this zone/);
  assert.match(why('@'), /example\.com\. is the zone's apex: a name cannot be renamed onto it/);
  assert.match(why('mx2'), /mx2\.example\.com\. already has records \(A, line 15\): renaming onto it would merge/);
  assert.match(why('WWW'), /WWW\.example\.com\. already has records \(CNAME, line 16\)/);
  assert.deepEqual(core.renameAt(parse(MAIL), ...at(MAIL, 14, 'mx2'), 'mail\\$2').edits?.map((e) => e.newText), ['mail\\$2', '_25._tcp.mail\\$2'], 'escaped, a $ is fine');
});

test('the editor\'s incremental model renames the same', () => {
  const a = core.renameAt(parse(MAIL), ...at(MAIL, 9, 'mx1'), 'mail1');
  const b = core.renameAt(parse(MAIL, { incremental: true, keepTokens: true }), ...at(MAIL, 9, 'mx1'), 'mail1');
  assert.equal(applyEdits(MAIL, b.edits), applyEdits(MAIL, a.edits));
});
