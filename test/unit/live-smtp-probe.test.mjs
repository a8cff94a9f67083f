// The SMTP STARTTLS prober against in-process fake servers on loopback:
// multi-line banner, STARTTLS and the presented chain with SNI, no STARTTLS,
// a silent server, a trickling one, an endless banner, a huge line, a drop,
// and data injected after "220 ready" (all reported failures, in bounded time).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { TLSSocket, createSecureContext } from 'node:tls';
import * as core from '../../dist/core.js';
import { makePki } from './live-certs.mjs';

let pki, issuing, leaf;
const servers = [];
before(() => {
  pki = makePki();
  const root = pki.issue('Probe Root', { ca: true });
  issuing = pki.issue('Probe Issuing', { issuer: root, ca: true });
  leaf = pki.issue('mx.example.test', { issuer: issuing, sans: ['mx.example.test'] });
});
after(() => { servers.forEach((s) => { s.close(); s.closeAllConnections?.(); }); pki.cleanup(); });

/** a fake SMTP server; `script(sock, ctx)` drives it; resolves with {port, sni: []} */
async function fake(script, family = 'IPv4') {
  const ctx = { sni: [] };
  const conns = new Set();
  const srv = createServer((sock) => { conns.add(sock); sock.on('close', () => conns.delete(sock)); sock.on('error', () => {}); script(sock, ctx); });
  srv.closeAllConnections = () => conns.forEach((c) => c.destroy());
  srv.on('connection', (s) => s.on('error', () => {}));
  await new Promise((r) => srv.listen(0, family === 'IPv6' ? '::1' : '127.0.0.1', r));
  servers.push(srv);
  ctx.port = srv.address().port;
  return ctx;
}

/** a well-behaved server: multi-line banner, EHLO with STARTTLS, TLS with the given chain */
function goodScript({ starttls = true, chain = () => leaf.pem + issuing.pem, key = () => leaf.keyPem } = {}) {
  return (sock, ctx) => {
    sock.write('220-mx.example.test ESMTP\r\n220-second banner line\r\n220 ready\r\n');
    let buf = '';
    const onData = (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i).trim(); buf = buf.slice(i + 1);
        if (/^EHLO /i.test(line)) sock.write(`250-mx.example.test\r\n250-PIPELINING\r\n${starttls ? '250-STARTTLS\r\n' : ''}250 8BITMIME\r\n`);
        else if (/^STARTTLS/i.test(line)) {
          sock.off('data', onData);
          sock.write('220 go ahead\r\n', () => {
            const t = new TLSSocket(sock, {
              isServer: true, secureContext: createSecureContext({ key: key(), cert: chain() }),
              SNICallback: (name, cb) => { ctx.sni.push(name); cb(null, createSecureContext({ key: key(), cert: chain() })); },
            });
            t.on('error', () => {});
            t.on('data', (x) => { if (/QUIT/i.test(String(x))) t.end('221 bye\r\n'); });
          });
          return;
        } else if (/^QUIT/i.test(line)) { sock.end('221 bye\r\n'); return; }
      }
    };
    sock.on('data', onData);
  };
}

const probe = (port, o = {}) => new core.NetSmtpProber().probe({ address: o.address ?? '127.0.0.1', port, sni: 'mx.example.test.', stepTimeoutMs: o.timeout ?? 2000 }, o.signal);

test('good server: multi-line banner, STARTTLS, SNI = TLSA base, chain leaf first, polite QUIT', async () => {
  const s = await fake(goodScript());
  const r = await probe(s.port);
  assert.equal(r.ok, true, JSON.stringify(r.steps));
  assert.equal(r.banner.length, 3);
  assert.deepEqual(r.steps.map((x) => x.step), ['connect', 'banner', 'ehlo', 'starttls', 'tls', 'quit']);
  assert.equal(r.steps.at(-1).detail, '221 bye');
  assert.deepEqual(s.sni, ['mx.example.test']);
  assert.equal(r.chain.length, 2);
  assert.deepEqual(r.chain[0], leaf.der);
  assert.deepEqual(r.chain[1], issuing.der);
});

test('IPv6 (::1) works the same', async () => {
  const s = await fake(goodScript(), 'IPv6');
  const r = await probe(s.port, { address: '::1' });
  assert.equal(r.ok, true);
  assert.match(r.steps[0].detail, /\[::1\]/);
});

test('no STARTTLS in the EHLO reply: failure no-starttls, and a QUIT is sent', async () => {
  let sawQuit;
  const quit = new Promise((res) => { sawQuit = res; });
  const base = goodScript({ starttls: false });
  const s = await fake((sock, ctx) => { sock.on('data', (d) => { if (/QUIT/.test(String(d))) sawQuit(); }); base(sock, ctx); });
  const r = await probe(s.port);
  assert.equal(r.ok, false);
  assert.equal(r.failure, 'no-starttls');
  await quit;
});

test('silent server: the banner step times out; the whole probe ends near the step deadline', async () => {
  const s = await fake(() => {});
  const t0 = Date.now();
  const r = await probe(s.port, { timeout: 400 });
  assert.equal(r.failure, 'timeout');
  assert.equal(r.steps.at(-1).step, 'banner');
  assert.ok(Date.now() - t0 < 1500);
});

