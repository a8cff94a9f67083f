// DNS wire format (RFC 1035 §4, EDNS0 RFC 6891, EDE RFC 8914): encode one
// query, decode one response. Pure: bytes in, values out; no sockets here.
// Only the record types live validation reads are decoded (A, AAAA, MX,
// CNAME, TLSA, NS, RRSIG's covered type); others keep their RDATA as hex.
// A malformed packet gives a DnsWireError, never an out-of-range read.

export const TYPE = { A: 1, NS: 2, CNAME: 5, SOA: 6, MX: 15, AAAA: 28, OPT: 41, RRSIG: 46, NSEC: 47, TLSA: 52 } as const;
export type RrTypeName = keyof typeof TYPE;
export const RCODE_NAMES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET', 'NXRRSET', 'NOTAUTH', 'NOTZONE'];
export function rcodeName(n: number): string { return RCODE_NAMES[n] ?? `RCODE${n}`; }
const TYPE_NAMES = new Map<number, string>(Object.entries(TYPE).map(([k, v]) => [v, k]));
export function dnsTypeName(n: number): string { return TYPE_NAMES.get(n) ?? `TYPE${n}`; }

export class DnsWireError extends Error {}

export interface QueryOptions {
  id: number;
  name: string;
  type: number;
  /** DNSSEC OK: ask for signatures so a validating resolver sets AD (RFC 3225) */
  dnssecOk?: boolean;
  /** Checking Disabled: the resolver returns data even when it fails validation */
  checkingDisabled?: boolean;
  udpSize?: number;
}

/** Presentation name -> labels (handles \. and \DDD escapes). The root is '.' or ''. */
export function nameToLabels(name: string): Buffer[] {
  const labels: Buffer[] = [];
  let cur: number[] = [];
  const s = name;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      const d = s.slice(i + 1, i + 4);
      if (/^\d{3}$/.test(d)) { cur.push(Number(d) & 0xff); i += 3; } else if (i + 1 < s.length) { cur.push(s.charCodeAt(++i) & 0xff); }
      continue;
    }
    if (c === '.') {
      if (cur.length === 0) { if (i === s.length - 1) break; throw new DnsWireError(`empty label in '${name}'`); }
      labels.push(Buffer.from(cur)); cur = [];
      continue;
    }
    for (const b of Buffer.from(c, 'utf8')) cur.push(b);
  }
  if (cur.length) labels.push(Buffer.from(cur));
  let total = 1;
  for (const l of labels) {
    if (l.length > 63) throw new DnsWireError(`label longer than 63 octets in '${name}'`);
    total += l.length + 1;
  }
  if (total > 255) throw new DnsWireError(`name longer than 255 octets: '${name}'`);
  return labels;
}

function labelToText(b: Buffer): string {
  let out = '';
  for (const x of b) {
    if (x === 0x2e || x === 0x5c) out += '\\' + String.fromCharCode(x);
    else if (x > 0x20 && x < 0x7f) out += String.fromCharCode(x);
    else out += '\\' + String(x).padStart(3, '0');
  }
  return out;
}

export function encodeQuery(q: QueryOptions): Buffer {
  const labels = nameToLabels(q.name);
  const parts: Buffer[] = [];
  const h = Buffer.alloc(12);
  h.writeUInt16BE(q.id & 0xffff, 0);
  // RD; AD=1 in a query asks for the AD bit back (RFC 6840 §5.7); CD as asked
  let flags = 0x0100 | 0x0020;
  if (q.checkingDisabled) flags |= 0x0010;
  h.writeUInt16BE(flags, 2);
  h.writeUInt16BE(1, 4); // QDCOUNT
  h.writeUInt16BE(1, 10); // ARCOUNT: the OPT record
  parts.push(h);
  for (const l of labels) parts.push(Buffer.from([l.length]), l);
  const tail = Buffer.alloc(5 + 11);
  tail.writeUInt8(0, 0);
  tail.writeUInt16BE(q.type, 1);
  tail.writeUInt16BE(1, 3); // IN
  // OPT pseudo-RR: root owner, type 41, class = UDP payload size, TTL = ext-rcode/version/DO
  tail.writeUInt8(0, 5);
  tail.writeUInt16BE(TYPE.OPT, 6);
  tail.writeUInt16BE(q.udpSize ?? 1232, 8);
  tail.writeUInt32BE(q.dnssecOk === false ? 0 : 0x8000, 10);
  tail.writeUInt16BE(0, 14);
  parts.push(tail);
  return Buffer.concat(parts);
}

