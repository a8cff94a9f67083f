// The pure editor features (hover, completion, symbols, folding, navigation,
// serial bump, zone info) on a small mail zone, through dist/core.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as core from '../../dist/core.js';
import { readFileSync } from 'node:fs';

const TEXT = [
  '$ORIGIN example.com.', //                                        0
  '$TTL 1h30m', //                                                  1
  '@        IN SOA   ns1 hostmaster ( 2024010502 7200 3600', //     2
  '                  1209600 300 )', //                             3
  '         IN NS    ns1', //                                       4
  '         IN MX    10 mx1', //                                    5
  'ns1      IN A     192.0.2.1', //                                 6
  'mx1      IN A     192.0.2.10', //                                7
  '_25._tcp.mx1 IN TLSA 3 1 1 8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1', // 8
  'www      IN CNAME mx1', //                                       9
  '; a comment block', //                                           10
  '; of two lines', //                                              11
  '',
].join('\n');
const lines = TEXT.split('\n');
const zone = core.parseZone(TEXT, { fileId: 'file:///z/example.com.zone' });
const at = (line, word, offset = 0) => [line, lines[line].indexOf(word) + offset];

test('the fixture zone parses cleanly', () => assert.deepEqual(zone.problems, []));

test('hover on a type: summary, RFC and field layout from the RR table', () => {
  const h = core.hoverAt(zone, ...at(8, 'TLSA'));
  assert.match(h.markdown, /\*\*TLSA\*\* \(type 52\)/);
  assert.match(h.markdown, /RFC 6698/);
  assert.match(h.markdown, /`usage` `selector` `matchingType` `data`/);
  assert.deepEqual(h.range, { startLine: 8, startCol: 16, endLine: 8, endCol: 20 });
});

test('hover on a type the table names without fields: its code, and the generic form to write it in', () => {
  const z = core.parseZone('$ORIGIN example.com.\n$TTL 60\na IN TYPE55 \\# 1 ff\n', { fileId: 'file:///z/t.zone' });
  const h = core.hoverAt(z, 2, 7);
  assert.equal(h.markdown, "**HIP** (type 55): dane-zone does not know this type's fields; write its RDATA in the RFC 3597 form `\\# length hex`.");
});

test('hover on TLSA fields: RFC 7218 acronyms', () => {
  const col = lines[8].indexOf('3 1 1');
  assert.match(core.hoverAt(zone, 8, col).markdown, /3 = DANE-EE/);
  assert.match(core.hoverAt(zone, 8, col + 2).markdown, /1 = SPKI/);
  assert.match(core.hoverAt(zone, 8, col + 4).markdown, /1 = SHA2-256/);
  assert.match(core.hoverAt(zone, ...at(8, '8cb0')).markdown, /32 octets \(the size of a SHA2-256 digest\)/);
});

test('hover on names shows them fully qualified; TTLs in human units', () => {
  assert.match(core.hoverAt(zone, ...at(5, 'mx1')).markdown, /mx1\.example\.com\./);
  assert.match(core.hoverAt(zone, ...at(9, 'www')).markdown, /^`www\.example\.com\.`/);
  assert.match(core.hoverAt(zone, 3, lines[3].indexOf('1209600')).markdown, /2 weeks/);
  assert.match(core.hoverAt(zone, 1, 6).markdown, /1 hour 30 minutes/);
  assert.equal(core.hoverAt(zone, 10, 3), undefined, 'no hover in comments');
});

