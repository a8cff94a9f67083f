// scanZone (the column parser for whole-file checks) must give the same Zone as
// parseZone for every input, as far as anything reading the Zone/ZoneRecord
// interfaces can tell: records, locations, problems, directives, the indexes and
// the rule findings (test/helpers/zone-compare.mjs says exactly what is compared).
// Inputs: every zone file under test/fixtures and samples, generated bench zones,
// hand-written edge cases, and seeded mutations of those. Each input is scanned twice:
// keeping every row's parsed values, and keeping none (views parse them again on demand).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '../../dist/core.js';
import { fsReadInclude } from '../helpers/expectations.mjs';
import { corpusOrigin } from '../helpers/peers.mjs';
import { zoneDifferences } from '../helpers/zone-compare.mjs';
import { rng } from '../helpers/fuzz-mutate.mjs';
import { generateZone } from '../../bench/genzone.mjs';

const reference = core.parseZone;
const underTest = core.scanZone;

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The text cut after every `every`-th line end (at least one), as read-zone-file.ts cuts a file
 *  too long for one string: segments that end where a line ends ("\r\n" stays whole). */
function segmentsOf(text, every = 1) {
  const out = [];
  let from = 0, ends = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\n' && !(c === '\r' && text[i + 1] !== '\n')) continue;
    if (++ends % every) continue;
    out.push(text.slice(from, i + 1));
    from = i + 1;
  }
  out.push(text.slice(from));
  return out;
}

/** Asserts that both parsers give the same zone; the message names the input and the first differences.
 *  The column store reads the text whole, and cut into segments (each line one, and every third line end). */
function same(label, text, opts, input = text) {
  const a = reference(text, opts);
  const variants = [
    [undefined, text, 'kept from the scan'],
    [new Set(), text, 'parsed again on demand'],
    [undefined, segmentsOf(text, 1), 'kept from the scan, a segment per line'],
    [new Set(), segmentsOf(text, 3), 'parsed again on demand, a segment per three lines'],
  ];
  for (const [keepValues, read, how] of variants) {
    const b = underTest(read, { ...opts, keepValues });
    const diffs = zoneDifferences(a, b);
    if (!diffs.length) continue;
    diffs.unshift(`(values ${how})`);
    const shown = typeof input === 'string' && input.length > 2000 ? `${JSON.stringify(input.slice(0, 2000))}...` : JSON.stringify(input);
    assert.fail(`${label}: scanZone differs from parseZone (first difference first, parseZone vs scanZone)\n  ${diffs.join('\n  ')}\ninput: ${shown}\noptions: ${JSON.stringify({ ...opts, readInclude: opts.readInclude ? '<fn>' : undefined })}`);
  }
  return a;
}

// ---------------------------------------------------------------- files in the repository

function zoneLikeFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(zone|db|inc)$/i.test(n) || /^db\./i.test(n)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

const repoFiles = [...zoneLikeFiles(join(root, 'test/fixtures')), ...zoneLikeFiles(join(root, 'samples'))];

describe('repository zone files (test/fixtures, samples)', () => {
  test('there are some', () => assert.ok(repoFiles.length >= 80, `only ${repoFiles.length}`));
  for (const file of repoFiles) {
    const name = file.slice(root.length);
    test(name, () => {
      const text = readFileSync(file, 'utf8');
      // as the CLI reads it (origin, includes relative to the including file) ...
      same(`${name} (origin, includes)`, text, { fileId: file, origin: corpusOrigin(file), readInclude: fsReadInclude }, name);
      // ... and as the editor may (no origin, no file access, tokens kept)
      same(`${name} (no origin, no includes, keepTokens)`, text, { fileId: file, keepTokens: true }, name);
    });
  }
});

// ---------------------------------------------------------------- generated zones

const GENERATED = [
  [300, 1, 'example.com.'],
  [700, 2, 'example.com.'],
  [1000, 3, 'Example.ORG.'],
  [1500, 7, 'example.com.'],
  [3000, 42, 'example.com.'],
  [3000, 99, 'zone.example.net.'],
];

