// The valid corpus files are real-world shapes (a DKIM TXT split over lines, a
// named-compilezone dump, a Knot-style file, $GENERATE reverse zones, $INCLUDE,
// RFC 3597 forms ...): each is a fixture whose inline expectations list every
// finding dane-zone must report, usually none. The broken corpus files must
// each get at least one error (the differential test checks where).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as core from '../../dist/core.js';
import { checkFixture, fixtureFiles, fsReadInclude } from '../helpers/expectations.mjs';
import { corpusOrigin } from '../helpers/peers.mjs';

const corpus = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));

for (const file of fixtureFiles(`${corpus}valid`)) {
  test(`real-world fixture ${file.slice(corpus.length)}`, () => {
    checkFixture(core, file, { origin: corpusOrigin(file) });
  });
}

test('the DKIM key split over lines reads as one TXT with its strings in order', () => {
  const file = `${corpus}valid/dkim-split.zone`;
  const zone = core.parseZone(readFileSync(file, 'utf8'), { fileId: file });
  const dkim = zone.records.find((r) => r.ownerKey === 'mail._domainkey.example.com.');
  assert.ok(dkim);
  const strings = dkim.values[0];
  assert.ok(strings.length >= 3);
  assert.match(strings.join(''), /^v=DKIM1; h=sha256; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A[A-Za-z0-9+/=]+$/);
});

test('$GENERATE reverse zone: every PTR with the modifiers applied', () => {
  const file = `${corpus}valid/generate-reverse.zone`;
  const zone = core.parseZone(readFileSync(file, 'utf8'), { fileId: file, origin: corpusOrigin(file) });
  const ptr = new Map(zone.records.filter((r) => r.type === 'PTR').map((r) => [r.ownerKey, r.values[0]]));
  assert.equal(ptr.size, 10 + 3 + 3 + 2 + 2);
  assert.equal(ptr.get('7.2.0.192.in-addr.arpa.'), 'host-7.example.com.');
  assert.equal(ptr.get('30.2.0.192.in-addr.arpa.'), 'dyn-030.example.com.');
  assert.equal(ptr.get('102.2.0.192.in-addr.arpa.'), 'h02.example.com.');
  assert.equal(ptr.get('201.2.0.192.in-addr.arpa.'), 'upper-C9.example.com.');
  assert.equal(zone.records.find((r) => r.ownerKey === '101.2.0.192.in-addr.arpa.').ttl, 300);
});

test('$INCLUDE with an origin: names inside are relative to it; the origin is restored after', () => {
  const file = `${corpus}valid/include.zone`;
  const zone = core.parseZone(readFileSync(file, 'utf8'), { fileId: file, readInclude: fsReadInclude });
  const owners = zone.records.map((r) => r.ownerKey);
  assert.ok(owners.includes('host1.example.com.'));
  assert.ok(owners.includes('h.sub.example.com.'));
  assert.ok(owners.includes('after.example.com.'));
  assert.equal(zone.problems.length, 0);
});

for (const file of fixtureFiles(`${corpus}broken`)) {
  test(`broken corpus file ${file.slice(corpus.length)} gets an error`, () => {
    const { findings } = core.checkText(readFileSync(file, 'utf8'), { fileId: file, origin: corpusOrigin(file), readInclude: fsReadInclude });
    assert.ok(findings.some((f) => f.severity === 'error'), findings.map((f) => f.message).join('\n'));
  });
}
