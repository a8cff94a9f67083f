// The column store of `dane-zone check` (scanZone, server/src/zone/scan.ts and
// column-zone.ts) beyond plain equivalence with parseZone (that is
// column-zone-equivalence.test.mjs): the shortcuts it takes must stay honest and
// must stay taken. A/AAAA words checked in place agree with the field parsers;
// plain records really are RecordViews (no silent fallback to parser.ts); the
// read-only index Maps behave like parseZone's; the rule hints the row engine
// trusts (appliesToOwner, repeatedTypesOnly) never hide a finding; the row engine
// gives the object engine's findings under settings and whatever values are kept;
// the file's line access splits lines like everything else.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  scanZone, parseZone, checkText, runRules, problemFindings, typesReadByRules, RULES, absRange, typeCodeByName, TARGET_FIELD, targetKey,
} from '../../dist/core.js';
import { zoneDifferences, FIXED_HOST } from '../helpers/zone-compare.mjs';
import { generatedText } from '../helpers/generated-zone.mjs';
import { rng as seededRng } from '../helpers/fuzz-mutate.mjs';
import { isIPv4, isIPv6 } from 'node:net';
import { createHash } from 'node:crypto';
import { SIGNED_APEX, SIG } from '../helpers/signed-apex.mjs';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** The shared PRNG (test/helpers/fuzz-mutate.mjs) plus random words over an alphabet. */
function rng(seed) {
  const r = seededRng(seed);
  return { ...r, word: (alphabet, maxLen) => {
    let w = '';
    for (let n = r.int(maxLen + 1); n > 0; n--) w += alphabet[r.int(alphabet.length)];
    return w;
  } };
}

// ---------------------------------------------------------------- 1. addresses checked in place

