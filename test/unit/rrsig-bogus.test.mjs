// rrsig-bogus verifies signatures as validators do. Its fixture is dnssec-signzone's output
// edited by hand; undone, the edits leave a zone whose every signature verifies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as core from '../../dist/core.js';
import { findingsAfterEachSplice } from '../helpers/edit-steps.mjs';

const fixture = readFileSync(fileURLToPath(new URL('../fixtures/rules/rrsig-bogus.zone', import.meta.url)), 'utf8');
const host = (options = {}) => ({ now: () => new Date('2025-06-01T00:00:00Z'), options });
const check = (text, options) => core.checkText(text, { fileId: 'z.zone', host: host(options) }).findings;
const bogus = (findings) => findings.filter((f) => f.ruleId === 'rrsig-bogus').map((f) => `${core.absRange(f.loc).startLine} ${f.severity}`);
const lineOf = (text, start) => text.split('\n').findIndex((l) => l.startsWith(start));

/** The fixture as dnssec-signzone wrote it: the hand edits its comments describe, undone. */
const signed = fixture
  .replace('C0B6A3D3', 'C0B6A3D2')
  .replace('mail           A      192.0.2.26\n', '')
  .replace('CHYL554', 'CHYL555')
  .replace(' 11111 example.com.', ' 26382 example.com.')
  .replace(/^;.*\n/gm, '');

test('as signed, every signature verifies: no finding at all (the wildcard signed as *.wild, NSEC, the apex)', () => {
  assert.ok(signed.includes('RRSIG  A 15 3 3600 20901231000000 20250101000000 26382 example.com. z2sQ'));
  assert.deepEqual(check(signed).map((f) => f.ruleId), []);
});

test('each hand edit is found: an RRset changed after signing is an error on each signature, one bad signature beside a good one a warning', () => {
  const found = check(fixture).filter((f) => f.ruleId === 'rrsig-bogus');
  const sig = (start) => { const line = lineOf(fixture, start); assert.ok(line >= 0, start); return line; };
  const ns1 = sig('ns1            RRSIG  A 15 3 3600 20901231000000 20250101000000 11111');
  const tlsa = sig('_25._tcp.mail  RRSIG  TLSA 15 5 3600 20901231000000 20250101000000 26382');
  const www = sig('www            RRSIG  A 15 3 3600 20901231000000 20250101000000 32598');
  assert.deepEqual(bogus(found).sort(), [
    `${ns1} warning`,
    `${sig('mail           RRSIG  A 15 3 3600 20901231000000 20250101000000 26382')} error`,
    `${sig('mail           RRSIG  A 15 3 3600 20901231000000 20250101000000 32598')} error`,
    `${tlsa} error`,
    `${sig('_25._tcp.mail  RRSIG  TLSA 15 5 3600 20901231000000 20250101000000 32598')} error`,
    `${www} warning`,
  ].sort());
  const at = (line) => found.find((f) => core.absRange(f.loc).startLine === line);
  assert.match(at(ns1).message, /^this signature over the A RRset at ns1\.example\.com\. cannot be verified: no DNSKEY at example\.com\. has key tag 11111 and algorithm ED25519; another signature \(key tag 32598\) verifies, so validators accept the RRset$/);
  assert.match(at(tlsa).message, /^this signature over the TLSA RRset at _25\._tcp\.mail\.example\.com\. does not verify with the DNSKEY it names \(key tag 26382, ED25519\): the RRset was changed after signing .*; no signature of it verifies, so validators answer SERVFAIL for it \(RFC 4035 §5\.3\.3\); DANE senders defer mail \(RFC 7672 §2\.2; Exchange Online: 5\.7\.324 dnssec-invalid\); sign the zone again$/);
  assert.match(at(www).message, /\(key tag 32598, ED25519\): the signature was damaged, or made over other data; another signature \(key tag 26382\) verifies/);
  assert.deepEqual(at(tlsa).related.map((r) => `${core.absRange(r.loc).startLine} ${r.message}`), [`${lineOf(fixture, '@              DNSKEY 257 3 15 edudi')} DNSKEY with key tag 26382`]);
});

