// The DNS wire codec and the stub resolver, against in-process fake servers on
// loopback: EDNS0/DO/AD/CD bits, compression, EDE, malformed packets, TCP
// fallback on TC, timeouts with retry on the next server, spoofed replies,
// and the bogus-vs-unreachable classification with the CD re-query.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import * as core from '../../dist/core.js';

// ---- a tiny response builder (independent of the codec under test) ----
function name(n) {
  const parts = n.replace(/\.$/, '').split('.').filter(Boolean);
  return Buffer.concat([...parts.map((p) => Buffer.concat([Buffer.from([p.length]), Buffer.from(p)])), Buffer.from([0])]);
}
const u16 = (v) => { const b = Buffer.alloc(2); b.writeUInt16BE(v); return b; };
const u32 = (v) => { const b = Buffer.alloc(4); b.writeUInt32BE(v); return b; };
function rr(owner, type, rdata, ttl = 60) { return Buffer.concat([owner, u16(type), u16(1), u32(ttl), u16(rdata.length), rdata]); }
function response(query, { rcode = 0, ad = false, tc = false, answers = [], ede = [] } = {}) {
  const id = query.readUInt16BE(0);
  // the question as sent: from offset 12 to the end of QTYPE/QCLASS
  let p = 12; while (query[p] !== 0) p += query[p] + 1; p += 5;
  const q = query.subarray(12, p);
  const flags = 0x8000 | 0x0100 | 0x0080 | (ad ? 0x20 : 0) | (tc ? 0x200 : 0) | (query.readUInt16BE(2) & 0x10) | rcode;
  const opts = Buffer.concat(ede.map(([code, text]) => Buffer.concat([u16(15), u16(2 + Buffer.byteLength(text)), u16(code), Buffer.from(text)])));
  const opt = Buffer.concat([Buffer.from([0]), u16(41), u16(1232), u32(0x8000), u16(opts.length), opts]);
  return Buffer.concat([u16(id), u16(flags), u16(1), u16(answers.length), u16(0), u16(1), q, ...answers, opt]);
}

/** a fake resolver on 127.0.0.1 (UDP and TCP on the same port); `answer(query, transport)` returns a Buffer or null (drop) */
async function fakeServer(answer) {
  const udp = createSocket('udp4');
  await new Promise((r) => udp.bind(0, '127.0.0.1', r));
  const port = udp.address().port;
  const seen = [];
  udp.on('message', (msg, rinfo) => {
    seen.push({ transport: 'udp', msg });
    const out = answer(msg, 'udp');
    if (out) udp.send(out, rinfo.port, rinfo.address);
  });
  const tcp = createServer((s) => {
    let buf = Buffer.alloc(0);
    s.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 2 && buf.length >= buf.readUInt16BE(0) + 2) {
        const msg = buf.subarray(2, buf.readUInt16BE(0) + 2);
        seen.push({ transport: 'tcp', msg });
        const out = answer(msg, 'tcp');
        if (out) s.end(Buffer.concat([u16(out.length), out]));
      }
    });
    s.on('error', () => {});
  });
  await new Promise((r, j) => { tcp.once('error', j); tcp.listen(port, '127.0.0.1', r); });
  const close = () => { udp.close(); tcp.close(); };
  cleanups.push(close);
  return { port, seen, close, addr: `127.0.0.1:${port}` };
}
const cleanups = [];
after(() => cleanups.forEach((c) => c()));

test('encodeQuery: RD, AD, DO set; CD only when asked; names checked', () => {
  const q = core.encodeQuery({ id: 0x1234, name: 'Mx.Example.COM.', type: core.TYPE.TLSA });
  const m = core.decodeMessage(q);
  assert.equal(m.id, 0x1234);
  assert.equal(m.rd, true);
  assert.equal(m.ad, true);
  assert.equal(m.cd, false);
  assert.equal(m.edns.dnssecOk, true);
  assert.equal(m.edns.udpSize, 1232);
  assert.deepEqual(m.question, [{ name: 'Mx.Example.COM.', type: 52, class: 1 }]);
  assert.equal(core.decodeMessage(core.encodeQuery({ id: 1, name: 'a.', type: 1, checkingDisabled: true })).cd, true);
  assert.throws(() => core.encodeQuery({ id: 1, name: 'a..b', type: 1 }), /empty label/);
  assert.throws(() => core.encodeQuery({ id: 1, name: 'x'.repeat(64) + '.com', type: 1 }), /63/);
  assert.throws(() => core.encodeQuery({ id: 1, name: ('abcdefghi.').repeat(26), type: 1 }), /255/);
  // escapes round-trip
  const e = core.decodeMessage(core.encodeQuery({ id: 1, name: 'a\\.b.c\\032d.', type: 1 }));
  assert.equal(e.question[0].name, 'a\\.b.c\\032d.');
});

