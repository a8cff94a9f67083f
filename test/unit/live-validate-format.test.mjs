// The text report of `dane-zone validate` (server/src/cli/validate-format.ts, pure; built with
// esbuild here) over reports the engine makes with in-process fake resolver and prober: peer
// text cannot reach the terminal raw, and failing DNS steps, CNAME loops and warnings show.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { build } from 'esbuild';
import * as core from '../../dist/core.js';
import { makePki } from './live-certs.mjs';

const out = await build({ entryPoints: ['server/src/cli/validate-format.ts'], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
const { formatReport } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);

const T = core.TYPE;
let pki, leaf, evilLeaf;
before(() => {
  pki = makePki();
  leaf = pki.issue('mx.example.test', { sans: ['mx.example.test'] });
  // openssl keeps the escape bytes of a subject given in UTF-8 mode as they are
  evilLeaf = pki.issue('mx.example.test\x1b]0;x\x07', { sans: ['mx.example.test'] });
});
after(() => pki.cleanup());

function fakeResolver(table) {
  return {
    describe: () => 'fake',
    async query(q) {
      const key = `${q.name.toLowerCase()} ${core.dnsTypeName(q.type)}${q.cd ? ' cd' : ''}`;
      const e = table[key] ?? (q.cd ? undefined : { rcode: 0, ad: true, answer: [] });
      if (!e || e === 'timeout') return { ok: false, error: 'timeout after 1 ms', server: 'fake', ms: 1 };
      const answer = (e.answer ?? []).map(([name, type, data]) => ({ name, type: T[type], typeName: type, class: 1, ttl: 60, data }));
      return { ok: true, server: '127.0.0.1:5353', transport: 'udp', ms: 1, msg: { id: 1, qr: true, opcode: 0, aa: false, tc: false, rd: true, ra: true, ad: !!e.ad, cd: !!q.cd, rcode: e.rcode ?? 0, question: [], answer, authority: [], additional: [], edns: { udpSize: 1232, version: 0, dnssecOk: true, ede: e.ede ?? [] } } };
    },
  };
}
const prober = (chain, banner = '220 mx ESMTP') => ({
  async probe() {
    return { ok: true, steps: [{ step: 'banner', ok: true, ms: 1, detail: banner }, { step: 'tls', ok: true, ms: 1, detail: 'ok' }], banner: [banner], ehlo: [], chain, tlsVersion: 'TLSv1.3' };
  },
});
const spki = (c) => core.associationData(new X509Certificate(c.der), 1, 1);
const mx = (...hosts) => ({ 'example.test. MX': { ad: true, answer: hosts.map((h, i) => ['example.test.', 'MX', { preference: 10 * (i + 1), exchange: h }]) } });
const a = (h) => ({ [`${h} A`]: { ad: true, answer: [[h, 'A', '192.0.2.1']] } });
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

test('peer-controlled text (SMTP banner, EDE text, certificate subject) reaches the terminal with its control characters escaped', async () => {
  const bad = '220 \x1b[2J\x1b[31mOWNED\x1b]0;title\x07 \x9b2J ok';
  const r1 = await core.validateDomain('example.test', {
    resolver: fakeResolver({ ...mx('mx.example.test.'), ...a('mx.example.test.'), '_25._tcp.mx.example.test. TLSA': { ad: true, answer: [['_25._tcp.mx.example.test.', 'TLSA', { usage: 2, selector: 1, matchingType: 1, data: spki(leaf) }]] } }),
    prober: prober([evilLeaf.der], bad),
  });
  const r2 = await core.validateDomain('example.test', { resolver: fakeResolver({ 'example.test. MX': { rcode: 2, ede: [{ code: 6, text: '\x1b[2J\x1b[31mEVIL' }] } }), prober: prober([]) });
  for (const [r, shown] of [[r1, /\\027\[2J\\027\[31mOWNED\\027\]0;title\\007 \\1552J ok/], [r2, /\\027\[2J\\027\[31mEVIL/]]) {
    for (const colour of [false, true]) {
      const text = formatReport(r, colour).replace(/\x1b\[\d+m/g, ''); // our own colours only
      assert.doesNotMatch(text, CONTROL, text);
      assert.match(text, shown);
    }
  }
  // (Node's X509Certificate already shows the subject's ESC as \1B; the CONTROL check covers it)
  assert.match(formatReport(r1, false), /\[0\] CN=mx\.example\.test/);
});

test('a failing TLSA lookup shows its rcode, the CD=1 retry and the server', async () => {
  const r = await core.validateDomain('example.test', {
    resolver: fakeResolver({ ...mx('h41.example.test.'), ...a('h41.example.test.'), '_25._tcp.h41.example.test. TLSA': { rcode: 2, ede: [{ code: 22, text: 'no reachable authority' }] }, '_25._tcp.h41.example.test. TLSA cd': { rcode: 2 } }),
    prober: prober([leaf.der]),
  });
  const text = formatReport(r, false);
  assert.match(text, /SERVFAIL, also with CD=1/);
  assert.match(text, /EDE 22 \(No Reachable Authority\): no reachable authority/);
  assert.match(text, /127\.0\.0\.1:5353/);
});

test('a CNAME loop is named as such, not "no A or AAAA records"', async () => {
  const loop = { ad: true, answer: [['loop.example.test.', 'CNAME', 'loop2.example.test.'], ['loop2.example.test.', 'CNAME', 'loop.example.test.']] };
  const r = await core.validateDomain('example.test', { resolver: fakeResolver({ ...mx('loop.example.test.'), 'loop.example.test. A': loop, 'loop.example.test. AAAA': loop }), prober: prober([leaf.der]) });
  assert.match(r.hosts[0].detail, /CNAME loop/);
  assert.doesNotMatch(r.hosts[0].detail, /no A or AAAA/);
  assert.match(formatReport(r, false), /loop\.example\.test → loop2\.example\.test → loop\.example\.test/);
});

test('domain-level warnings are printed (a null MX next to a real one is ignored)', async () => {
  const res = fakeResolver({ 'example.test. MX': { ad: true, answer: [['example.test.', 'MX', { preference: 0, exchange: '.' }], ['example.test.', 'MX', { preference: 10, exchange: 'mx.example.test.' }]] }, ...a('mx.example.test.') });
  const r = await core.validateDomain('example.test', { resolver: res, prober: prober([leaf.der]) });
  assert.match(formatReport(r, false), /! a null MX \("0 \."\) stands next to other MX records; it is ignored \(RFC 7505 §3\)/);
});
