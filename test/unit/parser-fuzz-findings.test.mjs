// Disagreements with BIND found by the differential fuzz test
// (test/interop/fuzz-differential.test.mjs), one test each, in the zone reader.
// BIND 9.18's named-checkzone is the reference; each test says what it does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseZone, presentRecord, absRange } from '../../dist/core.js';

const parse = (text) => parseZone(text, { fileId: 'test.zone' });
const problems = (text) =>
  parse(text).problems.map((p) => `${absRange(p.loc).startLine + 1} ${p.severity} ${p.code}: ${p.message}`);

test('no TTL anywhere before a non-SOA record is an error on each such record (BIND: "no TTL specified; zone rejected")', () => {
  const text = '$ORIGIN example.com.\nwww A 192.0.2.1\nmail A 192.0.2.2\n@ SOA ns1 h 1 7200 3600 1209600 300\nx A 192.0.2.3\n';
  const got = problems(text);
  assert.equal(got.length, 3, got.join('\n'));
  assert.match(got[0], /^2 error ttl-missing: no TTL for this A record/);
  assert.match(got[1], /^3 error ttl-missing: /);
  // the SOA without TTL still sets the default, with one warning, as before
  assert.match(got[2], /^4 warning ttl-missing: .*SOA.*minimum 300/);
  assert.deepEqual(parse(text).records.map((r) => r.ttl), [0, 0, 300, 300]);
  // an earlier explicit TTL is enough (RFC 1035 §5.1: the last stated TTL)
  assert.deepEqual(problems('$ORIGIN example.com.\nwww 60 A 192.0.2.1\nmail A 192.0.2.2\n'), []);
});

test('an NSEC record needs at least one type in its bitmap (BIND: FORMERR); NSEC3 may have none', () => {
  const head = '$ORIGIN example.com.\n$TTL 3600\n';
  const got = problems(head + 'a NSEC b.example.com.\n');
  assert.equal(got.length, 1, got.join('\n'));
  assert.match(got[0], /^3 error rdata-invalid: NSEC missing types: expected at least one type/);
  assert.deepEqual(problems(head + 'a NSEC b.example.com. A NSEC RRSIG\n'), []);
  assert.deepEqual(problems(head + 'b NSEC3 1 0 1 - 0p9mhaveqvm6t7vbl5lop2u3t2rp3tom\n'), []);
  assert.deepEqual(parse(head + 'a NSEC b A NSEC\n').records.map(presentRecord), ['a.example.com.\t3600\tIN\tNSEC\tb.example.com. A NSEC']);
});

test('a known type in \\# form whose fields are not decoded from wire (LOC, SVCB, NSEC) keeps its RDATA as written; CAA is decoded', () => {
  const head = '$ORIGIN example.com.\n$TTL 3600\n';
  // LOC printed empty (its RDATA lost) and CAA was refused as 'too short' (the tag ate
  // the bytes the value needed); BIND accepts both and prints LOC as '\# 5 7EDF0111F5'
  const z = parse(head + 'mail LOC \\# 5 7edf0111f5\n@ CAA \\# 5 0003666f6f\n');
  assert.deepEqual(z.records.map(presentRecord), [
    'mail.example.com.\t3600\tIN\tLOC\t\\# 5 7edf0111f5',
    'example.com.\t3600\tIN\tCAA\t0 foo ""',
  ]);
  assert.deepEqual(z.problems, []);
  // types decoded from wire stay typed
  assert.deepEqual(parse(head + 'a A \\# 4 c0000201\n').records.map(presentRecord), ['a.example.com.\t3600\tIN\tA\t192.0.2.1']);
});