export interface Rr {
  name: string;
  type: number;
  typeName: string;
  class: number;
  ttl: number;
  /** decoded RDATA: A/AAAA address string; MX {preference, exchange}; CNAME/NS target;
   *  TLSA {usage, selector, matchingType, data}; RRSIG {typeCovered}; otherwise hex */
  data: unknown;
}
export interface MxData { preference: number; exchange: string }
export interface TlsaData { usage: number; selector: number; matchingType: number; data: string }
export interface Ede { code: number; text: string }

export interface DnsMessage {
  id: number;
  qr: boolean;
  opcode: number;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  ad: boolean;
  cd: boolean;
  rcode: number;
  question: { name: string; type: number; class: number }[];
  answer: Rr[];
  authority: Rr[];
  additional: Rr[];
  edns?: { udpSize: number; version: number; dnssecOk: boolean; ede: Ede[] };
}

class Reader {
  constructor(readonly buf: Buffer, public pos = 0) {}
  need(n: number): void { if (this.pos + n > this.buf.length) throw new DnsWireError('truncated message'); }
  u8(): number { this.need(1); return this.buf[this.pos++]; }
  u16(): number { this.need(2); const v = this.buf.readUInt16BE(this.pos); this.pos += 2; return v; }
  u32(): number { this.need(4); const v = this.buf.readUInt32BE(this.pos); this.pos += 4; return v; }
  bytes(n: number): Buffer { this.need(n); const b = this.buf.subarray(this.pos, this.pos + n); this.pos += n; return b; }
  /** a possibly compressed name; pointers must go backwards, so loops cannot happen */
  name(): string {
    const labels: string[] = [];
    let pos = this.pos;
    let jumped = false;
    let total = 0;
    for (;;) {
      if (pos >= this.buf.length) throw new DnsWireError('truncated name');
      const len = this.buf[pos];
      if ((len & 0xc0) === 0xc0) {
        if (pos + 1 >= this.buf.length) throw new DnsWireError('truncated pointer');
        const ptr = ((len & 0x3f) << 8) | this.buf[pos + 1];
        if (ptr >= pos) throw new DnsWireError('forward compression pointer');
        if (!jumped) this.pos = pos + 2;
        jumped = true;
        pos = ptr;
        continue;
      }
      if (len & 0xc0) throw new DnsWireError('unknown label type');
      if (len === 0) { if (!jumped) this.pos = pos + 1; break; }
      if (pos + 1 + len > this.buf.length) throw new DnsWireError('truncated label');
      total += len + 1;
      if (total > 255) throw new DnsWireError('name too long');
      labels.push(labelToText(this.buf.subarray(pos + 1, pos + 1 + len)));
      pos += 1 + len;
    }
    return labels.length ? labels.join('.') + '.' : '.';
  }
}

function ipv6Text(b: Buffer): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(b.readUInt16BE(i).toString(16));
  // compress the longest run of zero groups (RFC 5952)
  let best = -1, bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i; while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) { best = i; bestLen = j - i; }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return groups.slice(0, best).join(':') + '::' + groups.slice(best + bestLen).join(':');
}

function readRdata(r: Reader, type: number, len: number): unknown {
  const end = r.pos + len;
  r.need(len);
  let v: unknown;
  switch (type) {
    case TYPE.A:
      if (len !== 4) throw new DnsWireError('A RDATA is not 4 octets');
      v = Array.from(r.bytes(4)).join('.');
      break;
    case TYPE.AAAA:
      if (len !== 16) throw new DnsWireError('AAAA RDATA is not 16 octets');
      v = ipv6Text(r.bytes(16));
      break;
    case TYPE.MX: v = { preference: r.u16(), exchange: r.name() } satisfies MxData; break;
    case TYPE.CNAME: case TYPE.NS: v = r.name(); break;
    case TYPE.TLSA: {
      if (len < 3) throw new DnsWireError('TLSA RDATA shorter than 3 octets');
      v = { usage: r.u8(), selector: r.u8(), matchingType: r.u8(), data: r.bytes(len - 3).toString('hex') } satisfies TlsaData;
      break;
    }
    case TYPE.RRSIG: v = { typeCovered: dnsTypeName(r.u16()) }; r.pos = end; break;
    default: v = r.bytes(len).toString('hex');
  }
  if (r.pos !== end) throw new DnsWireError(`RDATA length mismatch for ${dnsTypeName(type)}`);
  return v;
}

