// The RFC 7672 §2.2 decision logic of validateDomain with in-process fakes for
// the resolver and the prober (no sockets): null MX, implicit MX, insecure MX,
// CNAME-expanded TLSA base with fallback, insecure addresses, bogus TLSA,
// pre-deployment records, the domain verdict rules, the RFC 8460 report, and
// the CLI's usage errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { X509Certificate } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '../../dist/core.js';
import { makePki } from './live-certs.mjs';

const T = core.TYPE;
let pki, leaf, otherLeaf;
before(() => { pki = makePki(); leaf = pki.issue('mx.example.test', { sans: ['mx.example.test'] }); otherLeaf = pki.issue('other.example.test', { sans: ['other.example.test'] }); });
after(() => pki.cleanup());

/** fake resolver: table[`${name} ${TYPE}`] = { rcode?, ad?, answer: [[owner, type, data]] } or 'timeout'; CD answers under `${name} ${TYPE} cd` */
function fakeResolver(table) {
  const asked = [];
  return {
    asked,
    describe: () => 'fake',
    async query(q) {
      const key = `${q.name.toLowerCase()} ${core.dnsTypeName(q.type)}${q.cd ? ' cd' : ''}`;
      asked.push(key);
      const e = table[key] ?? (q.cd ? undefined : { rcode: 0, ad: true, answer: [] });
      if (!e || e === 'timeout') return { ok: false, error: 'timeout after 1 ms', server: 'fake', ms: 1 };
      const rrs = (list) => (list ?? []).map(([name, type, data]) => ({ name, type: T[type], typeName: type, class: 1, ttl: 60, data }));
      const answer = rrs(e.answer), authority = rrs(e.authority);
      return { ok: true, server: 'fake', transport: 'udp', ms: 1, msg: { id: 1, qr: true, opcode: 0, aa: false, tc: false, rd: true, ra: true, ad: !!e.ad, cd: !!q.cd, rcode: e.rcode ?? 0, question: [], answer, authority, additional: [], edns: { udpSize: 1232, version: 0, dnssecOk: true, ede: e.ede ?? [] } } };
    },
  };
}
/** fake prober: presents `chain` for every address (or fails with `failure`) and records what it was asked */
function fakeProber(chain, failure) {
  const calls = [];
  return {
    calls,
    async probe(o) {
      calls.push(o);
      if (failure) return { ok: false, failure, steps: [{ step: 'banner', ok: false, ms: 1, detail: failure }], banner: [], ehlo: [], chain: [] };
      return { ok: true, steps: [{ step: 'tls', ok: true, ms: 1, detail: 'ok' }], banner: [], ehlo: [], chain, tlsVersion: 'TLSv1.3' };
    },
  };
}
const spki = (c) => core.associationData(new X509Certificate(c.der), 1, 1);
const tlsa311 = (c) => ({ usage: 3, selector: 1, matchingType: 1, data: spki(c) });
const run = (domain, resolver, prober, extra = {}) => core.validateDomain(domain, { resolver, prober, ...extra });

test('null MX (RFC 7505): not applicable, nothing probed', async () => {
  const p = fakeProber([leaf.der]);
  const r = await run('example.test', fakeResolver({ 'example.test. MX': { ad: true, answer: [['example.test.', 'MX', { preference: 0, exchange: '.' }]] } }), p);
  assert.equal(r.verdict, 'not-applicable');
  assert.equal(r.mx.status, 'null-mx');
  assert.equal(p.calls.length, 0);
});

test('a null MX next to real MX records is ignored with a warning, not taken as "no mail"', async () => {
  const res = fakeResolver({
    'example.test. MX': { ad: true, answer: [['example.test.', 'MX', { preference: 0, exchange: '.' }], ['example.test.', 'MX', { preference: 10, exchange: 'mx.example.test.' }]] },
    'mx.example.test. A': { ad: true, answer: [['mx.example.test.', 'A', '192.0.2.1']] },
    '_25._tcp.mx.example.test. TLSA': { ad: true, answer: [['_25._tcp.mx.example.test.', 'TLSA', tlsa311(leaf)]] },
  });
  const r = await run('example.test', res, fakeProber([leaf.der]));
  assert.equal(r.verdict, 'valid');
  assert.deepEqual(r.hosts.map((h) => h.name), ['mx.example.test']);
  assert.ok(r.steps.some((s) => s.status === 'warn' && /RFC 7505/.test(s.detail)));
});

test('no MX: the domain itself is the implicit MX (RFC 5321 §5.1)', async () => {
  const res = fakeResolver({
    'example.test. A': { ad: true, answer: [['example.test.', 'A', '192.0.2.1']] },
    '_25._tcp.example.test. TLSA': { ad: true, answer: [['_25._tcp.example.test.', 'TLSA', tlsa311(leaf)]] },
  });
  const r = await run('example.test', res, fakeProber([leaf.der]));
  assert.equal(r.mx.status, 'implicit');
  assert.equal(r.hosts[0].name, 'example.test');
  assert.equal(r.verdict, 'valid');
});

