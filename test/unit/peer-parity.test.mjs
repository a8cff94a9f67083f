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
