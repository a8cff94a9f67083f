// nsec-next-name: a signed zone edited one line at a time as an operator edits it by hand (a name
// deleted with its NSEC or NSEC3, put back, the last NSEC's next name typed over): after each step
// the editor's cached findings equal a fresh check's (findingsAfterEachStep), and the rule finds
// the link that now names a gap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as core from '../../dist/core.js';
import { findingsAfterEachStep } from '../helpers/edit-steps.mjs';
import { SIG, SIGNED_APEX } from '../helpers/signed-apex.mjs';

const HEAD = SIGNED_APEX;
const found = (list) => list.filter((f) => f.ruleId === 'nsec-next-name').map((f) => `${core.absRange(f.loc).startLine}:${core.absRange(f.loc).startCol}`);

test('NSEC: a name deleted with its NSEC leaves its predecessor naming it; put back, the chain holds again', () => {
  const lines = [...HEAD,
    '@ NSEC mail NS SOA RRSIG NSEC DNSKEY', `@ RRSIG NSEC 13 2 3600 ${SIG}`,
    'mail A 192.0.2.2', `mail RRSIG A 13 3 3600 ${SIG}`, 'mail NSEC ns1 A RRSIG NSEC', `mail RRSIG NSEC 13 3 3600 ${SIG}`,
    'ns1 A 192.0.2.1', `ns1 RRSIG A 13 3 3600 ${SIG}`, 'ns1 NSEC example.com. A RRSIG NSEC', `ns1 RRSIG NSEC 13 3 3600 ${SIG}`, ''];
  const at = (text) => lines.indexOf(text);
  const apexNsec = at('@ NSEC mail NS SOA RRSIG NSEC DNSKEY');
  const last = at('ns1 NSEC example.com. A RRSIG NSEC');
  const steps = [
    [at('mail A 192.0.2.2'), ';'], // mail's lines deleted one by one: a name while any is left
    [at(`mail RRSIG A 13 3 3600 ${SIG}`), ';'],
    [at('mail NSEC ns1 A RRSIG NSEC'), ';'],
    [at(`mail RRSIG NSEC 13 3 3600 ${SIG}`), ';'], // gone: the apex's NSEC names a gap
    [at('mail A 192.0.2.2'), 'MAIL A 192.0.2.2'], // back (its NSEC not yet: nsec-chain's finding)
    [last, 'ns1 NSEC example.net. A RRSIG NSEC'], // the last link names no name of the zone
    [last, 'ns1 NSEC EXAMPLE.com. A RRSIG NSEC'],
  ];
  assert.deepEqual(findingsAfterEachStep(lines.join('\n'), steps).map(found), [
    [], [], [], [`${apexNsec}:7`], [], [`${last}:9`], [],
  ]);
});

// NSEC3 owners of this zone (no salt, no extra iterations), as dnssec-signzone writes them.
const H = { apex: 'ONIB9MGUB9H0RML3CDF5BGRJ59DKJHVK', ns1: 'GUFVRA2SFIO8RSFP7UO41E8AD1KR41FH' };

test('NSEC3: the NSEC3 an NSEC3 names as next deleted (with the name it was of), then put back', () => {
  const apexN3 = `${H.apex} NSEC3 1 0 0 - ${H.ns1} NS SOA RRSIG DNSKEY NSEC3PARAM`;
  const ns1N3 = `${H.ns1} NSEC3 1 0 0 - ${H.apex.toLowerCase()} A RRSIG`;
  const lines = [...HEAD, '@ NSEC3PARAM 1 0 0 -', `@ RRSIG NSEC3PARAM 13 2 3600 ${SIG}`,
    apexN3, `${H.apex} RRSIG NSEC3 13 3 3600 ${SIG}`, 'ns1 A 192.0.2.1', `ns1 RRSIG A 13 3 3600 ${SIG}`,
    ns1N3, `${H.ns1} RRSIG NSEC3 13 3 3600 ${SIG}`, ''];
  const at = (text) => lines.indexOf(text);
  const steps = [
    [at(ns1N3), ';'], // the NSEC3 of ns1 deleted: the apex's names it still (its signature is left)
    [at(`${H.ns1} RRSIG NSEC3 13 3 3600 ${SIG}`), ';'],
    [at(ns1N3), ns1N3],
    [at(apexN3), apexN3.replace(`- ${H.ns1}`, `- ${H.ns1.slice(0, -1)}G`)], // a character typed over
    [at(apexN3), apexN3],
    [at('@ NSEC3PARAM 1 0 0 -'), '; NSEC3PARAM deleted'], // no denial the apex names: nothing asked
    [at(ns1N3), ';'],
  ];
  const next = `${at(apexN3)}:${apexN3.indexOf(H.ns1)}`;
  assert.deepEqual(findingsAfterEachStep(lines.join('\n'), steps).map(found), [
    [next], [next], [], [next], [], [], [],
  ]);
});