test('no MX and, by secure answers, no address: the domain receives no mail, not applicable, not a DNS failure to retry', async () => {
  const p = fakeProber([leaf.der]);
  const r = await run('example.test', fakeResolver({}), p);
  assert.equal(r.mx.status, 'implicit');
  assert.equal(r.verdict, 'not-applicable');
  assert.equal(r.ndr, null);
  assert.equal(r.summary, 'DANE does not apply: example.test has no MX records and no address records, so it receives no mail at all (RFC 5321 §5.1).');
  assert.equal(p.calls.length, 0);
  // a name that does not exist (authenticated NXDOMAIN) takes no mail either: no "opportunistic TLS"
  const nx = await run('example.test', fakeResolver({ 'example.test. MX': { rcode: 3, ad: true, answer: [] } }), p);
  assert.equal(nx.verdict, 'not-applicable');
  assert.equal(nx.summary, 'DANE does not apply: example.test does not exist (authenticated NXDOMAIN), so it receives no mail at all.');
  const nxPlain = await run('example.test', fakeResolver({ 'example.test. MX': { rcode: 3, ad: false, answer: [] } }), p);
  assert.equal(nxPlain.summary, 'DANE does not apply: example.test does not exist (NXDOMAIN, not authenticated), so it receives no mail at all.');
  // an address lookup that fails is still a DNS failure
  const failed = await run('example.test', fakeResolver({ 'example.test. A': 'timeout', 'example.test. AAAA': 'timeout' }), p);
  assert.equal(failed.verdict, 'dns-failure');
  assert.equal(failed.ndr, '4.4.312');
});

test('insecure MX: not applicable, no TLSA lookup, nothing probed', async () => {
  const res = fakeResolver({ 'example.test. MX': { ad: false, answer: [['example.test.', 'MX', { preference: 10, exchange: 'mx.example.test.' }]] } });
  const p = fakeProber([leaf.der]);
  const r = await run('example.test', res, p);
  assert.equal(r.verdict, 'not-applicable');
  assert.equal(r.mx.status, 'insecure');
  assert.ok(!res.asked.some((k) => k.includes('TLSA')));
  assert.equal(p.calls.length, 0);
});

const mxTo = (host) => ({ 'example.test. MX': { ad: true, answer: [['example.test.', 'MX', { preference: 10, exchange: host }]] } });

test('a resolver that hands out RRSIGs without the AD bit does not validate: DANE cannot be judged, not "not applicable", and no NDR', async () => {
  const mxRr = ['example.test.', 'MX', { preference: 10, exchange: 'mx.example.test.' }];
  const res = fakeResolver({ 'example.test. MX': { ad: false, answer: [mxRr, ['example.test.', 'RRSIG', { typeCovered: 'MX' }]] } });
  const p = fakeProber([leaf.der]);
  const r = await run('example.test', res, p);
  assert.equal(r.verdict, 'dns-failure');
  assert.equal(r.mx.status, 'unvalidated');
  assert.equal(r.reason, 'resolver-not-validating');
  assert.equal(r.ndr, null);
  assert.equal(r.tlsrpt, null);
  const notValidating = 'DANE cannot be judged: the resolver does not validate DNSSEC (it returns RRSIG records without the AD bit), so signed and unsigned data look alike. This is not a fault of the domain and no NDR applies: a sender with a validating resolver sees the real answer. Use a validating resolver (daneZone.resolvers, --resolver).';
  assert.equal(r.summary, `${notValidating} The resolver fake does not validate DNSSEC (or not the zone's algorithm): its answer for MX example.test carries RRSIG records but no AD bit.`);
  assert.deepEqual(r.hosts, []);
  assert.equal(p.calls.length, 0);
  // a signed denial (RRSIG in the authority section) says the same
  const nodata = fakeResolver({ 'example.test. MX': { ad: false, authority: [['example.test.', 'RRSIG', { typeCovered: 'SOA' }]] } });
  assert.equal((await run('example.test', nodata, p)).mx.status, 'unvalidated');
  // the same for the address and TLSA lookups of a host
  const addr = fakeResolver({ ...mxTo('mx.example.test.'), 'mx.example.test. A': { ad: false, answer: [['mx.example.test.', 'A', '192.0.2.1'], ['mx.example.test.', 'RRSIG', { typeCovered: 'A' }]] } });
  const ra = await run('example.test', addr, p);
  assert.equal(ra.verdict, 'dns-failure');
  assert.equal(ra.hosts[0].reason, 'resolver-not-validating');
  assert.equal(ra.reason, 'resolver-not-validating');
  assert.equal(ra.ndr, null);
  const addrDetail = "the resolver fake does not validate DNSSEC (or not the zone's algorithm): its answer for A mx.example.test carries RRSIG records but no AD bit, so DANE cannot be judged for mx.example.test";
  assert.equal(ra.hosts[0].detail, addrDetail);
  assert.deepEqual([ra.hosts[0].verdict, ra.hosts[0].ndr, ra.hosts[0].tlsrpt], ['dns-failure', null, null]);
  // the domain summary: the standard paragraph, then the host's detail as a sentence
  assert.equal(ra.summary, `${notValidating} T${addrDetail.slice(1)}.`);
  const tl = fakeResolver({ ...mxTo('mx.example.test.'), 'mx.example.test. A': { ad: true, answer: [['mx.example.test.', 'A', '192.0.2.1']] },
    '_25._tcp.mx.example.test. TLSA': { ad: false, answer: [['_25._tcp.mx.example.test.', 'TLSA', tlsa311(leaf)], ['_25._tcp.mx.example.test.', 'RRSIG', { typeCovered: 'TLSA' }]] } });
  const rt = await run('example.test', tl, p);
  assert.equal(rt.verdict, 'dns-failure');
  assert.equal(rt.hosts[0].tlsaStatus, 'unvalidated');
  assert.equal(rt.reason, 'resolver-not-validating');
  assert.equal(rt.ndr, null);
  const tlsaDetail = "the resolver fake does not validate DNSSEC (or not the zone's algorithm): its answer for TLSA _25._tcp.mx.example.test carries RRSIG records but no AD bit, so DANE cannot be judged for mx.example.test";
  assert.equal(rt.hosts[0].detail, tlsaDetail);
  assert.equal(rt.summary, `${notValidating} T${tlsaDetail.slice(1)}.`);
  assert.equal(p.calls.length, 0);
  // a validating resolver gives RRSIGs without AD when a signed CNAME leads into an unsigned zone: insecure, not unvalidated
  const partial = fakeResolver({ ...mxTo('mx.example.test.'), 'mx.example.test. A': { ad: false, answer: [['mx.example.test.', 'CNAME', 'smtp.hoster.test.'], ['mx.example.test.', 'RRSIG', { typeCovered: 'CNAME' }], ['smtp.hoster.test.', 'A', '192.0.2.9']] } });
  const rp = await run('example.test', partial, fakeProber([leaf.der]));
  assert.equal(rp.hosts[0].reason, null);
  assert.equal(rp.hosts[0].verdict, 'no-dane');
  assert.equal(rp.hosts[0].addressesSecure, false);
});


