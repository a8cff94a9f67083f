// The SMTP STARTTLS prober: connect, read the (multi-line) banner, EHLO,
// require STARTTLS, TLS handshake with SNI = the TLSA base domain, take the
// whole presented chain, QUIT. Every step has its own deadline (so a server
// that trickles bytes cannot keep a step alive) and every reply is bounded in
// lines and bytes (so a flood ends the probe). It never verifies certificates:
// that is the matcher's job. Opens sockets; imports nothing from zone/LSP.
import { connect as tcpConnect, Socket, isIP } from 'node:net';
import { connect as tlsConnect, TLSSocket, PeerCertificate, DetailedPeerCertificate } from 'node:tls';

export type ProbeStepName = 'connect' | 'banner' | 'ehlo' | 'starttls' | 'tls' | 'quit';
export interface ProbeStep { step: ProbeStepName; ok: boolean; ms: number; detail: string }
/** why a probe ended before a TLS session was up */
export type ProbeFailure = 'connect' | 'timeout' | 'flood' | 'dropped' | 'protocol' | 'rejected' | 'no-starttls' | 'starttls-refused' | 'tls' | 'cancelled';

export interface ProbeResult {
  ok: boolean;
  failure?: ProbeFailure;
  steps: ProbeStep[];
  banner: string[];
  ehlo: string[];
  /** DER certificates as presented, leaf first */
  chain: Buffer[];
  tlsVersion?: string;
  cipher?: string;
}

/** An OpenSSL error as people read it: `80CC…:error:0A00010B:SSL routines:ssl3_get_record:wrong
 *  version number:../deps/openssl/…:350:` is "wrong version number", with what that means here. */
export function tlsErrorText(e: Error): string {
  const m = /:error:[0-9A-Fa-f]+:[^:]*:[^:]*:([^:]+):/.exec(e.message);
  const reason = (m ? m[1] : e.message).replace(/[\x00-\x1f]+/g, ' ').trim();
  if (reason === 'wrong version number' || reason === 'packet length too long' || reason === 'record layer failure') {
    return `${reason}: the server did not answer in TLS after STARTTLS (it went on in plain text)`;
  }
  return reason;
}

export interface ProbeOptions {
  address: string;
  port: number;
  /** SNI: the TLSA base domain (RFC 7672 §8.1) */
  sni: string;
  /** name we give in EHLO */
  heloName?: string;
  /** deadline for each step, ms */
  stepTimeoutMs?: number;
}

export interface SmtpProber { probe(opts: ProbeOptions, signal?: AbortSignal): Promise<ProbeResult> }

const MAX_LINE = 2048; // RFC 5321 allows 512 per reply line; leave room for sloppy servers
const MAX_REPLY_LINES = 100;
const MAX_REPLY_BYTES = 32 * 1024;

class StepError extends Error { constructor(readonly failure: ProbeFailure, msg: string) { super(msg); } }

