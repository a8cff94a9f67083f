// RDATA presentation and RFC 3597 checks where dane-zone disagreed with BIND and Knot,
// found by an operator's reproductions (each verdict is named-checkzone 9.18's and
// kzonecheck 3.2's unless a test says otherwise). One test per finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseZone, presentRecord, absRange } from '../../dist/core.js';
import * as core from '../../dist/core.js';

const head = '$ORIGIN example.com.\n$TTL 3600\n';
const parse = (text) => parseZone(text, { fileId: 'test.zone' });
const problems = (text) =>
  parse(text).problems.map((p) => `${absRange(p.loc).startLine + 1}:${absRange(p.loc).startCol} ${p.severity} ${p.code}: ${p.message}`);
const ok = (line) => assert.deepEqual(problems(head + line + '\n'), [], line);
/** the one problem of a record line, with the column where its range starts */
const one = (line) => { const got = problems(head + line + '\n'); assert.equal(got.length, 1, `${line}\n${got.join('\n')}`); return got[0]; };

test('a CAA value is the rest of the RDATA, not a 255-octet character-string (RFC 8659 §4.1)', () => {
  const value = 'ca.example.net; account=' + 'x'.repeat(300);
  ok(`c CAA 0 issue "${value}"`);
  assert.deepEqual(parse(head + `c CAA 0 issue "${value}"\n`).records.map(presentRecord), [`c.example.com.\t3600\tIN\tCAA\t0 issue "${value}"`]);
  // in \\# form too, as before: no length octet before the value
  ok('c CAA \\# 5 0003666f6f');
});

test('a URI target is the rest of the RDATA, not a 255-octet character-string (RFC 7553 §4.5)', () => {
  const uri = 'https://example.net/' + 'x'.repeat(300);
  ok(`_http._tcp URI 10 1 "${uri}"`);
  assert.deepEqual(parse(head + `_http._tcp URI 10 1 "${uri}"\n`).records.map(presentRecord), [`_http._tcp.example.com.\t3600\tIN\tURI\t10 1 "${uri}"`]);
  // \\# form: priority, weight, then the target without a length octet (BIND: 10 1 "ab")
  assert.deepEqual(parse(head + 'u URI \\# 6 000a00016162\n').records.map(presentRecord), ['u.example.com.\t3600\tIN\tURI\t10 1 "ab"']);
});

test('an RRSIG date must exist: month, day of that month, hour, minute and second in range (RFC 4034 §3.2)', () => {
  const rrsig = (exp) => `r RRSIG A 13 3 3600 ${exp} 20240101000000 12345 example.com. AAAA`;
  // Date.UTC rolled these forward to a real date; BIND and Knot refuse them
  for (const [date, why] of [
    ['20240231000000', /expiration: '20240231000000' is not a date: February 2024 has 29 days \(RFC 4034 §3\.2\)/],
    ['20230229000000', /February 2023 has 28 days/],
    ['20241301000000', /month 13 is out of range \(01-12\)/],
    ['20240100000000', /day 00 is out of range \(01-31\)/],
    ['20240101250000', /hour 25 is out of range \(00-23\)/],
    ['20240101006000', /minute 60 is out of range \(00-59\)/],
    ['20240101000060', /second 60 is out of range \(00-59\)/],
  ]) {
    const got = one(rrsig(date));
    assert.match(got, why, date);
    // the range is on the date itself (column of the expiration word)
    assert.match(got, /^3:20 error rdata-invalid: RRSIG expiration: /, date);
  }
  assert.match(one('r RRSIG A 13 3 3600 20250101000000 20240431000000 12345 example.com. AAAA'), /^3:35 error rdata-invalid: RRSIG inception: .*April 2024 has 30 days/);
  for (const date of ['20240229000000', '20241231235959', '1704067200']) ok(rrsig(date));
});

