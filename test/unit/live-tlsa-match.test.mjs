// The TLSA matcher on its own (RFC 7672 §3, RFC 7671 §9), with certificates
// made in-process: DANE-EE without name/date checks, DANE-TA chain, dates and
// names, unusable usages, digest agility, wildcards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import * as core from '../../dist/core.js';
import { makePki } from './live-certs.mjs';

const DAY = 86400_000;
let pki, root, issuing, other, leaf, expiredLeaf, wrongName, wildLeaf, forged;
before(() => {
  pki = makePki();
  root = pki.issue('Test Root', { ca: true });
  issuing = pki.issue('Test Issuing', { issuer: root, ca: true });
  other = pki.issue('Test Issuing', { issuer: root, ca: true }); // same name, other key: signatures must not verify
  leaf = pki.issue('mx.example.com', { issuer: issuing, sans: ['mx.example.com'] });
  expiredLeaf = pki.issue('mx.example.com', { issuer: issuing, sans: ['mx.example.com'], notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - 30 * DAY) });
  wrongName = pki.issue('other.example.com', { issuer: issuing, sans: ['other.example.com'] });
  wildLeaf = pki.issue('*.example.com', { issuer: issuing, sans: ['*.example.com'] });
  forged = pki.issue('mx.example.com', { issuer: other, sans: ['mx.example.com'] });
});
after(() => pki.cleanup());

const rec = (usage, selector, matchingType, cert) => ({ usage, selector, matchingType, data: core.associationData(new X509Certificate(cert.der), selector, matchingType) });
const refs = ['mx.example.com'];
const now = () => new Date();

test('DANE-EE 3 1 1 / 3 0 1 / 3 1 2 / 3 0 0 match the leaf; expiry and names are not checked', () => {
  for (const [s, m] of [[1, 1], [0, 1], [1, 2], [0, 0]]) {
    const r = core.matchPresentedChain([rec(3, s, m, expiredLeaf)], [expiredLeaf.der], ['nomatch.example.net'], now());
    assert.equal(r.outcome, 'match-ee', `3 ${s} ${m}`);
    assert.equal(r.depth, 0);
  }
});

test('DANE-EE against another key is a mismatch; DANE-EE never matches an issuer', () => {
  assert.equal(core.matchPresentedChain([rec(3, 1, 1, wrongName)], [leaf.der, issuing.der], refs, now()).outcome, 'mismatch');
  assert.equal(core.matchPresentedChain([rec(3, 1, 1, issuing)], [leaf.der, issuing.der], refs, now()).outcome, 'mismatch');
});

test('DANE-TA 2 1 1 on the issuing CA: chain verified, names checked', () => {
  const r = core.matchPresentedChain([rec(2, 1, 1, issuing)], [leaf.der, issuing.der], refs, now());
  assert.equal(r.outcome, 'match-ta');
  assert.equal(r.depth, 1);
  assert.equal(core.matchPresentedChain([rec(2, 0, 1, root)], [leaf.der, issuing.der, root.der], refs, now()).outcome, 'match-ta');
});

test('DANE-TA: the anchor must be presented; expired leaf; wrong name; forged signature', () => {
  assert.equal(core.matchPresentedChain([rec(2, 1, 1, issuing)], [leaf.der], refs, now()).outcome, 'mismatch');
  assert.equal(core.matchPresentedChain([rec(2, 1, 1, issuing)], [expiredLeaf.der, issuing.der], refs, now()).outcome, 'expired');
  const nm = core.matchPresentedChain([rec(2, 1, 1, issuing)], [wrongName.der, issuing.der], refs, now());
  assert.equal(nm.outcome, 'name-mismatch');
  assert.match(nm.detail, /other\.example\.com/);
  assert.equal(core.matchPresentedChain([rec(2, 1, 1, issuing)], [forged.der, issuing.der], refs, now()).outcome, 'chain-invalid');
});