describe('A/AAAA words checked in place (values not kept) agree with parseZone', () => {
  const NONE = new Set();

  /** Compares scanZone without kept values with parseZone on one address word; returns true when it is valid. */
  // now and then the word in another setting: parentheses, a comment, quotes, CRLF
  const WRAPS = [(w) => `( ${w} )`, (w) => `${w} ; c`, (w) => `"${w}"`, (w) => `(\n  ${w} )`, (w) => `${w}\r`];
  const plain = (w) => w;
  const wrapFor = (r, i) => (i % 7 === 3 ? r.pick(WRAPS) : plain);

  function sameAddress(type, word, wrap = plain) {
    const text = `$ORIGIN example.\n$TTL 60\na ${type} ${wrap(word)}\n`;
    const opts = { fileId: 'addr.zone' };
    const a = parseZone(text, opts);
    const b = scanZone(text, { ...opts, keepValues: NONE });
    const diffs = zoneDifferences(a, b);
    assert.deepEqual(diffs, [], `${type} ${JSON.stringify(word)}: scanZone (in-place check) differs from parseZone`);
    const valid = a.problems.length === 0 && a.records.length === 1;
    // both parsers share the kinds' address tests: hold them to Node's reading of an address
    if (wrap === plain && /^[^\s;()"\\]+$/.test(word)) {
      const expected = type === 'A' ? isIPv4(word) && !/(^|\.)0\d/.test(word) : isIPv6(word) && !word.includes('%');
      assert.equal(valid, expected, `${type} ${JSON.stringify(word)}: valid as Node's net module reads it`);
    }
    if (valid) {
      assert.deepEqual(b.records[0].values[0], a.records[0].values[0], `${type} ${JSON.stringify(word)}: values[0]`);
      assert.equal(b.records[0].constructor.name, 'RecordView', `${type} ${JSON.stringify(word)}: a valid address is a fast-path row`);
    }
    return valid;
  }

  test('A: seeded fuzz over digits and dots (plus a few others)', () => {
    const r = rng(0xa4);
    const ALPHA = '0123456789.0123456789.0123456789.ax-:"';
    const octet = () => (r.next() < 0.8 ? String(r.int(256)) : r.pick([() => String(r.int(1000)), () => `0${r.int(100)}`, () => '', () => '0'])());
    let valid = 0;
    for (let i = 0; i < 1800; i++) {
      let word;
      if (i % 2 === 0) word = r.word(ALPHA, 18);
      else {
        // near-addresses: 3-5 octets, some with leading zeros or over 255, now and then a stray character
        const parts = Array.from({ length: r.next() < 0.7 ? 4 : 3 + 2 * r.int(2) }, octet);
        word = parts.join('.');
        if (r.next() < 0.15) {
          const k = r.int(word.length + 1);
          word = word.slice(0, k) + r.pick(['.', 'a', 'x', '-', ':', '"', '0']) + word.slice(k);
        }
        word = word.slice(0, 18);
      }
      if (sameAddress('A', word, wrapFor(r, i))) valid++;
    }
    for (const w of ['0.0.0.0', '255.255.255.255', '192.0.2.1', '256.0.0.1', '01.2.3.4', '1.2.3.4.', '.1.2.3.4', '1..2.3', '1.2.3.04', '1.2.3.0', '0x1.2.3.4']) sameAddress('A', w);
    assert.ok(valid > 100, `only ${valid} valid addresses among the cases: the fuzz must exercise the accepting path`);
  });

  test('AAAA: seeded fuzz over hex digits, colons, dots and %', () => {
    const r = rng(0xaaaa);
    const ALPHA = '0123456789abcdefABCDEF:.%';
    const group = () => (r.next() < 0.85
      ? r.pick([() => r.int(0x10000).toString(16), () => r.int(16).toString(16), () => r.int(0x10000).toString(16).toUpperCase(), () => `0${r.int(0x1000).toString(16)}`])()
      : r.pick(['', '12345', 'g', '0000', '.']));
    let valid = 0;
    for (let i = 0; i < 1200; i++) {
      let word;
      if (i % 2 === 0) word = r.word(ALPHA, 45);
      else {
        // eight groups, or fewer with '::' somewhere between them; now and then one too many
        const compressed = r.next() < 0.6;
        const groups = Array.from({ length: compressed ? r.int(8) : 8 + (r.next() < 0.1 ? 1 : 0) }, group);
        if (compressed) groups.splice(r.int(groups.length + 1), 0, r.next() < 0.9 ? '' : ':');
        word = groups.join(':');
        if (compressed && word.startsWith(':') && !word.startsWith('::')) word = `:${word}`;
        if (compressed && word.endsWith(':') && !word.endsWith('::')) word += ':';
        if (r.next() < 0.2) word += `:${r.int(300)}.${r.int(256)}.${r.int(256)}.${r.int(256)}`;
        if (r.next() < 0.1) word += r.pick(['%eth0', '%1', '%']);
        word = word.slice(0, 45);
      }
      if (sameAddress('AAAA', word, wrapFor(r, i))) valid++;
    }
    const known = ['::', '::1', '2001:db8::1', '::ffff:192.0.2.1', '2001:DB8:0:0:0:0:0:1', '1:2:3:4:5:6:7:8', 'fe80::1%eth0', '1:2:3:4:5:6:7:8:9', ':::', '2001:db8::1::2', '::ffff:192.0.2.256', '1::2:3:4:5:6:7:8'];
    for (const w of known) sameAddress('AAAA', w);
    for (const w of ['::', '2001:db8::1', '::ffff:192.0.2.1']) assert.ok(sameAddress('AAAA', w), `${w} is valid`);
    assert.ok(valid > 100, `only ${valid} valid addresses among the cases: the fuzz must exercise the accepting path`);
  });
});

// ---------------------------------------------------------------- 2. the fast path is taken

describe('plain records take the fast path (RecordView), the rest parser.ts (Rec)', () => {
  test('a generated zone: nearly every record is a view', () => {
    const text = generatedText(2000, 7);
    const zone = scanZone(text, { fileId: 'gen.zone' });
    assert.ok(zone.records.length >= 2000);
    const views = zone.records.filter((r) => r.constructor.name === 'RecordView').length;
    const share = views / zone.records.length;
    assert.ok(share > 0.95, `only ${views} of ${zone.records.length} records are RecordViews (${(share * 100).toFixed(1)}%): the scanner falls back to parser.ts`);
    // and the check's settings (values kept for the types rules read) do not change that
    const checked = checkText(text, { fileId: 'gen.zone', host: FIXED_HOST }).zone;
    assert.ok(checked.records.filter((r) => r.constructor.name === 'RecordView').length / checked.records.length > 0.95);
  });

  test('$GENERATE output and escaped owners are parser.ts records; their neighbours are views', () => {
    const text = '$ORIGIN example.com.\n$TTL 60\nplain A 192.0.2.1\n$GENERATE 1-2 g$ A 192.0.2.$\na\\.b A 192.0.2.9\nafter AAAA 2001:db8::1\n';
    const zone = scanZone(text, { fileId: 'slow.zone' });
    assert.deepEqual(zone.records.map((r) => [r.owner, r.constructor.name]), [
      ['plain.example.com.', 'RecordView'],
      ['g1.example.com.', 'Rec'],
      ['g2.example.com.', 'Rec'],
      ['a\\.b.example.com.', 'Rec'],
      ['after.example.com.', 'RecordView'],
    ]);
    assert.deepEqual(zoneDifferences(parseZone(text, { fileId: 'slow.zone' }), zone), []);
  });
});

// ---------------------------------------------------------------- 3. ColumnIndex

describe('the indexes (ColumnIndex): read-only Maps like parseZone\'s', () => {
  const cases = {
    'generated zone': generatedText(400, 3),
    'hand-written zone': '$ORIGIN example.com.\n$TTL 60\n@ SOA ns1 h 1 2 3 4 5\n  NS ns1\n  MX 10 mail\nns1 A 192.0.2.1\nMail A 192.0.2.2\nmail AAAA 2001:db8::2\nwww CNAME mail\na\\.b A 192.0.2.3\nx MX 20 Mail.example.com.\n$GENERATE 1-3 h$ CNAME www\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    test(name, () => {
      const opts = { fileId: 'idx.zone' };
      const ref = parseZone(text, opts);
      const zone = scanZone(text, opts);
      const pos = new Map(zone.records.map((r, i) => [r, i]));
      const refPos = new Map(ref.records.map((r, i) => [r, i]));
      for (const idx of ['byOwner', 'byType', 'byTarget']) {
        const m = zone[idx];
        assert.ok(m instanceof Map, `${idx} instanceof Map`);
        assert.ok(m.size > 0, `${idx} has keys`);
        const firstKey = m.keys().next().value;
        assert.throws(() => m.set('new.example.com.', []), `${idx}.set throws`);
        assert.throws(() => m.delete(firstKey), `${idx}.delete throws`);
        assert.throws(() => m.clear(), `${idx}.clear throws`);
        assert.ok(m.has(firstKey) && m.size === ref[idx].size, `${idx} unchanged after the failed writes`);
        for (const unknown of ['nowhere.example.com.', '', 'NOPE', 'example.com']) {
          assert.equal(m.get(unknown), undefined, `${idx}.get(${unknown})`);
          assert.equal(m.has(unknown), false, `${idx}.has(${unknown})`);
          assert.equal(ref[idx].get(unknown), undefined);
        }
        assert.deepEqual([...m.keys()], [...ref[idx].keys()], `${idx} key order`);
        assert.deepEqual([...m].map(([k]) => k), [...ref[idx].keys()], `${idx} iteration order`);
        const viaForEach = [];
        m.forEach((list, k, self) => { viaForEach.push(k); assert.equal(self, m); assert.ok(Array.isArray(list)); });
        assert.deepEqual(viaForEach, [...ref[idx].keys()], `${idx}.forEach order`);
        for (const k of m.keys()) {
          const list = m.get(k);
          const again = m.get(k);
          assert.equal(list.length, again.length);
          list.forEach((rec, i) => {
            assert.ok(pos.has(rec), `${idx}.get(${k})[${i}] is === an element of zone.records`);
            assert.equal(again[i], rec, `${idx}.get(${k}) twice: same elements`);
          });
          assert.deepEqual(list.map((rec) => pos.get(rec)), ref[idx].get(k).map((rec) => refPos.get(rec)), `${idx}.get(${k}) positions`);
          assert.ok(m.has(k));
        }
        assert.deepEqual([...m.values()].map((l) => l.map((rec) => pos.get(rec))), [...ref[idx].values()].map((l) => l.map((rec) => refPos.get(rec))), `${idx}.values()`);
      }
      assert.equal(ref.byType.get('mx'), undefined);
      assert.equal(zone.byType.get('mx'), undefined, "byType.get('mx'): keys are upper case");
      assert.equal(zone.byType.has('mx'), false);
      assert.ok(zone.byType.get('MX')?.length > 0, "byType.get('MX')");
      assert.equal(zone.byType.get('MX').length, ref.byType.get('MX').length);
      assert.equal(zone.byType.get('TYPE15'), ref.byType.get('TYPE15'), 'a type is found by its mnemonic only');
    });
  }
});