test('completion: directives at line start, types and classes after the owner, small-field values', () => {
  const z = (t) => core.parseZone(t, { fileId: 'c.zone' });
  assert.deepEqual(core.completionsAt(z('$'), 0, 1).map((c) => c.label), ['$ORIGIN', '$TTL', '$INCLUDE', '$GENERATE']);
  const types = core.completionsAt(z('www '), 0, 4).map((c) => c.label);
  assert.ok(types.includes('TLSA') && types.includes('IN') && types.includes('MX'));
  assert.ok(!core.completionsAt(z('www IN '), 0, 7).some((c) => c.label === 'IN'), 'no second class');
  // TLSA usage: what SMTP can use first (RFC 7672 §3.1), DANE-EE preselected; PKIX-TA/EE last, marked
  const usage = core.completionsAt(z('_25._tcp.mx IN TLSA '), 0, 20);
  const bySort = [...usage].sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
  assert.deepEqual(bySort.map((c) => `${c.label} ${c.detail.split(':')[0]}`), ['3 DANE-EE', '2 DANE-TA', '0 PKIX-TA', '1 PKIX-EE', '255 PrivCert']);
  assert.deepEqual(usage.map((c) => c.label), bySort.map((c) => c.label), 'listed in the order they sort');
  assert.deepEqual(usage.filter((c) => c.preselect).map((c) => c.label), ['3']);
  assert.match(usage[0].documentation, /RFC 7672/);
  for (const c of usage) assert.equal(/unusable for SMTP/.test(c.detail), c.label === '0' || c.label === '1', c.detail);
  // SMIMEA shares the field but not the SMTP advice: numeric order, nothing preselected or marked
  const smimea = core.completionsAt(z('x._smimecert IN SMIMEA '), 0, 23);
  assert.deepEqual([...smimea].sort((a, b) => (a.sortText < b.sortText ? -1 : 1)).map((c) => c.label), ['0', '1', '2', '3', '255']);
  assert.ok(smimea.every((c) => !c.preselect && !/SMTP/.test(c.detail)));
  // selector and matching type as the snippet and RFC 7672 §3.1.1 have them: 3 1 1 preselected, Full after the digests
  const selector = core.completionsAt(z('x 300 IN TLSA 3 '), 0, 16);
  assert.deepEqual(selector.map((c) => c.detail.split(':')[0]), ['SPKI', 'Cert', 'PrivSel']);
  assert.deepEqual(selector.filter((c) => c.preselect).map((c) => c.label), ['1']);
  const mtype = core.completionsAt(z('x 300 IN TLSA 3 1 '), 0, 18);
  assert.deepEqual(mtype.map((c) => c.detail.split(':')[0]), ['SHA2-256', 'SHA2-512', 'Full', 'PrivMatch']);
  assert.deepEqual(mtype.filter((c) => c.preselect).map((c) => c.label), ['1']);
  assert.ok(core.completionsAt(z('x IN SSHFP '), 0, 11).some((c) => c.detail.startsWith('Ed25519')));
  assert.ok(core.completionsAt(z('x IN DS 12345 '), 0, 14).some((c) => c.detail.startsWith('ECDSAP256SHA256')));
  assert.ok(core.completionsAt(z('x IN DS 12345 13 '), 0, 17).some((c) => c.detail.startsWith('SHA-256')));
  assert.deepEqual(core.completionsAt(z('x IN A '), 0, 7), []);
});

test('document symbols: one per owner, records as children', () => {
  const syms = core.documentSymbols(zone);
  assert.deepEqual(syms.map((s) => `${s.name} [${s.detail}]`), [
    'example.com. [SOA NS MX]', 'ns1.example.com. [A]', 'mx1.example.com. [A]', '_25._tcp.mx1.example.com. [TLSA]', 'www.example.com. [CNAME]',
  ]);
  assert.deepEqual([syms[0].range.startLine, syms[0].range.endLine], [2, 5]);
});

test('document symbols of a long zone: owners with their types and the lines of their records, no record children', () => {
  // owners of 4 records each (A, AAAA, MX, TXT), one line per record
  const hosts = (n) => Array.from({ length: n }, (_, i) => [`h${i} IN A 192.0.2.1`, ' IN AAAA 2001:db8::1', ' IN MX 10 mx', ' IN TXT "x"']).flat();
  const head = ['$ORIGIN example.com.', '$TTL 3600'];
  const at = (n) => core.parseZone([...head, ...hosts(n)].join('\n') + '\n', { fileId: 'z', origin: 'example.com.', incremental: true });
  const small = core.documentSymbols(at(core.MAX_RECORD_SYMBOLS / 4));
  assert.equal(small.length, core.MAX_RECORD_SYMBOLS / 4);
  assert.ok(small.every((s) => s.children.length === 4), 'up to the limit every record is a child');
  const big = core.documentSymbols(at(core.MAX_RECORD_SYMBOLS / 4 + 1));
  assert.equal(big.length, core.MAX_RECORD_SYMBOLS / 4 + 1);
  assert.ok(big.every((s) => s.children.length === 0), 'past the limit no record is a child');
  assert.deepEqual(big.slice(0, 2).map((s) => [s.name, s.detail, s.range.startLine, s.range.endLine, s.selectionRange.startLine]), [
    ['h0.example.com.', 'A AAAA MX TXT', 2, 5, 2],
    ['h1.example.com.', 'A AAAA MX TXT', 6, 9, 6],
  ]);
  // the owners read the same with or without their children
  const owner = (s) => [s.name, s.detail, s.range, s.selectionRange];
  assert.deepEqual(big.slice(0, small.length).map(owner), small.map(owner));
});

test('document symbols stop at a limit of owners; a last symbol runs from the first one left out to the end', () => {
  const all = core.documentSymbols(zone);
  const owners = all.filter((x) => x.kind === 'owner');
  assert.ok(owners.length >= 4 && !all.some((x) => x.kind === 'more'), 'under the default limit: no marker');
  assert.equal(core.DEFAULT_OUTLINE_LIMIT, 5000);
  const cut = core.documentSymbols(zone, 2);
  assert.deepEqual(cut.filter((x) => x.kind === 'owner'), owners.slice(0, 2));
  const more = cut.at(-1);
  assert.equal(more.kind, 'more');
  assert.deepEqual([more.range.startLine, more.range.startCol, more.range.endLine], [owners[2].range.startLine, 0, lines.length - 1]);
  assert.deepEqual(more.selectionRange, owners[2].selectionRange);
  assert.deepEqual(core.documentSymbols(zone, owners.length), all, 'a limit the zone does not reach changes nothing');
  assert.deepEqual(core.documentSymbols(zone, 0).map((x) => x.kind), ['more']);
});

