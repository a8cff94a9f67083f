// Zone cuts and DNAME in the rules' lookups (RFC 1034 §4.3.2, RFC 4592 §2.2.1, RFC 6672 §2.3):
// a name at or below a delegation is the child zone's, and a DNAME redirects the names below
// its owner. Edits add and remove delegations and DNAMEs; after each one the editor's cached
// findings, a full run over the editor model and the check's column store must agree, and
// the findings must say what the cut changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitLines } from '../../dist/core.js';
import { findingsAfterEachStep as editSteps } from '../helpers/edit-steps.mjs';

/** The findings (rule id and message) after each step; each step checked against a full run and the check. */
const findingsAfterEachStep = (base, steps) => editSteps(base, steps, 'cuts.zone').map((list) => list.map((f) => `${f.ruleId}: ${f.message}`).sort());

const X = 'a1'.repeat(32);
const Y = 'b2'.repeat(32);
const BASE = `$ORIGIN example.com.
$TTL 3600
@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
@ IN NS ns1
ns1 IN A 192.0.2.53
@ IN MX 10 mx1
@ IN MX 20 mx.sub
@ IN MX 30 mx.old
mx1 IN A 192.0.2.1
_25._tcp.mx1 IN TLSA 3 1 1 ${X}
_25._tcp.mx1 IN TLSA 3 1 1 ${Y}
sub2 IN NS ns.sub
_s._tcp IN SRV 0 0 25 alias.sub
alias.sub IN CNAME mx1
${'\n'.repeat(4)}`;
const FREE = splitLines(BASE).length - 5;

const has = (list, re) => list.some((m) => re.test(m));

test('a delegation added and removed while typing: its names leave and rejoin what the rules judge', () => {
  const [cut, glue, cutGone, dname, dnameGone] = findingsAfterEachStep(BASE, [
    [FREE, 'sub IN NS ns.example.net.'],
    [FREE + 1, 'ns.sub IN TXT "no glue address"'],
    [FREE, ''],
    [FREE + 2, 'old IN DNAME new.example.net.'],
    [FREE + 2, ''],
  ]);
  // before the cut (and after it goes): mx.sub is this zone's, without address or TLSA
  for (const list of [cutGone, dname, dnameGone]) {
    assert.ok(has(list, /^target-no-address: MX target mx\.sub\.example\.com\. is inside the zone but has no A or AAAA record$/), list.join('\n'));
    assert.ok(has(list, /^tlsa-partial-dane: partial DANE: mx\.sub\.example\.com\. has no TLSA/), list.join('\n'));
    assert.ok(has(list, /^target-is-cname: SRV target alias\.sub\.example\.com\. is a CNAME/), list.join('\n'));
  }
  // with sub delegated, mx.sub and alias.sub are the child zone's: nothing claimed about them,
  // except that the CNAME the parent still holds there is never served
  assert.ok(!has(cut, /mx\.sub\.example\.com\./), cut.join('\n'));
  assert.ok(!has(cut, /^(?!occluded-below-delegation: CNAME at alias\.sub\.example\.com\. is below the delegation of sub\.example\.com\.:).*alias\.sub\.example\.com\./), cut.join('\n'));
  assert.ok(has(cut, /^occluded-below-delegation: CNAME at alias\.sub\.example\.com\. is below the delegation of sub\.example\.com\.:/), cut.join('\n'));
  assert.ok(!has(cutGone, /^occluded-below-delegation/), cutGone.join('\n'));
  // ... but the NS target below the cut needs glue here, and the message says so
  for (const list of [cut, glue]) {
    assert.ok(has(list, /^target-no-address: NS target ns\.sub\.example\.com\. is below the delegation of sub\.example\.com\. but has no glue A or AAAA record here$/), list.join('\n'));
  }
  assert.ok(has(cutGone, /^target-no-address: NS target ns\.sub\.example\.com\. is inside the zone but has no A or AAAA record$/), cutGone.join('\n'));
  // the DNAME at old makes mx.old an alias (RFC 6672 §2.2): the MX rule says so, naming the DNAME
  // and where the name maps; nothing else is judged of it from these records
  assert.ok(has(cut, /^target-no-address: MX target mx\.old\.example\.com\./), 'mx.old is judged while old has no DNAME');
  assert.ok(has(dname, /^mx-target-cname: MX target mx\.old\.example\.com\. is an alias \(below the DNAME at old\.example\.com\., the name maps to mx\.new\.example\.net\.\); MX must name a host/), dname.join('\n'));
  assert.ok(!has(dname, /^(?!mx-target-cname).*mx\.old\.example\.com\./), dname.join('\n'));
  for (const list of [cut, dnameGone]) assert.ok(!has(list, /^mx-target-cname/), list.join('\n'));
  assert.ok(has(dnameGone, /^target-no-address: MX target mx\.old\.example\.com\./), dnameGone.join('\n'));
});