test('an SSHFP fingerprint has the length of its type: SHA-1 20, SHA-256 32 octets (RFC 4255 §3.1.2, RFC 6594 §4), as BIND checks', () => {
  // named-checkzone: 'unexpected end of input' / 'extra input text'
  assert.match(one('s SSHFP 1 1 abcd'), /^3:12 error rdata-invalid: SSHFP fingerprint: fingerprint type 1 \(SHA-1\) needs 20 octets \(40 hex digits\); this one has 2$/);
  assert.match(one(`s SSHFP 4 2 ${'ab'.repeat(20)}`), /fingerprint type 2 \(SHA-256\) needs 32 octets \(64 hex digits\); this one has 20$/);
  assert.match(one('s SSHFP \\# 4 0101abcd'), /SSHFP: generic RDATA: fingerprint: fingerprint type 1 \(SHA-1\) needs 20 octets/);
  // right lengths and other fingerprint types are not checked (BIND loads them)
  for (const good of [`s SSHFP 1 1 ${'ab'.repeat(20)}`, `s SSHFP 4 2 ${'ab'.repeat(32)}`, 's SSHFP 1 3 abcd', 's SSHFP 1 0 abcd']) ok(good);
});

test('an NSEC3 next hashed owner is base32hex without padding whose length gives whole octets, zero bits after the last (RFC 4648 §7, RFC 5155 §3.3)', () => {
  const o = '2t7b4g4vsa5smi47k61mv5bv1a22bojr';
  const nsec3 = (next, alg = 1) => `${o} NSEC3 ${alg} 0 0 - ${next} A`;
  ok(nsec3('2T7B4G4VSA5SMI47K61MV5BV1A22BOJR'));
  // one character is 5 bits: no whole octet (BIND: bad base32 encoding)
  assert.match(one(nsec3('A')), /^3:47 error rdata-invalid: NSEC3 nextHashed: 'A' is not base32hex: 1 character is 5 bits, which is not a whole number of octets \(RFC 4648 §7\)$/);
  assert.match(one(nsec3('ABC')), /3 characters are 15 bits/);
  assert.match(one(nsec3('AB==')), /'AB==' is not base32hex: '=' padding is not used here \(RFC 5155 §3\.3\)/);
  // 'AB' is 10 bits: one octet and two bits, which must be zero (B = 01011)
  assert.match(one(nsec3('AB')), /'AB' is not base32hex: the bits after the last octet are not zero \(RFC 4648 §7\)/);
  // hash algorithm 1 (SHA-1) gives 20 octets, 32 characters (BIND: out of range)
  assert.match(one(nsec3('A0')), /^3:47 error rdata-invalid: NSEC3 nextHashed: hash algorithm 1 \(SHA-1\) gives 20 octets \(32 base32hex characters\); this one has 1$/);
  // another algorithm's length is not checked
  ok(nsec3('A0', 2));
});