// ---------------------------------------------------------------- 4. rule hints are honest

/** A rule context that records what is reported. */
function recordingCtx(zone) {
  const calls = [];
  return { calls, ctx: { zone, host: FIXED_HOST, report: (a) => calls.push(a) } };
}

const SOA = '@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n  NS ns1\nns1 A 192.0.2.1\n';
const OWNER_NAMES = [
  '*', '*.a', 'a.*.b', '*.*', 'a*b', '*b', 'b*', 'x.a*b.c', 'a.b.*', '**', '\\*.esc', 'a.\\*.esc', 'a.\\042.esc',
  'www', 'sub.deep', 'WWW.Example.COM.', 'example.com.', '*.example.com.', 'a.*.example.com.',
  'www.example.net.', 'example.com.evil.', 'notexample.com.', '.', 'com.', '*.example.org.', 'a.*.example.org.', 'a\\.b',
];
// Names written without their trailing dot, so the origin comes twice (name-origin-repeated),
// next to names that only look alike: in owners, in each type with a target (MX, NS, SRV,
// CNAME, DNAME, PTR), in the other types with a name (HTTPS, NAPTR); escaped and mixed case.
const ORIGIN_TWICE = `${SOA}mail.example.com A 192.0.2.25
  AAAA 2001:db8::25
Mail.Example.COM TXT "mixed case"
\\101xample.com TXT "an escaped e: example.com.example.com."
a\\.example.com TXT "an escaped dot: not at a label boundary"
notexample.com TXT "not at a label boundary"
@ MX 10 mail.example.com
@ MX 20 MAIL.Example.Com
@ MX 30 mail.example.com.
@ MX 40 mail
nomx MX 0 .
@ NS ns1.example.com
@ NS ns2.Example.COM.example.COM.
_sip._tcp SRV 10 5 5060 sip.Example.com
_sip._udp SRV 10 5 5060 sip.example.com.
_sip._tls SRV 0 0 0 .
www CNAME example.com
w2 CNAME \\101xample.com
w3 CNAME EXAMPLE.com.example.COM.
w4 CNAME a\\.b.example.com
w5 CNAME mail.example\\.com
w6 CNAME example.com.example.com.evil.
w7 CNAME notexample.com
old DNAME sub.example.com
1.2.0.192 PTR host.example.com
2.2.0.192 PTR host
svc HTTPS 1 svc.example.com alpn=h2
svc2 HTTPS 1 . alpn=h2
naptr NAPTR 100 10 "S" "SIP+D2U" "" _sip._tcp.example.com
`;