test('DANE-TA: the second reference identifier (MX host name) also counts; trailing dots ignored', () => {
  assert.equal(core.matchPresentedChain([rec(2, 1, 1, issuing)], [wrongName.der, issuing.der], ['smtp.example.net.', 'other.example.com.'], now()).outcome, 'match-ta');
});

test('wildcards: only the whole leftmost label, one label deep', () => {
  assert.equal(core.nameMatches('*.example.com', 'mx.example.com'), true);
  assert.equal(core.nameMatches('*.example.com', 'a.mx.example.com'), false);
  assert.equal(core.nameMatches('*.example.com', 'example.com'), false);
  assert.equal(core.nameMatches('m*.example.com', 'mx.example.com'), false);
  assert.equal(core.nameMatches('mx.*.com', 'mx.example.com'), false);
  assert.equal(core.nameMatches('MX.Example.COM.', 'mx.example.com'), true);
  assert.equal(core.matchPresentedChain([rec(2, 1, 1, issuing)], [wildLeaf.der, issuing.der], refs, now()).outcome, 'match-ta');
  assert.equal(core.matchPresentedChain([rec(2, 1, 1, issuing)], [wildLeaf.der, issuing.der], ['a.mx.example.com'], now()).outcome, 'name-mismatch');
});

test('usage 0/1 are unusable: only those = no-usable (TLS without authentication), and they are listed', () => {
  const r = core.matchPresentedChain([rec(0, 1, 1, issuing), rec(1, 1, 1, leaf)], [leaf.der, issuing.der], refs, now());
  assert.equal(r.outcome, 'no-usable');
  const recordText = (x) => `${x.usage} ${x.selector} ${x.matchingType} ${x.data}`;
  assert.deepEqual(r.ignored, [
    { record: recordText(rec(0, 1, 1, issuing)), reason: 'usage 0 (PKIX-TA) is unusable for SMTP (RFC 7672 §3.1.3)' },
    { record: recordText(rec(1, 1, 1, leaf)), reason: 'usage 1 (PKIX-EE) is unusable for SMTP (RFC 7672 §3.1.3)' },
  ]);
  // a usable record next to them is still used
  assert.equal(core.matchPresentedChain([rec(1, 1, 1, leaf), rec(3, 1, 1, leaf)], [leaf.der], refs, now()).outcome, 'match-ee');
  // unknown parameters are unusable too
  assert.equal(core.matchPresentedChain([{ usage: 3, selector: 7, matchingType: 1, data: 'ab' }], [leaf.der], refs, now()).outcome, 'no-usable');
});

test('digest agility (RFC 7671 §9): with SHA2-512 published, a SHA2-256 record of the same usage/selector is ignored', () => {
  const sha256ok = rec(3, 1, 1, leaf);
  const sha512wrong = rec(3, 1, 2, wrongName);
  const r = core.matchPresentedChain([sha256ok, sha512wrong], [leaf.der], refs, now());
  assert.equal(r.outcome, 'mismatch');
  assert.ok(r.ignored.some((i) => i.record.startsWith('3 1 1') && /stronger digest/.test(i.reason)));
  // another selector is judged on its own
  assert.equal(core.matchPresentedChain([rec(3, 0, 1, leaf), sha512wrong], [leaf.der], refs, now()).outcome, 'match-ee');
});

test('no certificate / garbage certificate: clear outcomes, no throw', () => {
  assert.equal(core.matchPresentedChain([rec(3, 1, 1, leaf)], [], refs, now()).outcome, 'no-certificate');
  assert.equal(core.matchPresentedChain([rec(3, 1, 1, leaf)], [Buffer.from('not a certificate')], refs, now()).outcome, 'chain-invalid');
});

test('describeChain lists subject, dates, SANs and the 3 1 1 / 2 1 1 records that would match', () => {
  const { chain, wouldMatch } = core.describeChain([leaf.der, issuing.der]);
  assert.equal(chain[0].subject, 'CN=mx.example.com');
  assert.deepEqual(chain[0].sans, ['DNS:mx.example.com']);
  assert.equal(chain[1].ca, true);
  assert.deepEqual(wouldMatch, [`3 1 1 ${rec(3, 1, 1, leaf).data}`, `2 1 1 ${rec(2, 1, 1, issuing).data}`]);
});

