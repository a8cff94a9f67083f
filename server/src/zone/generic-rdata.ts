// RFC 3597 §5 generic RDATA (`\# <length> <hex>`): checks the length and, for a
// known type, decodes the wire bytes with the type's field kinds so the record
// gets the same typed fields as its presentation form. Never throws outward.
import type { FieldDef } from './rr-types';
import { typeName } from './rr-types';
import { base32hexText } from './base32hex';

class Short extends Error {}

function need(b: Uint8Array, p: number, n: number): void {
  if (p + n > b.length) throw new Short();
}

function wireName(b: Uint8Array, pos: { p: number }): string {
  let out = '';
  for (let hops = 0; hops < 128; hops++) {
    need(b, pos.p, 1);
    const len = b[pos.p++];
    if (len === 0) return out || '.';
    if (len > 63) throw new Error('compression pointers or bad label length in generic RDATA');
    need(b, pos.p, len);
    for (let i = 0; i < len; i++) {
      const c = b[pos.p + i];
      const ch = String.fromCharCode(c);
      out += c <= 32 || c >= 127 ? '\\' + String(c).padStart(3, '0') : '.\\"();@$'.includes(ch) ? '\\' + ch : ch;
    }
    out += '.';
    pos.p += len;
  }
  throw new Error('name too long');
}

function decodeField(def: FieldDef, b: Uint8Array, pos: { p: number }): unknown {
  const rest = (): Uint8Array => { const r = b.subarray(pos.p); pos.p = b.length; return r; };
  switch (def.kind) {
    case 'u8': case 'algorithm': need(b, pos.p, 1); return b[pos.p++];
    case 'u16': case 'cert-type': need(b, pos.p, 2); pos.p += 2; return (b[pos.p - 2] << 8) | b[pos.p - 1];
    case 'u32': case 'ttl': case 'time': need(b, pos.p, 4); pos.p += 4;
      return ((b[pos.p - 4] << 24) >>> 0) + (b[pos.p - 3] << 16) + (b[pos.p - 2] << 8) + b[pos.p - 1];
    case 'ipv4': need(b, pos.p, 4); pos.p += 4; return Array.from(b.subarray(pos.p - 4, pos.p)).join('.');
    case 'ipv6': {
      need(b, pos.p, 16);
      const parts: string[] = [];
      for (let i = 0; i < 16; i += 2) parts.push(((b[pos.p + i] << 8) | b[pos.p + i + 1]).toString(16));
      pos.p += 16;
      return parts.join(':').replace(/(^|:)0(:0)+(:|$)/, '::').replace(/:{3,}/, '::');
    }
    case 'name': return wireName(b, pos);
    case 'type': { need(b, pos.p, 2); pos.p += 2; return typeName((b[pos.p - 2] << 8) | b[pos.p - 1]); }
    case 'text': case 'naptr-regexp': { need(b, pos.p, 1); const n = b[pos.p++]; need(b, pos.p, n); pos.p += n; return Buffer.from(b.subarray(pos.p - n, pos.p)).toString('latin1'); }
    case 'text-rest': {
      const out: string[] = [];
      while (pos.p < b.length) { const n = b[pos.p++]; need(b, pos.p, n); out.push(Buffer.from(b.subarray(pos.p, pos.p + n)).toString('latin1')); pos.p += n; }
      if (!out.length) throw new Short();
      return out;
    }
    case 'salt': case 'hex': { need(b, pos.p, 1); const n = b[pos.p++]; need(b, pos.p, n); pos.p += n; return Buffer.from(b.subarray(pos.p - n, pos.p)).toString('hex'); }
    case 'base32hex': { need(b, pos.p, 1); const n = b[pos.p++]; need(b, pos.p, n); pos.p += n; return base32hexText(b.subarray(pos.p - n, pos.p)); }
    // CAA's value and URI's target are the rest of the RDATA, without a length octet
    case 'long-text': case 'uri': return Buffer.from(rest()).toString('latin1');
    case 'hex-rest': return Buffer.from(rest()).toString('hex');
    case 'base64-rest': return Buffer.from(rest()).toString('base64');
    // Kinds whose wire form is checked but not decoded: parseGeneric keeps the bytes (UNDECODED).
    case 'type-bitmap': case 'nsec-bitmap': checkBitmap(rest(), def.kind === 'nsec-bitmap'); return undefined;
    case 'svc-params': checkSvcParams(rest()); return undefined;
    case 'loc': checkLoc(rest()); return undefined;
    case 'eui48': case 'eui64': {
      const n = def.kind === 'eui48' ? 6 : 8;
      need(b, pos.p, n);
      pos.p += n;
      return Array.from(b.subarray(pos.p - n, pos.p), (x) => x.toString(16).padStart(2, '0')).join('-');
    }
    case 'ilnp64': {
      need(b, pos.p, 8);
      const groups: string[] = [];
      for (let i = 0; i < 8; i += 2) groups.push(((b[pos.p + i] << 8) | b[pos.p + i + 1]).toString(16).padStart(4, '0'));
      pos.p += 8;
      return groups.join(':');
    }
    case 'apl': return aplItems(rest());
    // IPSECKEY's gateway takes its form from the gateway type before it: kept as bytes
    case 'gateway': rest(); return undefined;
    case 'base64-opt': return pos.p >= b.length ? undefined : Buffer.from(rest()).toString('base64');
    case 'caa-tag': {
      // RFC 8659 §4.1: tag length (1-255), then letters and digits; BIND refuses others (FORMERR)
      need(b, pos.p, 1);
      const n = b[pos.p++];
      need(b, pos.p, n);
      const tag = Buffer.from(b.subarray(pos.p, pos.p + n)).toString('latin1');
      if (n === 0 || !/^[A-Za-z0-9]+$/.test(tag)) throw new Error(`CAA tag '${tag}' is not 1 or more letters and digits (RFC 8659 §4.1)`);
      pos.p += n;
      return tag.toLowerCase();
    }
  }
}