test('LOC ranges and formats are those of RFC 1876 §3 and App. A, with the error on the offending word', () => {
  // each of these fails in BIND and Knot (latitude/longitude past 90/180 degrees only in BIND; RFC 1876 §3 sides with it)
  for (const [line, why, col] of [
    ['l LOC 10 N 10 E -100001m', /altitude -100001m out of range \(-100000\.00m to 42849672\.95m, RFC 1876 §3\)/, 16],
    ['l LOC 10 N 10 E 42849673m', /altitude 42849673m out of range/, 16],
    ['l LOC 10 N 10 E 10m 90000001m', /size 90000001m out of range \(0 to 90000000\.00m, RFC 1876 §3\)/, 20],
    ['l LOC 10 N 10 E 10m 1m 1m 90000001m', /vertical precision 90000001m out of range/, 26],
    ['l LOC 10 N 10 E 10.123m', /altitude '10\.123m' has more than 2 decimals \(centimetres, RFC 1876 App\. A\)/, 16],
    ['l LOC 10 N 10 E 10m 1.001m', /size '1\.001m' has more than 2 decimals/, 20],
    ['l LOC 10 1 1.1234 N 10 E 10m', /latitude seconds '1\.1234' has more than 3 decimals \(RFC 1876 App\. A\)/, 11],
    ['l LOC 10 n 10 e 10m', /'n' is not N or S: the hemisphere is an upper-case letter \(RFC 1876 App\. A\)/, 9],
    ['l LOC 10 N 10 e 10m', /'e' is not E or W/, 14],
    ['l LOC 90 30 0 N 4 53 32 E 10m', /latitude 90 30 0 is over 90 degrees \(RFC 1876 §3\)/, 6],
    ['l LOC 10 N 180 1 E 10m', /longitude 180 1 is over 180 degrees/, 11],
    ['l LOC 91 N 1 E 10m', /latitude degrees 91 out of range \(0-90, RFC 1876 §3\)/, 6],
    ['l LOC 10 60 N 1 E 10m', /latitude minutes 60 out of range \(0-59/, 9],
    ['l LOC N 10 E 10m', /latitude degrees: expected a number, found 'N'/, 6],
  ]) assert.match(one(line), new RegExp(`^3:${col} error rdata-invalid: LOC (.* )?${why.source}`), line);
  for (const good of ['l LOC 52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m', 'l LOC 10 N 10 E 10m 1m 1m 1m', 'l LOC 90 S 180 W -100000m 90000000m',
    'l LOC 10 N 10 E 42849672.95m', 'l LOC 0 0 59.999 N 0 E 0']) ok(good);
  assert.deepEqual(parse(head + 'l LOC 10 N 10 E 10\n').records.map(presentRecord), ['l.example.com.\t3600\tIN\tLOC\t10 N 10 E 10']);
});

test('SVCB/HTTPS SvcParams are checked as RFC 9460 §2.1, §7 and §8 say, with the error on the parameter', () => {
  // each fails in BIND and Knot; 's SVCB 1 . ' puts the first parameter at column 11
  for (const [params, why, col = 11] of [
    ['key65536=abc', /SVCB unknown SvcParam key 'key65536': keyNNNNN takes a number from 0 to 65535 \(RFC 9460 §2\.1\)/],
    ['alpn=h2 key1=h3', /SVCB SvcParam key1 repeats alpn \(key1\): a key may appear once \(RFC 9460 §2\.2\)/, 19],
    ['mandatory=port alpn=h2', /SVCB mandatory lists 'port', which this record does not have \(RFC 9460 §8\)/],
    ['mandatory=mandatory port=1', /SVCB mandatory cannot list 'mandatory' \(RFC 9460 §8\)/],
    ['mandatory=alpn,alpn alpn=h2', /SVCB mandatory lists 'alpn' twice \(RFC 9460 §8\)/],
    ['alpn=', /SVCB alpn: expected a comma-separated list of protocol ids, found an empty value \(RFC 9460 §7\.1\)/],
    ['alpn=h2,,h3', /SVCB alpn: an empty protocol id in 'h2,,h3' \(RFC 9460 §7\.1\)/],
    ['ech=!!!', /SVCB ech: '!!!' is not base64 \(RFC 9460 §9\)/],
    // no white space around '=' (RFC 9460 §2.1): the quoted word after 'alpn=' is not its value
    ['alpn= "h2"', /SVCB alpn: expected a comma-separated list of protocol ids, found an empty value/],
    ['no-default-alpn', /SVCB no-default-alpn needs alpn in the same record \(RFC 9460 §7\.1\.1\)/],
    ['port=', /SVCB port: expected 0-65535, found ''/],
    // BIND 9.18.49 (FORMERR, syntax error) and Knot 3.2.6 refuse upper-case keys and a quoted key
    ['ALPN=h2', /SVCB SvcParam key 'ALPN' must be written in lower case: alpn \(RFC 9460 §2\.1\)/],
    ['alpn=h2 KEY1234=x', /SVCB SvcParam key 'KEY1234' must be written in lower case: key1234/, 19],
    ['"alpn=h2"', /SVCB a quoted SvcParam: only its value may be quoted, as in alpn="h2" \(RFC 9460 §2\.1\)/],
    // Knot 3.2.6 refuses it (BIND 9.18 reads it)
    ['mandatory=ALPN alpn=h2', /SVCB mandatory: key 'ALPN' must be written in lower case: alpn \(RFC 9460 §2\.1\)/],
    // BIND 9.18.49 refuses these (FORMERR); Knot 3.2.6 knows no dohpath at all
    ['alpn=h2 dohpath=/dns-query', /SVCB dohpath: '\/dns-query' has no "dns" variable \(\{\?dns\}\) for the query to go in \(RFC 9461 §5; BIND refuses the zone\)/, 19],
    ['alpn=h2 dohpath=dns-query{?dns}', /SVCB dohpath: 'dns-query\{\?dns\}' does not start with '\/': dohpath is a relative URI Template/, 19],
    ['alpn=h2 dohpath=', /SVCB dohpath: '' does not start with '\/'/, 19],
    ['alpn=h2 dohpath=/q{?DNS}', /SVCB dohpath: '\/q\{\?DNS\}' has no "dns" variable/, 19],
    ['alpn=h2 dohpath=/q{?dnsx}', /SVCB dohpath: '\/q\{\?dnsx\}' has no "dns" variable/, 19],
  ]) assert.match(one(`s SVCB 1 . ${params}`), new RegExp(`^3:${col} error rdata-invalid: ${why.source}`), params);
  for (const good of ['s SVCB 1 . alpn="h2,h3" port="443"', 's SVCB 1 . key65535=abc', 's SVCB 1 . mandatory=alpn,port alpn=h2 port=443',
    's HTTPS 1 . alpn=h2 no-default-alpn', 's HTTPS 1 . ech=AEn+DQBFKwAgACABWIHUGj4u+PIggYXcR5JF0gYk3dCRioBW8uJq9H4mKAAIAAEAAQABAANAEnB1YmxpYy50bHMtZWNoLmRldgAA',
    's SVCB 1 . ipv4hint=192.0.2.1,192.0.2.2 ipv6hint=2001:db8::1', 's SVCB 1 . key1234=abc dohpath=/dns-query{?dns}',
    // as BIND 9.18.49 takes them: the variable in any expression, with an operator or a modifier
    's SVCB 1 . alpn=h2 dohpath=/q{dns}', 's SVCB 1 . alpn=h2 dohpath=/q?x=1{&dns}', 's SVCB 1 . alpn=h2 dohpath=/q{?x,dns*}', 's SVCB 1 . alpn=h2 dohpath="/dns query{?dns}"']) ok(good);
  assert.deepEqual(parse(head + 's HTTPS 1 . alpn="h2" port=1\n').records.map(presentRecord), ['s.example.com.\t3600\tIN\tHTTPS\t1 . alpn=h2 port=1']);
});

test('\\# data of LOC, NSEC, NSEC3 and SVCB/HTTPS is checked against their wire format, as BIND does (RFC 3597 §5)', () => {
  const gen = (line) => one(line).replace(/^3:\d+ error rdata-invalid: /, '');
  assert.match(gen('l LOC \\# 3 000000'), /^LOC: generic RDATA: LOC version 0 is 16 octets, this one has 3 \(RFC 1876 §2\)$/);
  assert.match(gen('n NSEC \\# 3 00 0000'), /^NSEC: generic RDATA: type bitmap window 0 has length 0, expected 1 to 32 \(RFC 4034 §4\.1\.2\)$/);
  assert.match(gen('n NSEC \\# 4 00 000100'), /window 0 ends with a zero octet/);
  assert.match(gen('n NSEC \\# 7 00 010140 000140'), /window 0 comes after window 1: windows are in increasing order/);
  assert.match(gen('n NSEC \\# 1 00'), /an NSEC type bitmap lists at least NSEC itself/);
  assert.match(gen(`x NSEC3 \\# 28 01000000 00 14 ${'ab'.repeat(20)} 00 00`), /NSEC3: generic RDATA: type bitmap window 0 has length 0/);
  assert.match(gen('h HTTPS \\# 8 0001 00 0001 0005 68'), /^HTTPS: generic RDATA: SvcParam key1 says 5 octets, 1 left \(RFC 9460 §2\.2\)$/);
  assert.match(gen('h HTTPS \\# 16 0001 00 0003 0002 01bb 0001 0003 026832'), /SvcParam keys are not in increasing order: key1 after key3 \(RFC 9460 §2\.2\)/);
  for (const good of ['l LOC \\# 16 00121616898b0000 8a8f2080 0098967f', 'l LOC \\# 5 7edf0111f5',
    'n NSEC \\# 4 00 000140', `x NSEC3 \\# 26 01000000 00 14 ${'ab'.repeat(20)}`, 'h HTTPS \\# 16 0001 00 0001 0003 026832 0003 0002 01bb', 'h HTTPS \\# 3 0000 00']) ok(good);
});

test('a character-string over 255 octets (a DKIM key pasted as one string) gets a fix that splits it, never inside an escape or a character, and the record then reads the same text', () => {
  const key = 'v=DKIM1; k=rsa; p=' + 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'.repeat(9) + '\\"q\\"é\\065';
  const text = `$ORIGIN example.com.\n$TTL 300\nsel._domainkey IN TXT "${key}"\n`;
  const { zone, findings } = core.checkText(text, { fileId: 'dkim.zone' });
  assert.equal(zone.problems.length, 1);
  const f = findings.find((x) => x.ruleId === 'rdata-invalid');
  assert.match(f.message, /a character-string holds at most 255 octets, this one has \d+; split it into several quoted strings/);
  const [fix] = core.settleFixData(f.data).fixes;
  assert.equal(fix.title, 'Split into 2 strings of at most 255 octets');
  const [e] = fix.edits;
  const line = text.split('\n')[e.range.startLine];
  const fixed = text.replace(line, line.slice(0, e.range.startCol) + e.newText + line.slice(e.range.endCol));
  const after = core.parseZone(fixed, { fileId: 'dkim.zone' });
  assert.deepEqual(after.problems, []);
  const strings = after.records[0].values[0];
  assert.equal(strings.length, 2);
  assert.equal(strings.join(''), core.unescapeText(`"${key}"`).value, 'the same text, in two strings');
  // the pieces: at most 255 octets each, escapes whole
  for (const piece of core.splitCharacterString(`"${'a'.repeat(254)}\\065bc"`)) assert.ok(core.unescapeText(piece).octets <= 255);
  assert.deepEqual(core.splitCharacterString(`"${'a'.repeat(254)}\\065bc"`), [`${'a'.repeat(254)}\\065`, 'bc']);
  assert.deepEqual(core.splitCharacterString(`"${'a'.repeat(254)}é"`), ['a'.repeat(254), 'é'], 'a two-octet character is not cut');
});

test('NSEC3 and NSEC3PARAM salts: an odd number of digits, more than 255 octets and non-hex each say which', () => {
  const salt = (s) => core.parseZone(`$ORIGIN example.com.\n$TTL 60\n@ NSEC3PARAM 1 0 0 ${s}\n`, { fileId: 's' }).problems.map((p) => p.message);
  assert.deepEqual(salt('AB'), []);
  assert.deepEqual(salt('-'), []);
  assert.match(salt('ABC')[0], /salt: an odd number of hex digits \(3\): each octet is two$/);
  assert.match(salt('AB'.repeat(256))[0], /salt: 256 octets, more than the 255 a salt can have \(RFC 5155 §3\.2\)/);
  assert.match(salt('XY')[0], /salt: expected '-' or hex digits, found 'XY'$/);
  assert.ok(salt('ZZ'.repeat(100))[0].length < 200, 'a long word is cut in the message');
});