/** The NSEC3 owner label of a name without escapes (RFC 5155 §5), by node:crypto's SHA-1. */
function nsec3Label(name, salt, iterations) {
  const sha1 = (b) => createHash('sha1').update(b).digest();
  const wire = Buffer.concat([...name.toLowerCase().split('.').filter(Boolean).map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])), Buffer.from([0])]);
  const s = Buffer.from(salt, 'hex');
  let h = sha1(Buffer.concat([wire, s]));
  for (let i = 0; i < iterations; i++) h = sha1(Buffer.concat([h, s]));
  let bits = 0, acc = 0, out = '';
  for (const octet of h) {
    acc = (acc << 8) | octet;
    for (bits += 8; bits >= 5; bits -= 5) out += '0123456789abcdefghijklmnopqrstuv'[(acc >>> (bits - 5)) & 31];
  }
  return out;
}

// Signed zones (nsec-chain): names in the chain beside names added without their NSEC or NSEC3,
// a delegation and its glue, names outside the zone, and the owner names above
const SIGNED_NAMES = ['ns1', 'www', 'a.b', 'sub', 'ns.sub', 'www.example.net.', 'added', 'b.added', ...OWNER_NAMES];
const IN_CHAIN = ['example.com.', 'ns1.example.com.', 'www.example.com.', 'a.b.example.com.', 'b.example.com.'];
const signedData = (nsec) => SIGNED_NAMES.map((n, i) => [`${n} TXT "d${i}"`, ...(i < 3 && nsec ? [`${n} NSEC x.example.com. TXT RRSIG NSEC`] : [])]).flat()
  .concat(['sub NS ns.sub', 'x.sub NS ns.example.net.', nsec ? '@ NSEC ns1 NS SOA RRSIG NSEC DNSKEY' : '@ NSEC3PARAM 1 0 2 aabbccdd']);
const nsec3Chain = IN_CHAIN.map((n) => `${nsec3Label(n, 'aabbccdd', 2)}.example.com. NSEC3 1 0 2 aabbccdd ${nsec3Label('example.com.', 'aabbccdd', 2)} TXT RRSIG`)
  .concat([`${nsec3Label('added.example.com.', '', 0)}.example.com. NSEC3 1 0 0 - ${nsec3Label('example.com.', '', 0)} TXT RRSIG`, `www NSEC3 1 0 2 aabbccdd ${nsec3Label('ns1.example.com.', 'aabbccdd', 2)} A`]);