// RFC 3123 §4: items of family (2), prefix (1), negation bit and length (1), then the address's
// leading octets without trailing zeros
function aplItems(b: Uint8Array): string[] {
  const out: string[] = [];
  let p = 0;
  while (p < b.length) {
    need(b, p, 4);
    const family = (b[p] << 8) | b[p + 1], prefix = b[p + 2], neg = b[p + 3] >> 7, len = b[p + 3] & 0x7f;
    p += 4;
    need(b, p, len);
    const size = family === 1 ? 4 : family === 2 ? 16 : 0;
    if (!size || len > size || prefix > size * 8) throw new Error(`APL item of family ${family}, prefix ${prefix}, ${len} octets: not an IPv4 or IPv6 prefix (RFC 3123 §4)`);
    const addr = new Uint8Array(size);
    addr.set(b.subarray(p, p + len));
    p += len;
    const text = family === 1 ? Array.from(addr).join('.') : Array.from({ length: 8 }, (_, i) => ((addr[2 * i] << 8) | addr[2 * i + 1]).toString(16)).join(':');
    out.push(`${neg ? '!' : ''}${family}:${text}/${prefix}`);
  }
  return out;
}

// RFC 4034 §4.1.2: windows in increasing order, each 1-32 octets, the last octet not zero
function checkBitmap(b: Uint8Array, nsec: boolean): void {
  if (nsec && b.length === 0) throw new Error('an NSEC type bitmap lists at least NSEC itself (RFC 4034 §4.1.2)');
  let last = -1;
  for (let p = 0; p < b.length;) {
    need(b, p, 2);
    const win = b[p], len = b[p + 1];
    if (win <= last) throw new Error(`type bitmap window ${win} comes after window ${last}: windows are in increasing order (RFC 4034 §4.1.2)`);
    if (len < 1 || len > 32) throw new Error(`type bitmap window ${win} has length ${len}, expected 1 to 32 (RFC 4034 §4.1.2)`);
    need(b, p + 2, len);
    if (b[p + 1 + len] === 0) throw new Error(`type bitmap window ${win} ends with a zero octet (RFC 4034 §4.1.2)`);
    last = win;
    p += 2 + len;
  }
}

