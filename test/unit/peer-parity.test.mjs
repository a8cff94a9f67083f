// Checks the peers (named-checkzone -i local, kzonecheck) make that dane-zone lacked, found by
// the parity audit: each in the editor as its lines are typed, where the rule looks across names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { absRange } from '../../dist/core.js';
import { findingsAfterEachStep } from '../helpers/edit-steps.mjs';

const BASE = `$ORIGIN example.com.
$TTL 3600
@ IN SOA ns1 hostmaster 2024010101 7200 3600 1209600 300
  IN NS ns1
ns1 IN A 192.0.2.1
_sip._tcp IN SRV 0 0 5060 sip
sip IN A 192.0.2.5
`;

const ruleLines = (list, id) => list.filter((f) => f.ruleId === id).map((f) => absRange(f.loc).startLine);

test('target-no-address: an SRV target in the zone without an address (BIND: "SRV ... has no address records"), as the target loses and gets its address', () => {
  const steps = findingsAfterEachStep(BASE, [
    [6, 'sip IN TXT "no address"'], // the address goes
    [6, 'sip IN AAAA 2001:db8::5'], // an AAAA is an address
    [5, '_sip._tcp IN SRV 0 0 5060 other'], // a name that does not exist
    [5, '_sip._tcp IN SRV 0 0 0 .'], // "." is no target: no service there
  ]);
  assert.deepEqual(steps.map((list) => ruleLines(list, 'target-no-address')), [[5], [], [5], []]);
  assert.equal(steps[0].find((f) => f.ruleId === 'target-no-address').severity, 'warning');
});

test('nsec3param-unusable: an NSEC3PARAM of another hash algorithm is an error alone (BIND refuses the zone) and a warning beside one of SHA-1, as that one is typed and deleted', () => {
  const steps = findingsAfterEachStep(BASE, [
    [7, '@ IN NSEC3PARAM 2 0 0 -'], // alone: "no supported nsec3 hash algorithm"
    [8, '@ IN NSEC3PARAM 1 0 0 -'], // SHA-1 beside it: the other is ignored
    [8, '@ IN NSEC3PARAM 1 0 200 -'], // too many iterations
    [8, ''], // deleted
    [7, 'sub IN NSEC3PARAM 2 0 0 -'], // not at the apex
  ]);
  const found = (list) => list.filter((f) => f.ruleId === 'nsec3param-unusable').map((f) => `${absRange(f.loc).startLine}:${f.severity}`);
  assert.deepEqual(steps.map(found), [['7:error'], ['7:warning'], ['7:warning', '8:warning'], ['7:error'], []]);
});

test('occluded-below-delegation: a DNAME beside the NS of a delegation is an error (Knot refuses the zone), as the NS comes and goes', () => {
  const steps = findingsAfterEachStep(BASE, [
    [7, 'd IN DNAME example.net.'], // a DNAME alone: fine
    [8, 'd IN NS ns1'], // an NS beside it: a delegation, and the DNAME is hidden by it
    [8, ''], // the NS deleted
    [8, 'x.d IN NS ns1'], // a delegation below the DNAME: dname-with-children's finding instead
  ]);
  const found = (list) => list.filter((f) => f.ruleId === 'occluded-below-delegation').map((f) => `${absRange(f.loc).startLine}:${f.severity}`);
  assert.deepEqual(steps.map(found), [[], ['7:error'], [], []]);
});

test('cds-cdnskey-mismatch: a CDNSKEY no CDS is the digest of, as its CDS is typed and deleted (kzonecheck -d on: "CDS not match CDNSKEY")', () => {
  const base = `$ORIGIN example.com.
$TTL 3600
@ SOA ns1 hostmaster 1 7200 3600 1209600 300
@ NS ns1
ns1 A 192.0.2.1
@ DNSKEY 257 3 15 edudiPzn2EOIZCFTpqYx8z81Na4Fz8GcN+j1qHrVD2c=
@ DNSKEY 257 3 15 L/7opiKk46f6BiDS1lFexSIAxyaKsaBKYV1TSy5TFUY=
@ CDS 26382 15 2 116B7FF3B80516B48BAACA08375C9F1BF7BE77B39FCBD16837F9DF748794864D
@ CDNSKEY 257 3 15 edudiPzn2EOIZCFTpqYx8z81Na4Fz8GcN+j1qHrVD2c=
`;
  const steps = findingsAfterEachStep(base, [
    [9, '@ CDNSKEY 257 3 15 L/7opiKk46f6BiDS1lFexSIAxyaKsaBKYV1TSy5TFUY='], // a second key, without its CDS
    [10, '@ CDS 32598 15 4 157416B87243B60E49AFC474FF1EB4655EAA7054A3BCE54A3AC9D7D4991157AF4E63EA103EEFDFEB9C27E8F7723AF38C'], // its CDS (SHA-384)
    [10, ''], // the CDS deleted again
    [8, '@ CDS 26382 15 2 116B7FF3B80516B48BAACA08375C9F1BF7BE77B39FCBD16837F9DF748794864D'], // the first CDNSKEY turned into a copy of its CDS: no CDNSKEY of either key is left for a CDS
  ]);
  const found = (list) => list.filter((f) => f.ruleId === 'cds-cdnskey-mismatch').map((f) => absRange(f.loc).startLine);
  assert.deepEqual(steps.map(found), [[9], [], [9], [7, 8, 9]]);
});