test('DANE-TA: every certificate that issues another in the path must be a CA within its pathLenConstraint (RFC 5280 §4.2.1.9, as OpenSSL)', () => {
  // the colleague's case: leaf signed by a CA:FALSE certificate that the trusted CA signed
  const nonCa = pki.issue('nonca.example.com', { issuer: root, sans: ['nonca.example.com'] });
  const evil = pki.issue('evil', { issuer: nonCa, sans: ['*.example.com'] });
  const r = core.matchPresentedChain([rec(2, 1, 1, root)], [evil.der, nonCa.der, root.der], refs, now());
  assert.equal(r.outcome, 'chain-invalid');
  assert.match(r.detail, /depth 1 \(CN=nonca\.example\.com\).*not a CA \(basicConstraints CA:FALSE/);
  // the anchor itself must be a CA too (OpenSSL: verify error 79, invalid CA certificate)
  const a = core.matchPresentedChain([rec(2, 1, 1, nonCa)], [evil.der, nonCa.der], refs, now());
  assert.equal(a.outcome, 'chain-invalid');
  assert.match(a.detail, /not a CA/);
  // a CA whose keyUsage lacks keyCertSign
  const noSign = pki.issue('Sign-less CA', { issuer: root, ext: 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,digitalSignature\n' });
  const l2 = pki.issue('mx.example.com', { issuer: noSign, sans: ['mx.example.com'] });
  const k = core.matchPresentedChain([rec(2, 1, 1, root)], [l2.der, noSign.der, root.der], refs, now());
  assert.equal(k.outcome, 'chain-invalid');
  assert.match(k.detail, /keyCertSign/);
  // pathLenConstraint 0 on the anchor: no intermediate may stand below it; 1 allows one
  for (const [len, want] of [[0, 'chain-invalid'], [1, 'match-ta']]) {
    const top = pki.issue(`Root pathlen ${len}`, { ext: `basicConstraints=critical,CA:TRUE,pathlen:${len}\nkeyUsage=critical,keyCertSign,cRLSign\n` });
    const mid = pki.issue('Mid', { issuer: top, ca: true });
    const l3 = pki.issue('mx.example.com', { issuer: mid, sans: ['mx.example.com'] });
    const p = core.matchPresentedChain([rec(2, 1, 1, top)], [l3.der, mid.der, top.der], refs, now());
    assert.equal(p.outcome, want, `pathlen ${len}: ${p.detail}`);
    if (want === 'chain-invalid') assert.match(p.detail, /pathLenConstraint 0/);
  }
  // DANE-TA matching the leaf itself needs no CA flag (nothing is issued)
  assert.equal(core.matchPresentedChain([rec(2, 1, 1, leaf)], [leaf.der, issuing.der], refs, now()).outcome, 'match-ta');
});

test('a digest of the wrong length is malformed, hence unusable (OpenSSL: "dane tlsa bad digest length", unusable TLSA rrdata), and takes no part in digest agility', () => {
  const short = { usage: 3, selector: 1, matchingType: 1, data: 'abcd' };
  const r = core.matchPresentedChain([short], [leaf.der], refs, now());
  assert.equal(r.outcome, 'no-usable');
  assert.match(r.ignored[0].reason, /2 bytes.*SHA2-256.*32/);
  const long512 = { usage: 3, selector: 1, matchingType: 2, data: 'ab'.repeat(32) }; // a 256-bit value under SHA2-512
  assert.equal(core.matchPresentedChain([long512, rec(3, 1, 1, leaf)], [leaf.der], refs, now()).outcome, 'match-ee');
  assert.equal(core.matchPresentedChain([{ usage: 3, selector: 1, matchingType: 1, data: 'zz'.repeat(32) }], [leaf.der], refs, now()).outcome, 'no-usable');
});