test('cannotBeJudged(): only the reasons that are the check\'s fault, and those carry no NDR or TLS-RPT code', () => {
  const reasons = Object.keys(core.REASON_CODES);
  assert.deepEqual(reasons.filter(core.cannotBeJudged), ['resolver-not-validating', 'resolver-unreachable']);
  assert.equal(core.cannotBeJudged(null), false);
  for (const r of reasons.filter(core.cannotBeJudged)) assert.deepEqual(core.REASON_CODES[r], { ndr: null, tlsrpt: null }, r);
  // a host that cannot be judged decides the domain verdict even next to a valid host
  const host = (name, verdict, reason, detail) => ({ name, verdict, reason, detail, tlsaStatus: 'present', addresses: [] });
  const v = core.domainVerdict([host('a.test', 'valid', null, 'ok'), host('b.test', 'dns-failure', 'resolver-not-validating', 'the resolver x does not validate')]);
  assert.deepEqual([v.verdict, v.reason], ['dns-failure', 'resolver-not-validating']);
  assert.match(v.summary, /^DANE cannot be judged: .* The resolver x does not validate\.$/);
});

test('secure CNAME chain: TLSA base = expanded name, SNI = that name; secure denial there falls back to the original name', async () => {
  const chain = { ad: true, answer: [['mx.example.test.', 'CNAME', 'smtp.hoster.test.'], ['smtp.hoster.test.', 'A', '192.0.2.9']] };
  const res1 = fakeResolver({ ...mxTo('mx.example.test.'), 'mx.example.test. A': chain, '_25._tcp.smtp.hoster.test. TLSA': { ad: true, answer: [['_25._tcp.smtp.hoster.test.', 'TLSA', tlsa311(leaf)]] } });
  const p1 = fakeProber([leaf.der]);
  const r1 = await run('example.test', res1, p1);
  assert.equal(r1.hosts[0].tlsaBase, 'smtp.hoster.test');
  assert.equal(p1.calls[0].sni, 'smtp.hoster.test.');
  assert.equal(r1.verdict, 'valid');
  const res2 = fakeResolver({ ...mxTo('mx.example.test.'), 'mx.example.test. A': chain, '_25._tcp.smtp.hoster.test. TLSA': { rcode: 3, ad: true }, '_25._tcp.mx.example.test. TLSA': { ad: true, answer: [['_25._tcp.mx.example.test.', 'TLSA', tlsa311(leaf)]] } });
  const r2 = await run('example.test', res2, fakeProber([leaf.der]));
  assert.equal(r2.hosts[0].tlsaBase, 'mx.example.test');
  assert.deepEqual(res2.asked.filter((k) => k.includes('TLSA')), ['_25._tcp.smtp.hoster.test. TLSA', '_25._tcp.mx.example.test. TLSA']);
  assert.equal(r2.verdict, 'valid');
});

test('insecure CNAME chain: TLSA base = the original name only', async () => {
  const res = fakeResolver({ ...mxTo('mx.example.test.'), 'mx.example.test. A': { ad: false, answer: [['mx.example.test.', 'CNAME', 'smtp.hoster.test.'], ['smtp.hoster.test.', 'A', '192.0.2.9']] } });
  const r = await run('example.test', res, fakeProber([leaf.der]));
  assert.equal(r.hosts[0].tlsaBase, 'mx.example.test');
  assert.ok(!res.asked.includes('_25._tcp.smtp.hoster.test. TLSA'));
});

test('insecure address records without CNAME: no TLSA lookup, host no-dane', async () => {
  const res = fakeResolver({ ...mxTo('mx.example.test.'), 'mx.example.test. A': { ad: false, answer: [['mx.example.test.', 'A', '192.0.2.1']] } });
  const r = await run('example.test', res, fakeProber([leaf.der]));
  assert.equal(r.hosts[0].verdict, 'no-dane');
  assert.equal(r.verdict, 'not-applicable');
  assert.ok(!res.asked.some((k) => k.includes('TLSA')));
});