test('DNAMEs are followed by the TLSA lookup (at _tcp.<host>, after a CNAME), wildcards below them are not used, and retargeting one re-checks', () => {
  const MX_OLD = splitLines(BASE).indexOf('@ IN MX 30 mx.old');
  const [, redirected, wildcardBelow, toTlsa, none, , , viaCname, retargeted] = findingsAfterEachStep(BASE, [
    [MX_OLD, ''], // no host below old: only the lookup through old reads it
    [FREE, '_tcp.mx.sub IN DNAME _tcp.none'],
    [FREE + 1, `*._tcp.mx.sub IN TLSA 3 1 1 ${X}`],
    [FREE, '_tcp.mx.sub IN DNAME _tcp.mx1'],
    [FREE, ''],
    // a CNAME into a DNAME's subtree: the lookup follows both; then the DNAME is retargeted
    [FREE + 2, `tlsa.dane IN TLSA 3 1 1 ${X}`],
    [FREE + 3, 'old IN DNAME dane'],
    [FREE, '_25._tcp.mx.sub IN CNAME tlsa.old'],
    [FREE + 3, 'old IN DNAME ns1'],
  ]);
  const partial = /^tlsa-partial-dane: partial DANE: mx\.sub\.example\.com\. has no TLSA at _25\._tcp\.mx\.sub\.example\.com\. while mx1\.example\.com\. has them/;
  assert.ok(has(redirected, partial), redirected.join('\n'));
  assert.ok(has(wildcardBelow, partial), `the wildcard below the DNAME answers nothing:\n${wildcardBelow.join('\n')}`);
  assert.ok(!has(toTlsa, partial), `redirected to mx1's TLSA:\n${toTlsa.join('\n')}`);
  // without the DNAME the wildcard answers _25._tcp.mx.sub again
  assert.ok(!has(none, partial), none.join('\n'));
  assert.ok(!has(viaCname, partial), `tlsa.old is redirected to tlsa.dane, with TLSA:\n${viaCname.join('\n')}`);
  assert.ok(has(retargeted, partial), `tlsa.old is redirected to tlsa.ns1, without TLSA:\n${retargeted.join('\n')}`);
});

// The reverse direction: a TLSA RRset is queried when a DNAME (at _tcp.<MX host>, or above the
// MX host) or a CNAME at the service name leads a sender's query to it. Typing such a DNAME, an MX
// naming a host below one, or retargeting one re-checks the TLSA (as a full run finds).
const REACH = `$ORIGIN example.com.
$TTL 3600
@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
@ IN NS ns1
ns1 IN A 192.0.2.53
@ IN MX 10 mx1
mx1 IN A 192.0.2.1
_25._tcp.keys IN TLSA 3 1 1 ${X}
_25._tcp.keys IN TLSA 3 1 1 ${Y}
_25._tcp.mx.new IN TLSA 3 1 1 ${X}
_25._tcp.mx.new IN TLSA 3 1 1 ${Y}
${'\n'.repeat(4)}`;
const RFREE = splitLines(REACH).length - 5;