const genDir = mkdtempSync(join(tmpdir(), 'dane-zone-equiv-'));
const generated = GENERATED.map(([n, seed, origin]) => {
  const file = join(genDir, `gen-${n}-${seed}.zone`);
  const { records } = generateZone(n, file, { origin, seed });
  return { n, seed, origin, records, text: readFileSync(file, 'utf8') };
});
rmSync(genDir, { recursive: true, force: true });

describe('zones generated by bench/genzone.mjs', () => {
  for (const g of generated) {
    test(`${g.records} records, seed ${g.seed}, origin ${g.origin}`, () => {
      const z = same(`genzone ${g.n} --seed ${g.seed} --origin ${g.origin}`, g.text, { fileId: `gen-${g.seed}.zone` }, `genzone ${g.n} seed ${g.seed}`);
      assert.ok(z.records.length >= g.n, `${z.records.length} records`);
    });
  }
});

// ---------------------------------------------------------------- hand-written edge cases

const H = '$ORIGIN example.com.\n$TTL 3600\n';
const SOA = '@ IN SOA ns1 hostmaster 2024010101 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';

/** In-memory files for $INCLUDE in the edge cases. */
const INCLUDES = {
  'sub.inc': 'www A 192.0.2.10\n  AAAA 2001:db8::10\n$TTL 60\nlate A 192.0.2.11\n',
  'bad.inc': 'x IN A 999.1.1.1\n(\n',
  'loop.inc': '$INCLUDE loop.inc\nl A 192.0.2.12\n',
  'ping.inc': 'ping A 192.0.2.13\n$INCLUDE pong.inc\n',
  'pong.inc': 'pong A 192.0.2.14\n$INCLUDE ping.inc\n',
  'origin.inc': '$ORIGIN inner.example.com.\ni A 192.0.2.15\n',
  'bom.inc': '\ufeffbom A 192.0.2.16\n',
  'crlf.inc': 'c1 A 192.0.2.16\r\nc2 A 192.0.2.17\r\n',
};
const memInclude = (_from, p) => (p in INCLUDES ? { id: p, text: INCLUDES[p] } : { error: `no such file: ${p}` });

