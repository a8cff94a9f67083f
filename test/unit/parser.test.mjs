// The zone reader: master-file syntax (RFC 1035 §5), inheritance, TTLs
// (RFC 2308), generic RDATA (RFC 3597), $GENERATE, $INCLUDE and error recovery.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseZone, checkText, presentRecord, absRange, problemFindings, typeName, entryLine } from '../../dist/core.js';

const parse = (text, opts = {}) => parseZone(text, { fileId: 'test.zone', ...opts });
const records = (text, opts) => parse(text, opts).records.map(presentRecord);
const problems = (text, opts) =>
  parse(text, opts).problems.map((p) => {
    const r = absRange(p.loc);
    return `${r.startLine + 1}:${r.startCol + 1}-${r.endLine + 1}:${r.endCol + 1} ${p.code}: ${p.message}`;
  });

const HEAD = '$ORIGIN example.com.\n$TTL 3600\n';

test('owner inheritance, @, relative and absolute names', () => {
  const z = parse(HEAD + '@ IN NS ns1\n  IN NS ns2.example.net.\nwww A 192.0.2.1\n\tAAAA 2001:db8::1\n');
  assert.deepEqual(z.records.map((r) => [r.owner, r.type]), [
    ['example.com.', 'NS'], ['example.com.', 'NS'], ['www.example.com.', 'A'], ['www.example.com.', 'AAAA'],
  ]);
  assert.equal(z.records[0].field('nsdname'), 'ns1.example.com.');
  assert.equal(z.records[1].field('nsdname'), 'ns2.example.net.');
  assert.equal(z.origin, 'example.com.');
});

test('TTL and class in either order, units, inherited class', () => {
  const out = records(HEAD + 'a 1h30m IN A 192.0.2.1\nb IN 1W A 192.0.2.2\nc 2d A 192.0.2.3\nd A 192.0.2.4\n');
  assert.deepEqual(out, [
    'a.example.com.\t5400\tIN\tA\t192.0.2.1',
    'b.example.com.\t604800\tIN\tA\t192.0.2.2',
    'c.example.com.\t172800\tIN\tA\t192.0.2.3',
    'd.example.com.\t3600\tIN\tA\t192.0.2.4',
  ]);
});

test('without $TTL: an SOA without TTL makes its minimum the default, as BIND does (named-compilezone)', () => {
  const z = parse('$ORIGIN example.com.\n@ SOA ns1 host 1 2 3 4 300\nwww A 192.0.2.1\nx 60 A 192.0.2.2\ny A 192.0.2.3\n');
  assert.deepEqual(z.records.map((r) => r.ttl), [300, 300, 60, 300]);
  assert.deepEqual(z.problems.map((p) => p.code), ['ttl-missing']);
});

test('without $TTL, an SOA with its own TTL: RFC 1035 last-TTL semantics, as BIND does', () => {
  const z = parse('$ORIGIN example.com.\n@ 100 SOA ns1 host 1 2 3 4 300\nwww A 192.0.2.1\nx 60 A 192.0.2.2\ny A 192.0.2.3\n');
  assert.deepEqual(z.records.map((r) => r.ttl), [100, 100, 60, 60]);
});

test('case-insensitive types and classes; TYPEnnn and CLASSnnn', () => {
  const z = parse(HEAD + 'a in a 192.0.2.1\nb IN TYPE1 192.0.2.2\nc CLASS1 mx 10 a\n');
  assert.deepEqual(z.records.map((r) => [r.type, r.class]), [['A', 'IN'], ['A', 'IN'], ['MX', 'IN']]);
  assert.equal(z.problems.length, 0);
});

test('parentheses span lines anywhere, with comments inside; quoted ; and ( are text', () => {
  const text = HEAD +
    '@ IN SOA ns1 hostmaster (\n  2024010101 ; serial\n  7200 ; refresh\n  3600 1209600 300 )\n' +
    'txt IN TXT ( "v=spf1 ; not a comment (" ; real comment\n   "second" )\n' +
    'mx ( IN MX\n 10 mail )\n';
  const z = parse(text);
  assert.deepEqual(z.problems, []);
  assert.deepEqual(z.records[0].values.slice(2), [2024010101, 7200, 3600, 1209600, 300]);
  assert.deepEqual(z.records[1].field('strings'), ['v=spf1 ; not a comment (', 'second']);
  assert.equal(z.records[1].comment, 'real comment');
  assert.equal(z.records[2].field('exchange'), 'mail.example.com.');
});

test('escapes: \\. in names, \\DDD and \\" in strings', () => {
  const z = parse(HEAD + 'a\\.b IN TXT "q\\"\\065\\\\"\n\\065bc IN A 192.0.2.1\n');
  assert.equal(z.records[0].owner, 'a\\.b.example.com.');
  assert.deepEqual(z.records[0].field('strings'), ['q"A\\']);
  assert.equal(z.records[1].ownerKey, 'abc.example.com.');
});

test('character-strings over 255 octets are errors with the string range', () => {
  const long = 'x'.repeat(256);
  const p = problems(HEAD + `t IN TXT "${long}" "ok"\n`);
  assert.equal(p.length, 1);
  assert.match(p[0], /^3:10-3:268 rdata-invalid: TXT strings: a character-string holds at most 255 octets, this one has 256/);
});