test('folding: the parenthesised SOA and the comment block', () => {
  assert.deepEqual(core.foldingRanges(zone), [
    { startLine: 2, endLine: 3, kind: 'region' },
    { startLine: 10, endLine: 11, kind: 'comment' },
  ]);
});

const COMMENTS = [
  '$ORIGIN example.com.',
  '; one', '   ; two', '\t; three', //                    1-3: one run, however indented
  'a IN A 192.0.2.1 ; a record with a comment', //        4: ends the run
  '; four', '; five', //                                  5-6
  '\f; a form feed is no blank to the lexer', //         7: a word, then a comment
  '; six', //                                             8: a run of one line folds nothing
  'b IN TXT ( "x;y"', '  "z" ) ; seven', //               9-10: a region
  '; eight', '; nine', //                                 11-12
].join('\n');

test('folding: comment runs however indented; a record, a region or a line starting with another character ends them', () => {
  const z = core.parseZone(COMMENTS, { fileId: 'c.zone', incremental: true });
  assert.deepEqual(core.foldingRanges(z), [
    { startLine: 1, endLine: 3, kind: 'comment' },
    { startLine: 5, endLine: 6, kind: 'comment' },
    { startLine: 9, endLine: 10, kind: 'region' },
    { startLine: 11, endLine: 12, kind: 'comment' },
  ]);
});

test('folding in slices of 1, 3 and 100 entries gives the one-pass folds, under any limit', () => {
  const sample = readFileSync(new URL('../../samples/example.zone', import.meta.url), 'utf8');
  for (const z of [zone, core.parseZone(COMMENTS, { fileId: 'c.zone' }), core.parseZone(sample, { fileId: 'sample', origin: 'example.com.' })]) {
    const whole = core.foldingRanges(z);
    assert.ok(whole.length >= 2);
    for (const limit of [0, 1, whole.length - 1, whole.length, Infinity]) {
      for (const size of [1, 3, 100]) {
        const steps = core.foldingRangesInSlices(z, limit, size);
        let done = 0;
        for (;;) {
          const r = steps.next();
          if (r.done) { assert.deepEqual(r.value, whole.slice(0, limit), `slices of ${size}, limit ${limit}`); break; }
          assert.ok(r.value >= done && r.value <= 1);
          done = r.value;
        }
      }
    }
  }
});

test('definition from an MX/CNAME target to its records; references back', () => {
  const defs = core.definitionAt(zone, ...at(5, 'mx1')).map((l) => core.absRange(l).startLine);
  assert.deepEqual(defs, [7]);
  assert.deepEqual(core.definitionAt(zone, ...at(9, 'mx1')).map((l) => core.absRange(l).startLine), [7]);
  const refs = core.referencesAt(zone, 7, 1, false).map((l) => { const r = core.absRange(l); return [r.startLine, r.startCol]; });
  assert.deepEqual(refs.sort(), [[5, lines[5].indexOf('mx1')], [9, lines[9].indexOf('mx1')]].sort());
  assert.equal(core.referencesAt(zone, 7, 1, true).length, 3);
  assert.deepEqual(core.definitionAt(zone, ...at(8, 'TLSA')), []);
});

test('serial bump: date serials move to today, or count up; others +1', () => {
  assert.equal(core.nextSerial(2024010502, '20260101'), 2026010100);
  assert.equal(core.nextSerial(2026010107, '20260101'), 2026010108);
  assert.equal(core.nextSerial(2026010199, '20260101'), 2026010200);
  assert.equal(core.nextSerial(2030010100, '20260101'), 2030010101, 'a future date still increases');
  assert.equal(core.nextSerial(42, '20260101'), 43);
  assert.equal(core.nextSerial(4294967295, '20260101'), 0, 'RFC 1982 wrap');
  assert.equal(core.nextSerial(2024139901, '20260101'), 2024139902, 'month 13 is no date');
  const bump = core.bumpSerialEdit(zone, '20260101');
  assert.deepEqual(bump.edit, { file: 'file:///z/example.com.zone', range: { startLine: 2, startCol: lines[2].indexOf('2024'), endLine: 2, endCol: lines[2].indexOf('2024') + 10 }, newText: '2026010100' });
  assert.equal(core.bumpSerialEdit(core.parseZone('www IN A 192.0.2.1\n', { fileId: 'n', origin: 'example.com.' }), '20260101'), undefined);
});