test('bogus TLSA (SERVFAIL, data with CD=1): host dnssec-invalid, not probed; TLSA timeout: dns-failure', async () => {
  const base = { ...mxTo('mx.example.test.'), 'mx.example.test. A': { ad: true, answer: [['mx.example.test.', 'A', '192.0.2.1']] } };
  const p = fakeProber([leaf.der]);
  const r = await run('example.test', fakeResolver({ ...base, '_25._tcp.mx.example.test. TLSA': { rcode: 2 }, '_25._tcp.mx.example.test. TLSA cd': { rcode: 0, answer: [['_25._tcp.mx.example.test.', 'TLSA', tlsa311(leaf)]] } }), p);
  assert.equal(r.verdict, 'invalid');
  assert.equal(r.ndr, '5.7.324');
  assert.equal(p.calls.length, 0);
  const r2 = await run('example.test', fakeResolver({ ...base, '_25._tcp.mx.example.test. TLSA': 'timeout' }), p);
  assert.equal(r2.verdict, 'dns-failure');
  assert.equal(r2.ndr, '4.4.312');
});

test('one MX host whose IPv6 address presents another certificate: the host takes mail, but the domain is partial, naming the address', async () => {
  const res = fakeResolver({
    'example.test. MX': { ad: true, answer: [['example.test.', 'MX', { preference: 10, exchange: 'mx.example.test.' }]] },
    'mx.example.test. A': { ad: true, answer: [['mx.example.test.', 'A', '192.0.2.1']] },
    'mx.example.test. AAAA': { ad: true, answer: [['mx.example.test.', 'AAAA', '2001:db8::1']] },
    '_25._tcp.mx.example.test. TLSA': { ad: true, answer: [['_25._tcp.mx.example.test.', 'TLSA', tlsa311(leaf)]] },
  });
  const byAddress = { calls: [], async probe(o) { return { ok: true, steps: [{ step: 'tls', ok: true, ms: 1, detail: 'ok' }], banner: [], ehlo: [], chain: [o.address.includes(':') ? otherLeaf.der : leaf.der], tlsVersion: 'TLSv1.3' }; } };
  const r = await run('example.test', res, byAddress);
  assert.deepEqual(r.hosts[0].addresses.map((a) => [a.address, a.verdict]), [['192.0.2.1', 'valid'], ['2001:db8::1', 'invalid']]);
  assert.equal(r.hosts[0].verdict, 'valid', 'a sender that tries the next address delivers');
  assert.equal(r.verdict, 'partial');
  assert.match(r.summary, /every MX host authenticates on some address, but not on every one: mx\.example\.test at 2001:db8::1 \(5\.7\.323\)/);
  // the same with both addresses presenting the published key: valid
  assert.equal((await run('example.test', res, fakeProber([leaf.der]))).verdict, 'valid');
});

test('a resolver that answers nothing, not even for the root: DANE cannot be judged, no NDR, no TLS-RPT failure for the domain', async () => {
  const dead = { describe: () => 'fake', async query() { return { ok: false, error: 'connection refused (ICMP port unreachable from 127.0.0.1:5399)', server: '127.0.0.1:5399', ms: 1 }; } };
  const r = await run('example.test', dead, fakeProber([leaf.der]));
  assert.equal(r.verdict, 'dns-failure');
  assert.equal(r.reason, 'resolver-unreachable');
  assert.equal(r.ndr, null);
  assert.equal(r.tlsrpt, null);
  assert.match(r.summary, /^DANE cannot be judged: the resolver does not answer, not even for the root zone.*This is not a fault of the domain and no NDR applies\./);
  const rpt = core.toTlsRpt(r);
  assert.deepEqual(rpt.policies.flatMap((p) => p['failure-details'] ?? []), []);
});

test('a DANE-TA record that matched a chain whose leaf expired: the fix is the certificate, or the leaf\'s 3 1 1, not the failing 2 1 1; an expired leaf under DANE-EE is valid, with a warning step', async () => {
  const ca = pki.issue('Test CA', { ca: true });
  const old = pki.issue('mx.example.test', { issuer: ca, sans: ['mx.example.test'], notBefore: new Date(Date.now() - 400 * 86400000), notAfter: new Date(Date.now() - 10 * 86400000) });
  const base = { ...mxTo('mx.example.test.'), ...aOf('mx.example.test.', '192.0.2.1') };
  const ta = { usage: 2, selector: 1, matchingType: 1, data: spki(ca) };
  const r = await run('example.test', fakeResolver({ ...base, '_25._tcp.mx.example.test. TLSA': { ad: true, answer: [['_25._tcp.mx.example.test.', 'TLSA', ta]] } }), fakeProber([old.der, ca.der]));
  const a = r.hosts[0].addresses[0];
  assert.equal(a.reason, 'certificate-expired');
  assert.deepEqual(a.wouldMatch, [`3 1 1 ${spki(old)}`]);
  assert.match(a.detail, new RegExp(`Renew the certificate, or publish 3 1 1 ${spki(old)} \\(DANE-EE: no date, name or chain checks, RFC 7672 §3\\.1\\.1; Exchange Online still documents 5\\.7\\.322 certificate-expired for an expired certificate, so renew it all the same\\)`), 'the way out via 3 1 1 says what the DANE-EE match\'s own warning says');
  assert.doesNotMatch(a.detail, new RegExp(`2 1 1 ${spki(ca)}`));
  const ee = await run('example.test', fakeResolver({ ...base, ...tlsaOf('mx.example.test.', old) }), fakeProber([old.der, ca.der]));
  assert.equal(ee.verdict, 'valid');
  assert.ok(ee.hosts[0].addresses[0].steps.some((st) => st.status === 'warn' && /DANE-EE senders ignore its dates \(RFC 7672 §3\.1\.1\), but Exchange Online documents 5\.7\.322/.test(st.detail)));
});

