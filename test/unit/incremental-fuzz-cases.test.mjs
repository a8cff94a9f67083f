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

// An NSEC3 is matched to its name through the zone's hash index, which skips a name holding an
// NSEC3 itself (a hashed owner) but holds it while names below it exist. With an NSEC3 line
// pasted and its owner typed over to such a name (x), the NSEC3 of x. depended only on x.'s own
// records, so deleting the last name below x. left the editor's finding for it stale (fresh: no
// name hashes to it any more).
test('NSEC3: the NSEC3 of a name holding an NSEC3 itself is checked again when the names below that name go', () => {
  const SIG = '20260301000000 20251201000000 12345 example.com. AAAA';
  const lines = [...HEAD,
    'www.x A 192.0.2.1',
    '@ DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==',
    `@ RRSIG SOA 13 2 3600 ${SIG}`, `@ RRSIG NS 13 2 3600 ${SIG}`, '@ NSEC3PARAM 1 0 0 -',
    // x. (an empty non-terminal; its NSEC3 still lists the A deleted from it by hand)
    '178F79IATJTFFE8T9PA7EICBF6QURDMH NSEC3 1 0 0 - GUFVRA2SFIO8RSFP7UO41E8AD1KR41FH A RRSIG',
    'GUFVRA2SFIO8RSFP7UO41E8AD1KR41FH NSEC3 1 0 0 - ONIB9MGUB9H0RML3CDF5BGRJ59DKJHVK A RRSIG', // ns1.
    'ONIB9MGUB9H0RML3CDF5BGRJ59DKJHVK NSEC3 1 0 0 - RQ5UMIM7JC939O43O31HSEG5TF2SFS4G NS SOA RRSIG DNSKEY NSEC3PARAM', // the apex
    'RQ5UMIM7JC939O43O31HSEG5TF2SFS4G NSEC3 1 0 0 - 178F79IATJTFFE8T9PA7EICBF6QURDMH A RRSIG', // www.x.
    '',
  ];
  const www = lines.indexOf('www.x A 192.0.2.1');
  // (www.x is away from the NSEC3 lines: a re-parse reads the entry after an edit again, and a
  // record read again is checked again whatever it depends on)
  const steps = findingsAfterEachSplice(lines.join('\n'), [
    [lines.length - 1, 0, ['x NSEC3 1 0 0 - 178F79IATJTFFE8T9PA7EICBF6QURDMH A RRSIG']], // pasted, its owner typed over to x
    [www, 1, []], // x. has no name below it any more
  ]);
  // (locations are read late, from the lines as they are now: the messages tell the steps apart)
  const ofX = (fs) => fs.filter((f) => f.ruleId === 'nsec-bitmap' && f.message.startsWith('this NSEC3 (of x.example.com., its hash) lists A, RRSIG')).length;
  const ofNone = (fs) => fs.filter((f) => f.ruleId === 'nsec-bitmap' && f.message.startsWith("no name of this zone hashes to this NSEC3's owner")).length;
  assert.deepEqual(steps.map((fs) => [ofX(fs), ofNone(fs)]), [[1, 1], [0, 3]]); // x.'s own NSEC3 is of no name throughout, www.x.'s from step 1
});