test('names in RDATA are compared lowercased (RFC 4034 §6.2), the TTL and case of the owner do not count, text case does', () => {
  const swap = (from, to) => { assert.ok(signed.includes(from), from); return signed.replace(from, to); };
  assert.deepEqual(bogus(check(swap('@              MX     10 mail.example.com.', '@              MX     10 MAIL.Example.COM.'))), []);
  assert.deepEqual(bogus(check(swap('www            A      192.0.2.80', 'WWW 60 IN      A      192.0.2.80'))), []);
  const txt = swap('*.wild         TXT    "any name"', '*.wild         TXT    "Any name"');
  assert.deepEqual(bogus(check(txt)), [`${lineOf(txt, '*.wild         RRSIG  TXT 15 3 3600 20901231000000 20250101000000 26382')} error`, `${lineOf(txt, '*.wild         RRSIG  TXT 15 3 3600 20901231000000 20250101000000 32598')} error`]);
  // the same octets written another way: a \DDD escape, the RFC 3597 form
  assert.deepEqual(bogus(check(swap('"any name"', '"any\\032name"'))), []);
  assert.deepEqual(bogus(check(swap('www            A      192.0.2.80', 'www            A      \\# 4 C0000250'))), []);
});

test('a DNSKEY removed: the DNSKEY RRset it leaves is no longer the one signed (errors); the other signatures by that key cannot be verified, but those by the other key verify (warnings)', () => {
  const text = signed.replace(/^@ +DNSKEY 257 3 15 L\/7op.*\n/m, '');
  assert.notEqual(text, signed);
  const found = check(text).filter((f) => f.ruleId === 'rrsig-bogus');
  const errors = found.filter((f) => f.severity === 'error').map((f) => core.absRange(f.loc).startLine);
  assert.deepEqual(errors, [lineOf(text, '@              RRSIG  DNSKEY 15 2 3600 20901231000000 20250101000000 26382'), lineOf(text, '@              RRSIG  DNSKEY 15 2 3600 20901231000000 20250101000000 32598')]);
  const warnings = found.filter((f) => f.severity === 'warning');
  assert.equal(warnings.length, signed.split(' 32598 example.com. ').length - 2, 'every RRset but DNSKEY keeps its signature by key 26382');
  assert.ok(warnings.every((f) => /no DNSKEY at example\.com\. has key tag 32598 and algorithm ED25519; another signature \(key tag 26382\) verifies/.test(f.message)));
  const both = text.replace(/^@ +DNSKEY 257 3 15 edudi.*\n/m, '');
  assert.notEqual(both, text);
  assert.deepEqual(check(both).filter((f) => f.ruleId === 'rrsig-bogus'), [], 'no DNSKEY left: not a signed zone, nothing to verify with');
});

test(`past ${20000} signatures only the DANE RRsets are verified, and an info says so; --verify-signatures verifies all`, () => {
  // 20 000 more signatures over A RRsets, each naming a key the zone does not have
  let extra = '';
  for (let i = 0; i < 20000; i++) extra += `h${i} A 192.0.2.1\nh${i} RRSIG A 15 3 3600 20901231000000 20250101000000 999 example.com. ${'A'.repeat(86)}==\n`;
  const text = fixture + '\n' + extra;
  const found = check(text).filter((f) => f.ruleId === 'rrsig-bogus');
  const dnskeySig = lineOf(text, '@              RRSIG  DNSKEY 15 2 3600 20901231000000 20250101000000 26382');
  assert.deepEqual(bogus(found), [
    `${dnskeySig} info`,
    `${lineOf(text, '_25._tcp.mail  RRSIG  TLSA 15 5 3600 20901231000000 20250101000000 26382')} error`,
    `${lineOf(text, '_25._tcp.mail  RRSIG  TLSA 15 5 3600 20901231000000 20250101000000 32598')} error`,
  ]);
  assert.match(found[0].message, /^this zone has more than 20000 signatures: only those over the DNSKEY, CDS, CDNSKEY, SOA, NS, MX, TLSA, SMIMEA RRsets were verified .*the setting daneZone\.verifyAllSignatures, or `dane-zone check --verify-signatures`, verifies every one$/);
  const all = check(text, { verifyAllSignatures: true }).filter((f) => f.ruleId === 'rrsig-bogus');
  assert.equal(all.length, 6 + 20000);
});

test('while typing: a TLSA digit typed over makes both its signatures bogus, typed back they verify; a DNSKEY deleted and pasted back', () => {
  const lines = signed.split('\n');
  const tlsa = lines.findIndex((l) => l.includes('C0B6A3D2'));
  const key = lines.findIndex((l) => l.startsWith('@              DNSKEY 257 3 15 L/7op'));
  const soa = lines.findIndex((l) => /^@\s+SOA\s/.test(l));
  const steps = [
    [tlsa, 1, [lines[tlsa].replace('C0B6A3D2', 'C0B6A3D3')]],
    [tlsa, 1, [lines[tlsa]]],
    [key, 1, ['; removed']],
    [key, 1, [lines[key]]],
    // the serial bumped: the SOA's signatures no longer verify, the others are not asked again
    [soa, 1, [lines[soa].replace(' 1 7200 ', ' 2 7200 ')]],
    // a key added beside the two (a rollover's first step): the DNSKEY RRset changed, nothing else
    [soa + 1, 0, [`@ DNSKEY 256 3 15 ${'A'.repeat(43)}=`]],
  ];
  const counts = findingsAfterEachSplice(signed, steps).map((fs) => bogus(fs).map((k) => k.split(' ')[1]));
  assert.deepEqual(counts.map((c) => c.length), [2, 0, counts[2].length, 0, 2, 4]);
  assert.deepEqual(counts[2].filter((s) => s === 'error').length, 2, 'the DNSKEY RRset, changed');
  assert.equal(counts[2].length, signed.split(' 32598 example.com. ').length);
});