test('decodeMessage: compression pointers, MX/TLSA/AAAA RDATA, EDE, extended rcode bits', () => {
  const q = core.encodeQuery({ id: 7, name: 'example.com', type: core.TYPE.MX });
  const ptr = Buffer.from([0xc0, 12]); // -> "example.com" in the question
  const mx = rr(ptr, 15, Buffer.concat([u16(10), Buffer.from([2]), Buffer.from('mx'), ptr]));
  const tlsa = rr(ptr, 52, Buffer.from([3, 1, 1, 0xab, 0xcd]));
  const aaaa = rr(ptr, 28, Buffer.from('20010db8000000000000000000000001', 'hex'));
  const m = core.decodeMessage(response(q, { ad: true, answers: [mx, tlsa, aaaa], ede: [[6, 'bogus sig']] }));
  assert.equal(m.ad, true);
  assert.deepEqual(m.answer[0].data, { preference: 10, exchange: 'mx.example.com.' });
  assert.deepEqual(m.answer[1].data, { usage: 3, selector: 1, matchingType: 1, data: 'abcd' });
  assert.equal(m.answer[2].data, '2001:db8::1');
  assert.deepEqual(m.edns.ede, [{ code: 6, text: 'bogus sig' }]);
});

test('decodeMessage: malformed input is a DnsWireError, never a crash or a loop', () => {
  const q = core.encodeQuery({ id: 7, name: 'example.com', type: 1 });
  const good = response(q, { answers: [rr(Buffer.from([0xc0, 12]), 1, Buffer.from([1, 2, 3, 4]))] });
  for (let cut = 0; cut < good.length - 1; cut += 3) assert.throws(() => core.decodeMessage(good.subarray(0, cut)), core.DnsWireError);
  const self = q.length - 11; // offset of the first answer (the query ends with an 11-octet OPT)
  const loop = response(q, { answers: [rr(Buffer.from([0xc0 | (self >> 8), self & 0xff]), 1, Buffer.from([1, 2, 3, 4]))] });
  assert.throws(() => core.decodeMessage(loop), /forward compression pointer/);
  const badA = response(q, { answers: [rr(Buffer.from([0xc0, 12]), 1, Buffer.from([1, 2, 3]))] });
  assert.throws(() => core.decodeMessage(badA), /A RDATA/);
});

test('parseServer / systemResolvers', () => {
  assert.deepEqual(core.parseServer('127.0.0.1'), { address: '127.0.0.1', port: 53 });
  assert.deepEqual(core.parseServer('127.0.0.1:5353'), { address: '127.0.0.1', port: 5353 });
  assert.deepEqual(core.parseServer('[::1]:53'), { address: '::1', port: 53 });
  assert.deepEqual(core.parseServer('::1'), { address: '::1', port: 53 });
  // a bare IPv6 address is an address, even when its last group looks like a port: the port needs brackets
  assert.deepEqual(core.parseServer('::1:53'), { address: '::1:53', port: 53 });
  assert.deepEqual(core.parseServer('[::1]'), { address: '::1', port: 53 });
  assert.throws(() => core.parseServer('resolver.example'), /not an IP address/);
  assert.throws(() => core.parseServer('127.0.0.1:99999'), /bad port/);
  assert.ok(Array.isArray(core.systemResolvers()));
  assert.deepEqual(core.systemResolvers('/nonexistent'), []);
});

test('stub resolver: UDP answer with AD; TC=1 falls back to TCP', async () => {
  const srv = await fakeServer((q, transport) => response(q, { ad: true, tc: transport === 'udp', answers: transport === 'tcp' ? [rr(name('a.example'), 1, Buffer.from([192, 0, 2, 1]))] : [] }));
  const r = await new core.StubResolver({ servers: [core.parseServer(srv.addr)], timeoutMs: 2000 }).query({ name: 'a.example', type: 1 });
  assert.equal(r.ok, true);
  assert.equal(r.transport, 'tcp');
  assert.equal(r.msg.answer[0].data, '192.0.2.1');
  assert.deepEqual(srv.seen.map((s) => s.transport), ['udp', 'tcp']);
});

test('stub resolver: a silent server times out and the next server answers; mismatched ids are ignored', async () => {
  const silent = await fakeServer(() => null);
  const spoofy = await fakeServer((q) => { const r = response(q, { ad: true }); r.writeUInt16BE((q.readUInt16BE(0) + 1) & 0xffff, 0); return r; });
  const good = await fakeServer((q) => response(q, { ad: true }));
  const res = new core.StubResolver({ servers: [silent, spoofy, good].map((s) => core.parseServer(s.addr)), timeoutMs: 300, attempts: 1 });
  const t0 = Date.now();
  const r = await res.query({ name: 'x.example', type: 1 });
  assert.equal(r.ok, true);
  assert.equal(r.server, good.addr);
  assert.ok(Date.now() - t0 >= 550, 'waited for both timeouts');
  const none = new core.StubResolver({ servers: [core.parseServer(silent.addr)], timeoutMs: 200, attempts: 2 });
  const f = await none.query({ name: 'x.example', type: 1 });
  assert.equal(f.ok, false);
  assert.match(f.error, /timeout after 200 ms/);
  assert.equal(silent.seen.length, 3); // one from the first resolver, two attempts here
});