test('MX lookup timeout = dns-failure 4.4.312; two hosts, one failing = partial', async () => {
  const r = await run('example.test', fakeResolver({ 'example.test. MX': 'timeout' }), fakeProber([leaf.der]));
  assert.equal(r.verdict, 'dns-failure');
  assert.equal(r.ndr, '4.4.312');
  assert.deepEqual(r.answeredBy, [], 'a resolver that timed out did not answer');
  assert.equal(r.steps[0].server, undefined);
  const two = fakeResolver({
    'example.test. MX': { ad: true, answer: [['example.test.', 'MX', { preference: 20, exchange: 'mx2.example.test.' }], ['example.test.', 'MX', { preference: 10, exchange: 'mx1.example.test.' }]] },
    'mx1.example.test. A': { ad: true, answer: [['mx1.example.test.', 'A', '192.0.2.1']] },
    'mx2.example.test. A': { ad: true, answer: [['mx2.example.test.', 'A', '192.0.2.2']] },
    '_25._tcp.mx1.example.test. TLSA': { ad: true, answer: [['_25._tcp.mx1.example.test.', 'TLSA', tlsa311(otherLeaf)]] },
    '_25._tcp.mx2.example.test. TLSA': { ad: true, answer: [['_25._tcp.mx2.example.test.', 'TLSA', tlsa311(leaf)]] },
  });
  const r2 = await run('example.test', two, fakeProber([leaf.der]));
  assert.deepEqual(r2.hosts.map((h) => [h.name, h.verdict]), [['mx1.example.test', 'invalid'], ['mx2.example.test', 'valid']]);
  assert.equal(r2.verdict, 'partial');
  assert.equal(r2.ndr, null);
  const rpt = core.toTlsRpt(r2);
  assert.deepEqual(rpt.policies.map((p) => p.summary['total-failure-session-count']), [1, 0]);
  assert.equal(rpt.policies[0]['failure-details'][0]['result-type'], 'tlsa-invalid');
});

test('pre-deployment: MX and TLSA from the zone, addresses from DNS', async () => {
  const res = fakeResolver({ 'mx.example.test. A': { ad: true, answer: [['mx.example.test.', 'A', '192.0.2.1']] } });
  const zone = { origin: 'example.test.', mx: [{ preference: 5, exchange: 'mx.example.test.' }], tlsa: new Map([['_25._tcp.mx.example.test.', [tlsa311(otherLeaf)]]]) };
  const r = await run('example.test', res, fakeProber([leaf.der]), { zone });
  assert.equal(r.source, 'zone');
  assert.equal(r.verdict, 'invalid');
  assert.equal(r.hosts[0].addresses[0].wouldMatch[0], `3 1 1 ${spki(leaf)}`);
  assert.ok(!res.asked.some((k) => k.includes('MX') || k.includes('TLSA')));
  // sentences end with one full stop each, and the record to publish is whole (it was "presented The server … be0b56ce….")
  const want = `none of the 1 usable TLSA record(s) matches a certificate the server presented. The server presents a key matching 3 1 1 ${spki(leaf)}.`;
  assert.equal(r.hosts[0].addresses[0].detail, want);
  assert.equal(r.hosts[0].detail, want);
});

test('sentences(): one full stop per sentence, none added after ? ! or an ellipsis, none doubled', () => {
  assert.equal(core.sentences('a b', 'Then c.', '', undefined, 'd…', 'e..'), 'a b. Then c. D… E.');
  assert.equal(core.sentences('  x  '), 'x.');
  assert.equal(core.sentences(), '');
});

test('STARTTLS missing = 5.7.321; a stalled server = smtp-failure 4.4.316', async () => {
  const res = fakeResolver({ ...mxTo('mx.example.test.'), 'mx.example.test. A': { ad: true, answer: [['mx.example.test.', 'A', '192.0.2.1']] }, '_25._tcp.mx.example.test. TLSA': { ad: true, answer: [['_25._tcp.mx.example.test.', 'TLSA', tlsa311(leaf)]] } });
  const a = await run('example.test', res, fakeProber([], 'no-starttls'));
  assert.deepEqual([a.verdict, a.ndr, a.tlsrpt], ['invalid', '5.7.321', 'starttls-not-supported']);
  const b = await run('example.test', res, fakeProber([], 'timeout'));
  assert.deepEqual([b.verdict, b.ndr, b.hosts[0].verdict], ['invalid', '4.4.316', 'smtp-failure']);
});

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.js');
test('CLI usage errors exit 3 with a clear message and touch no network', () => {
  for (const [args, msg] of [
    [[], /no domain given/],
    [['a.example', 'b.example'], /more than one domain/],
    [['a.example', '--port', 'x'], /not a port number/],
    [['a.example', '--port', '70000'], /not a port number/],
    [['a.example', '--timeout', '5'], /milliseconds/],
    [['a.example', '--resolver', 'dns.example'], /not an IP address/],
    [['a.example', '--resolver'], /needs a value/],
    [['a.example', '--bogus'], /unknown option/],
    [['192.0.2.1'], /IP address/],
    [['a..example'], /empty label/],
    [['a.example..'], /empty label/],
    [['.a.example'], /empty label/],
    [['bü..example'], /empty label/],
  ]) {
    const r = spawnSync(process.execPath, [cli, 'validate', ...args], { encoding: 'utf8', timeout: 10000 });
    assert.equal(r.status, 3, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, msg);
  }
});

