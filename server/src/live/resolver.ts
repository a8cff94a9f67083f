// The DNSSEC-aware stub resolver: sends one question to a configured
// recursive resolver over UDP (EDNS0, DO bit), falls back to TCP when the
// answer is truncated, with a timeout per attempt and a bounded number of
// retries across the configured servers. It trusts the AD bit, so it must only
// be pointed at a validating resolver over a trusted path (loopback, or a
// resolver on the same host/LAN you control): the report names the server
// that answered. Opens sockets (this is the live engine); imports nothing
// from the zone core or LSP.
import { createSocket } from 'node:dgram';
import { connect as tcpConnect } from 'node:net';
import { isIP } from 'node:net';
import { readFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { canonName, decodeMessage, DnsMessage, encodeQuery, DnsWireError } from './dns-wire';

export interface ServerAddr { address: string; port: number }

export interface DnsQuery { name: string; type: number; cd?: boolean }

export type DnsResult =
  | { ok: true; msg: DnsMessage; server: string; transport: 'udp' | 'tcp'; ms: number }
  | { ok: false; error: string; server: string; ms: number };

/** What the validation logic needs from DNS; the lab and in-process fakes implement it too. */
export interface Resolver {
  query(q: DnsQuery, signal?: AbortSignal): Promise<DnsResult>;
  /** human description for reports, e.g. "127.0.0.1:5353" */
  describe(): string;
}

export interface StubOptions {
  servers: ServerAddr[];
  /** per attempt, ms */
  timeoutMs?: number;
  /** attempts per server */
  attempts?: number;
}

const MAX_TCP_MESSAGE = 65535;

/** Parse `ip`, `ip:port`, `[v6]:port` or a bare IPv6 address. Throws on anything else. */
export function parseServer(spec: string, defaultPort = 53): ServerAddr {
  const s = spec.trim();
  let m = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  let address: string, port = defaultPort;
  if (m) { address = m[1]; if (m[2]) port = Number(m[2]); }
  else if (isIP(s) === 6) address = s;
  else if ((m = /^([^:]+):(\d+)$/.exec(s))) { address = m[1]; port = Number(m[2]); }
  else address = s;
  if (!isIP(address)) throw new Error(`not an IP address: '${spec}' (expected ip, ip:port or [ipv6]:port)`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`bad port in '${spec}'`);
  return { address, port };
}

/** The system's resolvers, from /etc/resolv.conf ("nameserver" lines). */
export function systemResolvers(path = '/etc/resolv.conf'): ServerAddr[] {
  let text = '';
  try { text = readFileSync(path, 'utf8'); } catch { return []; }
  const out: ServerAddr[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*nameserver\s+(\S+)/.exec(line);
    if (!m) continue;
    const addr = m[1].replace(/%.*$/, ''); // drop an IPv6 zone id
    if (isIP(addr)) out.push({ address: addr, port: 53 });
  }
  return out;
}

export function serverText(s: ServerAddr): string {
  return isIP(s.address) === 6 ? `[${s.address}]:${s.port}` : `${s.address}:${s.port}`;
}

function checkReply(msg: DnsMessage, id: number, q: DnsQuery): string | undefined {
  if (!msg.qr || msg.id !== id) return 'reply id/QR mismatch';
  // a reply must repeat our question (RFC 1035 §7.3); one without it answers nothing we asked
  if (msg.question.length !== 1) return msg.question.length ? 'reply with several questions' : 'reply without the question';
  const qq = msg.question[0];
  if (canonName(qq.name) !== canonName(q.name) || qq.type !== q.type) return 'reply question mismatch';
  return undefined;
}

/** "; 2 replies ignored (reply id/QR mismatch, malformed: …)" for a timeout message */
function ignoredText(why: string[]): string {
  if (!why.length) return '';
  return `; ${why.length} repl${why.length === 1 ? 'y' : 'ies'} ignored (${[...new Set(why)].slice(0, 3).join(', ')})`;
}

function udpAttempt(server: ServerAddr, packet: Buffer, id: number, q: DnsQuery, timeoutMs: number, signal?: AbortSignal): Promise<DnsMessage> {
  return new Promise((resolve, reject) => {
    const sock = createSocket(isIP(server.address) === 6 ? 'udp6' : 'udp4');
    let done = false;
    const finish = (err: Error | null, msg?: DnsMessage): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      try { sock.close(); } catch { /* already closed */ }
      if (err) reject(err); else resolve(msg!);
    };
    const onAbort = (): void => finish(new Error('cancelled'));
    const ignored: string[] = [];
    const timer = setTimeout(() => finish(new Error(`timeout after ${timeoutMs} ms${ignoredText(ignored)}`)), timeoutMs);
    signal?.addEventListener('abort', onAbort);
    // connected, so that an ICMP port unreachable comes back as ECONNREFUSED instead of a timeout
    sock.on('error', (e) => finish((e as NodeJS.ErrnoException).code === 'ECONNREFUSED' ? new Error(`connection refused (ICMP port unreachable from ${serverText(server)})`) : e));
    sock.on('message', (buf, rinfo) => {
      // ignore datagrams from anyone but the server, and replies to other queries (spoofing, stale)
      if (rinfo.address !== server.address || rinfo.port !== server.port) { ignored.push(`from ${rinfo.address}:${rinfo.port}`); return; }
      let msg: DnsMessage;
      try { msg = decodeMessage(buf); } catch (e) { ignored.push(`malformed: ${(e as Error).message}`); return; }
      const bad = checkReply(msg, id, q);
      if (bad) { ignored.push(bad); return; }
      finish(null, msg);
    });
    // a cancel or an error may have closed the socket before the connect completes
    sock.connect(server.port, server.address, () => { if (!done) sock.send(packet, (e) => { if (e) finish(e); }); });
  });
}