const TLSA_HASH = 'a'.repeat(64);
const EDGE = {
  'empty file': '',
  'only a newline': '\n',
  'only comments': '; a comment\n;another\n   ; indented\n',
  'only blanks': '   \n\t\n',
  'CRLF line ends': H.replace(/\n/g, '\r\n') + SOA.replace(/\n/g, '\r\n') + 'www IN A 192.0.2.2 ; c\r\n\tIN AAAA 2001:db8::2\r\n',
  'a byte order mark before $ORIGIN': '\ufeff' + H + SOA + 'www IN A 192.0.2.2\n',
  'a byte order mark before a record': '\ufeffwww.example.com. 300 IN A 192.0.2.2\n\ufeffx IN A 192.0.2.3\n',
  'a byte order mark alone, then a blank': '\ufeff IN A 192.0.2.2\n' + H + SOA,
  'an $INCLUDEd file with a byte order mark': H + SOA + '$INCLUDE bom.inc\n',
  'lone CR line ends': H.replace(/\n/g, '\r') + SOA.replace(/\n/g, '\r') + 'www IN A 192.0.2.2\r\tIN AAAA 2001:db8::2\r',
  'mixed line ends, no final newline': H + 'a IN A 192.0.2.1\r\nb IN A 192.0.2.2\rc IN A 192.0.2.3',
  'tabs everywhere': '$ORIGIN\texample.com.\n$TTL\t3600\n@\tIN\tSOA\tns1\thostmaster\t1\t2\t3\t4\t5\n\t\tIN\tNS\tns1\nns1\t\tA\t192.0.2.1\n',
  'inherited owner as the first record': H + '  IN A 192.0.2.1\n\tIN AAAA 2001:db8::1\nwww A 192.0.2.2\n',
  'inherited owner first, no origin': '\tIN A 192.0.2.1\n',
  '@ and absolute/relative names': H + SOA + '@ IN MX 10 mail\nmail IN A 192.0.2.25\nwww.example.com. IN CNAME mail\nx IN CNAME www.example.net.\ny.z IN NS ns.y.z\n',
  'upper-case names keep case': H + 'WWW.Example.COM. IN A 192.0.2.1\nMail IN MX 10 MX1.Example.com.\nMX1 IN A 192.0.2.2\n',
  'escapes in owners and targets': H + 'a\\.b IN A 192.0.2.1\n\\065bc IN CNAME t\\046x\nd\\032e IN MX 10 a\\.b\ne\\\\f IN PTR \\255\\000.example.net.\nbad\\99 IN A 192.0.2.9\nbad2\\ IN A 192.0.2.9\n',
  'U+FFFD (bytes that were not UTF-8) in data and comments': H + 'a IN TXT "caf\uFFFD" ; \uFFFD in a comment\nb\uFFFD IN A 192.0.2.1\nc IN TXT ( "x"\n "\uFFFD\uFFFD" )\n; \uFFFD\nd IN A 192.0.2.4\n',
  'quoted owner': H + '"quoted name" IN A 192.0.2.1\n"q.x" IN TXT "t"\n"unterminated IN A 192.0.2.2\n',
  'TTL with units': H + 'a 1h30m IN A 192.0.2.1\nb 1W IN A 192.0.2.2\nc 2d3h4m5s IN A 192.0.2.3\nd 1x IN A 192.0.2.4\ne 1h2 IN A 192.0.2.5\n$TTL 1d\nf A 192.0.2.6\n',
  'TTL over 2147483647': H + 'a 2147483648 IN A 192.0.2.1\nb 4294967295 IN A 192.0.2.2\nc 99999999999 IN A 192.0.2.3\n$TTL 2147483648\nd A 192.0.2.4\n',
  'TTL missing without $TTL': '$ORIGIN example.com.\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\na IN A 192.0.2.1\nb 60 IN A 192.0.2.2\nc IN A 192.0.2.3\n',
  'TTL missing with $TTL': H + 'a IN A 192.0.2.1\n',
  'SOA without TTL, no $TTL, no origin': '@ IN SOA ns1.example.com. hostmaster.example.com. 1 2 3 4 5\nwww A 192.0.2.1\n',
  'classes IN/CH and mixed classes': H + 'a IN A 192.0.2.1\nb CH TXT "chaos"\nc HS A 192.0.2.3\nd CLASS1 A 192.0.2.4\ne CLASS3 TXT "x"\nf 60 CH A 192.0.2.5\ng in a 192.0.2.6\n',
  'class-first zone': '$ORIGIN example.com.\n@ CH 60 SOA ns1 hostmaster 1 2 3 4 5\nversion CH TXT "1"\nx IN A 192.0.2.1\n',
  '$ORIGIN changes': H + 'a A 192.0.2.1\n$ORIGIN sub.example.com.\nb A 192.0.2.2\n@ MX 10 b\n$ORIGIN deeper\nc A 192.0.2.3\n$ORIGIN .\nd A 192.0.2.4\n$ORIGIN\n$ORIGIN a b\n$ORIGIN ..bad\n',
  '$TTL changes': H + 'a A 192.0.2.1\n$TTL 60\nb A 192.0.2.2\n$TTL 1h\nc A 192.0.2.3\n$TTL bogus\nd A 192.0.2.4\n$TTL\n$TTL 1 2\ne 5 A 192.0.2.5\nf A 192.0.2.6\n',
  '$INCLUDE with and without origin, missing, cycles': H + SOA + '$INCLUDE sub.inc\nafter A 192.0.2.20\n$INCLUDE sub.inc other.example.com.\n$INCLUDE "origin.inc"\nback A 192.0.2.21\n$INCLUDE missing.inc\n$INCLUDE loop.inc\n$INCLUDE ping.inc\n$INCLUDE bad.inc\n$INCLUDE crlf.inc\n$INCLUDE\n$INCLUDE a b c\n$INCLUDE sub.inc ..bad\n',
  '$GENERATE good and bad': H + '$GENERATE 1-5 host$ A 192.0.2.$\n$GENERATE 10-20/5 ${0,3,d}.r PTR h$.example.com.\n$GENERATE 1-3 g$ 60 IN CNAME t${-1}\n$GENERATE 1-3 x$ CH TXT "v$"\n$GENERATE 5-1 bad$ A 192.0.2.$\n$GENERATE 1-3 bad$ A 192.0.2.${0,1,z}\n$GENERATE a-b x A 1.2.3.4\n$GENERATE 1-2 q$ A 192.0.2.30$\n$GENERATE 1-2\n',
  '$GENERATE as BIND 9.18: owner kept, nibbles, $$, one-token rhs': H + 'w A 192.0.2.1\n$GENERATE 1-2 g$ A 192.0.2.$\n  A 192.0.2.99\n\tTXT "still w"\n$GENERATE 10-11 ${0,4,n}x PTR h$\n$GENERATE 10-11 ${0,4,n}.x PTR h$\n$GENERATE 1-2 c$ CNAME h$$$\n$GENERATE 1-2 m$ MX "10 mail$"\n$GENERATE 1-2 u$ MX 10 mail$\n$GENERATE 1-2 a${,3} CNAME x\n$GENERATE 1-2 b$ CNAME x${0x1}\n',
  'unknown type and generic RDATA': H + 'a IN BOGUS 1 2 3\nb IN TYPE65534 \\# 3 abcdef\nc IN A \\# 4 c0000201\nd IN A \\# 3 c0000201\ne IN TYPE65534 \\# 0\nf IN TXT \\# 2 0161\ng IN MX \\# 4 000a00\nh IN TYPE1 192.0.2.1\ni IN TYPE99999 \\# 0\nj IN A \\# 4 c0 00 02 01\nk IN A \\# x zz\n',
  'multi-line SOA and TXT with comments inside': H + '@ IN SOA ns1 hostmaster ( ; open\n  2024010101 ; serial\n  7200 ; refresh\n  3600 ; retry\n  1209600 ; expire\n  300 ) ; minimum\n  IN NS ns1\nns1 A 192.0.2.1\ntxt IN TXT ( "part one" ; c1\n  "part two" ; c2\n  "part ( three )" )\n',
  'unclosed (': H + 'a IN TXT ( "x"\nb IN A 192.0.2.2\n',
  'unclosed ( at EOF': H + 'a IN SOA ns1 hostmaster ( 1 2 3\n  4 5\n',
  'stray )': H + 'a IN A 192.0.2.1 )\nb IN A ) 192.0.2.2\n)\n',
  'unterminated quote': H + 'a IN TXT "abc\nb IN A 192.0.2.2\n',
  '$-line inside an open parenthesis': H + 'a IN TXT ( "x"\n$TTL 60\n"y" )\nb IN A 192.0.2.2\n',
  'comments above records and trailing comments': H + '; above a\na IN A 192.0.2.1 ; trailing a\n\n; above b, blank line between\n\nb IN A 192.0.2.2\n;one\n;two\nc IN A 192.0.2.3;tight\n  ; indented comment\nd IN A 192.0.2.4 ;\n; last line comment',
  'bad RDATA of every common type': H + SOA
    + 'a1 A 192.0.2.300\na2 A 1.2.3\na3 A\na4 A 192.0.2.1 extra\n'
    + 'q1 AAAA 2001:db8::g\nq2 AAAA 192.0.2.1\nq3 AAAA 1:2:3:4:5:6:7:8:9\n'
    + 'm1 MX ten mail\nm2 MX 65536 mail\nm3 MX 10\nm4 MX 10 ..\n'
    + 't1 TXT\nt2 TXT "' + 'x'.repeat(300) + '"\nt3 TXT unquoted words here\n'
    + '_25._tcp.l1 TLSA 4 1 1 ' + TLSA_HASH + '\n_25._tcp.l2 TLSA 3 1 1 abc\n_25._tcp.l3 TLSA 3 1\n_25._tcp.l4 TLSA 3 1 1 zz' + TLSA_HASH.slice(2) + '\n'
    + 's1 SRV 10 5 port target\ns2 SRV 10 5 5060\ns3 SRV 70000 5 5060 t\n'
    + 'c1 CAA 0 issue\nc2 CAA 256 issue "x"\nc3 CAA 0 "bad tag" "x"\nc4 CAA 0 is-sue "x"\n'
    + 'd1 DS 12345 8 2 abc\nd2 DS x 8 2 ' + TLSA_HASH + '\nd3 DS 12345 8\n'
    + 'o1 SOA ns1 hostmaster 1 2 3\no2 SOA ns1 hostmaster x 2 3 4 5\n'
    + 'n1 NS\nn2 NS a..b\nn3 NS 192.0.2.1\n'
    + 'k1 CNAME\nk2 CNAME a b\nk3 CNAME ' + 'a'.repeat(64) + '\n',
  'zone without $ORIGIN given origin in the options': { text: '$TTL 300\n@ IN SOA ns1 hostmaster 1 2 3 4 5\nwww A 192.0.2.1\nmail.example.com. A 192.0.2.2\n', opts: { origin: 'example.com.' } },
  'zone without any origin': '$TTL 300\n@ IN SOA ns1 hostmaster 1 2 3 4 5\nwww A 192.0.2.1\nabs.example.com. A 192.0.2.2\n',
  'relative names without origin, absolute SOA': 'example.org. 300 IN SOA ns1.example.org. h.example.org. 1 2 3 4 5\nwww 300 A 192.0.2.1\n',
  'very long names': H + `${'a'.repeat(64)} A 192.0.2.1\n${'b'.repeat(63)} A 192.0.2.2\n${Array(5).fill('c'.repeat(63)).join('.')} A 192.0.2.3\n${Array(4).fill('d'.repeat(63)).join('.')}.e. A 192.0.2.4\nx CNAME ${Array(5).fill('t'.repeat(60)).join('.')}.\n`,
  'wildcards': H + SOA + '* A 192.0.2.1\n*.sub A 192.0.2.2\na.*.b A 192.0.2.3\n*x A 192.0.2.4\n*.* TXT "w"\n',
  'out-of-zone owners': H + SOA + 'www.example.net. A 192.0.2.1\nexample.com.evil. A 192.0.2.2\nnotexample.com. A 192.0.2.3\n. A 192.0.2.4\n',
  'duplicate records': H + SOA + 'a A 192.0.2.1\na A 192.0.2.1\nA.example.com. 3600 IN A 192.0.2.1\nt TXT "x"\nt TXT "x"\nn MX 10 Mail\nn MX 10 mail.example.com.\n',
  'TTL mismatch in an RRset': H + SOA + 'a 60 A 192.0.2.1\na 120 A 192.0.2.2\nb 60 TXT "1"\nb TXT "2"\n',
  'CNAME and other data': H + SOA + 'c CNAME www\nc A 192.0.2.1\nc TXT "x"\nc2 CNAME a\nc2 CNAME b\n@ CNAME www\nd DNAME other.example.\nd CNAME x\n',
  'MX pointing at a CNAME': H + SOA + '@ MX 10 mx\nmx CNAME real\nreal A 192.0.2.1\n@ MX 20 nowhere\n@ MX 0 .\n',
  'TLSA at _25._tcp of MX hosts': H + SOA + '@ MX 10 mx1\n@ MX 20 mx2\nmx1 A 192.0.2.1\nmx2 A 192.0.2.2\n'
    + `_25._tcp.mx1 TLSA 0 0 1 ${TLSA_HASH}\n_25._tcp.mx1 TLSA 1 1 2 ${'b'.repeat(128)}\n_25._tcp.mx1 TLSA 2 0 0 3082\n_25._tcp.mx1 TLSA 3 1 1 ${'c'.repeat(62)}\n`
    + `_25._tcp.mx2 TLSA 3 1 2 ${'d'.repeat(64)}\n_25._tcp.mx2 TLSA 3 0 1 ${TLSA_HASH}\n_25._tcp.other TLSA 3 1 1 ${TLSA_HASH}\n_443._tcp.www TLSA 3 1 1 ${TLSA_HASH}\n_25._udp.mx1 TLSA 3 1 1 ${TLSA_HASH}\n`,
  'SPF TXT records': H + SOA + '@ TXT "v=spf1 mx ip4:192.0.2.0/24 include:_spf.example.net -all"\n@ TXT "v=spf1 -all"\nsub TXT "v=spf1 " "include:a " "include:b ~all"\nbad TXT "v=spf1 ip4:300.1.1.1 foo:bar +all"\nlong TXT "v=spf1 include:a include:b include:c include:d include:e include:f include:g include:h include:i include:j include:k -all"\n@ SPF "v=spf1 -all"\n_dmarc TXT "v=DMARC1; p=reject"\n_mta-sts TXT "v=STSv1; id=1"\n',
  'many types': H + SOA + 'h HINFO "PC" "Linux"\nn NAPTR 100 10 "u" "E2U+sip" "!^.*$!sip:x@example.com!" .\ns SSHFP 1 1 ' + '0'.repeat(40) + '\nsv SVCB 1 . alpn=h2 port=443\nhs HTTPS 0 www\nl LOC 52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m\nu URI 10 1 "https://example.com/"\np PTR www\nd DNAME example.net.\nk DNSKEY 257 3 13 AQID\nr RRSIG A 13 2 3600 20260101000000 20250101000000 12345 example.com. AQID\nns NSEC a.example.com. A RRSIG\nopen OPENPGPKEY AQID\nsm SMIMEA 3 1 1 ' + TLSA_HASH + '\n',
  'names that repeat the origin (owners, targets, escapes, mixed case)': H + SOA + 'mail.example.com A 192.0.2.25\n  AAAA 2001:db8::25\nMail.Example.COM TXT "m"\n\\101xample.com TXT "e"\na\\.example.com TXT "d"\n'
    + '@ MX 10 mail.example.com\n@ MX 20 MAIL.Example.Com\n@ MX 30 mail.example.com.\nnomx MX 0 .\n@ NS ns2.Example.COM\n_sip._tcp SRV 10 5 5060 sip.Example.com\n_sip._udp SRV 0 0 0 .\n'
    + 'www CNAME example.com\nw2 CNAME \\101xample.com\nw3 CNAME a\\.b.example.com\nw4 CNAME mail.example\\.com\nold DNAME sub.example.com\n1.2.0.192 PTR host.example.com\nsvc HTTPS 1 svc.Example.com alpn=h2\n',
  'directive case and unknown directive': H + '$origin sub.example.com.\na A 192.0.2.1\n$ttl 60\n$BOGUS x\n$ A 192.0.2.2\n',
  'binary junk and odd characters': H + 'a\u0000b A 192.0.2.1\nü A 192.0.2.2\n\ufeffc A 192.0.2.3\nd A 192.0.2.4 ; ünïcode comment\n',
};