test('an internationalised domain is looked up by its A-label, as senders do', async () => {
  const res = fakeResolver({ 'xn--bcher-kva.example. MX': { ad: true, answer: [['xn--bcher-kva.example.', 'MX', { preference: 0, exchange: '.' }]] } });
  const r = await run('bücher.example', res, fakeProber([leaf.der]));
  assert.equal(r.domain, 'xn--bcher-kva.example');
  assert.deepEqual(res.asked.slice(0, 1), ['xn--bcher-kva.example. MX']);
  assert.equal(r.mx.status, 'null-mx');
});

test('CLI: a resolver that never answered is not in answeredBy', () => {
  // port 9 (discard) on loopback: nothing answers DNS there
  const r = spawnSync(process.execPath, [cli, 'validate', 'example.com', '--resolver', '127.0.0.1:9', '--timeout', '100', '--json'], { encoding: 'utf8', timeout: 20000 });
  assert.equal(r.status, 5, 'not judged: the resolver answered nothing, not even for the root (not the domain\'s failure)');
  const report = JSON.parse(r.stdout);
  assert.equal(report.verdict, 'dns-failure');
  assert.equal(report.resolver, '127.0.0.1:9');
  assert.deepEqual(report.answeredBy, []);
});

test('CLI --tlsrpt: an unwritable path is a usage error before any lookup; a write that fails at the end keeps the report and the verdict', () => {
  const t0 = Date.now();
  const early = spawnSync(process.execPath, [cli, 'validate', 'example.com', '--resolver', '127.0.0.1:9', '--timeout', '100', '--tlsrpt', '/nonexistent/dir/r.json'], { encoding: 'utf8', timeout: 20000 });
  assert.equal(early.status, 3, early.stderr);
  assert.match(early.stderr, /--tlsrpt: cannot write \/nonexistent\/dir\/r\.json: /);
  assert.equal(early.stdout, '');
  assert.ok(Date.now() - t0 < 5000, 'no lookup was made');
  // /dev/full takes opening for writing, and fails the write itself (ENOSPC)
  const late = spawnSync(process.execPath, [cli, 'validate', 'example.com', '--resolver', '127.0.0.1:9', '--timeout', '100', '--json', '--tlsrpt', '/dev/full'], { encoding: 'utf8', timeout: 20000 });
  assert.equal(late.status, 5, late.stderr);
  assert.equal(JSON.parse(late.stdout).verdict, 'dns-failure');
  assert.match(late.stderr, /the TLS-RPT report could not be written to \/dev\/full: /);
});

test('CLI validate --zone of a zone that does not hold the domain: a note says its MX records are the published ones, not the file\'s', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dz-validate-origin-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'db.zone');
  writeFileSync(file, '$ORIGIN example.org.\n$TTL 300\n@ SOA ns hostmaster 1 7200 3600 1209600 300\n@ NS ns\nns A 192.0.2.1\n@ MX 10 mx\nmx A 192.0.2.2\n');
  const args = ['--resolver', '127.0.0.1:9', '--timeout', '100', '--json'];
  const other = spawnSync(process.execPath, [cli, 'validate', 'example.com', '--zone', file, ...args], { encoding: 'utf8', timeout: 20000 });
  assert.equal(other.status, 5, other.stderr);
  assert.match(other.stderr, /note: example\.com is not in the zone of .*db\.zone \(example\.org\.\): its MX records are looked up in DNS; only the file's TLSA records under example\.org\. are validated/);
  // the zone's own domain, or a name under it: no such note
  for (const domain of ['example.org', 'sub.example.org']) {
    const own = spawnSync(process.execPath, [cli, 'validate', domain, '--zone', file, ...args], { encoding: 'utf8', timeout: 20000 });
    assert.doesNotMatch(own.stderr, /is not in the zone/, domain);
  }
});

test('CLI validate --zone with an internationalised domain typed in its U-label: the file\'s MX records are those validated, as for its A-label', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dz-validate-idn-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'db.zone');
  writeFileSync(file, '$ORIGIN xn--bcher-kva.example.\n$TTL 300\n@ SOA ns hostmaster 1 7200 3600 1209600 300\n@ NS ns\nns A 192.0.2.1\n@ MX 10 mx\nmx A 192.0.2.2\n');
  for (const domain of ['bücher.example', 'xn--bcher-kva.example', 'BÜCHER.example.']) {
    const r = spawnSync(process.execPath, [cli, 'validate', domain, '--zone', file, '--resolver', '127.0.0.1:9', '--timeout', '100', '--json'], { encoding: 'utf8', timeout: 20000 });
    assert.doesNotMatch(r.stderr, /is not in the zone/, domain);
    const report = JSON.parse(r.stdout);
    assert.equal(report.domain, 'xn--bcher-kva.example', domain);
    assert.match(report.steps[0].detail, /^MX xn--bcher-kva\.example\.: 1 record\(s\) from the zone file/, domain);
  }
});

