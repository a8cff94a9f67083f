// Cases from differential fuzzing of the editor's incremental engine (operator-like edit
// sequences over zones signed by dnssec-signzone and over unsigned zones with wildcards, cuts and
// SPF chains): after every step the editor's findings must equal a fresh check's, and the facts
// it hands on from version to version (here: which names exist) a fresh build's
// (findingsAfterEachSplice checks both).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsAfterEachSplice } from '../helpers/edit-steps.mjs';

const HEAD = ['$ORIGIN example.com.', '$TTL 3600', '@ SOA ns1 hostmaster 1 7200 3600 1209600 300', '@ NS ns1', 'ns1 A 192.0.2.53'];

/** target-no-address per step: '' (none), 'wildcard' (answered by the apex wildcard, which has no address) or 'none'. */
const verdict = (fs) => {
  const f = fs.find((x) => x.ruleId === 'target-no-address');
  return !f ? '' : f.message.includes('the wildcard *.example.com.') ? 'wildcard' : 'none';
};

// An owner's first child makes no new name exist above it: the owner existed already. A count
// that went on up (found by mutating Ancestors.joined, not caught by the other edit-step tests)
// left g. existing after its last name below went, so the apex wildcard seemed not to answer it.
test("a name below an owner, added and removed, leaves the owner's parent as it was; that parent goes with the owner", () => {
  const base = [...HEAD, '@ MX 10 g.example.com.', '* TXT "no address"', 'p.g A 192.0.2.1', ''].join('\n');
  const steps = findingsAfterEachSplice(base, [
    [8, 0, ['k.p.g A 192.0.2.2']], // p.g's first child
    [8, 1, []], // gone again
    [7, 1, []], // p.g gone: g. no longer exists, the wildcard answers it
  ]);
  assert.deepEqual(steps.map(verdict), ['none', 'none', 'wildcard']);
});
