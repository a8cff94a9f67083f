// Records in DNS wire form (RFC 1035 §3.2.1, §3.3), as DNSSEC signs them: the canonical form of
// RFC 4034 §6.2 (names uncompressed, and lowercased in the RDATA of the types it lists, less NSEC:
// RFC 6840 §5.1). One encoder per field kind, as the parser has one reader per kind; the values
// are the parser's, but a character-string is read again from the text as written (its value
// cannot tell a \DDD escape from a character of UTF-8). Never throws on a record the parser kept.
import { svcKeyNumber as svcKeyNumberOf, type FieldKind } from './field-kinds';
import { isDataToken, lexLines } from './lexer';
import { ipv6Key } from './ip-text';
import { base32hexOctets } from './base32hex';
import type { ZoneRecord } from './model';
import { typeCodeByName } from './rr-codes';
import { bitmapMetaType, rrTypeByName } from './rr-types';

/** Types whose RDATA names are lowercased in the canonical form (RFC 4034 §6.2 item 3, less NSEC). */
const LOWERCASED_RDATA_NAMES = new Set(['NS', 'MD', 'MF', 'CNAME', 'SOA', 'MB', 'MG', 'MR', 'PTR', 'HINFO', 'MINFO', 'MX', 'RP', 'AFSDB', 'RT', 'SIG', 'PX', 'NXT', 'NAPTR', 'KX', 'SRV', 'DNAME', 'A6', 'RRSIG']);

/** Octets written one at a time into a growing buffer. */
export class WireWriter {
  private buf = new Uint8Array(256);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  u8(v: number): void { this.room(1); this.buf[this.length++] = v & 0xff; }
  u16(v: number): void { this.u8(v >>> 8); this.u8(v); }
  u32(v: number): void { this.u16(Math.floor(v / 65536) % 65536); this.u16(v % 65536); }
  bytes(b: Uint8Array): void { this.room(b.length); this.buf.set(b, this.length); this.length += b.length; }
  /** the octets written so far (a copy: the writer may go on) */
  done(): Uint8Array { return this.buf.slice(0, this.length); }
}

const utf8 = new TextEncoder();

/** The labels of a presentation name (escapes decoded, characters beyond ASCII in UTF-8), in
 *  wire form with the root label; `lower`: ASCII letters lowercased. */
export function nameWire(name: string, lower: boolean, w = new WireWriter()): WireWriter {
  if (name === '.' || name === '') { w.u8(0); return w; }
  let label: number[] = [];
  const flush = (): void => {
    w.u8(label.length);
    for (const o of label) w.u8(lower && o >= 65 && o <= 90 ? o + 32 : o);
    label = [];
  };
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 92) {
      const d = name.slice(i + 1, i + 4);
      if (/^[0-9]{3}$/.test(d)) { label.push(Number(d)); i += 3; } else { label.push(name.charCodeAt(i + 1)); i += 1; }
    } else if (c === 46) {
      flush();
    } else if (c < 0x80) {
      label.push(c);
    } else {
      const cp = name.codePointAt(i)!;
      for (const o of utf8.encode(String.fromCodePoint(cp))) label.push(o);
      if (cp > 0xffff) i++;
    }
  }
  if (label.length) flush();
  w.u8(0);
  return w;
}

/** A character-string's octets from its text as written (quoted or not, escapes kept). */
export function characterStringOctets(written: string): number[] {
  let s = written;
  if (s.length >= 2 && s.charCodeAt(0) === 34 && s.charCodeAt(s.length - 1) === 34) s = s.slice(1, -1);
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) {
      const d = s.slice(i + 1, i + 4);
      if (/^[0-9]{3}$/.test(d)) { out.push(Number(d)); i += 3; } else if (i + 1 < s.length) { out.push(s.charCodeAt(i + 1)); i += 1; }
    } else if (c < 0x80) {
      out.push(c);
    } else {
      const cp = s.codePointAt(i)!;
      for (const o of utf8.encode(String.fromCodePoint(cp))) out.push(o);
      if (cp > 0xffff) i++;
    }
  }
  return out;
}