test('zone info: origin, counts, MX targets by preference, name at the cursor', () => {
  const z = core.parseZone(TEXT.replace('IN MX    10 mx1', 'IN MX    20 mx1\n@ IN MX 5 mx0.example.net.'), { fileId: 'i.zone' });
  const info = core.zoneInfo(z, [{ severity: 'error' }, { severity: 'warning' }, { severity: 'warning' }], 10, 1);
  assert.deepEqual(info, { origin: 'example.com.', errors: 1, warnings: 2, mxTargets: ['mx0.example.net.', 'mx1.example.com.'], nameAtCursor: 'www.example.com.' });
});

test('document symbols in slices of 1, 3 and 100 records are the one-pass outline', () => {
  const text = readFileSync(new URL('../../samples/example.zone', import.meta.url), 'utf8');
  const zones = [zone, core.parseZone(text, { fileId: 'sample', origin: 'example.com.', incremental: true })];
  for (const z of zones) {
    const whole = core.documentSymbols(z);
    assert.ok(whole.length > 3);
    for (const size of [1, 3, 100]) {
      const steps = core.documentSymbolsInSlices(z, size);
      let done = 0;
      for (;;) {
        const r = steps.next();
        if (r.done) { assert.deepEqual(r.value, whole, `slices of ${size}`); break; }
        assert.ok(r.value >= done && r.value <= 1);
        done = r.value;
      }
    }
  }
});

// --- hover and completion fixes (operator reports) ---
const BASE = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n';
const zoneOf = (body) => core.parseZone(BASE + body, { fileId: '/tmp/dz-hover.zone' });
/** hover markdown at the first occurrence of `word` (plus offset) on body line `l` (0-based) */
function hoverWord(z, l, word, offset = 0) {
  const line = 5 + l;
  return core.hoverAt(z, line, z.file.lines[line].indexOf(word) + offset)?.markdown;
}

test('hover: HINFO cites RFC 1035 §3.3.2, in completion docs too', () => {
  const z = zoneOf('h IN HINFO "INTEL-386" "Linux"\n');
  const md = hoverWord(z, 0, 'HINFO');
  assert.match(md, /RFC 1035 §3\.3\.2/);
  assert.doesNotMatch(md, /8482/);
  const c = core.completionsAt(core.parseZone('www ', { fileId: 'c.zone' }), 0, 4).find((x) => x.label === 'HINFO');
  assert.match(c.documentation, /RFC 1035 §3\.3\.2/);
});

test('hover: every assigned DNSSEC algorithm and DS digest has its IANA name; CERT algorithm 0 is allowed', () => {
  const z = zoneOf([
    'a IN DS 1 12 3 ' + 'ab'.repeat(32),
    'b IN DNSKEY 257 3 1 AAAA', 'c IN DNSKEY 257 3 3 AAAA', 'd IN DNSKEY 257 3 6 AAAA',
    'e IN DNSKEY 257 3 252 AAAA', 'f IN DNSKEY 257 3 253 AAAA', 'g IN DNSKEY 257 3 254 AAAA',
    'h IN CERT PKIX 1 0 AAAA', '',
  ].join('\n'));
  const ds = z.file.lines[5];
  const algo = core.hoverAt(z, 5, ds.indexOf(' 12 ') + 1).markdown;
  assert.match(algo, /12 = ECC-GOST\*\*/);
  assert.match(algo, /MUST NOT .*signing.*RFC 8624 §3\.1/);
  const dig = core.hoverAt(z, 5, ds.indexOf(' 3 ') + 1).markdown;
  assert.match(dig, /3 = GOST R 34\.11-94\*\*/);
  assert.match(dig, /RFC 5933/);
  const names = { 6: 'RSAMD5', 7: 'DSA', 8: 'DSA-NSEC3-SHA1', 9: 'INDIRECT', 10: 'PRIVATEDNS', 11: 'PRIVATEOID' };
  for (const [line, name] of Object.entries(names)) {
    const l = z.file.lines[line];
    const md = core.hoverAt(z, Number(line), l.indexOf(' 3 ') + 3).markdown;
    assert.match(md, new RegExp(`= ${name}\\*\\*`), l);
    assert.doesNotMatch(md, /not an assigned value/);
  }
  assert.match(core.hoverAt(z, 6, z.file.lines[6].indexOf(' 3 1 ') + 3).markdown, /MUST NOT be used for signing or validation \(RFC 8624 §3\.1\)/);
  const cert = core.hoverAt(z, 12, z.file.lines[12].indexOf(' 0 ') + 1).markdown;
  assert.match(cert, /0 = unknown\*\*/);
  assert.match(cert, /RFC 4398 §2\.1/);
});