test('hover: a DNSKEY shows its key tag; an RRSIG, on its key tag or signature, whether it verifies and with which key', () => {
  const lines = fixture.split('\n');
  const zone = core.buildZone({ id: 'f.zone', lines, entries: [] }, { fileId: 'f.zone' });
  const hover = (start, word) => {
    const line = lineOf(fixture, start);
    return core.hoverAt(zone, line, lines[line].indexOf(word, start.length - 10) + 1).markdown;
  };
  const key = lineOf(fixture, '@              DNSKEY 257 3 15 edudi') + 1;
  assert.match(hover('@              DNSKEY 257 3 15 edudi', 'edudi'), /\n\nKey tag \*\*26382\*\*: what DS and RRSIG records name this key by \(RFC 4034 App\. B\)$/);
  assert.match(hover('_25._tcp.mail  RRSIG  TLSA 15 5 3600 20901231000000 20250101000000 26382', '26382'), new RegExp(`\\n\\n\\*\\*Does not verify\\*\\* over the TLSA RRset \\(2 records\\) with the DNSKEY of key tag 26382 \\(line ${key}\\): the RRset or the signature changed after signing$`));
  const good = 'www            RRSIG  A 15 3 3600 20901231000000 20250101000000 26382 example.com. ';
  assert.match(hover(good, lines[lineOf(fixture, good)].slice(good.length, good.length + 8)), new RegExp(`\\n\\nVerifies over the A RRset \\(1 record\\) with the DNSKEY of key tag 26382 \\(line ${key}\\)$`));
  assert.match(hover('ns1            RRSIG  A 15 3 3600 20901231000000 20250101000000 11111', '11111'), /\n\nNot verified: no DNSKEY at example\.com\. has key tag 11111 and algorithm ED25519$/);
});

/** RFC 4034 App. B over a DNSKEY's RDATA (flags, protocol, algorithm, key). */
function keyTagOf(flags, algorithm, keyBase64) {
  const rdata = Buffer.concat([Buffer.from([flags >> 8, flags & 255, 3, algorithm]), Buffer.from(keyBase64, 'base64')]);
  let acc = 0;
  for (let i = 0; i < rdata.length; i++) acc += i & 1 ? rdata[i] : rdata[i] << 8;
  return (acc + ((acc >> 16) & 0xffff)) & 0xffff;
}

test('a covered type written TYPEnnn is that type (RFC 3597 §5): the A RRset is signed, and verified', () => {
  const line = lineOf(signed, 'www            RRSIG  A 15 3 3600');
  const lines = signed.split('\n');
  lines[line] = lines[line].replace('RRSIG  A 15', 'RRSIG  TYPE1 15');
  const text = lines.join('\n');
  assert.deepEqual(check(text).map((f) => f.ruleId), []);
  assert.deepEqual(bogus(check(text.replace('www            A      192.0.2.80', 'www            A      192.0.2.81'))).map((k) => k.split(' ')[1]), ['error', 'error']);
});

test('a signature of an algorithm no key of the zone has is found (dnssec-verify: "No correct signature"); one of an algorithm a key has but dane-zone does not verify is left alone', () => {
  const line = lineOf(signed, 'www            RRSIG  A 15 3 3600 20901231000000 20250101000000 26382');
  const lines = signed.split('\n');
  lines[line] = lines[line].replace('RRSIG  A 15 3', 'RRSIG  A 253 3');
  const [w] = check(lines.join('\n')).filter((f) => f.ruleId === 'rrsig-bogus');
  assert.equal(w.severity, 'warning');
  assert.match(w.message, /cannot be verified: no DNSKEY at example\.com\. has key tag 26382 and algorithm PRIVATEDNS; another signature \(key tag 32598\) verifies/);
});