const edgeCases = Object.entries(EDGE).map(([name, v]) => (typeof v === 'string' ? { name, text: v, opts: {} } : { name, ...v }));

describe('hand-written edge cases', () => {
  for (const c of edgeCases) {
    test(c.name, () => {
      same(`edge case '${c.name}'`, c.text, { fileId: 'edge.zone', readInclude: memInclude, ...c.opts });
      same(`edge case '${c.name}' (keepTokens, origin example.com.)`, c.text, { fileId: 'edge.zone', origin: 'example.com.', keepTokens: true, readInclude: memInclude, ...c.opts });
    });
  }
});

// ---------------------------------------------------------------- seeded mutations


const CHARS = ' \t\n\r();"\\$@.*0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const splitKeep = (text) => text.split('\n');

/** The mutation operators: each returns [newText, description]. */
const MUTATIONS = {
  'insert-char': (t, r) => { const p = r.int(t.length + 1); const c = r.pick(CHARS); return [t.slice(0, p) + c + t.slice(p), `insert ${JSON.stringify(c)} at ${p}`]; },
  'delete-char': (t, r) => { if (!t.length) return [t, 'delete (empty)']; const p = r.int(t.length); return [t.slice(0, p) + t.slice(p + 1), `delete ${JSON.stringify(t[p])} at ${p}`]; },
  'duplicate-line': (t, r) => { const ls = splitKeep(t); const k = r.int(ls.length); ls.splice(k, 0, ls[k]); return [ls.join('\n'), `duplicate line ${k + 1}`]; },
  'swap-lines': (t, r) => { const ls = splitKeep(t); const i = r.int(ls.length); const j = r.int(ls.length); [ls[i], ls[j]] = [ls[j], ls[i]]; return [ls.join('\n'), `swap lines ${i + 1} and ${j + 1}`]; },
  'upper-case-line': (t, r) => { const ls = splitKeep(t); const k = r.int(ls.length); ls[k] = ls[k].toUpperCase(); return [ls.join('\n'), `upper-case line ${k + 1}`]; },
  'insert-origin': (t, r) => { const ls = splitKeep(t); const k = r.int(ls.length + 1); ls.splice(k, 0, '$ORIGIN sub'); return [ls.join('\n'), `insert '$ORIGIN sub' before line ${k + 1}`]; },
  'insert-ttl': (t, r) => { const ls = splitKeep(t); const k = r.int(ls.length + 1); ls.splice(k, 0, '$TTL 5m'); return [ls.join('\n'), `insert '$TTL 5m' before line ${k + 1}`]; },
  'prepend-blanks': (t, r) => { const ls = splitKeep(t); const k = r.int(ls.length); const b = r.pick([' ', '\t', '  ', ' \t']); ls[k] = b + ls[k]; return [ls.join('\n'), `prepend ${JSON.stringify(b)} to line ${k + 1}`]; },
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

const smallGen = generated[0];
const bases = [...edgeCases.map((c) => ({ name: `edge '${c.name}'`, text: c.text, opts: c.opts })), { name: `genzone ${smallGen.n} seed ${smallGen.seed}`, text: smallGen.text, opts: {} }];

const FUZZ_SEEDS = Array.from({ length: 300 }, (_, i) => 1000 + i);

describe('seeded mutations of the edge cases and a generated zone', () => {
  for (const seed of FUZZ_SEEDS) {
    test(`seed ${seed}`, () => {
      const r = rng(seed);
      // the generated zone is one base of many: give it a fixed share of the cases
      const base = r.next() < 0.15 ? bases[bases.length - 1] : bases[r.int(bases.length - 1)];
      let text = base.text;
      const steps = [];
      const n = 1 + r.int(4);
      for (let k = 0; k < n; k++) {
        const op = r.pick(MUTATION_NAMES);
        const [t, what] = MUTATIONS[op](text, r);
        text = t;
        steps.push(what);
      }
      const input = base.text.length > 2000 ? `seed ${seed}: ${base.name} + [${steps.join('; ')}]` : text;
      same(`seed ${seed}: ${base.name} + [${steps.join('; ')}]`, text, { fileId: 'fuzz.zone', readInclude: memInclude, ...base.opts }, input);
    });
  }
});
