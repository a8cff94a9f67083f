#!/usr/bin/env node
// dane-zone test lab SMTP servers (adapted from the team lab): one listener per
// entry of <config.json>, each on its own loopback address. Kinds:
//   starttls  npm smtp-server offering STARTTLS with the entry's key and chain
//   plain     smtp-server without STARTTLS
//   silent    accepts the TCP connection and never sends a byte
//   endless   sends "220-" banner lines for as long as the client reads
// Mail is accepted and discarded. Usage: node lab-smtp.js <config.json>
'use strict';
const fs = require('fs');
const net = require('net');
const { SMTPServer } = require('smtp-server');

const cfg = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const log = (...a) => console.log(new Date().toISOString(), ...a);
const closers = [];
let pending = cfg.length;
const ready = (s) => { log(s.name, `listening on ${s.address}:${s.port} (${s.kind})`); if (--pending === 0) log('ready'); };
const listenError = (s) => (e) => { log(s.name, 'listen error', e.message); process.exit(2); };

for (const s of cfg) {
  if (!/^127\./.test(s.address) && s.address !== '::1') throw new Error(`refusing non-loopback address ${s.address}`);
  if (s.kind === 'silent' || s.kind === 'endless') {
    const sockets = new Set();
    const srv = net.createServer((sock) => {
      sockets.add(sock);
      sock.on('close', () => sockets.delete(sock));
      sock.on('error', () => sock.destroy());
      log(s.name, 'connect from', sock.remoteAddress);
      if (s.kind === 'silent') return; // say nothing; the client must give up on its own
      // endless banner: write while the peer reads (backpressure), stop when it goes away
      let n = 0;
      // one line per turn of the event loop while the peer keeps up; wait for 'drain' otherwise
      const pump = () => {
        if (!sock.destroyed && sock.write(`220-${s.host} banner line ${n++} of a banner that never ends\r\n`)) setImmediate(pump);
      };
      sock.on('drain', pump);
      pump();
    });
    srv.on('error', listenError(s));
    srv.listen(s.port, s.address, () => ready(s));
    closers.push((cb) => { for (const x of sockets) x.destroy(); srv.close(cb); });
    continue;
  }
  const starttls = s.kind !== 'plain';
  const opts = {
    name: s.host,
    banner: `dane-zone lab (${s.name})`,
    secure: false,
    authOptional: true,
    // never reverse-resolve the client: that would ask the system resolver
    disableReverseLookup: true,
    disabledCommands: starttls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    size: 1024 * 1024,
    logger: false,
    onConnect(session, cb) { log(s.name, 'connect from', session.remoteAddress); cb(); },
    onData(stream, session, cb) { stream.resume(); stream.on('end', () => cb(null, 'accepted and discarded (dane-zone lab)')); },
  };
  if (starttls) {
    opts.key = fs.readFileSync(s.key);
    opts.cert = fs.readFileSync(s.cert);
  }
  const srv = new SMTPServer(opts);
  srv.on('error', (e) => log(s.name, 'error', e.message));
  srv.server.on('error', listenError(s));
  srv.listen(s.port, s.address, () => ready(s));
  closers.push((cb) => srv.close(cb));
}

const stop = (sig) => {
  log('stopping on', sig);
  let n = closers.length;
  for (const c of closers) c(() => { if (--n === 0) process.exit(0); });
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