const twoMx = (first, second) => ({ 'example.test. MX': { ad: true, answer: [['example.test.', 'MX', { preference: 10, exchange: first }], ['example.test.', 'MX', { preference: 20, exchange: second }]] } });
const aOf = (host, ip) => ({ [`${host} A`]: { ad: true, answer: [[host, 'A', ip]] } });
const tlsaOf = (host, cert) => ({ [`_25._tcp.${host} TLSA`]: { ad: true, answer: [[`_25._tcp.${host}`, 'TLSA', tlsa311(cert)]] } });

test('bogus address records of the only MX host: invalid 5.7.324 (RFC 7672 §2.1.1), not "not applicable"; TLS-RPT reports dnssec-invalid under a tlsa policy', async () => {
  const res = fakeResolver({
    ...mxTo('bogusa.example.test.'),
    'bogusa.example.test. A': { rcode: 2 },
    'bogusa.example.test. A cd': { rcode: 0, answer: [['bogusa.example.test.', 'A', '192.0.2.1']] },
  });
  const p = fakeProber([leaf.der]);
  const r = await run('example.test', res, p);
  assert.equal(r.hosts[0].verdict, 'dnssec-invalid');
  assert.deepEqual([r.verdict, r.ndr, r.tlsrpt], ['invalid', '5.7.324', 'dnssec-invalid']);
  assert.equal(p.calls.length, 0);
  const rpt = core.toTlsRpt(r);
  assert.equal(rpt.policies[0].policy['policy-type'], 'tlsa');
  assert.equal(rpt.policies[0]['failure-details'][0]['result-type'], 'dnssec-invalid');
});

test('a host without TLSA (working SMTP) next to a failing DANE host: mail flows through it (RFC 7672 §2.2), so partial, and the summary says so', async () => {
  const res = fakeResolver({
    ...twoMx('nodane.example.test.', 'mx.example.test.'),
    ...aOf('nodane.example.test.', '192.0.2.1'), ...aOf('mx.example.test.', '192.0.2.2'),
    '_25._tcp.nodane.example.test. TLSA': { rcode: 3, ad: true },
    ...tlsaOf('mx.example.test.', otherLeaf),
  });
  const r = await run('example.test', res, fakeProber([leaf.der]));
  assert.deepEqual(r.hosts.map((h) => h.verdict), ['no-dane', 'invalid']);
  assert.equal(r.verdict, 'partial');
  assert.equal(r.ndr, null);
  assert.doesNotMatch(r.summary, /hosts that do|hold the mail/);
  assert.match(r.summary, /nodane\.example\.test/);
  assert.match(r.summary, /without authentication|not authenticated/);
});