function tcpAttempt(server: ServerAddr, packet: Buffer, id: number, q: DnsQuery, timeoutMs: number, signal?: AbortSignal): Promise<DnsMessage> {
  return new Promise((resolve, reject) => {
    const sock = tcpConnect({ host: server.address, port: server.port });
    let done = false;
    let buf = Buffer.alloc(0);
    const finish = (err: Error | null, msg?: DnsMessage): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      sock.destroy();
      if (err) reject(err); else resolve(msg!);
    };
    const onAbort = (): void => finish(new Error('cancelled'));
    const timer = setTimeout(() => finish(new Error(`TCP timeout after ${timeoutMs} ms`)), timeoutMs);
    signal?.addEventListener('abort', onAbort);
    sock.on('error', (e) => finish(e));
    sock.on('close', () => finish(new Error('TCP connection closed before a reply')));
    sock.on('connect', () => {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(packet.length);
      sock.write(Buffer.concat([len, packet]));
    });
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length > MAX_TCP_MESSAGE + 2) return finish(new Error('TCP reply too large'));
      if (buf.length < 2) return;
      const n = buf.readUInt16BE(0);
      if (buf.length < n + 2) return;
      try {
        const msg = decodeMessage(buf.subarray(2, n + 2));
        const bad = checkReply(msg, id, q);
        finish(bad ? new Error(bad) : null, msg);
      } catch (e) { finish(e as Error); }
    });
  });
}

/** The timeout of each network step (an SMTP connection, the banner, STARTTLS...) unless set:
 *  the CLI's --timeout and the editor's daneZone.validationTimeoutMs (package.json) default. */
export const DEFAULT_STEP_TIMEOUT_MS = 15000;

/** A DNS query waits at most min(the step timeout, this) in all, the CLI's --timeout and the
 *  editor's daneZone.validationTimeoutMs alike: DNS_ROUNDS rounds over the resolvers share it
 *  (a SERVFAIL's CD=1 re-query is a second query with its own budget). */
export const DNS_QUERY_BUDGET_MS = 5000;
export const DNS_ROUNDS = 2;

/** The stub resolver over `servers` whose every query stays within min(stepTimeoutMs, 5 s). */
export function budgetedResolver(servers: ServerAddr[], stepTimeoutMs: number): StubResolver {
  const perTry = Math.max(50, Math.floor(Math.min(stepTimeoutMs, DNS_QUERY_BUDGET_MS) / (DNS_ROUNDS * Math.max(1, servers.length))));
  return new StubResolver({ servers, timeoutMs: perTry, attempts: DNS_ROUNDS });
}

export class StubResolver implements Resolver {
  private readonly servers: ServerAddr[];
  private readonly timeoutMs: number;
  private readonly attempts: number;
  constructor(opts: StubOptions) {
    if (!opts.servers.length) throw new Error('no DNS resolvers configured (and none found in /etc/resolv.conf)');
    this.servers = opts.servers;
    this.timeoutMs = opts.timeoutMs ?? 3000;
    this.attempts = Math.max(1, opts.attempts ?? 2);
  }
  describe(): string { return this.servers.map(serverText).join(', '); }

  async query(q: DnsQuery, signal?: AbortSignal): Promise<DnsResult> {
    const t0 = Date.now();
    let lastErr = 'no attempt';
    let lastServer = serverText(this.servers[0]);
    let packet: Buffer;
    const id = randomInt(0, 0x10000);
    try {
      packet = encodeQuery({ id, name: q.name, type: q.type, dnssecOk: true, checkingDisabled: q.cd });
    } catch (e) {
      return { ok: false, error: e instanceof DnsWireError ? e.message : String(e), server: lastServer, ms: 0 };
    }
    // round-robin over servers, `attempts` rounds; each attempt has its own timeout
    for (let round = 0; round < this.attempts; round++) {
      for (const server of this.servers) {
        if (signal?.aborted) return { ok: false, error: 'cancelled', server: lastServer, ms: Date.now() - t0 };
        lastServer = serverText(server);
        try {
          let msg = await udpAttempt(server, packet, id, q, this.timeoutMs, signal);
          let transport: 'udp' | 'tcp' = 'udp';
          if (msg.tc) { msg = await tcpAttempt(server, packet, id, q, this.timeoutMs, signal); transport = 'tcp'; }
          return { ok: true, msg, server: lastServer, transport, ms: Date.now() - t0 };
        } catch (e) {
          lastErr = (e as Error).message;
          if (lastErr === 'cancelled') return { ok: false, error: lastErr, server: lastServer, ms: Date.now() - t0 };
        }
      }
    }
    return { ok: false, error: lastErr, server: lastServer, ms: Date.now() - t0 };
  }
}