test('hover: algorithms 17 (SM2SM3) and 23 (ECC-GOST12), DS digests 5 and 6 have their IANA names and RFC 9904 status', () => {
  // RFC 9904 §3 Table 2 and §4 Table 3: MAY in every column; BIND 9.18 loads them as numbers
  const z = zoneOf(['a IN DS 1 17 6 ' + 'ab'.repeat(32), 'b IN DS 1 23 5 ' + 'ab'.repeat(32), 'c IN DNSKEY 257 3 23 AAAA', ''].join('\n'));
  const hoverNum = (line, needle) => core.hoverAt(z, line, z.file.lines[line].indexOf(needle) + 1).markdown;
  const sm2 = hoverNum(5, ' 17 ');
  assert.match(sm2, /17 = SM2SM3\*\*/);
  assert.match(sm2, /RFC 9563/);
  assert.match(sm2, /MAY be used and implemented for signing and validation \(RFC 9904 §3\)/);
  assert.doesNotMatch(sm2, /not an assigned value/);
  const sm3 = hoverNum(5, ' 6 ');
  assert.match(sm3, /6 = SM3\*\*/);
  assert.match(sm3, /RFC 9904 §4/);
  assert.match(hoverNum(6, ' 23 '), /23 = ECC-GOST12\*\*.*RFC 9558/s);
  assert.match(hoverNum(6, ' 5 '), /5 = GOST R 34\.11-2012\*\*.*RFC 9558/s);
  assert.match(hoverNum(7, ' 23 '), /23 = ECC-GOST12\*\*/);
  // completion of a DS digest type offers the new values, as numbers
  const digests = core.completionsAt(core.parseZone('$ORIGIN example.com.\nx IN DS 1 13 ', { fileId: 'c.zone' }), 1, 15).map((c) => `${c.label} ${c.detail}`);
  assert.ok(digests.includes('5 GOST R 34.11-2012: DS digestType') && digests.includes('6 SM3: DS digestType'), digests.join(' | '));
});

test('hover: RSASHA1 is NOT RECOMMENDED for signing and MUST be validated (RFC 8624 §3.1); SHA-1 DS likewise', () => {
  const z = zoneOf('a IN DNSKEY 257 3 5 AAAA\nb IN DNSKEY 257 3 7 AAAA\nc IN DS 1 8 1 ' + 'ab'.repeat(20) + '\n');
  for (const l of [0, 1]) {
    const md = hoverWord(z, l, ' 3 ', 3);
    assert.match(md, /NOT RECOMMENDED for signing; validators MUST support it \(RFC 8624 §3\.1\)/);
    assert.doesNotMatch(md, /must not be used/i);
  }
  assert.match(hoverWord(z, 2, ' 8 1 ', 3), /MUST NOT be used in new DS records; validators MUST support it \(RFC 8624 §3\.3\)/);
});

test('hover: an absent NSEC3/NSEC3PARAM salt and other empty values never render as ****', () => {
  const z = zoneOf('x IN NSEC3PARAM 1 0 0 -\nh IN HINFO "" "Linux"\n');
  const salt = hoverWord(z, 0, '-');
  assert.match(salt, /no salt \(length 0\)/);
  assert.doesNotMatch(salt, /\*\*\*\*/);
  assert.doesNotMatch(hoverWord(z, 1, '""'), /\*\*\*\*/);
});

test('hover: an NSEC bitmap listing NXNAME (RFC 9824 compact denial) explains the meta type; other bitmaps say nothing of it', () => {
  const z = zoneOf('a IN NSEC \\000.a.example.com. RRSIG NSEC NXNAME\nb IN NSEC c A RRSIG NSEC TYPE128\nc IN NSEC d A RRSIG NSEC\n');
  assert.deepEqual(z.problems, []);
  for (const [line, word] of [[0, 'NXNAME'], [1, 'TYPE128']]) {
    const md = hoverWord(z, line, word);
    assert.match(md, /\*\*NXNAME\*\* \(type 128\): a meta type that stores no data: set only in the NSEC record an online signer makes for a name that does not exist/);
    assert.match(md, /\(RFC 9824 §2\)$/);
  }
  assert.match(hoverWord(z, 0, 'NXNAME'), /Value `RRSIG NSEC NXNAME`/);
  assert.doesNotMatch(hoverWord(z, 2, 'RRSIG'), /NXNAME/);
});