test('TXT RDATA over 65535 octets is an error over its strings (RFC 1035 §3.2.1: RDLENGTH is 16 bits; BIND: ran out of space)', () => {
  const s255 = `"${'a'.repeat(255)}"`;
  // 256 strings of 1 + 255 octets: 65536
  const p = problems(HEAD + `t TXT ${Array(256).fill(s255).join(' ')}\n`);
  assert.equal(p.length, 1, p.join('\n'));
  assert.match(p[0], /^3:7-3:\d+ rdata-invalid: TXT strings: RDATA of 65536 octets: at most 65535 allowed \(RFC 1035 §3\.2\.1/);
  // 65535 exactly is fine; an escape counts one octet, a raw 'é' two
  assert.deepEqual(problems(HEAD + `t TXT ${Array(255).fill(s255).join(' ')} "${'a'.repeat(254)}"\n`), []);
  const e255 = `"${'\\233'.repeat(255)}"`;
  assert.deepEqual(problems(HEAD + `t TXT ${Array(255).fill(e255).join(' ')} "${'\\233'.repeat(254)}"\n`), []);
  assert.match(problems(HEAD + `t TXT ${Array(256).fill(`"a${'é'.repeat(127)}"`).join(' ')}\n`)[0] ?? '', /RDATA of 65536 octets/);
});

test('TLSA: leading zeros and association data split by white space (danetool style)', () => {
  const hex = 'ab'.repeat(32);
  const z = parse(HEAD + `_25._tcp.mail IN TLSA ( 03 01 01\n  ${hex.slice(0, 30)}\n  ${hex.slice(30)} )\n`);
  assert.deepEqual(z.problems, []);
  const r = z.records[0];
  assert.deepEqual([r.field('usage'), r.field('selector'), r.field('matchingType'), r.field('data')], [3, 1, 1, hex]);
  const f = r.fields[3];
  assert.deepEqual(absRange(f.loc), { startLine: 3, startCol: 2, endLine: 4, endCol: 2 + hex.length - 30 });
});

test('RFC 3597 generic form, for unknown and known types (checked against the format)', () => {
  const z = parse(HEAD + 'a IN TYPE65534 \\# 3 010203\nb IN A \\# 4 C0000201\nc IN TLSA \\# 5 0301010A0B\nd IN A \\# 3 C00002\ne IN A \\# 4 C00002\n');
  // d and e are not read: their RDATA does not fit the length or the type
  assert.deepEqual(z.records.map((r) => `${r.owner} ${r.type}`), ['a.example.com. TYPE65534', 'b.example.com. A', 'c.example.com. TLSA']);
  assert.equal(presentRecord(z.records[1]), 'b.example.com.\t3600\tIN\tA\t192.0.2.1');
  assert.deepEqual(z.records[2].values, [3, 1, 1, '0a0b']);
  const p = problems(HEAD + 'd IN A \\# 3 C00002\ne IN A \\# 4 C00002\n');
  assert.match(p[0], /^3:8-3:19 rdata-invalid: A: generic RDATA: 3 octets are too short for this type \(fields: address\)/);
  assert.match(p[1], /^4:8-4:19 rdata-invalid: A: generic RDATA: length says 4 octets but the data has 3/);
});

test('meta and reserved types cannot be records: an error on the type (RFC 6895 §3.1; BIND: invalid use of a meta type)', () => {
  const p = problems(HEAD + 'm TYPE0 \\# 0\nm TYPE41 \\# 0\nm type200 \\# 0\nm TYPE249 \\# 0\nm axfr \\# 0\nm TYPE65535 \\# 0\n');
  assert.deepEqual(p, [
    '3:3-3:8 syntax: TYPE0 is reserved and cannot be used for a record (RFC 6895 §3.1)',
    '4:3-4:9 syntax: TYPE41 (OPT) is a meta type: it exists only in DNS messages and cannot be a record in a zone (RFC 6895 §3.1)',
    '5:3-5:10 syntax: TYPE200 is a question or meta type: it exists only in DNS messages and cannot be a record in a zone (RFC 6895 §3.1)',
    '6:3-6:10 syntax: TYPE249 (TKEY) is a meta type: it exists only in DNS messages and cannot be a record in a zone (RFC 6895 §3.1)',
    '7:3-7:7 syntax: AXFR (TYPE252) is a question or meta type: it exists only in DNS messages and cannot be a record in a zone (RFC 6895 §3.1)',
  ]);
  // 65535 is reserved too, but BIND and Knot load it
  assert.deepEqual(records(HEAD + 'm TYPE65535 \\# 0\n'), ['m.example.com.\t3600\tIN\tTYPE65535\t\\# 0']);
});

test('a type known by its mnemonic only (HIP, NSAP-PTR, ...) is a record type in the generic form, as BIND reads it', () => {
  const z = parse(HEAD + 'a IN hip \\# 3 010203\nb IN TYPE55 \\# 1 ff\nc IN NSAP-PTR \\# 0\nd NSEC e A HIP DLV\n');
  assert.deepEqual(z.problems.map((x) => x.message), []);
  assert.deepEqual(z.records.map(presentRecord), [
    'a.example.com.\t3600\tIN\tHIP\t\\# 3 010203',
    'b.example.com.\t3600\tIN\tHIP\t\\# 1 ff',
    'c.example.com.\t3600\tIN\tNSAP-PTR\t\\# 0',
    'd.example.com.\t3600\tIN\tNSEC\te.example.com. A HIP DLV',
  ]);
  // its fields are not in the table: the presentation form is refused with the fix
  assert.deepEqual(problems(HEAD + 'a IN HIP 2 200100107B1A74DF365639CC39F1D578 AwEAAbdx\n'), [
    "3:6-3:9 rdata-invalid: type HIP is not known to dane-zone: write its RDATA in the generic form '\\# <length> <hex>' (RFC 3597 §5)",
  ]);
  // IPSECKEY has its fields: the generic form must be its wire format
  assert.match(problems(HEAD + 'a IN IPSECKEY \\# 1 ff\n')[0], /IPSECKEY: generic RDATA: 1 octets are too short for this type/);
  // a meta type's mnemonic is still no record type, not even in a type bitmap
  assert.match(problems(HEAD + 'd NSEC e A AXFR\n')[0], /'AXFR' is not a record type/);
});

test('NXNAME (RFC 9824): an NSEC or NSEC3 type bitmap may list it; as a record it is a meta type (RFC 6895 §3.1)', () => {
  const z = parse(HEAD + 'a NSEC \\000.a.example.com. RRSIG NSEC nxname\nb NSEC c A TYPE128\n'
    + '0p9mhaveqvm6t7vbl5lop2u3t2rp3tom NSEC3 1 0 0 - 2vptu5timamqttgl4luu9kg21e0aor3s A RRSIG NXNAME\n');
  assert.deepEqual(z.problems.map((x) => x.message), []);
  assert.deepEqual(z.records.map((r) => r.values.at(-1)), [['RRSIG', 'NSEC', 'NXNAME'], ['A', 'TYPE128'], ['A', 'RRSIG', 'NXNAME']]);
  assert.equal(presentRecord(z.records[0]), 'a.example.com.\t3600\tIN\tNSEC\t\\000.a.example.com. RRSIG NSEC NXNAME');
  // written as a record, by its mnemonic or its number, it is refused as the other meta types are
  assert.deepEqual(problems(HEAD + 'm NXNAME \\# 0\nm TYPE128 \\# 0\n'), [
    '3:3-3:9 syntax: NXNAME (TYPE128) is a meta type (RFC 9824 §2; only an NSEC type bitmap lists it): it exists only in DNS messages and cannot be a record in a zone (RFC 6895 §3.1)',
    '4:3-4:10 syntax: TYPE128 (NXNAME) is a meta type (RFC 9824 §2; only an NSEC type bitmap lists it): it exists only in DNS messages and cannot be a record in a zone (RFC 6895 §3.1)',
  ]);
  assert.equal(typeName(128), 'TYPE128'); // a meta type's code has no mnemonic
});

test('unknown type without generic form names the fix', () => {
  const p = problems(HEAD + 'a IN TYPE65534 0102\n');
  assert.match(p[0], /^3:6-3:15 rdata-invalid: type TYPE65534 is not known .*'\\# <length> <hex>'/);
});

test('DNSSEC algorithms 17 and 23 load as numbers; their mnemonics are refused, as BIND 9.18 and Knot 3.2 refuse them', () => {
  // named-checkzone 9.18.49 and kzonecheck 3.2.6: '257 3 17 ...' and '257 3 23 ...' load;
  // '257 3 SM2SM3 ...' and '1 ECC-GOST12 5 ...' fail ("unknown class/type")
  const z = parse(HEAD + 'k IN DNSKEY 257 3 17 AwEAAaE=\nd IN DS 1 23 5 0011\n');
  assert.deepEqual(z.problems, []);
  assert.deepEqual(z.records.map((r) => r.field('algorithm')), [17, 23]);
  assert.deepEqual(problems(HEAD + 'k IN DNSKEY 257 3 SM2SM3 AwEAAaE=\nd IN DS 1 ecc-gost12 5 0011\n'), [
    '3:19-3:25 rdata-invalid: DNSKEY algorithm: write SM2SM3 as its number 17: BIND 9.18 and Knot 3.2 do not read this mnemonic',
    '4:11-4:21 rdata-invalid: DS algorithm: write ECC-GOST12 as its number 23: BIND 9.18 and Knot 3.2 do not read this mnemonic',
  ]);
  // the mnemonics both read still work
  assert.equal(parse(HEAD + 'k IN DNSKEY 257 3 ED448 AwEAAaE=\n').records[0].field('algorithm'), 16);
});

test('$GENERATE with $, ${offset,width,base} and nibble mode', () => {
  const z = parse('$ORIGIN 2.0.192.in-addr.arpa.\n$TTL 300\n$GENERATE 1-3/2 $ PTR host-${0,3,d}.example.com.\n$GENERATE 10-11 h${-10,2,x} CNAME ${0,0,X}.x\n$GENERATE 255-255 n${0,3,n} A 192.0.2.1\n');
  assert.deepEqual(z.records.map((r) => `${r.owner} ${r.rdataKey}`), [
    '1.2.0.192.in-addr.arpa. host-001.example.com.',
    '3.2.0.192.in-addr.arpa. host-003.example.com.',
    'h00.2.0.192.in-addr.arpa. a.x.2.0.192.in-addr.arpa.',
    'h01.2.0.192.in-addr.arpa. b.x.2.0.192.in-addr.arpa.',
    'nf.f.2.0.192.in-addr.arpa. 192.0.2.1',
  ]);
  assert.ok(z.records.every((r) => r.generated));
});

// BIND 9.18 (named-compilezone) output is the reference for the $GENERATE tests below.
const genOwners = (line) => parse(HEAD + line + '\n').records.map((r) => r.owner);

test('$GENERATE nibble mode: the width counts the dots, as BIND does', () => {
  // BIND's nibbles(): a digit, then a dot while width is left or digits remain; each takes one of the width
  const cases = [
    ['${0,1,n}x', ['ax.example.com.', 'bx.example.com.']],
    ['${0,2,n}x', ['a.x.example.com.', 'b.x.example.com.']],
    ['${0,3,n}x', ['a.0x.example.com.', 'b.0x.example.com.']],
    ['${0,4,n}x', ['a.0.x.example.com.', 'b.0.x.example.com.']],
    ['${0,5,N}x', ['A.0.0x.example.com.', 'B.0.0x.example.com.']],
    ['${0,8,n}ip6', ['a.0.0.0.ip6.example.com.', 'b.0.0.0.ip6.example.com.']],
  ];
  for (const [lhs, want] of cases) assert.deepEqual(genOwners(`$GENERATE 10-11 ${lhs} PTR h$`), want, lhs);
  assert.deepEqual(genOwners('$GENERATE 291-291 ${0,0,n}y PTR h$'), ['3.2.1y.example.com.']);
  assert.deepEqual(genOwners('$GENERATE 291-291 ${0,6,n}y PTR h$'), ['3.2.1.y.example.com.']);
  assert.deepEqual(genOwners('$GENERATE 291-291 ${0,7,n}y PTR h$'), ['3.2.1.0y.example.com.']);
  // an even width ends in a dot: '.x' after it makes an empty label (BIND: 'empty label')
  const p = problems('$GENERATE 10-11 ${0,4,n}.x PTR h$\n', { origin: 'example.com.' });
  assert.deepEqual(p, ['1:1-1:10 syntax: owner: empty label: two dots in a row (or a leading dot) ($GENERATE iteration 10)']);
});

test('$GENERATE modifiers are strict decimal ${offset[,width[,base]]}, as BIND 9.18', () => {
  for (const m of ['${,3}', '${0,,x}', '${0x1}', '${}', '${1,}', '${0,3,}', '${0,3,d,}', '${0,3,dx}', '${1x}', '${1', '${0,-3,x}', '${0,3,q}', '${0,200,d}', '${99999999999}', '${2147483647}']) {
    const p = problems(HEAD + `$GENERATE 1-2 h${m} CNAME x\n`);
    assert.equal(p.length, 1, `${m}: ${p.join(' | ')}`);
    assert.match(p[0], /directive-invalid: \$GENERATE lhs: /, m);
    // the range is the modifier itself, inside the lhs token
    assert.ok(p[0].startsWith(`3:16-3:${16 + m.length} `), `${m}: ${p[0]}`);
  }
  // accepted forms (BIND reads + signs and leading zeros)
  assert.deepEqual(genOwners('$GENERATE 1-2 h${+1} CNAME x'), ['h2.example.com.', 'h3.example.com.']);
  assert.deepEqual(genOwners('$GENERATE 1-2 h${01,+3} CNAME x'), ['h002.example.com.', 'h003.example.com.']);
  assert.deepEqual(genOwners('$GENERATE 1-2 h${0,0010,d} CNAME x'), ['h0000000001.example.com.', 'h0000000002.example.com.']);
  assert.deepEqual(genOwners('$GENERATE 1-2 h${1}} CNAME x'), ['h2}.example.com.', 'h3}.example.com.']);
  // a bad modifier in the rhs points at the modifier inside the quotes
  const q = problems(HEAD + '$GENERATE 1-2 h$ TXT "a ${0,,x}"\n');
  assert.equal(q.length, 1);
  assert.match(q[0], /^3:25-3:32 directive-invalid: \$GENERATE rhs: /);
});

// Negative values, huge offsets and ranges: what BIND 9.18.49 (named-checkzone -D) did with each
// line is in the comment; dane-zone loads what BIND loads, with the same names, except where
// BIND wraps a number past 2^32 or would expand billions of records (an error here instead).
test('$GENERATE with a negative value: BIND 9.18 loads it as printf writes it; dane-zone does too, with one warning at the modifier', () => {
  // BIND 9.18.49: loads host--19 ... host--10 with A 192.0.2.1 ... 192.0.2.10
  const a = parse(HEAD + '$GENERATE 1-10 host-${-20} A 192.0.2.$\n');
  assert.deepEqual(a.records.map((r) => `${r.owner} ${r.rdataKey}`).slice(0, 2), ['host--19.example.com. 192.0.2.1', 'host--18.example.com. 192.0.2.2']);
  assert.equal(a.records.length, 10);
  assert.equal(a.records.at(-1).owner, 'host--10.example.com.');
  assert.deepEqual(problems(HEAD + '$GENERATE 1-10 host-${-20} A 192.0.2.$\n'), [
    "3:21-3:27 directive-invalid: $GENERATE lhs: the offset makes a negative value (-19 at iteration 1); BIND loads it, written with a minus sign in base d and as 32-bit two's complement in o, x, X and n",
  ]);
  assert.equal(a.problems[0].severity, 'warning');
  // BIND 9.18.49: h-01, h000, h001 (printf %03d puts the sign inside the width)
  assert.deepEqual(genOwners('$GENERATE 0-2 h${-1,3,d} A 192.0.2.1'), ['h-01.example.com.', 'h000.example.com.', 'h001.example.com.']);
  // BIND 9.18.49: h000, h001 (no value is negative: no warning)
  assert.deepEqual(genOwners('$GENERATE 1-2 h${-1,3,d} A 192.0.2.1'), ['h000.example.com.', 'h001.example.com.']);
  assert.deepEqual(problems(HEAD + '$GENERATE 1-2 h${-1,3,d} A 192.0.2.1\n'), []);
  // BIND 9.18.49: hffffffff then h0000; h37777777777; hf.f.f.f.f.f.f.f; hFFFFFFFF (the int read as unsigned)
  assert.deepEqual(genOwners('$GENERATE 1-2 h${-2,4,x} A 192.0.2.1'), ['hffffffff.example.com.', 'h0000.example.com.']);
  assert.deepEqual(genOwners('$GENERATE 1-1 h${-2,0,o} A 192.0.2.1'), ['h37777777777.example.com.']);
  assert.deepEqual(genOwners('$GENERATE 1-1 h${-2,0,n} A 192.0.2.1'), ['hf.f.f.f.f.f.f.f.example.com.']);
  assert.deepEqual(genOwners('$GENERATE 1-1 h${-2,0,X} A 192.0.2.1'), ['hFFFFFFFF.example.com.']);
  // BIND 9.18.49: h-2147483647 (the smallest offset)
  assert.deepEqual(genOwners('$GENERATE 1-1 h${-2147483648} A 192.0.2.1'), ['h-2147483647.example.com.']);
  // in the rhs the negative value makes an address BIND refuses too: the warning, then the record's error
  const r = problems(HEAD + '$GENERATE 1-2 h$ A 192.0.2.${-2}\n');
  assert.equal(r.length, 2, r.join(' | '));
  assert.match(r[0], /^3:28-3:33 directive-invalid: \$GENERATE rhs: the offset makes a negative value \(-1 at iteration 1\)/);
  assert.match(r[1], /rdata-invalid: A address: '192\.0\.2\.-1' is not an IPv4 address/);
});

test('$GENERATE offsets past the int range: BIND 9.18 refuses one, wraps the others; dane-zone refuses them all', () => {
  // BIND 9.18.49: '$GENERATE 1-1 h${2147483647}' -> "out of range", not loaded (iteration + offset > 2^31-1)
  // BIND 9.18.49: '$GENERATE 0-0 h${2147483647}' -> h2147483647 (still in range)
  assert.deepEqual(genOwners('$GENERATE 0-0 h${2147483647} A 192.0.2.1'), ['h2147483647.example.com.']);
  // BIND 9.18.49: ${2147483648} -> h-2147483648, ${-2147483649} -> h2147483647, ${99999999999} -> h1215752191
  // (sscanf wraps the offset modulo 2^32): an offset no int holds is refused here instead
  for (const m of ['${2147483648}', '${-2147483649}', '${99999999999}']) {
    const p = problems(HEAD + `$GENERATE 0-0 h${m} A 192.0.2.1\n`);
    assert.equal(p.length, 1, `${m}: ${p.join(' | ')}`);
    assert.ok(p[0].startsWith(`3:16-3:${16 + m.length} directive-invalid: $GENERATE lhs: offset `), `${m}: ${p[0]}`);
    assert.match(p[0], /out of range: the value must stay within -2147483648\.\.2147483647$/);
  }
});

test('$GENERATE ranges: BIND 9.18 refuses start, stop or step above 2^31-1, start > stop and step 0; so does dane-zone, at the range', () => {
  const rangeError = (range) => {
    const p = problems(HEAD + `$GENERATE ${range} h$ A 192.0.2.1\n`);
    assert.equal(p.length, 1, `${range}: ${p.join(' | ')}`);
    assert.ok(p[0].startsWith(`3:11-3:${11 + range.length} directive-invalid: $GENERATE: `), `${range}: ${p[0]}`);
    return p[0].slice(p[0].indexOf('$GENERATE: ') + 11);
  };
  // BIND 9.18.49: invalid range '2147483647-2147483648' / '1-4294967296' / '0-4294967295' / '4294967295-4294967295'
  assert.equal(rangeError('2147483647-2147483648'), 'range stop 2147483648 is above 2147483647 (BIND refuses it)');
  assert.equal(rangeError('1-4294967296'), 'range stop 4294967296 is above 2147483647 (BIND refuses it)');
  assert.equal(rangeError('0-4294967295'), 'range stop 4294967295 is above 2147483647 (BIND refuses it)');
  assert.equal(rangeError('4294967295-4294967295'), 'range start 4294967295 is above 2147483647 (BIND refuses it)');
  // BIND 9.18.49: '4294967296-4294967296' wraps to 0-0 and loads h0; refused here
  assert.equal(rangeError('4294967296-4294967296'), 'range start 4294967296 is above 2147483647 (BIND refuses it)');
  // BIND 9.18.49: invalid range '0-10/2147483648'; '0-10/2147483647' loads h0
  assert.equal(rangeError('0-10/2147483648'), 'range step 2147483648 is above 2147483647 (BIND refuses it)');
  assert.deepEqual(genOwners('$GENERATE 0-10/2147483647 h$ A 192.0.2.1'), ['h0.example.com.']);
  // BIND 9.18.49: '2147483646-2147483647/2' loads h2147483646 (the loop ends without overflow)
  assert.deepEqual(genOwners('$GENERATE 2147483646-2147483647/2 h$ A 192.0.2.1'), ['h2147483646.example.com.']);
  // BIND 9.18.49: invalid range '10-1' and '1-10/0'
  assert.equal(rangeError('10-1'), 'range start 10 is after its stop 1');
  assert.equal(rangeError('1-10/0'), 'the step must be at least 1');
  // BIND 9.18.49: '0-2147483647' is accepted and still generating after 20 s (killed);
  // dane-zone reads only the first record (its template checked) rather than hang or allocate
  // billions of records, and says so in a warning (a limit of the tool, not an error of the zone)
  const cut = problems(HEAD + '$GENERATE 0-2147483647/3 h$ A 192.0.2.1\n');
  assert.deepEqual(cut, ['3:11-3:25 generate-cut: $GENERATE: the range makes 715827883 records, which BIND loads; dane-zone expands at most 100000 a line, so it reads only the first (for 0) and the rules do not see the others']);
  assert.deepEqual(genOwners('$GENERATE 5-2147483647/3 h$ A 192.0.2.1'), ['h5.example.com.']);
  assert.match(problems(HEAD + '$GENERATE 0-2000000 h$ A 192.0.$\n').join(' '), /rdata-invalid/, "the first record's template is still checked");
  assert.equal(checkText(HEAD + '$GENERATE 0-2147483647/3 h$ A 192.0.2.1\n', { fileId: 'g' }).findings.find((f) => f.ruleId === 'generate-cut').severity, 'warning');
  assert.equal(rangeError('0-4294967295/2'), 'range stop 4294967295 is above 2147483647 (BIND refuses it)');
  // BIND 9.18.49: '+1-+3' and '1-3/+1' load h1..h3 (sscanf %u takes a sign); '-1-3' is an invalid range
  assert.deepEqual(genOwners('$GENERATE +1-+3/+1 h$ A 192.0.2.1'), ['h1.example.com.', 'h2.example.com.', 'h3.example.com.']);
  assert.match(rangeError('-1-3'), /^expected a range 'start-stop' or 'start-stop\/step', found '-1-3'$/);
  // BIND 9.18.49: '1-3x' loads h1..h3 (sscanf stops at the junk); refused here
  assert.match(rangeError('1-3x'), /^expected a range/);
});

test("$GENERATE: '$$' is a literal '$', a backslash keeps the next character, as BIND", () => {
  const z = parse(HEAD + '$GENERATE 1-2 h$ CNAME h$$$\n$GENERATE 1-1 a\\\\$ CNAME b$\\$\n');
  assert.deepEqual(z.problems, []);
  assert.deepEqual(z.records.map((r) => `${r.owner} ${r.rdataKey}`), [
    'h1.example.com. h$1.example.com.', // BIND prints h\\$1: the same name
    'h2.example.com. h$2.example.com.',
    'a\\\\1.example.com. b1\\$.example.com.',
  ]);
});

test('$GENERATE does not change the current owner (BIND): a blank-led line after it keeps the owner before', () => {
  const z = parse(HEAD + 'w A 192.0.2.1\n$GENERATE 1-2 g$ A 192.0.2.$\n  A 192.0.2.99\n');
  assert.deepEqual(z.records.map((r) => `${r.owner} ${r.rdataKey}`), [
    'w.example.com. 192.0.2.1', 'g1.example.com. 192.0.2.1', 'g2.example.com. 192.0.2.2', 'w.example.com. 192.0.2.99',
  ]);
  // with no owner before it, the blank-led line has none
  const p = problems(HEAD + '$GENERATE 1-2 g$ A 192.0.2.$\n  A 192.0.2.99\n');
  assert.deepEqual(p, ['4:3-4:4 syntax: this line starts with white space, so it repeats the previous owner, but there is none: write the owner name at the start of the line']);
});

test('$GENERATE takes the RDATA as one token: several unquoted fields are an error, quoted ones are substituted', () => {
  const p = problems(HEAD + '$GENERATE 1-2 h$ MX 10 mail$\n');
  assert.equal(p.length, 1, p.join(' | '));
  assert.match(p[0], /^3:24-3:29 directive-invalid: .*'mail\$'.*"10 mail\$"/);
  const p2 = problems(HEAD + '$GENERATE 1-2 h$ 60 IN A 192.0.2.$ x y\n');
  assert.match(p2[0], /^3:36-3:39 directive-invalid: /);
  const z = parse(HEAD + '$GENERATE 1-2 h$ MX "10 mail$"\n$GENERATE 1-1 t$ 60 IN TXT "cost \\$$"\n');
  assert.deepEqual(z.problems, []);
  assert.deepEqual(z.records.map((r) => `${r.owner} ${r.ttl} ${r.type} ${r.rdataKey}`), [
    'h1.example.com. 3600 MX 10 mail1.example.com.',
    'h2.example.com. 3600 MX 10 mail2.example.com.',
    't1.example.com. 60 TXT "cost" "$1"',
  ]);
});

test('$INCLUDE: relative origin, cycles, depth, restore of origin (RFC 1035 §5.1)', () => {
  const files = {
    'main.zone': '$ORIGIN example.com.\n$TTL 60\n$INCLUDE sub.inc sub\nafter A 192.0.2.9\n$INCLUDE loop.inc\n$INCLUDE missing.inc\n',
    'sub.inc': 'www A 192.0.2.1\n',
    'loop.inc': '$INCLUDE loop.inc\n',
  };
  const readInclude = (_from, p) => (p in files ? { id: p, text: files[p] } : { error: `no such file: ${p}` });
  const z = parseZone(files['main.zone'], { fileId: 'main.zone', readInclude });
  assert.deepEqual(z.records.map((r) => r.owner), ['www.sub.example.com.', 'after.example.com.']);
  assert.equal(z.records[0].file.id, 'sub.inc');
  const msgs = z.problems.map((p) => `${p.loc.file.id}:${entryLine(p.loc.entry) + 1} ${p.message}`);
  assert.deepEqual(msgs, ["loop.inc:1 $INCLUDE cycle: main.zone -> loop.inc -> loop.inc", "main.zone:6 $INCLUDE 'missing.inc': no such file: missing.inc"]);
});

test('one typo, one diagnostic: the parser resynchronises at the next entry', () => {
  const p = problems(HEAD + 'a IN A 192.0.2.300\nb IN MX ten mail\nc IN AA 192.0.2.1\nd IN A 192.0.2.4\n');
  assert.deepEqual(p.map((x) => x.split(' ')[0]), ['3:8-3:19', '4:9-4:12', '5:6-5:8']);
  assert.match(p[2], /expected a record type .* found 'AA'/);
});

test('unclosed parenthesis: one error at the (, the next directive is read normally', () => {
  const z = parse(HEAD + 'a IN TXT ( "x"\n  "y"\n$TTL 60\nb IN A 192.0.2.1\n');
  assert.deepEqual(z.problems.map((p) => [p.message, absRange(p.loc).startLine, absRange(p.loc).startCol]), [
    ["unclosed '(': expected ')' before the next entry", 2, 9],
  ]);
  assert.equal(z.records.at(-1).ttl, 60);
});

test('unclosed parenthesis: the entry ends before the next line that reads as a record, in the editor and the check alike; a closed entry is never cut', () => {
  const soa = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster (\n    1 7200 3600 1209600 300 ; serial and timers\n@ IN NS ns1\n  IN MX 10 mail\nns1 300 IN A 192.0.2.1\nmail IN A 192.0.2.2\n';
  for (const z of [parse(soa), checkText(soa, { fileId: 'mem.zone' }).zone]) {
    assert.deepEqual(z.problems.map((p) => [p.message, absRange(p.loc).startLine, absRange(p.loc).startCol]), [["unclosed '(': expected ')' before the next entry", 2, 24]]);
    assert.deepEqual(z.records.map((r) => r.type), ['SOA', 'NS', 'MX', 'A', 'A'], 'the SOA (its fields are all there) and the records below it are read');
  }
  assert.deepEqual(checkText(soa, { fileId: 'mem.zone' }).findings.map((f) => f.ruleId), ['syntax'], 'and their absence is no finding (the NS at the apex)');
  // continuation lines do not read as records: numbers, base64 and hex, strings, key=value, an NSEC type list without RDATA
  const data = '$ORIGIN example.com.\n$TTL 3600\nk IN DNSKEY 257 3 13 (\n  mdsswUyr3DPW132mOi8V9xESWE8jTo0d\n  xCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==\n  "text" alpn=h2 3600 IN\n  A\nb IN A 192.0.2.1\n';
  const dz = parse(data);
  assert.equal(dz.file.entries.find((e) => e.unclosed).lineCount, 5, 'cut before b, not before a line of data');
  // closed: every line inside the parentheses is data, as BIND reads it
  const closed = parse('$ORIGIN example.com.\n$TTL 3600\nt IN TXT ( "a"\nwww IN A 192.0.2.1 )\n');
  assert.deepEqual(closed.problems, []);
  assert.deepEqual(closed.records.map(presentRecord), ['t.example.com.\t3600\tIN\tTXT\t"a" "www" "IN" "A" "192.0.2.1"']);
});

test('unterminated quote and stray ) are errors with ranges', () => {
  const p = problems(HEAD + 'a IN TXT "abc\nb IN A 192.0.2.1 )\n');
  assert.deepEqual(p.map((x) => x.split(': ')[0]), ['3:10-3:14 syntax', '4:18-4:19 syntax']);
});

test('never throws and never hangs on hostile input', () => {
  const junk = Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 7919) % 256)).toString('latin1');
  const cases = [junk, '(' + ' x'.repeat(100000), '"'.repeat(5001), 'a'.repeat(10 * 1024 * 1024), '\\', '$INCLUDE', '$GENERATE 0-4294967295 $ A 1.2.3.4', ')))((('];
  for (const c of cases) {
    const t0 = Date.now();
    const { findings } = checkText(c, { fileId: 'junk' });
    assert.ok(Array.isArray(findings));
    assert.ok(Date.now() - t0 < 10000, 'bounded time');
  }
});