test('a DNSKEY that cannot be read (an ECDSA point off the curve) is named as the reason, not an edit of the RRset', () => {
  const key = Buffer.alloc(64, 1).toString('base64');
  const tag = keyTagOf(257, 13, key);
  const text = `${signed}@ DNSKEY 257 3 13 ${key}\nwww RRSIG A 13 3 3600 20901231000000 20250101000000 ${tag} example.com. ${Buffer.alloc(64, 2).toString('base64')}\n`;
  const found = check(text).filter((f) => f.ruleId === 'rrsig-bogus' && f.message.includes(`key tag ${tag}`));
  const w = found.find((f) => f.message.startsWith('this signature over the A RRset at www'));
  assert.ok(w, found.map((f) => f.message).join('\n'));
  assert.match(w.message, new RegExp(`cannot be verified: the DNSKEY with key tag ${tag} cannot be used: its public key is not a point on the P-256 curve \\(RFC 6605 §4\\)`));
});

test('owner names differing in the case of a letter beyond ASCII are two names (RFC 4343 §3), in the editor\'s model and in the column store', () => {
  assert.equal(core.nameKey('ÄRGER.Example.'), 'Ärger.example.');
  const text = '$ORIGIN example.com.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.1\nÄrger CNAME ns1\närger A 192.0.2.2\n';
  // one name would be a CNAME beside other data (both names want their xn-- form: name-not-ascii)
  assert.deepEqual(check(text).map((f) => f.ruleId), ['name-not-ascii', 'name-not-ascii']);
  const zone = core.buildZone({ id: 'z.zone', lines: text.split('\n'), entries: [] }, { fileId: 'z.zone' });
  assert.deepEqual([...zone.byOwner.keys()].filter((k) => !k.startsWith('ns1') && k !== 'example.com.').sort(), ['Ärger.example.com.', 'ärger.example.com.']);
});

test('an SOA whose RDATA does not read (a serial being typed) still names the zone: no origin from the file name, no record outside it', () => {
  const text = '$TTL 3600\nexample.com. IN SOA ns1.example.com. h.example.com. 2 2024010101 7200 3600 1209600 300\nexample.com. IN NS ns1.example.com.\nns1.example.com. IN A 192.0.2.1\nwww.example.com. IN A 192.0.2.2\n';
  const opts = { fileId: 'big.signed.zone', origin: 'big.signed.', originGuessed: true, host: host() };
  const { zone, findings } = core.checkText(text, opts);
  assert.deepEqual([zone.origin, findings.map((f) => f.ruleId)], ['example.com.', ['rdata-invalid']]);
  const model = core.buildZone({ id: 'big.signed.zone', lines: text.split('\n'), entries: [] }, { ...opts, incremental: true });
  assert.equal(model.origin, 'example.com.');
});

test('while typing: a DNSKEY deleted from the apex makes the zone unsigned (no rrsig-missing), pasted back signed again; crossing 20 000 signatures changes which are verified', () => {
  const missing = readFileSync(fileURLToPath(new URL('../fixtures/rules/rrsig-missing.zone', import.meta.url)), 'utf8');
  const lines = missing.split('\n');
  const key = lines.findIndex((l) => /^@\s+DNSKEY\s/.test(l));
  const ids = (fs, id) => fs.filter((f) => f.ruleId === id).length;
  const counts = findingsAfterEachSplice(missing, [[key, 1, ['; removed']], [key, 1, [lines[key]]]]).map((fs) => ids(fs, 'rrsig-missing'));
  assert.deepEqual(counts.map((n) => n > 0), [false, true]);
  assert.equal(counts[1], ids(check(missing), 'rrsig-missing'));
  // the fixture, with fake signatures up to 20 000 in all: one more and only the DANE RRsets are verified
  const have = signed.split('\n').filter((l) => /^\S+(\s+\d+)?\s+RRSIG\s/.test(l)).length; // records, not NSEC bitmaps
  let extra = '';
  for (let i = 0; i < 20000 - have; i++) extra += `h${i} A 192.0.2.1\nh${i} RRSIG A 15 3 3600 20901231000000 20250101000000 999 example.com. ${'A'.repeat(86)}==\n`;
  const text = `${signed}${extra}`;
  const end = text.split('\n').length - 1;
  const steps = [[end, 0, [`h${20000} A 192.0.2.1`, `h${20000} RRSIG A 15 3 3600 20901231000000 20250101000000 999 example.com. ${'A'.repeat(86)}==`]], [end, 2, []]];
  const found = findingsAfterEachSplice(text, steps).map((fs) => [ids(fs, 'rrsig-bogus'), fs.some((f) => f.ruleId === 'rrsig-bogus' && f.severity === 'info')]);
  assert.deepEqual(found, [[1, true], [20000 - have, false]]);
});