test('a NAPTR regexp must be empty or delim-ere-delim-repl-delim-flags (RFC 3403 §3.2), as BIND checks', () => {
  const head = '$ORIGIN example.com.\n$TTL 3600\n';
  const naptr = (re) => problems(`${head}n NAPTR 100 20 "U" "E2U+sip" "${re}" .\n`);
  // each verdict below is named-checkzone 9.18's
  for (const ok of ['', '!^.*$!sip:info@example.com!', '!^.*$!sip:x@example.com!i', '/a/b/', '!(a)!\\\\1!']) assert.deepEqual(naptr(ok), [], ok);
  for (const [bad, why] of [
    ['E2U+sip', /first character 'E' is the delimiter and must appear three times/],
    ['!a!b!x', /only the flag 'i' may follow, found 'x'/],
    ['1a1b1', /delimiter '1' cannot be a digit/],
    ['!a!\\\\1!', /back-reference \\1 but the expression has 0 group/],
    ['!(a)!\\\\0!', /back-reference \\0/],
  ]) {
    const got = naptr(bad);
    assert.equal(got.length, 1, `${bad}: ${got.join('\n')}`);
    assert.match(got[0], /^3 error rdata-invalid: NAPTR regexp: /);
    assert.match(got[0], why);
  }
});

test('a TTL over 2147483647 is read as 0, with a warning, as BIND loads it (RFC 2181 §8)', () => {
  const text = '$ORIGIN example.com.\n$TTL 3600\nw 2147483648 A 192.0.2.2\nx A 192.0.2.3\n$TTL 4294967295\ny A 192.0.2.4\n';
  // was 2147483648 / 3600 / 4294967295; named-compilezone prints 0 / 3600 / 0
  assert.deepEqual(parse(text).records.map((r) => r.ttl), [0, 3600, 0]);
  const got = problems(text);
  assert.equal(got.length, 2, got.join('\n'));
  assert.match(got[0], /^3 warning ttl-range: TTL 2147483648 is over 2147483647: it is read as 0/);
  assert.match(got[1], /^5 warning ttl-range: \$TTL 4294967295 is over 2147483647: it is read as 0/);
});

test("a '\"' ends an unquoted word and opens a string, as in BIND", () => {
  const head = '$ORIGIN example.com.\n$TTL 3600\n';
  // named-compilezone: TXT a"b" is "a" "b"; ."v=x" is "." "v=x"
  assert.deepEqual(parse(head + 't TXT a"b"\nu TXT ."v=x"\n').records.map(presentRecord), [
    't.example.com.\t3600\tIN\tTXT\t"a" "b"',
    'u.example.com.\t3600\tIN\tTXT\t"." "v=x"',
  ]);
  // BIND: syntax error (a stray quote in an owner was read as part of the name)
  const got = problems(head + '9www" A 192.0.2.2\n');
  assert.ok(got.length >= 1 && got.every((p) => / error /.test(p)), got.join('\n'));
  assert.match(got[0], /^3 error syntax: unterminated quoted string/);
  // BIND: unbalanced quotes
  assert.match(problems(head + 't TXT a"b\n')[0], /^3 error syntax: unterminated quoted string/);
});