test('names: label and name length limits, empty labels', () => {
  const p = problems(HEAD + `${'a'.repeat(64)} A 192.0.2.1\na..b A 192.0.2.1\n`);
  assert.match(p[0], /label of 64 octets: at most 63/);
  assert.match(p[1], /empty label/);
});

test('names: lengths are octets of the UTF-8 form, an escape counts one (RFC 1035 §2.3.4; BIND: label too long)', () => {
  // 'a' + 40 'é' is 41 characters but 81 octets
  const p = problems(HEAD + `a${'é'.repeat(40)} A 192.0.2.1\n`);
  assert.deepEqual(p, [`3:1-3:42 syntax: owner: label of 81 octets: at most 63 allowed (RFC 1035 §2.3.4)`]);
  assert.deepEqual(problems(HEAD + `a${'é'.repeat(31)} A 192.0.2.1\n`), []); // 63 octets
  // four-octet characters (a surrogate pair in the string) and the 255-octet name limit
  assert.match(problems(HEAD + `${'😀'.repeat(16)} A 192.0.2.1\n`)[0], /label of 64 octets/);
  const name = Array.from({ length: 5 }, () => 'é'.repeat(25)).join('.'); // 5 labels of 50 octets
  assert.match(problems(HEAD + `${name} A 192.0.2.1\n`)[0], /name of 268 octets: at most 255/);
  assert.deepEqual(problems(HEAD + `${'\\233'.repeat(63)} A 192.0.2.1\n`), []);
});