test('a host that authenticates next to one without TLSA: mail also flows, unauthenticated, through the second (RFC 7672 §2.2), and the summary names it', async () => {
  const res = fakeResolver({
    ...twoMx('mx.example.test.', 'nodane.example.test.'),
    ...aOf('mx.example.test.', '192.0.2.2'), ...aOf('nodane.example.test.', '192.0.2.1'),
    ...tlsaOf('mx.example.test.', leaf),
    '_25._tcp.nodane.example.test. TLSA': { rcode: 3, ad: true },
  });
  const r = await run('example.test', res, fakeProber([leaf.der]));
  assert.deepEqual(r.hosts.map((h) => h.verdict), ['valid', 'no-dane']);
  assert.equal(r.verdict, 'partial');
  assert.doesNotMatch(r.summary, /through the hosts that do/, 'a sender delivers to the host without TLSA too');
  assert.match(r.summary, /authenticated through mx\.example\.test, and without authentication through nodane\.example\.test \(no usable TLSA records: opportunistic TLS/);
});

test('the domain code is the first failing host\'s in preference order, a DNS failure included (the sender defers: 4.4.312)', async () => {
  const res = fakeResolver({
    ...twoMx('mx1.example.test.', 'mx2.example.test.'),
    ...aOf('mx1.example.test.', '192.0.2.1'), ...aOf('mx2.example.test.', '192.0.2.2'),
    '_25._tcp.mx1.example.test. TLSA': 'timeout',
    ...tlsaOf('mx2.example.test.', otherLeaf),
  });
  const r = await run('example.test', res, fakeProber([leaf.der]));
  assert.deepEqual(r.hosts.map((h) => [h.verdict, h.ndr]), [['dns-failure', '4.4.312'], ['invalid', '5.7.323']]);
  assert.equal(r.verdict, 'invalid');
  assert.deepEqual([r.ndr, r.tlsrpt], ['4.4.312', 'validation-failure']);
});

test('TLS-RPT failure details carry the explanation in failure-reason-code; additional-information is a URI (RFC 8460 §4.3), so it is left out', async () => {
  const res = fakeResolver({ ...mxTo('mx.example.test.'), ...aOf('mx.example.test.', '192.0.2.1'), ...tlsaOf('mx.example.test.', otherLeaf) });
  const host = await run('example.test', res, fakeProber([leaf.der]));
  const dnsFail = await run('example.test', fakeResolver({ 'example.test. MX': 'timeout' }), fakeProber([leaf.der]));
  const tlsaFail = await run('example.test', fakeResolver({ ...mxTo('mx.example.test.'), ...aOf('mx.example.test.', '192.0.2.1'), '_25._tcp.mx.example.test. TLSA': 'timeout' }), fakeProber([leaf.der]));
  // one detail per failing host (no MX host when the MX lookup failed, and its step's text, not
  // the domain's summary), explained by its report text
  const expected = [
    [host, 'tlsa-invalid', 'mx.example.test', host.hosts[0].detail, /^none of the 1 usable TLSA record\(s\) matches .* The server presents a key matching 3 1 1 [0-9a-f]{64}\.$/],
    [dnsFail, 'validation-failure', undefined, dnsFail.steps[0].detail, /^MX example\.test\.: no answer from fake: timeout after 1 ms$/],
    [tlsaFail, 'validation-failure', 'mx.example.test', tlsaFail.hosts[0]?.detail, /^the TLSA lookup at _25\._tcp\.mx\.example\.test\. failed: no answer from fake/],
  ];
  // no TLSA RRset was applied where the MX lookup failed: no "tlsa" policy with an empty policy-string
  assert.deepEqual(core.toTlsRpt(dnsFail).policies.map((p) => p.policy['policy-type']), ['no-policy-found']);
  for (const [r, type, mx, text, shape] of expected) {
    const details = core.toTlsRpt(r).policies.flatMap((p) => p['failure-details']);
    assert.deepEqual(details.map((d) => [d['result-type'], d['receiving-mx-hostname'], d['failure-reason-code']]), [[type, mx, text]]);
    assert.match(text, shape);
    for (const d of details) assert.equal(d['additional-information'], undefined);
  }
});

test('TLS-RPT counts a session only where TLS was negotiated or failed: a refused connection to a host without TLSA is none', async () => {
  const res = fakeResolver({ ...mxTo('mx.example.test.'), ...aOf('mx.example.test.', '192.0.2.1'), '_25._tcp.mx.example.test. TLSA': { rcode: 3, ad: true } });
  const refused = await run('example.test', res, fakeProber([], 'connect'));
  assert.deepEqual(core.toTlsRpt(refused).policies.map((p) => [p.policy['policy-type'], p.summary]), [['no-policy-found', { 'total-successful-session-count': 0, 'total-failure-session-count': 0 }]]);
  const works = await run('example.test', res, fakeProber([leaf.der]));
  assert.deepEqual(core.toTlsRpt(works).policies.map((p) => p.summary['total-successful-session-count']), [1]);
});

test('CLI: a DNS query that is never answered waits at most min(--timeout, 5000) ms in all (two rounds over the resolvers)', async () => {
  const { createSocket } = await import('node:dgram');
  const silent = createSocket('udp4');
  await new Promise((r) => silent.bind(0, '127.0.0.1', r));
  try {
    const port = silent.address().port;
    const r = spawnSync(process.execPath, [cli, 'validate', 'example.com', '--resolver', `127.0.0.1:${port}`, '--resolver', `127.0.0.1:${port}`, '--timeout', '1000', '--json'], { encoding: 'utf8', timeout: 20000 });
    const report = JSON.parse(r.stdout);
    assert.equal(report.verdict, 'dns-failure');
    // two rounds over two resolvers share the 1000 ms: 250 ms a try (the old rule, a whole
    // --timeout per try, took 2000 ms and more)
    assert.match(report.steps[0].detail, /timeout after 250 ms/);
    assert.ok(report.steps[0].ms >= 900, `the MX query gave up after ${report.steps[0].ms} ms, before its budget`);
  } finally { silent.close(); }
});

test('bounded runs: repeated addresses are probed once, at most MAX_ADDRESSES_PER_HOST per host and MAX_HOSTS hosts, the rest named in warnings', async () => {
  const addrs = [1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) => ['mx0.example.test.', 'A', `192.0.2.${i}`]);
  const mxs = Array.from({ length: 12 }, (_, i) => ['example.test.', 'MX', { preference: 10 + i, exchange: `mx${i}.example.test.` }]);
  mxs.push(['example.test.', 'MX', { preference: 50, exchange: 'MX0.example.test.' }]); // mx0 again, worse preference
  const table = { 'example.test. MX': { ad: true, answer: mxs }, 'mx0.example.test. A': { ad: true, answer: addrs } };
  for (let i = 1; i < 12; i++) table[`mx${i}.example.test. A`] = { ad: true, answer: [[`mx${i}.example.test.`, 'A', `198.51.100.${i}`]] };
  const p = fakeProber([leaf.der]);
  const r = await run('example.test', fakeResolver(table), p);
  assert.equal(r.hosts.length, core.MAX_HOSTS);
  assert.deepEqual(r.hosts.map((h) => h.name), Array.from({ length: core.MAX_HOSTS }, (_, i) => `mx${i}.example.test`));
  assert.match(r.steps.find((s) => s.status === 'warn').detail, /^2 more MX hosts not validated \(at most 10\): 20 mx10\.example\.test, 21 mx11\.example\.test$/);
  const mx0 = r.hosts[0];
  assert.deepEqual(mx0.addresses.map((a) => a.address), ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4', '192.0.2.5', '192.0.2.6', '192.0.2.7', '192.0.2.8']);
  assert.match(mx0.steps.find((s) => s.status === 'warn').detail, /^3 more addresses of mx0\.example\.test not probed \(at most 8\): 192\.0\.2\.9, 192\.0\.2\.10, 192\.0\.2\.11$/);
  assert.equal(p.calls.length, core.MAX_ADDRESSES_PER_HOST + core.MAX_HOSTS - 1);
});