test('TLSA reached through a DNAME at any label or a service CNAME is queried: typing, retargeting and removing them re-checks it', () => {
  const unused = (host) => new RegExp(`^tlsa-not-at-mx-target: no MX record in this zone points to ${host.replace(/\./g, '\\.')}:`);
  const [tcpDname, retargeted, back, cname, gone, mxOld, oldDname, oldGone] = findingsAfterEachStep(REACH, [
    [RFREE, '_tcp.mx1 IN DNAME _tcp.keys'],
    [RFREE, '_tcp.mx1 IN DNAME _tcp.elsewhere'],
    [RFREE, '_tcp.mx1 IN DNAME _tcp.keys'],
    [RFREE, '_25._tcp.mx1 IN CNAME _25._tcp.keys'],
    [RFREE, ''],
    [RFREE + 1, '@ IN MX 20 mx.old'],
    [RFREE + 2, 'old IN DNAME new'],
    [RFREE + 2, ''],
  ]);
  for (const list of [tcpDname, back, cname]) assert.ok(!has(list, unused('keys.example.com.')), list.join('\n'));
  for (const list of [retargeted, gone]) assert.ok(has(list, unused('keys.example.com.')), list.join('\n'));
  // mx.old is queried as mx.new while old maps there (and is an alias MX target then)
  for (const list of [mxOld, oldGone]) assert.ok(has(list, unused('mx.new.example.com.')), list.join('\n'));
  assert.ok(!has(oldDname, unused('mx.new.example.com.')), oldDname.join('\n'));
  assert.ok(has(oldDname, /^mx-target-cname: MX target mx\.old\.example\.com\. is an alias \(below the DNAME at old\.example\.com\., the name maps to mx\.new\.example\.com\.\)/), oldDname.join('\n'));
});

// DNAMEs to the apex (RFC 6672 §2.2: `x.apexmap.<apex>` maps to `x.<apex>`), chains and loops of
// them, and one out of the zone: the sender's TLSA query for the MX host below them ends at the
// name they map it to (RFC 7672 §2.2.2), or leaves the zone. Following them back is bounded.
test('a DNAME to the apex, a chain, a loop and one out of the zone, typed one at a time: the TLSA they lead to is queried or not, as a full run finds', () => {
  const unused = /^tlsa-not-at-mx-target: no MX record in this zone points to keys\.example\.com\.:/;
  const steps = findingsAfterEachStep(REACH, [
    [RFREE, '@ IN MX 20 keys.apexmap'],
    [RFREE + 1, 'apexmap IN DNAME example.com.'],
    [RFREE, '@ IN MX 20 keys.chain1'],
    [RFREE + 2, 'chain1 IN DNAME apexmap'],
    [RFREE + 1, 'apexmap IN DNAME chain1'], // a loop: chain1 -> apexmap -> chain1
    [RFREE + 1, 'apexmap IN DNAME example.net.'],
    [RFREE + 1, 'apexmap IN DNAME @'],
    [RFREE + 1, 'apexmap.chain1 IN DNAME @'], // below chain1's DNAME: never used
    [RFREE + 2, ''],
  ]);
  const queried = steps.map((list) => !has(list, unused));
  assert.deepEqual(queried, [false, true, false, true, false, false, true, false, false], steps.map((l) => l.join('\n')).join('\n---\n'));
  // the MX host below the DNAMEs is an alias while they lead somewhere (also out of the zone)
  assert.ok(has(steps[1], /^mx-target-cname: MX target keys\.apexmap\.example\.com\. is an alias \(below the DNAME at apexmap\.example\.com\., the name maps to keys\.example\.com\.\)/), steps[1].join('\n'));
  assert.ok(has(steps[3], /^mx-target-cname: MX target keys\.chain1\.example\.com\. is an alias \(below the DNAME at chain1\.example\.com\., the name maps to keys\.apexmap\.example\.com\. -> keys\.example\.com\.\)/), steps[3].join('\n'));
});

// dname-with-children and occluded-below-delegation: the records below a cut are checked
// again when it appears or goes, a glue address when the NS naming it changes, and the
// finding's related location follows the DNAME or NS record it points at.
const HIDDEN = `$ORIGIN example.com.
$TTL 3600
@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
@ IN NS ns1
ns1 IN A 192.0.2.53
@ IN MX 10 mx.sub
mx.sub IN A 192.0.2.25
_25._tcp.mx.sub IN TLSA 3 1 1 ${X}
_25._tcp.mx.sub IN TLSA 3 1 1 ${Y}
ns.sub IN A 192.0.2.54
www.old IN A 192.0.2.80
${'\n'.repeat(4)}`;
const HFREE = splitLines(HIDDEN).length - 5;