test('hover: names keep their escapes (shown in code spans), owners and name fields alike', () => {
  const z = zoneOf('a\\.b\\032c IN A 192.0.2.1\na\\;b IN A 192.0.2.2\nx IN CNAME *.y\nq`q IN CNAME a\\.b\\032c\n');
  assert.match(hoverWord(z, 0, 'a'), /^`a\\\.b\\032c\.example\.com\.`/);
  assert.match(hoverWord(z, 1, 'a'), /^`a\\;b\.example\.com\.`/);
  assert.match(hoverWord(z, 2, '*.y'), /Value `\*\.y\.example\.com\.`/);
  assert.match(hoverWord(z, 3, 'q'), /^``q`q\.example\.com\.``/);
  assert.match(hoverWord(z, 3, 'a\\.'), /Value `a\\\.b\\032c\.example\.com\.`/);
});

test('hover: RRSIG times as UTC dates with how long ago or ahead; original TTL humanised', () => {
  const z = zoneOf('x IN RRSIG A 13 2 3600 20240201000000 20240101000000 12345 example.com. AAAA\n');
  const now = Date.UTC(2024, 1, 11); // 2024-02-11
  const line = z.file.lines[5];
  const exp = core.hoverAt(z, 5, line.indexOf('20240201'), now).markdown;
  assert.match(exp, /2024-02-01 00:00:00 UTC/);
  assert.match(exp, /expired 10 days ago/);
  assert.doesNotMatch(exp, /1706745600/);
  const inc = core.hoverAt(z, 5, line.indexOf('20240101'), Date.UTC(2023, 11, 29)).markdown;
  assert.match(inc, /2024-01-01 00:00:00 UTC/);
  assert.match(inc, /in 3 days/);
  assert.match(core.hoverAt(z, 5, line.indexOf('3600')).markdown, /Value \*\*3600\*\* seconds = 1 hour/);
});

test('hover: SMIMEA usages have neutral RFC 7218 names, no SMTP advice', () => {
  const z = zoneOf('x._smimecert IN SMIMEA 3 0 1 ' + 'ab'.repeat(32) + '\ny._smimecert IN SMIMEA 0 0 1 ' + 'ab'.repeat(32) + '\n');
  for (const l of [0, 1]) {
    const md = hoverWord(z, l, 'SMIMEA ', 7);
    assert.match(md, l === 0 ? /3 = DANE-EE/ : /0 = PKIX-TA/);
    assert.doesNotMatch(md, /SMTP|7672/);
  }
  assert.doesNotMatch(hoverWord(z, 0, ' 1 ', 1), /SMTP|7672/);
  const tlsa = zoneOf('_25._tcp.mx IN TLSA 3 1 1 ' + 'ab'.repeat(32) + '\n');
  assert.match(hoverWord(tlsa, 0, 'TLSA ', 5), /RFC 7672/);
});

test('hover: $INCLUDE says how dane-zone and name servers resolve relative paths', () => {
  const z = zoneOf('$INCLUDE other.zone\n');
  const md = hoverWord(z, 0, '$INCLUDE');
  assert.match(md, /directory of the file that includes it/);
  assert.match(md, /BIND.*working directory.*`directory`/);
  assert.doesNotMatch(md, /relative to this one/);
});

test('hover: DNSKEY flags bits explained (REVOKE, RFC 5011 §7); CERT type names (RFC 4398 §2.1)', () => {
  const z = zoneOf('k IN DNSKEY 385 3 13 AAAA\nz IN DNSKEY 256 3 13 AAAA\nc IN CERT 6 1 8 AAAA\nd IN CERT URI 1 8 AAAA\n');
  const k = hoverWord(z, 0, '385');
  assert.match(k, /Zone Key \(256\)/);
  assert.match(k, /REVOKE \(128\).*RFC 5011 §7/);
  assert.match(k, /SEP \(1\)/);
  assert.doesNotMatch(k, /not an assigned value/);
  assert.match(hoverWord(z, 1, '256'), /Value \*\*256\*\* = Zone Key \(256\): ZSK$/m);
  assert.doesNotMatch(hoverWord(z, 1, '256'), /SEP \(1\)|REVOKE \(128\)/);
  assert.match(hoverWord(z, 2, ' 6 ', 1), /6 = IPGP\*\*/);
  assert.match(hoverWord(z, 3, 'URI'), /253 = URI\*\*/);
});

test('completion: nothing inside a comment', () => {
  const z = (t) => core.parseZone(t, { fileId: 'c.zone' });
  for (const t of ['; hello ', '   ; hello ', 'www ; c ', 'www 300 IN ; c ', '_25._tcp.mx IN TLSA ; c ', '$TTL 300 ; c ']) {
    assert.deepEqual(core.completionsAt(z(t), 0, t.length), [], JSON.stringify(t));
  }
  // before the comment still completes
  assert.ok(core.completionsAt(z('www  ; c'), 0, 4).some((c) => c.label === 'MX'));
  // a ; inside quotes or escaped is no comment
  assert.ok(core.completionsAt(z('www\\;x '), 0, 7).some((c) => c.label === 'MX'));
});

test('completion: snippets with named tab stops for types and directives, plain text otherwise', () => {
  const z = core.parseZone('www ', { fileId: 'c.zone' });
  const plain = core.completionsAt(z, 0, 4);
  const snip = core.completionsAt(z, 0, 4, { snippets: true });
  assert.deepEqual(snip.map((c) => [c.label, c.sortText]), plain.map((c) => [c.label, c.sortText]), 'labels and order as without snippets');
  const mx = snip.find((c) => c.label === 'MX');
  assert.equal(mx.insertText, 'MX ${1:10} ${2:mail}');
  assert.equal(mx.snippet, true);
  assert.equal(snip.find((c) => c.label === 'TLSA').insertText, 'TLSA ${1|3,2|} ${2|1,0|} ${3|1,2,0|} ${4:digest}');
  assert.equal(snip.find((c) => c.label === 'IN').insertText, undefined, 'a class is just its name');
  const pmx = plain.find((c) => c.label === 'MX');
  assert.ok(!pmx.snippet && (pmx.insertText === undefined || !pmx.insertText.includes('$')));
  const d = core.completionsAt(core.parseZone('$', { fileId: 'c.zone' }), 0, 1, { snippets: true });
  // a literal $ is escaped in snippet syntax (else $TTL is a variable and inserts "TTL")
  assert.equal(d.find((c) => c.label === '$TTL').insertText, '\\$TTL ${1:3600}');
  assert.equal(d.find((c) => c.label === '$ORIGIN').insertText, '\\$ORIGIN ${1:example.com.}');
  assert.match(d.find((c) => c.label === '$INCLUDE').insertText, /^\\\$INCLUDE \$\{1:file\}/);
  // every snippet is valid: tab stops numbered from 1, each field named
  for (const c of snip.filter((x) => x.kind === 'type')) {
    const def = core.rrTypeByName(c.label);
    const stops = [...c.insertText.matchAll(/\$\{(\d+)[:|]/g)].map((m) => Number(m[1]));
    assert.deepEqual(stops, def.fields.map((_, i) => i + 1), c.label);
  }
});

test('completion: MX preference, CAA flags and tags, DNSKEY flags, NSEC3PARAM fields, $GENERATE types', () => {
  const z = (t) => core.parseZone(t, { fileId: 'c.zone' });
  const at = (t) => core.completionsAt(z(t), 0, t.length);
  assert.deepEqual(at('www IN MX ').map((c) => c.label), ['10', '20']);
  assert.deepEqual(at('www IN CAA ').map((c) => c.label), ['0', '128']);
  assert.match(at('www IN CAA ')[1].documentation, /critical.*RFC 8659 §4\.1/i);
  assert.deepEqual(at('www IN CAA 0 ').map((c) => c.label), ['issue', 'issuewild', 'iodef', 'issuemail', 'issuevmc']);
  assert.ok(at('www IN CAA 0 ').every((c) => c.documentation.length > 10));
  const caa = core.parseZone('$ORIGIN example.com.\nwww IN CAA 0 issuewild "ca.example"\n', { fileId: 'c.zone' });
  assert.match(core.hoverAt(caa, 1, 14).markdown, /Value `issuewild`: CAs that may issue wildcard certificates.*RFC 8659 §4\.3/);
  assert.deepEqual(at('@ IN DNSKEY ').map((c) => `${c.label} ${c.detail.split(':')[0]}`), ['256 ZSK', '257 KSK']);
  assert.deepEqual(at('@ IN NSEC3PARAM ').map((c) => c.label), ['1']);
  assert.deepEqual(at('@ IN NSEC3PARAM 1 ').map((c) => c.label), ['0']);
  const it = at('@ IN NSEC3PARAM 1 0 ');
  assert.deepEqual(it.map((c) => c.label), ['0']);
  assert.match(it[0].documentation, /RFC 9276/);
  assert.deepEqual(at('@ IN NSEC3PARAM 1 0 0 ').map((c) => c.label), ['-']);
  const gen = at('$GENERATE 1-10 host$ ');
  assert.ok(gen.some((c) => c.label === 'A') && gen.some((c) => c.label === 'IN'));
  assert.ok(at('$GENERATE 1-10 host$ 300 IN ').some((c) => c.label === 'PTR'));
  assert.ok(!at('$GENERATE 1-10 host$ IN ').some((c) => c.label === 'IN'));
  assert.deepEqual(at('$GENERATE 1-10 host$ A '), []);
  assert.deepEqual(at('$GENERATE 1-10 '), []);
});

test('completion: names in name fields of a whole-file parse take the $ORIGIN above the line', () => {
  const text = [
    '$ORIGIN example.com.',
    'mx1 IN A 192.0.2.1',
    'www IN CNAME mx1',
    '$ORIGIN sub.example.com.',
    'mail IN A 192.0.2.2',
    '@ IN NS ',
    '',
  ].join('\n');
  const z = core.parseZone(text, { fileId: 'c.zone' });
  const names = core.completionsAt(z, 5, 8);
  assert.deepEqual(names.map((c) => [c.label, c.kind, c.replaceFrom]), [
    ['mail', 'name', 8], ['mx1.example.com.', 'name', 8], ['www.example.com.', 'name', 8],
  ]);
  assert.match(names[2].detail, /an alias: not allowed as NS target \(RFC 2181 §10\.3\)$/);
  // above the second $ORIGIN the same names are written relative to example.com.
  const first = core.parseZone(text.replace('www IN CNAME mx1', 'www IN CNAME '), { fileId: 'c.zone' });
  assert.deepEqual(core.completionsAt(first, 2, 13).map((c) => c.label), ['mail.sub', 'mx1']);
});

test('TXT hover counts the octets a string has on the wire: a character typed in the file by its UTF-8 bytes, a \\DDD escape as one', () => {
  const z = core.parseZone('$ORIGIN example.com.\n$TTL 60\np IN TXT "😀"\nq IN TXT "éééé" plain\nr IN TXT "\\240\\159\\152\\128"\n', { fileId: 'file:///z/t.zone' });
  const octets = (line) => /(\d+ character-strings? (\([^)]*\)|of \d+ octets))/.exec(core.hoverAt(z, line, 11).markdown)[1];
  assert.equal(octets(2), '1 character-string of 4 octets');
  assert.equal(octets(3), '2 character-strings (8 + 5 = 13 octets)');
  assert.equal(octets(4), '1 character-string of 4 octets');
});

test('TTL hovers say what a TTL over 2^31 - 1 is read as, as the ttl-range warning does', () => {
  const z = core.parseZone('$ORIGIN example.com.\n$TTL 2147483648\na 4294967295 IN A 192.0.2.1\nb 1h IN A 192.0.2.1\n', { fileId: 'file:///z/t.zone' });
  assert.equal(core.hoverAt(z, 1, 6).markdown, '**$TTL**: default TTL 2147483648 = 2147483648 seconds, over 2147483647: read as 0 (as BIND does, RFC 2181 §8)');
  assert.match(core.hoverAt(z, 2, 3).markdown, /^\*\*TTL\*\* 4294967295 seconds, over 2147483647: read as 0 \(as BIND does, RFC 2181 §8\)/);
  assert.match(core.hoverAt(z, 3, 3).markdown, /^\*\*TTL\*\* 3600 seconds = 1 hour\n/);
  assert.ok(z.problems.some((p) => p.code === 'ttl-range' && /read as 0, as BIND does/.test(p.message)));
});

test('completion at column 0 of a line that inherits its owner offers no type: it would become the owner', () => {
  const z = core.parseZone('$ORIGIN example.com.\n$TTL 60\nwww IN A 192.0.2.1\n  IN NS ns1\n   \n', { fileId: 'file:///z/t.zone' });
  assert.deepEqual(core.completionsAt(z, 3, 0), []);
  // after the blank that makes it inherit, a type or class is what comes
  assert.ok(core.completionsAt(z, 3, 2).some((c) => c.label === 'MX'));
  // a blank line: column 0 starts an entry (directives), after its blanks a type
  assert.deepEqual(core.completionsAt(z, 4, 0).map((c) => c.label), ['$ORIGIN', '$TTL', '$INCLUDE', '$GENERATE']);
  assert.ok(core.completionsAt(z, 4, 3).some((c) => c.label === 'MX'));
});

test('`_` completion offers the TLSA owner senders look up for an MX host that is an alias: the name its CNAME leads to, or nothing when that has TLSA', () => {
  const head = '$ORIGIN example.net.\n$TTL 60\n@ MX 10 relay\n@ MX 20 mx1\nrelay CNAME mx1\nmx1 A 192.0.2.1\n';
  const at = (text) => { const z = core.parseZone(text, { fileId: 'file:///z/t.zone' }); return core.completionsAt(z, z.file.lines.length - 1, 1); };
  const none = at(head + '_\n'.replace(/\n$/, ''));
  assert.deepEqual(none.map((c) => [c.label, c.detail]), [['_25._tcp.mx1', 'TLSA for MX host relay.example.net. (an alias of mx1.example.net.) — none yet']]);
  // once mx1 has TLSA, neither relay nor mx1 is offered
  assert.deepEqual(at(head + `_25._tcp.mx1 TLSA 3 1 1 ${'ab'.repeat(32)}\n_`), []);
});

test('hover on an RRSIG time past 2106 says what validators read: it wraps, and has expired', () => {
  const z = core.parseZone('$ORIGIN example.com.\n$TTL 60\nr RRSIG A 13 3 3600 21060207062816 20250101000000 12345 example.com. AAAA\n', { fileId: 'x', keepTokens: true });
  const md = core.hoverAt(z, 2, 25, Date.parse('2026-11-29T00:00:00Z')).markdown;
  assert.match(md, /Value \*\*2106-02-07 06:28:16 UTC\*\* \(expired \d+ days ago, as validators read it in 32-bit serial arithmetic \(RFC 4034 §3\.1\.5\)\)/);
});