/** The words of RDATA text as the record keeps it (its tokens joined by single spaces), read
 *  again by the lexer: a quoted string is one word whatever it holds, escapes are kept. */
export function rdataWords(text: string): string[] {
  return lexLines([text]).entries.flatMap((e) => e.tokens.filter(isDataToken).map((t) => t.text));
}

function hexOctets(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

function ipv4Octets(text: string): number[] {
  return text.split('.').map(Number);
}

function ipv6Octets(text: string): number[] {
  const out: number[] = [];
  for (const g of ipv6Key(text).split(':')) {
    const v = parseInt(g, 16);
    out.push(v >>> 8, v & 0xff);
  }
  return out;
}

function typeCode(mnemonic: string): number | undefined {
  return typeCodeByName(mnemonic) ?? bitmapMetaType(mnemonic)?.code;
}

/** A type bitmap (RFC 4034 §4.1.2): per window of 256 types, its number, length and bits. */
function typeBitmap(w: WireWriter, types: readonly string[]): void {
  const codes = [...new Set(types.map(typeCode).filter((c): c is number => c !== undefined))].sort((a, b) => a - b);
  for (let i = 0; i < codes.length;) {
    const window = codes[i] >>> 8;
    const bits = new Uint8Array(32);
    let len = 0;
    for (; i < codes.length && codes[i] >>> 8 === window; i++) {
      const low = codes[i] & 0xff;
      bits[low >>> 3] |= 0x80 >>> (low & 7);
      len = (low >>> 3) + 1;
    }
    w.u8(window);
    w.u8(len);
    w.bytes(bits.subarray(0, len));
  }
}

// LOC (RFC 1876 §2, App. A): sizes as a mantissa and a power of ten of centimetres, degrees as
// thousandths of an arc second from 2^31, the altitude in centimetres above -100 000 m.
function locSize(metres: string): number {
  let cm = Math.round(Number(metres.replace(/m$/, '')) * 100);
  let exp = 0;
  while (cm >= 10 && exp < 9) { cm = Math.floor(cm / 10); exp++; }
  return (Math.min(cm, 9) << 4) | exp;
}

function locWire(w: WireWriter, text: string): void {
  const words = text.split(' ');
  let i = 0;
  const coord = (hemis: string): number => {
    let ms = Number(words[i++]) * 3600000;
    if (/^[0-9]+$/.test(words[i])) ms += Number(words[i++]) * 60000;
    if (/^[0-9.]+$/.test(words[i])) ms += Math.round(Number(words[i++]) * 1000);
    const sign = words[i++] === hemis[1] ? -1 : 1;
    return 2 ** 31 + sign * ms;
  };
  const lat = coord('NS');
  const lon = coord('EW');
  const alt = Math.round(Number(words[i++].replace(/m$/, '')) * 100) + 10000000;
  const sizes = [locSize(words[i] ?? '1'), locSize(words[i + 1] ?? '10000'), locSize(words[i + 2] ?? '10')];
  w.u8(0);
  for (const s of sizes) w.u8(s);
  w.u32(lat);
  w.u32(lon);
  w.u32(alt);
}

// APL items (RFC 3123 §4): family, prefix, negation and length, the address without its trailing zero octets.
function aplWire(w: WireWriter, items: readonly string[]): void {
  for (const item of items) {
    const m = /^(!?)([12]):([^/]+)\/([0-9]+)$/.exec(item);
    if (!m) continue;
    const octets = m[2] === '1' ? ipv4Octets(m[3]) : ipv6Octets(m[3]);
    let n = octets.length;
    while (n > 0 && octets[n - 1] === 0) n--;
    w.u16(Number(m[2]));
    w.u8(Number(m[4]));
    w.u8((m[1] ? 0x80 : 0) | n);
    w.bytes(Uint8Array.from(octets.slice(0, n)));
  }
}

/** A value-list (RFC 9460 App. A.1): the value's octets (a char-string, decoded once) split at
 *  commas, a comma or backslash after a backslash taken as itself. */
function valueListItems(octets: readonly number[]): number[][] {
  const out: number[][] = [[]];
  for (let i = 0; i < octets.length; i++) {
    const o = octets[i];
    if (o === 92 && i + 1 < octets.length) out[out.length - 1].push(octets[++i]);
    else if (o === 44) out.push([]);
    else out[out.length - 1].push(o);
  }
  return out;
}

/** Each SvcParam's value as written in the RDATA text (quoted or not, escapes kept): the parser's
 *  value of a quoted one is decoded already, which cannot tell `\255` from U+00FF nor `\\` from `\`. */
function writtenSvcValues(rdataText: string): Map<string, string> {
  const words = rdataWords(rdataText).slice(2);
  const out = new Map<string, string>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const eq = w.indexOf('=');
    if (eq < 0) { out.set(w, ''); continue; }
    // `key="value"`: the record's text keeps the quoted word apart (`key= "value"`)
    if (eq === w.length - 1 && words[i + 1]?.startsWith('"')) { out.set(w.slice(0, eq), words[++i]); continue; }
    out.set(w.slice(0, eq), w.slice(eq + 1));
  }
  return out;
}