/** Reads SMTP replies from a socket with limits; one outstanding read at a time. */
class ReplyReader {
  private buf = '';
  private lines: string[] = [];
  private bytes = 0;
  private waiter?: { resolve: (l: string[]) => void; reject: (e: Error) => void };
  private ended?: StepError;
  constructor(private sock: Socket | TLSSocket) { this.attach(); }
  private attach(): void {
    this.sock.on('data', this.onData);
    this.sock.on('end', this.onEnd);
    this.sock.on('close', this.onEnd);
    this.sock.on('error', this.onError);
  }
  detach(): void {
    this.sock.off('data', this.onData);
    this.sock.off('end', this.onEnd);
    this.sock.off('close', this.onEnd);
    this.sock.off('error', this.onError);
  }
  /** bytes received after the last complete reply (must be none before TLS starts) */
  pending(): number { return this.buf.length + this.lines.length; }
  private fail(e: StepError): void {
    this.ended ??= e;
    const w = this.waiter; this.waiter = undefined;
    w?.reject(e);
  }
  private onEnd = (): void => this.fail(new StepError('dropped', 'the server closed the connection'));
  private onError = (e: Error): void => this.fail(new StepError('dropped', `connection error: ${e.message}`));
  private onData = (chunk: Buffer): void => {
    if (this.ended) return;
    // bound the work before parsing: a flood fails here, whatever the chunk size
    this.bytes += chunk.length;
    if (this.bytes > MAX_REPLY_BYTES) return this.fail(new StepError('flood', `more than ${MAX_REPLY_BYTES} bytes without a complete reply`));
    this.buf += chunk.toString('latin1');
    let start = 0;
    let i: number;
    while ((i = this.buf.indexOf('\n', start)) >= 0) {
      this.lines.push(this.buf.slice(start, i).replace(/\r$/, ''));
      start = i + 1;
    }
    this.buf = this.buf.slice(start);
    if (this.buf.length > MAX_LINE) return this.fail(new StepError('flood', `reply line longer than ${MAX_LINE} bytes`));
    this.deliver();
  };
  private deliver(): void {
    if (!this.waiter) return;
    for (let k = 0; k < this.lines.length; k++) {
      const l = this.lines[k];
      if (!/^\d{3}([ -]|$)/.test(l)) return this.fail(new StepError('protocol', `not an SMTP reply line: ${JSON.stringify(l.slice(0, 80))}`));
      if (k + 1 > MAX_REPLY_LINES) return this.fail(new StepError('flood', `reply of more than ${MAX_REPLY_LINES} lines`));
      if (l[3] !== '-') {
        const reply = this.lines.splice(0, k + 1);
        this.bytes = 0;
        const w = this.waiter; this.waiter = undefined;
        w.resolve(reply);
        return;
      }
    }
    if (this.lines.length > MAX_REPLY_LINES) this.fail(new StepError('flood', `reply of more than ${MAX_REPLY_LINES} lines`));
  }
  read(): Promise<string[]> {
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => { this.waiter = { resolve, reject }; this.deliver(); });
  }
}

/** `p` with a deadline and cancellation; whichever comes first settles, and the timer and
 *  listener go at once (the caller destroys the socket, which settles `p` later). */
function withDeadline<T>(p: Promise<T>, ms: number, what: string, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let t: NodeJS.Timeout | undefined;
    const cleanup = (): void => { clearTimeout(t); signal?.removeEventListener('abort', onAbort); };
    const onAbort = (): void => { cleanup(); reject(new StepError('cancelled', 'cancelled')); };
    if (signal?.aborted) return onAbort();
    t = setTimeout(() => { cleanup(); reject(new StepError('timeout', `no complete ${what} within ${ms} ms`)); }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
    p.then((v) => { cleanup(); resolve(v); }, (e) => { cleanup(); reject(e); });
  });
}

function codeOf(reply: string[]): number { return Number(reply[reply.length - 1].slice(0, 3)); }
function short(reply: string[]): string { return reply.length === 1 ? reply[0] : `${reply[0]} … (${reply.length} lines)`; }

/** Chain as presented, leaf first. Node links the presented certificates by issuer; with an
 *  empty CA store (see `ca: []` below) nothing from a local trust store is added. */
function presentedChain(sock: TLSSocket): Buffer[] {
  const out: Buffer[] = [];
  let c: PeerCertificate | DetailedPeerCertificate | undefined = sock.getPeerCertificate(true);
  const seen = new Set<string>();
  while (c && c.raw && out.length < 16) {
    const key = c.raw.toString('base64');
    if (seen.has(key)) break;
    seen.add(key);
    out.push(Buffer.from(c.raw));
    const next: DetailedPeerCertificate | undefined = (c as DetailedPeerCertificate).issuerCertificate;
    if (!next || next === c) break;
    c = next;
  }
  return out;
}