const HINT_ZONES = {
  'signed with NSEC, names added without their NSEC': [...SIGNED_APEX, ...signedData(true), ''].join('\n'),
  'signed with NSEC3 (salt, 2 iterations), names added without an NSEC3 at their hash': [...SIGNED_APEX, ...signedData(false), ...nsec3Chain, ''].join('\n'),
  'origin example.com.': `$ORIGIN example.com.\n$TTL 60\n${SOA}${OWNER_NAMES.map((n, i) => `${n} A 192.0.2.${i + 2}\n`).join('')}`,
  'no $ORIGIN (relative names without origin)': `$TTL 60\n${OWNER_NAMES.map((n, i) => `${n} TXT "r${i}"\n`).join('')}`,
  'origin from an absolute SOA': `$TTL 60\nexample.org. SOA ns1.example.org. h.example.org. 1 2 3 4 5\n${OWNER_NAMES.map((n, i) => `${n} A 192.0.2.${i + 2}\n`).join('')}`,
  'DS at many owners, the apex among them': `$ORIGIN example.com.\n$TTL 60\n${SOA}${OWNER_NAMES.map((n, i) => `${n} DS ${i + 1} 13 2 ${'ab'.repeat(32)}\n`).join('')}`,
  'NSEC3PARAM of an unknown hash algorithm at many owners, the apex among them': `$ORIGIN example.com.\n$TTL 60\n${SOA}${OWNER_NAMES.map((n) => `${n} NSEC3PARAM 2 0 0 -\n`).join('')}`,
  'NS at wildcards and at names like them': `$ORIGIN example.com.\n$TTL 60\n${SOA}* NS ns1\n*.dyn NS ns1\nx*.y NS ns1\n\\*.z NS ns1\ndyn NS ns1\n${OWNER_NAMES.map((n) => `${n} NS ns1`).join('\n')}\n`,
  'names written without their trailing dot': `$ORIGIN example.com.\n$TTL 60\n${SOA}mail.example.com A 192.0.2.1\nexample.com TXT "x"\n@ MX 10 mail.example.com\n@ MX 20 mail\nwww CNAME example.com\nok CNAME example.com.\n`,
  '$ORIGIN changes in the middle': `$ORIGIN example.com.\n$TTL 60\n${SOA}a A 192.0.2.1\n$ORIGIN other.example.\n${OWNER_NAMES.map((n, i) => `${n} AAAA 2001:db8::${i + 1}\n`).join('')}$ORIGIN .\nx.example.com. A 192.0.2.9\n`,
  'targets and owners that repeat the origin (escapes, mixed case)': `$ORIGIN example.com.\n$TTL 60\n${ORIGIN_TWICE}`,
  // the owner names below delegations and a DNAME (escaped dots and all), and their records
  'delegations and a DNAME above the owner names': `$ORIGIN example.com.\n$TTL 60\n${SOA}sub NS ns.sub\nns.sub A 192.0.2.53\n`
    + `a\\.b NS ns.example.net.\nb DS 1 13 2 ${'ab'.repeat(32)}\nwww NS ns.example.net.\nwww DS 1 13 2 ${'ab'.repeat(32)}\n`
    + `www NSEC x.example.com. NS DS RRSIG NSEC\nold.example.com. DNAME new.example.net.\n`
    + `${OWNER_NAMES.flatMap((n, i) => [`${n} TXT "r${i}"`, `${n.endsWith('.') ? n : `${n}.sub`} TXT "s${i}"`, `${n.endsWith('.') ? n : `${n}.old`} A 192.0.2.${i + 2}`]).join('\n')}\n`,
  // owners and targets beyond ASCII (name-not-ascii), beside ASCII ones and escaped octets
  // DKIM selectors (dkim-syntax), in every case and escape, beside names like them
  'DKIM key records at selectors and names like them': `$ORIGIN example.com.\n$TTL 60\n${SOA}${['sel._domainkey', 'SEL._DomainKey', 'a.b._domainkey.sub', '_domainkey', 'sel._domainkeys', 'sel\\._domainkey', 'x_domainkey', '*._domainkey', 'sel._domainkey.example.net.']
    .map((n) => `${n} TXT "v=DKIM1; p=MIIBIjANBgkq"`).join('\n')}\n`,
  'names beyond ASCII': `$ORIGIN example.com.\n$TTL 60\n${SOA}bücher TXT "x"\nwww CNAME bücher\n@ MX 10 mx.bücher.de.\n@ MX 20 mail\nmail A 192.0.2.1\n\\195\\188 TXT "octets"\n$ORIGIN bücher.example.com.\nsub A 192.0.2.2\n`,
};
const OPTION_SETS = [{}, { origin: 'example.com.' }, { origin: 'example.net.' }];

/** Every zone of the hint tests: each text, each origin option, each parser (and kept values or not). */
function hintZones() {
  const out = [];
  for (const [name, text] of Object.entries(HINT_ZONES)) {
    for (const o of OPTION_SETS) {
      const opts = { fileId: 'hint.zone', ...o };
      out.push({ label: `${name}, parseZone, ${JSON.stringify(o)}`, zone: parseZone(text, opts) });
      // fresh(): the same zone before any key string is made (name ids answered from the text)
      out.push({ label: `${name}, scanZone, ${JSON.stringify(o)}`, zone: scanZone(text, opts), fresh: () => scanZone(text, opts) });
      out.push({ label: `${name}, scanZone no values, ${JSON.stringify(o)}`, zone: scanZone(text, { ...opts, keepValues: new Set() }) });
    }
  }
  return out;
}

/** True when the row engine (engine.ts checkRecordRows) skips this rule for the record: its
 *  owner hint says no and, for a type whose RDATA the rule reads (rdataTypes), so does its
 *  target hint (types with a target only; a record without a target key counts as a no). */
function hintsSkip(rule, rec, zone, target) {
  if (rule.appliesToOwner(rec.ownerKey, zone)) return false;
  if (!rule.rdataTypes?.includes(rec.type)) return true;
  if (!rule.appliesToTarget || TARGET_FIELD[rec.type] === undefined) return false;
  return target === undefined || !rule.appliesToTarget(target, zone);
}