test('delegations and DNAMEs typed one at a time: the records they hide are reported, in the editor as in a full run', () => {
  const occluded = (list) => list.filter((m) => m.startsWith('occluded-below-delegation:'));
  const belowDname = (list) => list.filter((m) => m.startsWith('dname-with-children:'));
  const steps = findingsAfterEachStep(HIDDEN, [
    [HFREE, 's'],
    [HFREE, 'sub IN NS'],
    [HFREE, 'sub IN NS ns.sub'], // 2: the cut, with ns.sub as glue
    [HFREE + 1, 'sub IN NS ns2.example.net.'], // 3: a second NS: the cut stays
    [HFREE, ''], // 4: the first NS goes: ns.sub is no longer glue; the related NS moves
    [HFREE + 2, 'old IN DNAME'],
    [HFREE + 2, 'old IN DNAME new.example.net.'], // 6
    [HFREE + 2, 'old IN TXT "no DNAME"'], // 7
    [HFREE + 1, ''], // 8: no cut left
  ]);
  assert.deepEqual(occluded(steps[0]), []);
  const tlsaHidden = 'occluded-below-delegation: TLSA at _25._tcp.mx.sub.example.com. is below the delegation of sub.example.com.: the child zone answers there, so this zone never serves it, and DANE senders never see it; it belongs in the child zone';
  const mxHidden = 'occluded-below-delegation: A at mx.sub.example.com. is below the delegation of sub.example.com. and no NS record names it (it is not glue): the child zone answers there, so this zone never serves it; it belongs in the child zone';
  const nsHidden = 'occluded-below-delegation: A at ns.sub.example.com. is below the delegation of sub.example.com. and no NS record names it (it is not glue): the child zone answers there, so this zone never serves it; it belongs in the child zone';
  assert.deepEqual(occluded(steps[2]), [mxHidden, tlsaHidden, tlsaHidden]);
  assert.deepEqual(occluded(steps[3]), [mxHidden, tlsaHidden, tlsaHidden]);
  assert.deepEqual(occluded(steps[4]), [mxHidden, nsHidden, tlsaHidden, tlsaHidden]);
  assert.deepEqual(belowDname(steps[5]), []);
  assert.deepEqual(belowDname(steps[6]), ['dname-with-children: www.old.example.com. is below the DNAME at old.example.com., which redirects every name below it: this A record is never served, and RFC 6672 §2.4 forbids records there']);
  assert.deepEqual(belowDname(steps[7]), []);
  assert.deepEqual(occluded(steps[8]), []);
  // the TLSA below the cut is reported once, by the rule that says why (not as a TLSA no MX names)
  assert.ok(!has(steps[2], /^tlsa-not-at-mx-target/), steps[2].join('\n'));
});

// Edits that move a cut with names several labels below it: the editor finds them by walking
// down from the cut (its names linked parent to child), so every one of them must be re-judged
// after each step, as a full check judges them (the helper compares both, and the linked names).
const NESTED = `$ORIGIN example.com.
$TTL 3600
@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
@ IN NS ns1
ns1 IN A 192.0.2.53
@ IN MX 10 mx.a.sub
@ IN MX 20 mx.x.dn
sub IN NS ns.sub
ns.sub IN A 192.0.2.54
mx.a.sub IN A 192.0.2.25
_25._tcp.mx.a.sub IN TLSA 3 1 1 ${X}
*.w.sub IN A 192.0.2.26
alias IN CNAME host.w.sub
inner.sub IN NS ns.inner.sub
ns.inner.sub IN A 192.0.2.55
www.inner.sub IN A 192.0.2.56
mx.x.dn IN A 192.0.2.27
*.dn IN TXT "wild"
${'\n'.repeat(3)}`;