// RFC 9460 §2.2: key, length, value; keys in strictly increasing order
function checkSvcParams(b: Uint8Array): void {
  let last = -1;
  for (let p = 0; p < b.length;) {
    need(b, p, 4);
    const key = (b[p] << 8) | b[p + 1], len = (b[p + 2] << 8) | b[p + 3];
    if (key <= last) throw new Error(`SvcParam keys are not in increasing order: key${key} after key${last} (RFC 9460 §2.2)`);
    if (p + 4 + len > b.length) throw new Error(`SvcParam key${key} says ${len} octets, ${b.length - p - 4} left (RFC 9460 §2.2)`);
    last = key;
    p += 4 + len;
  }
}

// RFC 1876 §2: version 0 is 16 octets; BIND keeps another version's bytes as they are
function checkLoc(b: Uint8Array): void {
  need(b, 0, 1);
  if (b[0] === 0 && b.length !== 16) throw new Error(`LOC version 0 is 16 octets, this one has ${b.length} (RFC 1876 §2)`);
}

// A record with one of these fields keeps no values: it stays opaque `\\# len hex`
// (presented as written), rather than typed with a field missing (it printed empty).
const UNDECODED = new Set<string>(['type-bitmap', 'nsec-bitmap', 'svc-params', 'loc']);

export interface GenericResult {
  bytes?: Uint8Array;
  values?: unknown[];
  error?: string;
}

/** Parses the words after `\#`: length then hex; decodes against `fields` when given. */
export function parseGeneric(words: readonly string[], fields: readonly FieldDef[] | undefined): GenericResult {
  if (words.length === 0 || !/^[0-9]+$/.test(words[0])) return { error: `generic RDATA: expected '\\# <length> <hex>' (RFC 3597 §5), found ${words.length ? `'${words[0]}' where the length goes` : 'no length'}` };
  const len = Number(words[0]);
  if (len > 65535) return { error: `generic RDATA: length ${len} is over 65535` };
  const hex = words.slice(1).join('');
  const notHex = words.slice(1).find((w) => !/^[0-9a-fA-F]*$/.test(w));
  if (notHex !== undefined) return { error: `generic RDATA: '${notHex}' is not hexadecimal` };
  if (hex.length % 2) return { error: 'generic RDATA: odd number of hex digits' };
  if (hex.length / 2 !== len) return { error: `generic RDATA: length says ${len} octets but the data has ${hex.length / 2}` };
  const bytes = Buffer.from(hex, 'hex');
  if (!fields) return { bytes };
  const pos = { p: 0 };
  try {
    const values: unknown[] = [];
    for (const fd of fields) {
      // checked against the wire format, then kept as bytes (no typed value for these kinds)
      if (UNDECODED.has(fd.kind)) { decodeField(fd, bytes, pos); return { bytes }; }
      values.push(decodeField(fd, bytes, pos));
    }
    if (pos.p !== bytes.length) return { error: `generic RDATA: ${bytes.length - pos.p} octets left over after the last field` };
    return { bytes, values };
  } catch (e) {
    const layout = fields.map((f) => f.name).join(' ');
    return { error: e instanceof Short ? `generic RDATA: ${bytes.length} octets are too short for this type (fields: ${layout})` : `generic RDATA: ${(e as Error).message}` };
  }
}

/** The SvcParamKeys of SVCB or HTTPS RDATA in wire form, each with the offset of its two key
 *  octets (RFC 9460 §2.2: after SvcPriority and TargetName); empty when the bytes do not hold
 *  them (the parser has said why). Rules read the keys of RDATA written as `\#` (RFC 3597). */
export function svcParamKeysOfWire(b: Uint8Array): { key: number; at: number }[] {
  const out: { key: number; at: number }[] = [];
  try {
    need(b, 0, 2);
    const pos = { p: 2 };
    wireName(b, pos);
    for (let p = pos.p; p + 4 <= b.length; p += 4 + ((b[p + 2] << 8) | b[p + 3])) out.push({ key: (b[p] << 8) | b[p + 1], at: p });
  } catch {
    return [];
  }
  return out;
}