describe('RecordRule.appliesToOwner and appliesToTarget: false only where check() reports nothing', () => {
  const rules = RULES.filter((r) => r.scope === 'record' && r.appliesToOwner);
  test('there are such rules (out-of-zone, non-terminal-wildcard, ds-at-apex, name-origin-repeated)', () => {
    const ids = rules.map((r) => r.id);
    for (const id of ['out-of-zone', 'non-terminal-wildcard', 'ds-at-apex', 'name-origin-repeated']) assert.ok(ids.includes(id), `${id} has appliesToOwner`);
    assert.ok(rules.find((r) => r.id === 'name-origin-repeated').appliesToTarget, 'name-origin-repeated has appliesToTarget');
    for (const id of ['occluded-below-delegation', 'dname-with-children', 'nsec-chain']) assert.ok(rules.find((r) => r.id === id)?.ownerAnswers, `${id} has ownerAnswers`);
  });
  const zones = hintZones();
  for (const rule of rules) {
    test(rule.id, () => {
      let reported = 0, skipped = 0, skippedByTarget = 0, answered = 0;
      const only = { severities: Object.fromEntries(RULES.filter((r) => r.id !== rule.id).map((r) => [r.id, 'off'])) };
      for (const { label, zone, fresh } of zones) {
        const expected = [];
        zone.records.forEach((rec, i) => {
          // the row engine asks with the name table's keys of the row's owner and target: they must be the record's
          const target = targetKey(rec);
          if (zone.rows) {
            assert.equal(zone.rows.nameKey(zone.rows.ownerId(i)), rec.ownerKey, `${label}: rows.nameKey of row ${i}'s owner`);
            const id = zone.rows.targetId(i);
            assert.equal(id < 0 ? undefined : zone.rows.nameKey(id), target, `${label}: rows.nameKey of row ${i}'s target`);
          }
          if (rule.types && !rule.types.includes(rec.type)) return;
          const { calls, ctx } = recordingCtx(zone);
          rule.check(rec, ctx);
          reported += calls.length;
          expected.push(...calls.map((c) => c.message));
          if (!hintsSkip(rule, rec, zone, target)) return;
          skipped++;
          if (rule.rdataTypes?.includes(rec.type)) skippedByTarget++;
          assert.deepEqual(calls.map((c) => c.message), [], `${label}: ${rule.id} hints say no for ${rec.type} at ${JSON.stringify(rec.ownerKey)} (target ${JSON.stringify(target)}), yet check() reports`);
        });
        // answers given for every name at once (ownerAnswers) are appliesToOwner's, name by name,
        // asked of this zone (its keys made by now) and of a fresh one (as the check asks)
        for (const z of rule.ownerAnswers && fresh ? [zone, fresh()] : []) {
          const answers = rule.appliesToZone?.(z) === false ? undefined : rule.ownerAnswers(z, z.rows);
          if (!answers) continue;
          answered++;
          const given = [...answers];
          for (let id = 0; id < z.rows.nameCount; id++) {
            const key = z.rows.nameKey(id);
            assert.equal(given[id], rule.appliesToOwner(key, z) ? 1 : 2, `${label}: ${rule.id} ownerAnswers for ${JSON.stringify(key)}`);
          }
        }
        // and the engine itself, hints and all, reports what check() on every record reports
        if (zone.rows) assert.deepEqual(runRules(zone, FIXED_HOST, only).map((f) => f.message), expected, `${label}: ${rule.id} through the row engine`);
      }
      assert.ok(skipped > 0, `${rule.id}: no owner was skipped, the test says nothing`);
      assert.ok(reported > 0, `${rule.id}: no record was reported, the test says nothing`);
      if (rule.appliesToTarget) assert.ok(skippedByTarget > 0, `${rule.id}: no record with a target was skipped, the test says nothing`);
      if (rule.ownerAnswers) assert.ok(answered > 0, `${rule.id}: ownerAnswers answered for no zone, the test says nothing`);
    });
  }
});

