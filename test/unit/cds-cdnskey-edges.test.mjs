// cds-no-dnskey / cdnskey-no-dnskey edges found by comparing with BIND 9.18: quick-fixes on a
// record in parentheses keep them balanced, none for $GENERATE, no revoked key proposed; the
// delete requests exact and alone (RFC 8078 §4); key tags checked for every algorithm; a large
// RRset checked in linear time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as core from '../../dist/core.js';

const host = { now: () => new Date('2026-01-01T00:00:00Z'), options: {} };
const HEAD = '$ORIGIN example.com.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.1\n';
const KSK = '@ DNSKEY 257 3 13 LqBm891Xv9tcfKCVglrbpz8v7NfsjD9FaY+327JAzXGnC+u09uTM1oBh 05fpuwBdtduV1tDRjsgFNjIK0uTyOg==\n';
const GOOD = '3EB958D7AA5C2F0242B6A26816FBBC0388403123910A49238A65718C45E567D7';
const BAD = GOOD.slice(0, 63) + '0';
const found = (text, id) => core.checkText(text, { fileId: 'z.zone', host }).findings.filter((f) => !id || f.ruleId === id);
function apply(text, edits) {
  const lines = text.split('\n');
  for (const e of [...edits].sort((a, b) => b.range.startLine - a.range.startLine || b.range.startCol - a.range.startCol)) {
    const { startLine, startCol, endLine, endCol } = e.range;
    lines.splice(startLine, endLine - startLine + 1, ...(lines[startLine].slice(0, startCol) + e.newText + lines[endLine].slice(endCol)).split('\n'));
  }
  return lines.join('\n');
}
const fixesOf = (f) => core.RULES.find((r) => r.id === f.ruleId).fixes(f.data);

test('quick-fixes on records written in parentheses leave them balanced', () => {
  for (const rr of [`@ CDS 50971 13 2 ( ${BAD.slice(0, 30)}\n   ${BAD.slice(30)} ) ; old`, '@ CDNSKEY 257 3 13 ( AAAA\n  BBBB ) ; c']) {
    const text = HEAD + KSK + rr + '\n';
    const [f] = found(text, rr.includes('CDS ') ? 'cds-no-dnskey' : 'cdnskey-no-dnskey');
    const [fix] = fixesOf(f);
    const out = apply(text, fix.edits);
    assert.deepEqual(found(out).map((g) => g.ruleId), [], out);
  }
});

test('no quick-fix for a $GENERATE line; none proposing a revoked key', () => {
  const [gen] = found(`${HEAD}${KSK}$GENERATE 1-1 @ CDS "5097$ 13 2 ${BAD}"\n`, 'cds-no-dnskey');
  assert.equal(gen.data, undefined);
  const revoked = KSK.replace('257', '385');
  const [f] = found(`${HEAD}${revoked}@ CDS 1 13 2 ${BAD}\n`, 'cds-no-dnskey');
  assert.equal(f.data, undefined);
});

test('delete requests: exact (RFC 8078 §4) and the only record of their RRset, as BIND refuses otherwise', () => {
  assert.deepEqual(found(`${HEAD}${KSK}@ CDS 0 0 0 00\n@ CDNSKEY 0 3 0 AA==\n`), []);
  assert.match(found(`${HEAD}${KSK}@ CDS 0 0 0 00\n@ CDS 50971 13 2 ${GOOD}\n`, 'cds-no-dnskey')[0].message, /must be the only CDS/);
  assert.match(found(`${HEAD}${KSK}@ CDNSKEY 0 3 0 AA==\n${KSK.replace('DNSKEY', 'CDNSKEY')}`, 'cdnskey-no-dnskey')[0].message, /must be the only CDNSKEY/);
  assert.equal(found(`${HEAD}${KSK}@ CDS 0 0 0 0000\n`, 'cds-no-dnskey').length, 1);
  assert.equal(found(`${HEAD}${KSK}@ CDNSKEY 0 3 0 AAAA\n`, 'cdnskey-no-dnskey').length, 1);
});

test('the key tag is checked for algorithms not verified here (253)', () => {
  // ldns-key2ds -2: 30460 253 2 b324…
  const key = '@ DNSKEY 257 3 253 B2V4YW1wbGUDY29tAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJyg=\n';
  const cds = (tag) => `@ CDS ${tag} 253 2 b324027a3c303bb447ba3c17ab94caae0531e73157150284aa3f105dbc5c9a3b\n`;
  assert.deepEqual(found(HEAD + key + cds(30460), 'cds-no-dnskey'), []);
  assert.equal(found(HEAD + key + cds(30461), 'cds-no-dnskey').length, 1);
});

test('two thousand CDS and CDNSKEY records that match nothing: each an error (checked once per zone version, not once per record: this took minutes)', () => {
  const many = Array.from({ length: 2000 }, (_, i) => `@ CDS 50971 13 2 ${i.toString(16).padStart(64, '0')}\n@ CDNSKEY 257 3 13 ${Buffer.alloc(64, i & 255).toString('base64')}`).join('\n');
  const got = found(`${HEAD}${KSK}${many}\n`).filter((f) => /^cds|^cdnskey/.test(f.ruleId));
  assert.equal(got.length, 4000);
  assert.ok(got.every((f) => f.severity === 'error'));
});