// the parser checked every key: each has a number
const svcKeyNumber = (key: string): number => svcKeyNumberOf(key)!;

// SvcParams (RFC 9460 §2.2): in increasing key order, each a key, a length and its value.
function svcParamsWire(w: WireWriter, params: Readonly<Record<string, string>>, rdataText: string): void {
  const keys = Object.keys(params).sort((a, b) => svcKeyNumber(a) - svcKeyNumber(b));
  const written = writtenSvcValues(rdataText);
  for (const key of keys) {
    // the value as written, decoded once as a char-string (RFC 9460 §2.1)
    const octets = characterStringOctets(written.get(key) ?? params[key]);
    const v = String.fromCharCode(...octets);
    const value = new WireWriter();
    switch (key) {
      case 'mandatory': for (const k of v.split(',').map(svcKeyNumber).sort((a, b) => a - b)) value.u16(k); break;
      case 'alpn': for (const id of valueListItems(octets)) { value.u8(id.length); value.bytes(Uint8Array.from(id)); } break;
      case 'port': value.u16(Number(v)); break;
      case 'ipv4hint': for (const a of v.split(',')) value.bytes(Uint8Array.from(ipv4Octets(a))); break;
      case 'ipv6hint': for (const a of v.split(',')) value.bytes(Uint8Array.from(ipv6Octets(a))); break;
      case 'ech': value.bytes(Uint8Array.from(Buffer.from(v, 'base64'))); break;
      case 'no-default-alpn': case 'ohttp': break;
      default: value.bytes(Uint8Array.from(octets));
    }
    w.u16(svcKeyNumber(key));
    w.u16(value.length);
    w.bytes(value.done());
  }
}

/** The RDATA of the RFC 3597 form `\# len hex`, as written. */
function genericOctets(rdataText: string): Uint8Array {
  const words = rdataText.split(' ');
  return hexOctets(words.slice(2).join(''));
}

/** A string of octets (one character each, as generic RDATA decodes them) written with escapes. */
function octetsWritten(v: unknown): string {
  return typeof v === 'string' ? `"${Array.from(v, (c) => `\\${String(c.charCodeAt(0)).padStart(3, '0')}`).join('')}"` : '';
}