export class NetSmtpProber implements SmtpProber {
  async probe(o: ProbeOptions, signal?: AbortSignal): Promise<ProbeResult> {
    const limit = o.stepTimeoutMs ?? 10000;
    const res: ProbeResult = { ok: false, steps: [], banner: [], ehlo: [], chain: [] };
    let sock: Socket | undefined;
    let tls: TLSSocket | undefined;
    let step: ProbeStepName = 'connect';
    let t = Date.now();
    const done = (ok: boolean, detail: string): void => {
      res.steps.push({ step, ok, ms: Date.now() - t, detail });
      t = Date.now();
    };
    try {
      sock = tcpConnect({ host: o.address, port: o.port, family: isIP(o.address) || undefined });
      sock.setNoDelay(true);
      const s = sock;
      await withDeadline(new Promise<void>((resolve, reject) => {
        s.once('connect', () => resolve());
        s.once('error', (e) => reject(new StepError('connect', `connect failed: ${e.message}`)));
      }), limit, 'TCP connect', signal);
      done(true, `connected to ${isIP(o.address) === 6 ? `[${o.address}]` : o.address}:${o.port}`);

      let reader = new ReplyReader(sock);
      step = 'banner';
      res.banner = await withDeadline(reader.read(), limit, 'banner', signal);
      if (codeOf(res.banner) !== 220) throw new StepError('rejected', `banner is not 220: ${short(res.banner)}`);
      done(true, short(res.banner));

      step = 'ehlo';
      sock.write(`EHLO ${o.heloName ?? 'dane-zone.invalid'}\r\n`);
      res.ehlo = await withDeadline(reader.read(), limit, 'EHLO reply', signal);
      // 5xx to EHLO = no ESMTP, hence no STARTTLS (RFC 3207); 4xx is a temporary refusal
      if (codeOf(res.ehlo) >= 500) throw new StepError('no-starttls', `EHLO refused (no ESMTP, so no STARTTLS): ${short(res.ehlo)}`);
      if (codeOf(res.ehlo) !== 250) throw new StepError('rejected', `EHLO refused: ${short(res.ehlo)}`);
      const hasStarttls = res.ehlo.slice(1).some((l) => /^250[ -]STARTTLS\s*$/i.test(l));
      done(true, `${res.ehlo.length} lines${hasStarttls ? ', offers STARTTLS' : ''}`);

      step = 'starttls';
      if (!hasStarttls) throw new StepError('no-starttls', 'the EHLO reply does not offer STARTTLS (RFC 7672 §2.2: TLS is mandatory under DANE)');
      sock.write('STARTTLS\r\n');
      const st = await withDeadline(reader.read(), limit, 'STARTTLS reply', signal);
      if (codeOf(st) !== 220) throw new StepError('starttls-refused', `STARTTLS refused: ${short(st)}`);
      // bytes after the 220 before the handshake would be plaintext injection (CVE-2011-0411 class)
      if (reader.pending()) throw new StepError('protocol', 'the server sent data after 220 to STARTTLS, before TLS');
      reader.detach();
      done(true, st[0]);

      step = 'tls';
      const plain = sock;
      tls = tlsConnect({
        socket: plain,
        servername: isIP(o.sni) ? undefined : o.sni.replace(/\.$/, ''),
        rejectUnauthorized: false, // DANE decides, not the Web PKI
        ca: [], // empty store: the chain we read is only what the server presented
        minVersion: 'TLSv1',
      });
      const ts = tls;
      await withDeadline(new Promise<void>((resolve, reject) => {
        ts.once('secureConnect', () => resolve());
        ts.once('error', (e) => reject(new StepError('tls', `TLS handshake failed: ${tlsErrorText(e)}`)));
        ts.once('close', () => reject(new StepError('tls', 'connection closed during the TLS handshake')));
      }), limit, 'TLS handshake', signal).catch((e: unknown) => {
        // a handshake that stalls is a TLS failure like one that is cut off (5.7.321), not an unreachable server
        throw e instanceof StepError && e.failure === 'timeout' ? new StepError('tls', `TLS handshake failed: ${e.message}`) : e;
      });
      res.chain = presentedChain(ts);
      res.tlsVersion = ts.getProtocol() ?? undefined;
      res.cipher = ts.getCipher()?.name;
      if (!res.chain.length) throw new StepError('tls', 'the server presented no certificate');
      done(true, `${res.tlsVersion} ${res.cipher}, ${res.chain.length} certificate(s), SNI ${o.sni}`);
      res.ok = true;

      step = 'quit';
      reader = new ReplyReader(ts);
      ts.write('QUIT\r\n');
      try {
        const q = await withDeadline(reader.read(), Math.min(limit, 2000), 'QUIT reply', signal);
        done(true, q[0]);
      } catch (e) {
        done(true, `no reply to QUIT (${(e as Error).message}); not a DANE problem`);
      }
      reader.detach();
    } catch (e) {
      const err = e instanceof StepError ? e : new StepError('protocol', (e as Error).message);
      res.failure = err.failure;
      done(false, err.message);
      // still say goodbye where the dialogue is intact
      if (!tls && sock && (err.failure === 'no-starttls' || err.failure === 'starttls-refused' || err.failure === 'rejected')) sock.end('QUIT\r\n');
    } finally {
      // QUIT politely was tried above; anything else just closes
      if (tls) { tls.on('error', () => undefined); tls.destroy(); }
      if (sock) { sock.on('error', () => undefined); sock.destroy(); }
    }
    return res;
  }
}