const RRSET_ZONES = {
  'no repeated types, many types per owner': `$ORIGIN example.com.\n$TTL 60\n${SOA}a A 192.0.2.1\na AAAA 2001:db8::1\na 30 TXT "x"\na MX 10 a\nb 10 A 192.0.2.2\nB.example.com. 20 AAAA 2001:db8::2\nc CH TXT "chaos"\nc TXT "in"\nr RRSIG A 13 2 3600 20260101000000 20250101000000 12345 example.com. AQID\nr 30 RRSIG AAAA 13 2 3600 20260101000000 20250101000000 12345 example.com. AQID\n`
    // the same RDATA under different types (not copies of one record), and different TTLs across types
    + 's TXT "v=spf1 -all"\ns 30 SPF "v=spf1 -all"\np NS ns1\np 30 PTR ns1\nq CNAME ns1\nq 30 DNAME ns1\n',
  'duplicates and TTL mismatches': `$ORIGIN example.com.\n$TTL 60\n${SOA}d A 192.0.2.1\nd A 192.0.2.1\nD.example.com. 60 IN A 192.0.2.1\ng A 192.0.2.5\ng A \\# 4 c0000205\nh TYPE1 192.0.2.6\nh 30 A 192.0.2.7\nt 60 TXT "1"\nt 120 TXT "2"\nm MX 10 Mail\nm MX 10 mail.example.com.\nr RRSIG A 13 2 3600 20260101000000 20250101000000 12345 example.com. AQID\nr 30 RRSIG A 13 2 3600 20260101000000 20250101000000 54321 example.com. AQID\nsolo 10 A 192.0.2.8\nsolo 20 AAAA 2001:db8::8\n`,
  'mixed, no origin': `$TTL 60\na A 192.0.2.1\na 5 A 192.0.2.1\nb TXT "x"\nb 5 AAAA ::1\n*.w A 192.0.2.2\n*.w 7 A 192.0.2.3\n`,
};

describe('OwnerRule.repeatedTypesOnly: no repeated type, no finding', () => {
  const rules = RULES.filter((r) => r.scope === 'owner' && r.repeatedTypesOnly);
  test('there are such rules (duplicate-record, ttl-mismatch)', () => {
    const ids = rules.map((r) => r.id);
    for (const id of ['duplicate-record', 'ttl-mismatch']) assert.ok(ids.includes(id), `${id} has repeatedTypesOnly`);
  });
  for (const rule of rules) {
    test(rule.id, () => {
      let reported = 0, skipped = 0;
      for (const [name, text] of Object.entries(RRSET_ZONES)) {
        for (const [parser, parse] of [['parseZone', parseZone], ['scanZone', scanZone]]) {
          const zone = parse(text, { fileId: 'rrset.zone' });
          const label = `${name} (${parser})`;
          for (const [key, recs] of zone.byOwner) {
            const types = recs.map((r) => r.type);
            const repeated = new Set(types).size < types.length;
            const { calls, ctx } = recordingCtx(zone);
            rule.check(key, recs, ctx);
            reported += calls.length;
            if (repeated) continue;
            skipped++;
            assert.deepEqual(calls.map((c) => c.message), [], `${label}: ${rule.id} reports at ${key} (types ${types.join(' ')}), where no type occurs twice`);
            // and with the records in any order
            const { calls: rev, ctx: revCtx } = recordingCtx(zone);
            rule.check(key, [...recs].reverse(), revCtx);
            assert.equal(rev.length, 0, `${label}: ${rule.id} at ${key}, records reversed`);
          }
        }
      }
      assert.ok(skipped > 0, `${rule.id}: no owner without a repeated type`);
      assert.ok(reported > 0, `${rule.id}: nothing reported, the test says nothing`);
    });
  }
});

// ---------------------------------------------------------------- 5. row path = object path

/** Findings as plain data in report order. */
const plain = (findings) => findings.map((f) => {
  const r = absRange(f.loc);
  return `${f.ruleId} ${f.severity} ${r.startLine}:${r.startCol}-${r.endLine}:${r.endCol} ${f.loc.file?.id} ${f.message}`;
});

/** The object engine over parseZone's zone, as checkText did before the column store. */
function objectFindings(text, opts, settings) {
  const zone = parseZone(text, opts);
  assert.equal(zone.rows, undefined, 'parseZone has no rows: the object path');
  return [...problemFindings(zone, settings), ...runRules(zone, opts.host, settings)];
}

const RULE_FIXTURES = [
  'rules/cname-and-other-data.zone', 'rules/duplicate-record.zone', 'rules/multiple-cname.zone', 'rules/non-terminal-wildcard.zone',
  'rules/null-mx-mixed.zone', 'rules/out-of-zone.zone', 'rules/soa-multiple.zone', 'rules/soa-timers.zone', 'rules/target-is-cname.zone',
  'rules/target-no-address.zone', 'rules/ttl-mismatch.zone', 'rules/ds-at-apex.zone', 'rules/soa-missing.zone', 'rules/svcb-reserved-key.zone',
  'rules/name-origin-repeated.zone', 'dane/tlsa-fields.zone', 'dane/tlsa-smtp.zone', 'dane/mail-policy.zone',
];