test('names: a name cannot end in a lone backslash (it would escape the dot before the origin; BIND: unexpected end of input)', () => {
  assert.deepEqual(problems(HEAD + 'x CNAME foo\\\n'),
    ["3:9-3:13 rdata-invalid: CNAME target: name ends with a lone backslash: write '\\\\' for a backslash octet (RFC 1035 §5.1)"]);
  assert.match(problems(HEAD + 'foo\\\n  A 192.0.2.1\n')[0], /^3:1-3:5 syntax: owner: name ends with a lone backslash/);
  // an escaped backslash is a whole octet
  assert.deepEqual(records(HEAD + 'x CNAME foo\\\\\n'), ['x.example.com.\t3600\tIN\tCNAME\tfoo\\\\.example.com.']);
});

test('names: an escape message quotes the file, not the origin appended to a relative name', () => {
  assert.deepEqual(problems(HEAD + 'm MX 10 mail\\1\nx\\12 A 192.0.2.1\n'), [
    "3:9-3:15 rdata-invalid: MX exchange: bad escape '\\1': \\DDD needs three decimal digits",
    "4:1-4:5 syntax: owner: bad escape '\\12': \\DDD needs three decimal digits",
  ]);
});

test('TTLs: leading zeros do not count towards the digits (BIND and Knot read 000000000003600 as 3600)', () => {
  const z = parse(HEAD + 't 00000000003600 IN A 192.0.2.1\n$TTL 000000000003600\nu A 192.0.2.2\n@ SOA ns1 host 1 000000000003600 900 604800 300\n');
  assert.deepEqual(z.problems.map((p) => p.message), []);
  assert.deepEqual(z.records.map((r) => r.ttl), [3600, 3600, 3600]);
  assert.equal(z.records[2].values[3], 3600);
  // still no TTL past 32 bits, however written
  assert.match(problems(HEAD + 't 0004294967296 A 192.0.2.1\n')[0], /expected a record type/);
});