test('stub resolver: cancellation ends a pending query at once', async () => {
  const silent = await fakeServer(() => null);
  const ac = new AbortController();
  const p = new core.StubResolver({ servers: [core.parseServer(silent.addr)], timeoutMs: 30000 }).query({ name: 'x.example', type: 1 }, ac.signal);
  ac.abort();
  const r = await p;
  assert.equal(r.ok, false);
  assert.equal(r.error, 'cancelled');
});

test('lookup: SERVFAIL + CD=1 data = bogus; SERVFAIL twice = failed; DNSSEC EDE = bogus without re-query', async () => {
  const bogus = await fakeServer((q) => (q.readUInt16BE(2) & 0x10 ? response(q, { answers: [rr(name('b.example'), 1, Buffer.from([1, 2, 3, 4]))] }) : response(q, { rcode: 2 })));
  const l1 = await core.lookup(new core.StubResolver({ servers: [core.parseServer(bogus.addr)], timeoutMs: 1000 }), 'b.example', 1);
  assert.equal(l1.status, 'bogus');
  assert.match(l1.detail, /CD=1/);
  const lame = await fakeServer((q) => response(q, { rcode: 2, ede: [[22, 'no reachable authority']] }));
  const l2 = await core.lookup(new core.StubResolver({ servers: [core.parseServer(lame.addr)], timeoutMs: 1000 }), 'l.example', 1);
  assert.equal(l2.status, 'failed');
  assert.equal(lame.seen.length, 2);
  const ede = await fakeServer((q) => response(q, { rcode: 2, ede: [[7, 'signature expired']] }));
  const l3 = await core.lookup(new core.StubResolver({ servers: [core.parseServer(ede.addr)], timeoutMs: 1000 }), 'e.example', 1);
  assert.equal(l3.status, 'bogus');
  assert.equal(ede.seen.length, 1);
  assert.match(l3.detail, /EDE 7 \(Signature Expired\)/);
});

test('lookup: AD decides secure/insecure; CNAME chains are followed', async () => {
  const srv = await fakeServer((q) => response(q, {
    ad: true,
    answers: [rr(name('mx.a.example'), 5, name('smtp.b.example')), rr(name('smtp.b.example'), 1, Buffer.from([192, 0, 2, 7]))],
  }));
  const l = await core.lookup(new core.StubResolver({ servers: [core.parseServer(srv.addr)] }), 'mx.a.example', 1);
  assert.equal(l.status, 'secure');
  assert.equal(l.target, 'smtp.b.example.');
  assert.deepEqual(l.cnames, [['mx.a.example.', 'smtp.b.example.']]);
  assert.equal(l.records[0].data, '192.0.2.7');
});

test('lookup: RRSIG records without the AD bit mean the resolver does not validate (unvalidated, not insecure)', async () => {
  const rrsigA = Buffer.alloc(18); rrsigA.writeUInt16BE(1, 0); // type covered A; the rest is not read
  const srv = await fakeServer((q) => response(q, { ad: false, answers: [rr(name('mx.a.example'), 1, Buffer.from([192, 0, 2, 7])), rr(name('mx.a.example'), 46, rrsigA)] }));
  const l = await core.lookup(new core.StubResolver({ servers: [core.parseServer(srv.addr)] }), 'mx.a.example', 1);
  assert.equal(l.status, 'unvalidated');
  assert.match(l.detail, /signed \(RRSIG\) but no AD: .+ does not validate DNSSEC/);
  const plain = await fakeServer((q) => response(q, { ad: false, answers: [rr(name('mx.a.example'), 1, Buffer.from([192, 0, 2, 7]))] }));
  assert.equal((await core.lookup(new core.StubResolver({ servers: [core.parseServer(plain.addr)] }), 'mx.a.example', 1)).status, 'insecure');
});

test('stub resolver: a reply without the question (QDCOUNT=0) is not taken; ignored replies are counted with their reason in the timeout error', async () => {
  const noQuestion = (q) => {
    const full = response(q, { ad: true, answers: [rr(name('x.example'), 1, Buffer.from([192, 0, 2, 66]))] });
    let p = 12; while (full[p] !== 0) p += full[p] + 1; p += 5;
    const out = Buffer.concat([full.subarray(0, 12), full.subarray(p)]);
    out.writeUInt16BE(0, 4);
    return out;
  };
  const qd0 = await fakeServer(noQuestion);
  const r = await new core.StubResolver({ servers: [core.parseServer(qd0.addr)], timeoutMs: 300, attempts: 1 }).query({ name: 'x.example', type: 1 });
  assert.equal(r.ok, false, 'a QDCOUNT=0 reply answers no question of ours');
  assert.match(r.error, /^timeout after 300 ms; 1 reply ignored \(reply without the question\)$/);
  const junk = await fakeServer(() => Buffer.from([1, 2, 3]));
  const j = await new core.StubResolver({ servers: [core.parseServer(junk.addr)], timeoutMs: 300, attempts: 1 }).query({ name: 'x.example', type: 1 });
  assert.match(j.error, /^timeout after 300 ms; 1 reply ignored \(malformed: .+\)$/);
});