describe('checkText (row engine, column store) = problemFindings + runRules over parseZone', () => {
  const TLSA_RULES = RULES.filter((r) => r.types?.includes('TLSA')).map((r) => r.id);
  const SETTINGS = {
    'defaults': {},
    'one rule off, one to info': { severities: { 'duplicate-record': 'off', 'out-of-zone': 'info', 'ttl-mismatch': 'error', syntax: 'info' } },
    'every TLSA rule off': { severities: Object.fromEntries(TLSA_RULES.map((id) => [id, 'off'])) },
    'every rule off but two': { severities: Object.fromEntries(RULES.filter((r) => !['non-terminal-wildcard', 'target-no-address'].includes(r.id)).map((r) => [r.id, 'off'])) },
  };
  const texts = RULE_FIXTURES.map((f) => [f, readFileSync(join(fixtures, f), 'utf8')]);
  texts.push(['names that repeat the origin', `$ORIGIN example.com.\n$TTL 60\n${ORIGIN_TWICE}`]);
  // all of them in one zone: findings of many rules at once (each fixture sets its own $ORIGIN)
  texts.push(['all fixtures concatenated', texts.map(([, t]) => t).join('\n')]);
  const seen = new Set();

  test('the TLSA setting changes the kept types (so the comparison covers values not kept)', () => {
    const tlsa = typeCodeByName('TLSA');
    assert.ok(TLSA_RULES.length >= 3);
    assert.ok(typesReadByRules({}).has(tlsa));
    assert.ok(!typesReadByRules(SETTINGS['every TLSA rule off']).has(tlsa));
  });

  for (const [name, text] of texts) {
    test(name, () => {
      for (const [sname, settings] of Object.entries(SETTINGS)) {
        const opts = { fileId: join(fixtures, name), host: FIXED_HOST };
        const expected = plain(objectFindings(text, opts, settings));
        const { zone, findings } = checkText(text, { ...opts, settings });
        assert.ok(zone.rows, 'checkText reads into the column store');
        assert.deepEqual(plain(findings), expected, `${name} with settings '${sname}'`);
        // the same settings with every value kept, or none: the findings do not change
        for (const keepValues of [undefined, new Set()]) {
          const z = scanZone(text, { ...opts, keepValues });
          assert.deepEqual(plain([...problemFindings(z, settings), ...runRules(z, FIXED_HOST, settings)]), expected, `${name}, '${sname}', keepValues ${keepValues ? 'none' : 'all'}`);
        }
        for (const f of findings) seen.add(`${f.ruleId}/${f.severity}`);
      }
    });
  }

  test('the comparison covered findings of many rules, off and changed severities', () => {
    const rules = new Set([...seen].map((s) => s.split('/')[0]));
    assert.ok(rules.size >= 15, `findings of only ${rules.size} rules: ${[...rules].join(', ')}`);
    assert.ok(seen.has('out-of-zone/info') && seen.has('out-of-zone/warning'), 'out-of-zone at its default and at info');
    assert.ok(seen.has('ttl-mismatch/error'));
    assert.ok(seen.has('duplicate-record/warning'));
    assert.ok(seen.has('name-origin-repeated/warning'));
  });
});

// ---------------------------------------------------------------- 6. lines of the column file

describe('zone.file.linesAt and zone.file.lines split like text.split(/\\r\\n|\\r|\\n/)', () => {
  const split = (t) => t.split(/\r\n|\r|\n/);
  function check(text, label) {
    const zone = scanZone(text, { fileId: 'lines.zone' });
    const want = split(text);
    for (let from = 0; from < want.length; from++) {
      for (let count = 0; from + count <= want.length; count++) {
        assert.deepEqual(zone.file.linesAt(from, count), want.slice(from, from + count), `${label}: linesAt(${from}, ${count}) of ${JSON.stringify(text)}`);
      }
    }
    assert.deepEqual(zone.file.lines, want, `${label}: lines of ${JSON.stringify(text)}`);
  }
  const CASES = [
    '', '\n', '\r', '\r\n', '\n\n', '\r\r', '\r\n\r\n', '\n\r', '\r\r\n', 'a', 'a\n', 'a\r', 'a\r\n',
    '$ORIGIN example.com.\r\n$TTL 60\ra A 192.0.2.1\nb A 192.0.2.2\r\nc A 192.0.2.3',
    '$ORIGIN example.com.\n$TTL 60\nt TXT ( "one" ; c\r  "two"\r\n  "three" )\r\nu A 192.0.2.1\r',
    '$TTL 60\na TXT "open\r\nb A 192.0.2.1\r\r\n\r\n( x\r)\n$ORIGIN x.\r\n; c\r',
    '\ufeff$TTL 60\r\n\tA 192.0.2.1\r\n\r\n',
  ];
  test('hand-written texts', () => CASES.forEach((t, i) => check(t, `case ${i}`)));
  test('seeded random texts of zone characters and line ends', () => {
    const r = rng(0x11e5);
    const PIECES = ['\n', '\r', '\r\n', 'a', ' ', '\t', 'A', '1', '(', ')', ';', '"', '$TTL 5', 'x A 192.0.2.1', '\\', '.'];
    for (let i = 0; i < 300; i++) {
      let t = '';
      for (let n = r.int(30); n > 0; n--) t += r.pick(PIECES);
      check(t, `seed case ${i}`);
    }
  });
});