/** Writes one field; `written`: the field's text as written (character-string kinds read it). */
function writeField(w: WireWriter, kind: FieldKind, value: unknown, lower: boolean, written: readonly string[], values: readonly unknown[], rdataText: string): boolean {
  switch (kind) {
    case 'u8': case 'algorithm': w.u8(value as number); return true;
    case 'u16': case 'cert-type': w.u16(value as number); return true;
    case 'u32': case 'ttl': case 'time': w.u32(value as number); return true;
    case 'name': nameWire(value as string, lower, w); return true;
    case 'ipv4': w.bytes(Uint8Array.from(ipv4Octets(value as string))); return true;
    case 'ipv6': w.bytes(Uint8Array.from(ipv6Octets(value as string))); return true;
    case 'hex': case 'hex-rest': w.bytes(hexOctets(value as string)); return true;
    case 'salt': { const b = hexOctets(value as string); w.u8(b.length); w.bytes(b); return true; }
    case 'base32hex': { const b = base32hexOctets(value as string); w.u8(b.length); w.bytes(Uint8Array.from(b)); return true; }
    case 'base64-rest': case 'base64-opt': w.bytes(Uint8Array.from(Buffer.from(value as string, 'base64'))); return true;
    case 'text': case 'naptr-regexp': case 'text-rest': {
      if (!written.length) return false;
      for (const word of written) { const o = characterStringOctets(word); w.u8(o.length); w.bytes(Uint8Array.from(o)); }
      return true;
    }
    case 'long-text': case 'uri': {
      if (written.length !== 1) return false;
      w.bytes(Uint8Array.from(characterStringOctets(written[0])));
      return true;
    }
    // the tag as written: the parser's value is lowercased, the wire form keeps its case
    case 'caa-tag': { const b = utf8.encode(written[0] ?? (value as string)); w.u8(b.length); w.bytes(b); return true; }
    case 'type': { const c = typeCode(value as string); if (c === undefined) return false; w.u16(c); return true; }
    case 'type-bitmap': case 'nsec-bitmap': typeBitmap(w, value as string[]); return true;
    case 'svc-params': svcParamsWire(w, value as Record<string, string>, rdataText); return true;
    case 'loc': locWire(w, value as string); return true;
    case 'eui48': case 'eui64': w.bytes(hexOctets((value as string).replace(/-/g, ''))); return true;
    case 'ilnp64': for (const g of (value as string).split(':')) w.u16(parseInt(g, 16)); return true;
    case 'apl': aplWire(w, value as string[]); return true;
    case 'gateway': {
      // IPSECKEY (RFC 4025 §2.5): by the gateway type before it, nothing, an address or a name
      const type = values[1];
      if (type === 1) w.bytes(Uint8Array.from(ipv4Octets(value as string)));
      else if (type === 2) w.bytes(Uint8Array.from(ipv6Octets(value as string)));
      else if (type === 3) nameWire(value as string, false, w);
      return true;
    }
  }
  return false;
}

/** A record's RDATA in canonical wire form, or undefined when it cannot be encoded (a field
 *  missing after a parse error). */
export function canonicalRdata(rec: ZoneRecord): Uint8Array | undefined {
  const lower = LOWERCASED_RDATA_NAMES.has(rec.type);
  const def = rrTypeByName(rec.type);
  // `\# len hex` is the wire form itself, but for the names the canonical form lowercases
  const namesToLower = lower && !!def?.fields.some((f) => f.kind === 'name');
  if (rec.generic && !(namesToLower && rec.values.length === def!.fields.length)) return genericOctets(rec.rdataText);
  if (!def || rec.values.length !== def.fields.length || rec.values.some((v) => v === undefined)) return undefined;
  const w = new WireWriter();
  const hasText = def.fields.some((f) => f.kind === 'text' || f.kind === 'text-rest' || f.kind === 'naptr-regexp' || f.kind === 'long-text' || f.kind === 'uri');
  // fields before a character-string are one word each in every type that has one; a generic
  // record's strings are its decoded octets, one character each
  const words = !hasText ? [] : rec.generic ? rec.values.map(octetsWritten) : rdataWords(rec.rdataText);
  for (let i = 0; i < def.fields.length; i++) {
    const kind = def.fields[i].kind;
    const written = kind === 'text-rest' ? words.slice(i) : words.slice(i, i + 1);
    if (!writeField(w, kind, rec.values[i], lower, written, rec.values, rec.rdataText)) return undefined;
  }
  return w.done();
}

/** Canonical owner name in wire form (lowercased, RFC 4034 §6.2 item 2). */
export function ownerWire(name: string): Uint8Array {
  return nameWire(name, true).done();
}
