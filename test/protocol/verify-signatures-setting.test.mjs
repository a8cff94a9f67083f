// daneZone.verifyAllSignatures over the real server bundle: a zone of more than 20 000 signatures
// has only its DANE RRsets' signatures verified and says so, unless the setting asks for all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServerFor } from '../helpers/lsp-client.mjs';

const URI = 'file:///tmp/dane-zone-protocol/signed.zone';
const fixture = readFileSync(fileURLToPath(new URL('../fixtures/rules/rrsig-bogus.zone', import.meta.url)), 'utf8');
// 20 000 more A RRsets, each signed by a key the zone does not have
let extra = '';
for (let i = 0; i < 20000; i++) extra += `h${i} A 192.0.2.1\nh${i} RRSIG A 15 3 3600 20901231000000 20250101000000 999 example.com. ${'A'.repeat(86)}==\n`;
const TEXT = `${fixture}\n${extra}`;
const bogus = (d) => d.diagnostics.filter((x) => x.code === 'rrsig-bogus');

// the 20 000 names come without NSEC records: nsec-chain's 20 000 errors would fill the Problems list
const rules = { 'nsec-chain': 'off' };

for (const [name, configuration, expect] of [
  ['unset', { rules }, (found) => {
    // 1 information at the apex, 4 TLSA and mail A signatures, 2 warnings: the DANE RRsets and the apex
    assert.deepEqual(found.filter((x) => x.severity === 3).map((x) => x.message.slice(0, 40)), ['this zone has more than 20000 signatures']);
    assert.ok(found.length < 10, `${found.length} findings`);
  }],
  ['true', { rules, verifyAllSignatures: true }, (found) => {
    assert.deepEqual(found.filter((x) => x.severity === 3), []);
    assert.ok(found.length > 4000, `${found.length} findings (the Problems list holds 5000)`);
  }],
]) {
  test(`daneZone.verifyAllSignatures ${name}`, async (t) => {
    const s = await startServerFor(t, { configuration });
    await s.open(URI, TEXT, 1);
    expect(bogus(await s.diagnostics(URI, 1, 60000)));
  });
}