export function decodeMessage(buf: Buffer): DnsMessage {
  const r = new Reader(buf);
  const id = r.u16();
  const flags = r.u16();
  const qd = r.u16(), an = r.u16(), ns = r.u16(), ar = r.u16();
  const msg: DnsMessage = {
    id,
    qr: !!(flags & 0x8000),
    opcode: (flags >> 11) & 0xf,
    aa: !!(flags & 0x0400),
    tc: !!(flags & 0x0200),
    rd: !!(flags & 0x0100),
    ra: !!(flags & 0x0080),
    ad: !!(flags & 0x0020),
    cd: !!(flags & 0x0010),
    rcode: flags & 0xf,
    question: [], answer: [], authority: [], additional: [],
  };
  for (let i = 0; i < qd; i++) msg.question.push({ name: r.name(), type: r.u16(), class: r.u16() });
  const section = (n: number, into: Rr[]): void => {
    for (let i = 0; i < n; i++) {
      const name = r.name();
      const type = r.u16(), cls = r.u16(), ttl = r.u32(), len = r.u16();
      if (type === TYPE.OPT) {
        const end = r.pos + len;
        r.need(len);
        const ede: Ede[] = [];
        while (r.pos < end) {
          const code = r.u16(), olen = r.u16();
          if (r.pos + olen > end) throw new DnsWireError('EDNS option overruns OPT');
          const data = r.bytes(olen);
          if (code === 15 && olen >= 2) ede.push({ code: data.readUInt16BE(0), text: data.subarray(2).toString('utf8') });
        }
        msg.rcode |= ((ttl >>> 24) & 0xff) << 4;
        msg.edns = { udpSize: cls, version: (ttl >>> 16) & 0xff, dnssecOk: !!(ttl & 0x8000), ede };
        continue;
      }
      into.push({ name, type, typeName: dnsTypeName(type), class: cls, ttl, data: readRdata(r, type, len) });
    }
  };
  section(an, msg.answer);
  section(ns, msg.authority);
  section(ar, msg.additional);
  return msg;
}

/** RFC 8914 §5.2 codes that say "DNSSEC validation failed" (bogus), as opposed to unreachable. */
export const EDE_DNSSEC_BOGUS = new Set([1, 2, 5, 6, 7, 8, 9, 10, 11, 12]);
export const EDE_NAMES: Record<number, string> = {
  0: 'Other', 1: 'Unsupported DNSKEY Algorithm', 2: 'Unsupported DS Digest Type', 3: 'Stale Answer', 4: 'Forged Answer',
  5: 'DNSSEC Indeterminate', 6: 'DNSSEC Bogus', 7: 'Signature Expired', 8: 'Signature Not Yet Valid', 9: 'DNSKEY Missing',
  10: 'RRSIGs Missing', 11: 'No Zone Key Bit Set', 12: 'NSEC Missing', 13: 'Cached Error', 14: 'Not Ready', 15: 'Blocked',
  16: 'Censored', 17: 'Filtered', 18: 'Prohibited', 19: 'Stale NXDOMAIN Answer', 20: 'Not Authoritative', 21: 'Not Supported',
  22: 'No Reachable Authority', 23: 'Network Error', 24: 'Invalid Data',
};

/** Normalise a name for comparison: lowercase, absolute. */
export function canonName(n: string): string {
  const s = n.toLowerCase();
  return s.endsWith('.') ? s : s + '.';
}

/** A name as reports show it: without the trailing dot (the root stays '.'). */
export function bareName(n: string): string {
  return n.length > 1 ? n.replace(/\.$/, '') : n;
}