test('relative names without an origin are errors unless the host gives one', () => {
  assert.match(problems('www 60 A 192.0.2.1\n')[0], /relative name 'www' but no \$ORIGIN/);
  assert.deepEqual(records('www 60 A 192.0.2.1\n', { origin: 'example.org' }), ['www.example.org.\t60\tIN\tA\t192.0.2.1']);
});

test('class mismatch within a zone is an error', () => {
  assert.match(problems(HEAD + 'a IN A 192.0.2.1\nb CH TXT "x"\n')[0], /class CH differs from the zone's class IN/);
});

test('every type in the table parses from a typical presentation line', () => {
  const lines = [
    '@ SOA ns1 host 1 7200 3600 1209600 300', '@ NS ns1', 'ns1 A 192.0.2.1', 'ns1 AAAA 2001:db8::1', 'c CNAME www', 'd DNAME example.net.',
    '@ MX 10 mail', 'p PTR host', 't TXT "a" "b"', 't2 SPF "v=spf1 -all"', '_sip._tcp SRV 0 5 5060 sip', 'n NAPTR 100 10 "S" "SIP+D2U" "" _sip._udp',
    '@ CAA 0 issue "letsencrypt.org"', '_25._tcp.mail TLSA 3 1 1 ' + 'ab'.repeat(32), 'x._smimecert SMIMEA 3 1 1 ' + 'cd'.repeat(32),
    'h SSHFP 4 2 ' + 'ef'.repeat(32), 'sub DS 12345 13 2 ' + '01'.repeat(32), 'sub CDS 12345 ECDSAP256SHA256 2 ' + '01'.repeat(32),
    '@ DNSKEY 257 3 13 AwEAAQ==', '@ CDNSKEY 257 3 13 AwEAAQ==',
    '@ RRSIG A 13 2 3600 20250101000000 20241201000000 12345 example.com. AwEAAQ==',
    '@ NSEC a.example.com. A NS SOA RRSIG NSEC', 'h HINFO "PC" "Linux"', 'l LOC 52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m',
    'c2 CERT PKIX 0 0 AwEAAQ==', 'o OPENPGPKEY AwEAAQ==', '_https SVCB 1 . alpn=h2,h3 port=443 ipv4hint=192.0.2.1', 'w HTTPS 1 . alpn="h2"',
    '_ftp._tcp URI 10 1 "ftp://ftp.example.com/"', '@ ZONEMD 1 1 1 ' + 'aa'.repeat(48),
    'h3 NSEC3 1 1 0 - 2t7b4g4vsa5smi47k61mv5bv1a22bojr A RRSIG', '@ NSEC3PARAM 1 0 0 -',
  ];
  const z = parse(HEAD + lines.join('\n') + '\n');
  assert.deepEqual(problems(HEAD + lines.join('\n') + '\n'), []);
  assert.equal(z.records.length, lines.length);
});

test('problemFindings honours severity settings, off removes', () => {
  const z = parse(HEAD + 'a IN A 300.0.0.1\n');
  assert.equal(problemFindings(z, { severities: { 'rdata-invalid': 'off' } }).length, 0);
  assert.equal(problemFindings(z, { severities: { 'rdata-invalid': 'warning' } })[0].severity, 'warning');
});

test('a byte order mark at the start of the file (EF BB BF, "UTF-8 with BOM"): one error on it, and the file read as if it were not there', () => {
  const text = '\ufeff' + HEAD + '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';
  assert.deepEqual(problems(text), ['1:1-1:2 byte-order-mark: the file starts with a byte order mark (U+FEFF, the bytes EF BB BF): BIND ("unknown RR type") and Knot read it as part of the first word and refuse the zone; save the file as UTF-8 without a BOM']);
  const z = parse(text, { keepTokens: true });
  assert.equal(z.origin, 'example.com.');
  assert.deepEqual(z.records.map((r) => r.owner), ['example.com.', 'example.com.', 'ns1.example.com.']);
  // the $ORIGIN word keeps its place in the file: after the mark
  assert.deepEqual(z.directives.map((d) => [d.name, absRange(d.loc).startCol]), [['$ORIGIN', 1], ['$TTL', 0]]);
  // before a record; before a blank (an inherited owner, and there is none); only at the start of the file
  assert.deepEqual(records('\ufeffwww.example.com. 300 IN A 192.0.2.2\n'), ['www.example.com.\t300\tIN\tA\t192.0.2.2']);
  assert.deepEqual(problems('\ufeff IN A 192.0.2.2\n').map((p) => p.split(' ')[1]), ['byte-order-mark:', 'syntax:']);
  // elsewhere U+FEFF is data, as in BIND: three octets of a label
  assert.deepEqual(problems(HEAD + '\ufeffwww A 192.0.2.2\n'), []);
  assert.deepEqual(records(HEAD + '\ufeffwww A 192.0.2.2\n'), ['\ufeffwww.example.com.\t3600\tIN\tA\t192.0.2.2']);
  // one at the start of an $INCLUDEd file is reported in that file
  const z2 = parse(HEAD + '$INCLUDE hosts.inc\n', { readInclude: () => ({ id: '/zones/hosts.inc', text: '\ufeffh IN A 192.0.2.7\n' }) });
  assert.deepEqual(z2.problems.map((p) => [p.code, p.loc.file.id]), [['byte-order-mark', '/zones/hosts.inc']]);
  assert.deepEqual(z2.records.map((r) => r.owner), ['h.example.com.']);
});

test('a record with bad RDATA still sets the owner that blank-led lines below repeat, as BIND reads it', () => {
  // an SOA with a serial out of range: its NS lines are the apex's, not "an owner there is none of"
  const soa = parse(HEAD + '@ IN SOA ns1 hostmaster 99999999999 7200 3600 1209600 300\n  IN NS ns1\n  IN NS ns2\nns1 IN A 192.0.2.1\n');
  assert.deepEqual(soa.problems.map((p) => p.code), ['rdata-invalid']);
  assert.deepEqual(soa.records.map((r) => [r.owner, r.type]), [['example.com.', 'NS'], ['example.com.', 'NS'], ['ns1.example.com.', 'A']]);
  // a bad address: the next line's AAAA is www's, not the owner before it
  const a = parse(HEAD + 'ns1 IN A 192.0.2.1\nwww IN A 300.1.1.1\n  IN AAAA 2001:db8::1\n');
  assert.deepEqual(a.records.map((r) => [r.owner, r.type]), [['ns1.example.com.', 'A'], ['www.example.com.', 'AAAA']]);
  // an owner that cannot be read is not one: the line below still repeats the one before
  const bad = parse(HEAD + 'ns1 IN A 192.0.2.1\nlabel..x IN A 192.0.2.2\n  IN AAAA 2001:db8::1\n');
  assert.deepEqual(bad.records.map((r) => [r.owner, r.type]), [['ns1.example.com.', 'A'], ['ns1.example.com.', 'AAAA']]);
});