test('delegations renamed, retyped, deleted and nested, and DNAMEs over deeper names: everything below the cut is judged again', () => {
  const lines = splitLines(NESTED);
  const SUB = lines.indexOf('sub IN NS ns.sub');
  const INNER = lines.indexOf('inner.sub IN NS ns.inner.sub');
  const NFREE = lines.length - 4;
  const steps = findingsAfterEachStep(NESTED, [
    [SUB, 'xsub IN NS ns.sub'], // 0: the owner typed over: sub's cut goes, xsub's comes
    [SUB, 'sub IN NS ns.sub'], // 1
    [SUB, 'sub IN A 192.0.2.9'], // 2: NS made A
    [SUB, 'sub IN NS ns.sub'], // 3
    [INNER, ''], // 4: the nested delegation goes, the outer one stays
    [SUB, ''], // 5: no delegation left
    [INNER, 'inner.sub IN NS ns.inner.sub'], // 6: the inner one alone
    [SUB, 'sub IN NS ns.sub'], // 7: both again
    [NFREE, 'dn IN DNAME example.net.'], // 8
    [NFREE + 1, 'x.dn IN DNAME example.org.'], // 9: a DNAME below a DNAME
    [NFREE, ''], // 10: the outer DNAME goes
    [NFREE + 1, ''], // 11
    // a cut outside the origin (no names linked there: the editor tests every name instead)
    [NFREE, 'www.out.example.net. IN A 192.0.2.80'],
    [NFREE + 1, 'out.example.net. IN NS ns1'],
    [NFREE + 1, ''],
  ]);
  const occluded = (list) => list.filter((m) => m.startsWith('occluded-below-delegation:')).map((m) => m.replace(/^occluded-below-delegation: (\S+) at (\S+) is below the delegation of (\S+?):?\s.*$/, '$1 $2 < $3')).sort();
  const belowDname = (list) => list.filter((m) => m.startsWith('dname-with-children:')).map((m) => m.replace(/^dname-with-children: (\S+) is below the DNAME at (\S+), .*$/, '$1 < $2')).sort();
  const S = 'sub.example.com.';
  const underSub = [`A *.w.${S} < ${S}`, `A mx.a.${S} < ${S}`, `A www.inner.${S} < ${S}`, `NS inner.${S} < ${S}`, `TLSA _25._tcp.mx.a.${S} < ${S}`];
  const innerOnly = [`A www.inner.${S} < inner.${S}`];
  for (const i of [1, 3, 7]) assert.deepEqual(occluded(steps[i]), underSub, `step ${i}`);
  for (const i of [0, 2, 6]) assert.deepEqual(occluded(steps[i]), innerOnly, `step ${i}`);
  // without the inner NS, its name server's address is no longer glue: hidden like the rest
  assert.deepEqual(occluded(steps[4]), [`A *.w.${S} < ${S}`, `A mx.a.${S} < ${S}`, `A ns.inner.${S} < ${S}`, `A www.inner.${S} < ${S}`, `TLSA _25._tcp.mx.a.${S} < ${S}`]);
  assert.deepEqual(occluded(steps[5]), []);
  // mx.a.sub is this zone's host while sub is not delegated: judged again (partial DANE against mx.x.dn)
  for (const i of [0, 2, 5, 6]) assert.ok(has(steps[i], /^tlsa-partial-dane: partial DANE: mx\.x\.dn\.example\.com\./), `step ${i}:\n${steps[i].join('\n')}`);
  for (const i of [1, 3, 4, 7]) assert.ok(!has(steps[i], /^tlsa-partial-dane/), `step ${i}:\n${steps[i].join('\n')}`);
  const D = 'dn.example.com.';
  assert.deepEqual(belowDname(steps[8]), [`*.${D} < ${D}`, `mx.x.${D} < ${D}`]);
  assert.deepEqual(belowDname(steps[9]), [`*.${D} < ${D}`, `mx.x.${D} < ${D}`, `x.${D} < ${D}`]);
  assert.deepEqual(belowDname(steps[10]), [`mx.x.${D} < x.${D}`]);
  assert.deepEqual(belowDname(steps[11]), []);
});