test('trickling server (one byte every 50 ms) cannot stretch a step past its deadline', async () => {
  const s = await fake((sock) => {
    const text = '220 ' + 'x'.repeat(400) + '\r\n';
    let i = 0;
    const t = setInterval(() => { if (sock.destroyed || i >= text.length) return clearInterval(t); sock.write(text[i++]); }, 50);
    sock.on('close', () => clearInterval(t));
  });
  const r = await probe(s.port, { timeout: 500 });
  assert.equal(r.failure, 'timeout');
  assert.equal(r.steps.at(-1).step, 'banner');
});

test('endless banner and an endless line are floods, cut off early', async () => {
  // pumps yield to the event loop between chunks: client and fake share this process
  const endless = (chunk) => (sock) => { const pump = () => { if (!sock.destroyed && sock.write(chunk)) setImmediate(pump); }; sock.on('drain', pump); pump(); };
  const lines = await fake(endless('220-more\r\n'.repeat(50)));
  const t0 = Date.now();
  const r1 = await probe(lines.port, { timeout: 5000 });
  assert.equal(r1.failure, 'flood');
  assert.match(r1.steps.at(-1).detail, /more than 100 lines/);
  const longLine = await fake(endless('x'.repeat(1000)));
  const r2 = await probe(longLine.port, { timeout: 5000 });
  assert.equal(r2.failure, 'flood');
  assert.match(r2.steps.at(-1).detail, /longer than 2048/);
  assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
});

test('5xx to EHLO means no ESMTP, hence no STARTTLS; 4xx is a temporary refusal', async () => {
  const mk = (code) => fake((sock) => { sock.write('220 hi\r\n'); sock.on('data', (d) => { if (/EHLO/.test(String(d))) sock.write(`${code} no\r\n`); }); });
  assert.equal((await probe((await mk(502)).port)).failure, 'no-starttls');
  assert.equal((await probe((await mk(421)).port)).failure, 'rejected');
});

test('a server that drops the connection after the banner: failure dropped at EHLO', async () => {
  const s = await fake((sock) => { sock.write('220 hi\r\n'); sock.on('data', () => sock.destroy()); });
  const r = await probe(s.port);
  assert.equal(r.failure, 'dropped');
  assert.equal(r.steps.at(-1).step, 'ehlo');
});

test('plaintext injected after "220" to STARTTLS is refused (CVE-2011-0411 class); 5xx banner is rejected', async () => {
  const inj = await fake((sock) => {
    sock.write('220 hi\r\n');
    sock.on('data', (d) => {
      if (/EHLO/.test(String(d))) sock.write('250-x\r\n250 STARTTLS\r\n');
      if (/STARTTLS/.test(String(d))) sock.write('220 go\r\n250 injected\r\n');
    });
  });
  const r = await probe(inj.port);
  assert.equal(r.failure, 'protocol');
  const busy = await fake((sock) => sock.end('554 go away\r\n'));
  const r2 = await probe(busy.port);
  assert.equal(r2.failure, 'rejected');
});

test('connection refused and garbage replies are reported, not thrown', async () => {
  const s = await fake(() => {});
  const port = s.port;
  servers.pop().close();
  const r = await probe(port);
  assert.equal(r.failure, 'connect');
  const junk = await fake((sock) => sock.write('HTTP/1.1 400 Bad Request\r\n'));
  const r2 = await probe(junk.port);
  assert.equal(r2.failure, 'protocol');
});

test('cancellation ends a probe at once', async () => {
  const s = await fake(() => {});
  const ac = new AbortController();
  const p = probe(s.port, { timeout: 30000, signal: ac.signal });
  setImmediate(() => ac.abort());
  const r = await p;
  assert.equal(r.failure, 'cancelled');
});

test('a TLS handshake that stalls after "220" to STARTTLS is a TLS failure (tls-handshake), like one closed mid-handshake', async () => {
  const stall = (sock) => {
    sock.write('220 hi\r\n');
    sock.on('data', (d) => {
      if (/^EHLO/i.test(String(d))) sock.write('250-mx\r\n250 STARTTLS\r\n');
      else if (/^STARTTLS/i.test(String(d))) sock.write('220 go ahead\r\n'); // then nothing: the ClientHello goes unanswered
    });
  };
  const s = await fake(stall);
  const r = await probe(s.port, { timeout: 300 });
  assert.equal(r.failure, 'tls');
  assert.equal(r.steps.at(-1).step, 'tls');
  assert.match(r.steps.at(-1).detail, /TLS handshake/);
  const closed = await fake((sock) => { stall(sock); sock.on('data', (d) => { if (String(d)[0] === '\x16') sock.destroy(); }); });
  assert.equal((await probe(closed.port, { timeout: 2000 })).failure, 'tls');
});

test('an OpenSSL error reads as its reason, with what it means after STARTTLS, without the build path or control bytes', () => {
  const raw = new Error('80CC2BA48E7F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n');
  assert.equal(core.tlsErrorText(raw), 'wrong version number: the server did not answer in TLS after STARTTLS (it went on in plain text)');
  assert.equal(core.tlsErrorText(new Error('C0:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:../ssl/record/rec_layer_s3.c:1584:SSL alert number 40\n')), 'sslv3 alert handshake failure');
  assert.equal(core.tlsErrorText(new Error('socket hang up')), 'socket hang up');
});