test('RDATA messages name what was expected and the offending text', () => {
  const head = '$ORIGIN example.com.\n$TTL 3600\n';
  const one = (line) => { const got = problems(head + line + '\n'); assert.equal(got.length, 1, got.join('\n')); return got[0]; };
  assert.match(one('h MX 10'), /MX missing exchange \(MX is: preference exchange\)/);
  assert.match(one('c DNSKEY 257 3 13 abc$'), /'\$' in 'abc\$' is not base64 \(expected A-Z a-z 0-9/);
  assert.match(one('c DNSKEY 257 3 13 abc'), /3 characters, expected a multiple of 4/);
  assert.match(one('d DNSKEY 257 3 FOO abcd'), /algorithm: expected a number from 0 to 255 or a mnemonic such as ECDSAP256SHA256 or ED25519, found 'FOO'/);
  assert.match(one('e LOC 91 N 1 E 10m'), /LOC latitude degrees 91 out of range \(0-90/);
  assert.doesNotMatch(one('e LOC 91 N 1 E 10m'), /LOC LOC/);
  assert.match(one('f TYPE65534 \\# 3 abzz12'), /generic RDATA: 'abzz12' is not hexadecimal/);
  assert.match(one('a TLSA 3 1 1 abc'), /odd number of hex digits \(3\): expected two per octet/);
});

test('TTL, TYPEnnn and generic-form messages say what was expected', () => {
  const one = (text) => { const got = problems(text); assert.equal(got.length, 1, got.join('\n')); return got[0]; };
  assert.match(one('$TTL 1h30\n'), /found '1h30' \(a TTL with units needs a unit on every number, e\.g\. 1h30m\)/);
  assert.match(one('$TTL 1x\n'), /found '1x' \(TTL units are s, m, h, d and w\)/);
  const head = '$ORIGIN example.com.\n$TTL 3600\n';
  assert.match(one(head + 'w 1h30 A 192.0.2.1\n'), /found '1h30' \(a TTL\? a TTL with units needs a unit on every number/);
  assert.match(one(head + 'y TYPE99999 \\# 0\n'), /found 'TYPE99999' \(TYPEnnn takes a number from 0 to 65535\)/);
  assert.match(one(head + 'z A \\# x\n'), /expected '\\# <length> <hex>' \(RFC 3597 §5\), found 'x' where the length goes/);
});

test('CAA in \\# form: the tag is decoded and checked, the value is the rest (RFC 8659 §4.1), as BIND reads it', () => {
  const head = '$ORIGIN example.com.\n$TTL 3600\n';
  // named-compilezone: 0 foo "" / FORMERR / FORMERR
  assert.deepEqual(parse(head + '@ CAA \\# 5 0003666f6f\n').records.map(presentRecord), ['example.com.\t3600\tIN\tCAA\t0 foo ""']);
  assert.match(problems(head + '@ CAA \\# 3 abcdef\n')[0], /CAA: generic RDATA: 3 octets are too short/);
  assert.match(problems(head + '@ CAA \\# 4 0001212a\n')[0], /CAA tag '!' is not 1 or more letters and digits/);
});

test('a DS/CDS digest has the length of its digest type (SHA-1 20, SHA-256 32, SHA-384 48 octets), as BIND checks', () => {
  const head = '$ORIGIN example.com.\n$TTL 3600\n';
  const d32 = 'ab'.repeat(32);
  // named-checkzone: 'unexpected end of input' / 'extra input text' / 'bad hex encoding' for these
  assert.match(problems(head + 'sub DS 2371 13 2 abcd\n')[0], /^3 error rdata-invalid: DS digest: digest type 2 \(SHA-256\) needs 32 octets \(64 hex digits\); this one has 2$/);
  assert.match(problems(head + `sub DS 2371 13 2 ${d32} abcd\n`)[0], /this one has 34/);
  assert.match(problems(head + 'sub CDS 2371 13 1 ( abcd\n ef01 )\n')[0], /^3 error rdata-invalid: CDS digest: digest type 1 \(SHA-1\) needs 20 octets/);
  assert.match(problems(head + 'sub DS \\# 6 094b0d02abcd\n')[0], /DS: generic RDATA: digest: digest type 2 \(SHA-256\) needs 32 octets/);
  // right lengths, the lengths of GOST (3), SM3 (6) and unknown types, and the CDS delete form are
  // not checked (BIND loads them); GOST R 34.11-94 itself gets the ds-digest-type warning
  for (const ok of [`sub DS 2371 13 2 ${d32}`, `sub DS 2371 13 4 ${d32}${'cd'.repeat(16)}`, 'sub DS 2371 13 6 abcd', 'sub CDS 0 0 0 00']) {
    assert.deepEqual(problems(head + ok + '\n'), [], ok);
  }
  assert.deepEqual(problems(head + 'sub DS 2371 13 3 abcd\n').map((p) => p.split(':')[0]), ['3 warning ds-digest-type']);
});
