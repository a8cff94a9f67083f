// RDATA field kinds: one presentation parser per kind (RFC 1035 §5.1 and the RFCs
// of each type). A parser reads words from a cursor and returns the typed value,
// or records an error with the word range it concerns. Never throws.
import { isIpv4At, isIpv6At } from './ip-text';
import type { Token } from './syntax';
import { TokKind } from './syntax';
import { resolveName, type NameCache } from './names';
import { parseTtl } from './ttl';
import { ALGORITHMS, CERT_TYPES, NUMBER_ONLY_ALGORITHMS, typeCodeByName } from './rr-codes';
import { bitmapMetaType, typeName } from './rr-types';

export type FieldKind =
  | 'u8' | 'u16' | 'u32' | 'ttl' | 'name' | 'ipv4' | 'ipv6'
  | 'hex' | 'hex-rest' | 'salt' | 'base64-rest' | 'base32hex'
  | 'text' | 'long-text' | 'uri' | 'naptr-regexp' | 'text-rest' | 'type' | 'type-bitmap' | 'nsec-bitmap' | 'time' | 'algorithm'
  | 'caa-tag' | 'svc-params' | 'loc' | 'cert-type' | 'eui48' | 'eui64' | 'ilnp64' | 'gateway' | 'base64-opt' | 'apl';

export interface FieldCursor {
  words: readonly Token[];
  i: number;
  origin: string;
  /** resolves names with a cache of recent ones (a whole-file parse), else resolveName */
  names?: NameCache;
  /** the first problem; `rewrite`: text that would make the words from..to right (a quick-fix) */
  error?: { message: string; from: number; to: number; rewrite?: { title: string; text: string } };
}

export function fail(c: FieldCursor, message: string, from = c.i, to = c.i + 1): undefined {
  if (!c.error) c.error = { message, from, to };
  return undefined;
}

function word(c: FieldCursor, what: string): Token | undefined {
  const w = c.words[c.i];
  if (!w) return fail(c, `missing ${what}`, Math.max(0, c.i - 1), c.i);
  c.i++;
  return w;
}

function unsigned(c: FieldCursor, what: string, max: number): number | undefined {
  const w = word(c, what);
  if (!w) return undefined;
  if (!/^[0-9]+$/.test(w.text)) return fail(c, `${what}: expected a number from 0 to ${max}, found '${w.text}'`, c.i - 1, c.i);
  const v = Number(w.text);
  if (v > max) return fail(c, `${what}: ${w.text} is out of range (0-${max})`, c.i - 1, c.i);
  return v;
}

/** Decodes a character-string (quoted or not): escapes resolved; length in octets checked. */
export function unescapeText(raw: string): { value: string; octets: number; error?: string } {
  let s = raw;
  if (s.length >= 2 && s.charCodeAt(0) === 34 && s.charCodeAt(s.length - 1) === 34) s = s.slice(1, -1);
  else if (s.charCodeAt(0) === 34) s = s.slice(1);
  if (s.indexOf('\\') < 0) {
    const octets = Buffer.byteLength(s, 'utf8');
    return { value: s, octets };
  }
  let out = '';
  let octets = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch !== '\\') { out += ch; octets += Buffer.byteLength(ch, 'utf8'); continue; }
    const d = s.slice(i + 1, i + 4);
    if (/^[0-9]/.test(d)) {
      if (!/^[0-9]{3}$/.test(d) || Number(d) > 255) return { value: out, octets, error: `bad escape '\\${d}': \\DDD needs three digits, at most 255` };
      out += String.fromCharCode(Number(d));
      i += 3;
    } else if (i + 1 < s.length) {
      out += s[i + 1];
      i += 1;
    } else {
      return { value: out, octets, error: 'text ends with a lone backslash' };
    }
    octets++;
  }
  return { value: out, octets };
}

function text(c: FieldCursor, what: string): string | undefined {
  const w = word(c, what);
  if (!w) return undefined;
  const r = unescapeText(w.text);
  if (r.error) return fail(c, `${what}: ${r.error}`, c.i - 1, c.i);
  if (r.octets > 255) {
    fail(c, `${what}: a character-string holds at most 255 octets, this one has ${r.octets}; split it into several quoted strings`, c.i - 1, c.i);
    const pieces = splitCharacterString(w.text);
    if (c.error && pieces.length > 1) c.error.rewrite = { title: `Split into ${pieces.length} strings of at most 255 octets`, text: pieces.map((x) => `"${x}"`).join(' ') };
    return undefined;
  }
  return r.value;
}

/** A character-string's text (quoted or not, escapes kept as written) cut into pieces of at most
 *  255 octets each, never inside an escape or a character: what a TXT record with a long DKIM key
 *  needs (RFC 1035 §3.3.14, RFC 6376 §3.6.2.2). Quotes a piece needs are escaped. */
export function splitCharacterString(raw: string): string[] {
  const s = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw.startsWith('"') ? raw.slice(1) : raw;
  const out: string[] = [];
  let piece = '';
  let octets = 0;
  for (let i = 0; i < s.length;) {
    // one octet of the string as written (an escape), or one character (its UTF-8 octets)
    const written = s[i] === '\\'
      ? (/^[0-9]{3}$/.test(s.slice(i + 1, i + 4)) ? s.slice(i, i + 4) : s.slice(i, i + 2))
      : String.fromCodePoint(s.codePointAt(i)!);
    const size = s[i] === '\\' ? 1 : Buffer.byteLength(written, 'utf8');
    if (octets + size > 255) {
      out.push(piece);
      piece = '';
      octets = 0;
    }
    // a bare quote (in an unquoted word) must be escaped inside the quotes the pieces get
    piece += written === '"' ? '\\"' : written;
    octets += size;
    i += written.length;
  }
  out.push(piece);
  return out;
}

// A value that is the rest of the RDATA (CAA value, RFC 8659 §4.1; URI target, RFC 7553 §4.5):
// one word, quoted or not, with no 255-octet limit (BIND and Knot take it as one).
function longText(c: FieldCursor, what: string): string | undefined {
  const w = word(c, what);
  if (!w) return undefined;
  const r = unescapeText(w.text);
  if (r.error) return fail(c, `${what}: ${r.error}`, c.i - 1, c.i);
  return r.value;
}

function rest(c: FieldCursor): Token[] {
  const out = c.words.slice(c.i);
  c.i = c.words.length;
  return out;
}

const HEX = /^[0-9a-fA-F]*$/;
const B64 = /^[A-Za-z0-9+/]*={0,2}$/;
const B32HEX = /^[0-9A-Va-v]+$/;

// RFC 4648 §7 without padding (RFC 5155 §3.3): 2, 4, 5, 7 or 8 characters per 1-5 octets,
// and the bits after the last octet zero (BIND refuses others: "bad base32 encoding").
const B32_TAIL_OK = [true, false, true, false, true, true, false, true];
export function base32hexError(t: string): string | undefined {
  if (t.includes('=')) return `'=' padding is not used here (RFC 5155 §3.3)`;
  if (!B32HEX.test(t)) return 'expected the characters 0-9 and A-V (RFC 4648 §7)';
  const rem = t.length % 8;
  if (!B32_TAIL_OK[rem]) return `${t.length} character${t.length === 1 ? ' is' : 's are'} ${t.length * 5} bits, which is not a whole number of octets (RFC 4648 §7)`;
  const spare = (t.length * 5) % 8;
  if (spare && (parseInt(t[t.length - 1], 32) & ((1 << spare) - 1)) !== 0) return 'the bits after the last octet are not zero (RFC 4648 §7)';
  return undefined;
}

function hexRest(c: FieldCursor, what: string): string | undefined {
  const from = c.i;
  const ws = rest(c);
  if (ws.length === 0) return fail(c, `missing ${what}: expected hexadecimal digits`, Math.max(0, from - 1), from);
  let all = '';
  for (let k = 0; k < ws.length; k++) {
    const t = ws[k].text;
    if (!HEX.test(t)) return fail(c, `${what}: '${t}' is not hexadecimal`, from + k, from + k + 1);
    all += t;
  }
  if (all.length % 2) return fail(c, `${what}: odd number of hex digits (${all.length}): expected two per octet`, from, c.i);
  return all.toLowerCase();
}

function base64Rest(c: FieldCursor, what: string): string | undefined {
  const from = c.i;
  const ws = rest(c);
  if (ws.length === 0) return fail(c, `missing ${what}: expected base64 data`, Math.max(0, from - 1), from);
  for (let k = 0; k < ws.length; k++) {
    const bad = /[^A-Za-z0-9+/=]/.exec(ws[k].text);
    if (bad) return fail(c, `${what}: '${bad[0]}' in '${ws[k].text}' is not base64 (expected A-Z a-z 0-9 + / and = padding)`, from + k, from + k + 1);
  }
  const all = ws.map((w) => w.text).join('');
  if (!B64.test(all)) return fail(c, `${what}: not valid base64: '=' padding may only end the data`, from, c.i);
  if (all.length % 4 !== 0) return fail(c, `${what}: not valid base64: ${all.length} characters, expected a multiple of 4 (missing '=' padding?)`, from, c.i);
  // the bits of the last character that the padding leaves over must be zero (RFC 4648 §3.5):
  // BIND refuses the zone otherwise ("bad base64 encoding")
  const canonical = Buffer.from(all, 'base64').toString('base64');
  if (canonical !== all) return fail(c, `${what}: not valid base64: the last character before the '=' padding has bits set that the padding leaves over (RFC 4648 §3.5; BIND refuses it); the same octets are written ${canonical.slice(-4)} at the end`, from, c.i);
  return all;
}

/** Base64 that may be absent (IPSECKEY's public key, RFC 4025 §2.6): '' when there is none. */
function base64Optional(c: FieldCursor, what: string): string | undefined {
  return c.i >= c.words.length ? '' : base64Rest(c, what);
}

/** `groups` groups of two hex digits joined by '-' (EUI-48/EUI-64, RFC 7043 §3.2, §4.2). */
function eui(c: FieldCursor, what: string, groups: number): string | undefined {
  const w = word(c, what);
  if (!w) return undefined;
  if (!new RegExp(`^[0-9A-Fa-f]{2}(-[0-9A-Fa-f]{2}){${groups - 1}}$`).test(w.text)) {
    return fail(c, `${what}: expected ${groups} groups of two hex digits joined by '-' (such as ${'00-00-5e-00-53-2a-ff-ff'.split('-').slice(0, groups).join('-')}), found '${w.text}'`, c.i - 1, c.i);
  }
  return w.text.toLowerCase();
}

/** Four groups of 1-4 hex digits joined by ':' (an ILNP NodeID or Locator64, RFC 6742 §2.1, §2.3). */
function ilnp64(c: FieldCursor, what: string): string | undefined {
  const w = word(c, what);
  if (!w) return undefined;
  if (!/^[0-9A-Fa-f]{1,4}(:[0-9A-Fa-f]{1,4}){3}$/.test(w.text)) return fail(c, `${what}: expected four groups of 1 to 4 hex digits joined by ':' (such as 0014:4fff:ff20:ee64), found '${w.text}'`, c.i - 1, c.i);
  return w.text.toLowerCase();
}

/** IPSECKEY's gateway as written: what it must be depends on the gateway type before it (the
 *  type's check tells); a name is kept as written. */
function gateway(c: FieldCursor, what: string): string | undefined {
  const w = word(c, what);
  return w ? w.text : undefined;
}

/** APL items (RFC 3123 §5): `[!]afi:address/prefix`, afi 1 (IPv4) or 2 (IPv6); none is allowed. */
function aplItems(c: FieldCursor, what: string): string[] | undefined {
  const out: string[] = [];
  while (c.i < c.words.length) {
    const t = c.words[c.i++].text;
    const m = /^(!?)([12]):([^/]+)\/([0-9]{1,3})$/.exec(t);
    const bad = (why: string) => fail(c, `${what}: '${t}' ${why} (RFC 3123 §5)`, c.i - 1, c.i);
    if (!m) return bad('is not [!]afi:address/prefix, with afi 1 (IPv4) or 2 (IPv6)');
    const v4 = m[2] === '1';
    if (v4 ? !isIpv4At(m[3]) : !isIpv6At(m[3])) return bad(`has no IPv${v4 ? 4 : 6} address after ${m[2]}:`);
    if (Number(m[4]) > (v4 ? 32 : 128)) return bad(`has a prefix over ${v4 ? 32 : 128}`);
    out.push(t.toLowerCase());
  }
  return out;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why YYYYMMDDHHmmSS is not a real UTC time (RFC 4034 §3.2), or undefined when it is. */
function dateError(t: string): string | undefined {
  const y = +t.slice(0, 4), mo = +t.slice(4, 6), d = +t.slice(6, 8), h = +t.slice(8, 10), mi = +t.slice(10, 12), sec = +t.slice(12, 14);
  if (mo < 1 || mo > 12) return `month ${t.slice(4, 6)} is out of range (01-12)`;
  if (d < 1 || d > 31) return `day ${t.slice(6, 8)} is out of range (01-31)`;
  const days = new Date(Date.UTC(2000, mo, 0)).getUTCDate() - (mo === 2 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 1 : 0);
  if (d > days) return `${MONTHS[mo - 1]} ${y} has ${days} days`;
  if (h > 23) return `hour ${t.slice(8, 10)} is out of range (00-23)`;
  if (mi > 59) return `minute ${t.slice(10, 12)} is out of range (00-59)`;
  if (sec > 59) return `second ${t.slice(12, 14)} is out of range (00-59)`;
  return undefined;
}

function rrsigTime(c: FieldCursor, what: string): number | undefined {
  const w = word(c, what);
  if (!w) return undefined;
  const t = w.text;
  if (/^[0-9]{14}$/.test(t)) {
    // Date.UTC would roll a day that does not exist (Feb 31) into the next month
    const bad = dateError(t);
    if (bad) return fail(c, `${what}: '${t}' is not a date: ${bad} (RFC 4034 §3.2)`, c.i - 1, c.i);
    const ms = Date.UTC(+t.slice(0, 4), +t.slice(4, 6) - 1, +t.slice(6, 8), +t.slice(8, 10), +t.slice(10, 12), +t.slice(12, 14));
    return Math.floor(ms / 1000);
  }
  if (/^[0-9]{1,10}$/.test(t) && Number(t) <= 0xffffffff) return Number(t);
  return fail(c, `${what}: expected YYYYMMDDHHmmSS or seconds since 1970, found '${t}'`, c.i - 1, c.i);
}

// two current mnemonics to show in a message (ECDSAP256SHA256 or ED25519, PKIX or SPKI)
function examples(table: Record<string, number>): string {
  const keys = Object.keys(table);
  const pick = keys.includes('ECDSAP256SHA256') ? ['ECDSAP256SHA256', 'ED25519'] : keys.slice(0, 2);
  return pick.join(' or ');
}

function mnemonicNumber(c: FieldCursor, what: string, table: Record<string, number>, max: number, numberOnly: Record<string, number> = {}): number | undefined {
  const w = word(c, what);
  if (!w) return undefined;
  if (/^[0-9]+$/.test(w.text)) {
    const v = Number(w.text);
    return v <= max ? v : fail(c, `${what}: ${w.text} is out of range (0-${max})`, c.i - 1, c.i);
  }
  const up = w.text.toUpperCase();
  if (up in numberOnly) return fail(c, `${what}: write ${up} as its number ${numberOnly[up]}: BIND 9.18 and Knot 3.2 do not read this mnemonic`, c.i - 1, c.i);
  const v = table[up];
  if (v === undefined) return fail(c, `${what}: expected a number from 0 to ${max} or a mnemonic such as ${examples(table)}, found '${w.text}'`, c.i - 1, c.i);
  return v;
}

function typeMnemonic(c: FieldCursor, what: string): string | undefined {
  const w = word(c, what);
  if (!w) return undefined;
  const code = typeCodeByName(w.text);
  if (code === undefined) return fail(c, `${what}: '${w.text}' is not a record type`, c.i - 1, c.i);
  // TYPE1 and A are one type (RFC 3597 §5): kept as the mnemonic, as a record's own type is
  return typeName(code);
}

function typeBitmap(c: FieldCursor): string[] | undefined {
  const out: string[] = [];
  while (c.i < c.words.length) {
    // NXNAME, a meta type, is no record type but a bitmap may list it (RFC 9824 §2)
    const w = c.words[c.i].text;
    if (typeCodeByName(w) === undefined && bitmapMetaType(w)) {
      out.push(w.toUpperCase());
      c.i++;
      continue;
    }
    const t = typeMnemonic(c, 'type in the bitmap');
    if (t === undefined) return undefined;
    out.push(t);
  }
  return out;
}

// SvcParamKeys by number (RFC 9460 §14.3.2; dohpath RFC 9461, ohttp RFC 9540)
export const SVC_KEYS: readonly string[] = ['mandatory', 'alpn', 'no-default-alpn', 'port', 'ipv4hint', 'ech', 'ipv6hint', 'dohpath', 'ohttp'];

/** A key's number: a name above or keyNNNNN (0-65535); undefined when neither. */
export function svcKeyNumber(key: string): number | undefined {
  const k = SVC_KEYS.indexOf(key);
  if (k >= 0) return k;
  const m = /^key([0-9]{1,5})$/.exec(key);
  return m && Number(m[1]) <= 65535 ? Number(m[1]) : undefined;
}

/** Splits a value-list at commas not escaped with a backslash (RFC 9460 App. A.1). */
function valueList(v: string): string[] {
  return v.split(/(?<!\\),/);
}

// RFC 9460 §2.1: SvcParam = key ["=" value], no white space around '='; a value may be
// quoted, which the lexer gives as a quoted word right after 'key='.
function svcParams(c: FieldCursor): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  const seen = new Map<number, string>();
  let mandatory: { at: number; keys: string[] } | undefined;
  while (c.i < c.words.length) {
    const at = c.i;
    const w = c.words[c.i];
    const fl = (msg: string): undefined => fail(c, msg, at, c.i + 1);
    // BIND 9.18 and Knot 3.2 refuse both: only the value may be quoted, and keys are lower case
    if (w.kind === TokKind.Quoted) return fl(`a quoted SvcParam: only its value may be quoted, as in alpn="h2" (RFC 9460 §2.1)`);
    const raw = w.text;
    const eq = raw.indexOf('=');
    const key = eq < 0 ? raw : raw.slice(0, eq);
    if (/[A-Z]/.test(key)) return fl(`SvcParam key '${key}' must be written in lower case: ${key.toLowerCase()} (RFC 9460 §2.1)`);
    let val = eq < 0 ? '' : raw.slice(eq + 1);
    const next = c.words[c.i + 1];
    if (eq === raw.length - 1 && next?.kind === TokKind.Quoted && next.line === w.line && next.start === w.end) {
      c.i++;
      const r = unescapeText(next.text);
      if (r.error) return fail(c, `${key}: ${r.error}`, at, c.i + 1);
      val = r.value;
    }
    const num = svcKeyNumber(key);
    if (num === undefined) {
      return fl(/^key[0-9]+$/.test(key) ? `unknown SvcParam key '${key}': keyNNNNN takes a number from 0 to 65535 (RFC 9460 §2.1)` : `unknown SvcParam key '${key}' (RFC 9460 §14.3)`);
    }
    const prev = seen.get(num);
    if (prev !== undefined) return fl(prev === key ? `SvcParam key '${key}' appears twice: a key may appear once (RFC 9460 §2.2)` : `SvcParam ${key} repeats ${prev} (key${num}): a key may appear once (RFC 9460 §2.2)`);
    seen.set(num, key);
    const named = key === SVC_KEYS[num]; // keyNNNNN values are not read as the named key's
    if (named) {
      if (num === 0) {
        const keys = valueList(val);
        if (val === '' || keys.some((k) => k === '')) return fl(`mandatory: expected a comma-separated list of keys, found '${val}' (RFC 9460 §8)`);
        const nums = new Set<number>();
        for (const k of keys) {
          const n = svcKeyNumber(k);
          if (n === undefined) return fl(/[A-Z]/.test(k) && svcKeyNumber(k.toLowerCase()) !== undefined ? `mandatory: key '${k}' must be written in lower case: ${k.toLowerCase()} (RFC 9460 §2.1)` : `mandatory: '${k}' is not a SvcParam key (RFC 9460 §8)`);
          if (n === 0) return fl(`mandatory cannot list 'mandatory' (RFC 9460 §8)`);
          if (nums.has(n)) return fl(`mandatory lists '${k}' twice (RFC 9460 §8)`);
          nums.add(n);
        }
        mandatory = { at, keys };
      } else if (num === 1) {
        if (val === '') return fl(`alpn: expected a comma-separated list of protocol ids, found an empty value (RFC 9460 §7.1)`);
        if (valueList(val).some((x) => x === '')) return fl(`alpn: an empty protocol id in '${val}' (RFC 9460 §7.1)`);
      } else if (num === 2 && eq >= 0) return fl('no-default-alpn takes no value (RFC 9460 §7.1)');
      else if (num === 3 && !(/^[0-9]+$/.test(val) && Number(val) <= 65535)) return fl(`port: expected 0-65535, found '${val}'`);
      else if (num === 4 && !val.split(',').every((a) => isIpv4At(a))) return fl(`ipv4hint: expected IPv4 addresses, found '${val}'`);
      else if (num === 5 && val !== '' && (!/^[A-Za-z0-9+/]*={0,2}$/.test(val) || val.length % 4)) return fl(`ech: '${val}' is not base64 (RFC 9460 §9)`);
      else if (num === 5 && val !== '' && Buffer.from(val, 'base64').toString('base64') !== val) return fl(`ech: '${val}' is not valid base64: the last character before the '=' padding has bits set that the padding leaves over (RFC 4648 §3.5; BIND refuses it)`);
      else if (num === 6 && !val.split(',').every((a) => isIpv6At(a))) return fl(`ipv6hint: expected IPv6 addresses, found '${val}'`);
      else if (num === 7 && dohpathProblem(val)) return fl(`dohpath: ${dohpathProblem(val)} (RFC 9461 §5; BIND refuses the zone)`);
    }
    out[key] = val;
    c.i++;
  }
  if (mandatory) {
    const missing = mandatory.keys.find((k) => !seen.has(svcKeyNumber(k)!));
    if (missing !== undefined) return fail(c, `mandatory lists '${missing}', which this record does not have (RFC 9460 §8)`, mandatory.at, mandatory.at + 1);
  }
  if (seen.get(2) === 'no-default-alpn' && !seen.has(1)) {
    const at = c.words.findIndex((w) => w.text === 'no-default-alpn');
    return fail(c, 'no-default-alpn needs alpn in the same record (RFC 9460 §7.1.1)', Math.max(0, at), Math.max(0, at) + 1);
  }
  return out;
}

/** Why a dohpath value is no DoH URI Template clients can use: a relative one, starting with
 *  '/', with a "dns" variable in one of its {...} expressions (RFC 9461 §5; BIND refuses the
 *  rest). Undefined when it is one. */
function dohpathProblem(val: string): string | undefined {
  if (!val.startsWith('/')) return `'${val}' does not start with '/': dohpath is a relative URI Template`;
  for (const [, expr] of val.matchAll(/\{([^}]*)\}/g)) {
    const names = expr.replace(/^[+#./;?&]/, '').split(',').map((v) => v.replace(/(:[0-9]+|\*)$/, ''));
    if (names.includes('dns')) return undefined;
  }
  return `'${val}' has no "dns" variable ({?dns}) for the query to go in`;
}

// LOC (RFC 1876 §3 and App. A): d1 [m1 [s1]] {N|S} d2 [m2 [s2]] {E|W} alt[m] [siz[m] [hp[m] [vp[m]]]].
// Read word by word so an error names its word; the ranges are those the wire form can hold
// (BIND and Knot refuse the rest). The value kept is the words as written.
const LOC_FORMAT = `expected 'd [m [s]] N|S d [m [s]] E|W alt[m] [size[m] [hp[m] [vp[m]]]]' (RFC 1876 §3)`;
const LOC_METRES = ['size', 'horizontal precision', 'vertical precision'];

function loc(c: FieldCursor): string | undefined {
  const from = c.i;
  const ws = c.words;
  const at = (i: number, msg: string): undefined => fail(c, msg, i, i + 1);
  const coord = (name: string, maxDeg: number, hemis: string): boolean => {
    const d = ws[c.i];
    if (!d) return !at(Math.max(from, c.i - 1), `missing ${name}: ${LOC_FORMAT}`);
    if (!/^[0-9]+$/.test(d.text)) return !at(c.i, `${name} degrees: expected a number, found '${d.text}'; ${LOC_FORMAT}`);
    const degAt = c.i++;
    const parts = [d.text];
    const num = (re: RegExp): string | undefined => (ws[c.i] && re.test(ws[c.i].text) ? ws[c.i++].text : undefined);
    const min = num(/^[0-9]+$/);
    const sec = min !== undefined ? num(/^[0-9]+(\.[0-9]*)?$/) : undefined;
    if (min !== undefined) parts.push(min);
    if (sec !== undefined) parts.push(sec);
    const checks: [string | undefined, number, string, number][] = [[d.text, maxDeg, 'degrees', degAt], [min, 59, 'minutes', degAt + 1], [sec, 59.999, 'seconds', degAt + 2]];
    for (const [v, max, unit, i] of checks) {
      if (v === undefined) continue;
      if (unit === 'seconds' && /\.[0-9]{4,}$/.test(v)) return !at(i, `${name} seconds '${v}' has more than 3 decimals (RFC 1876 App. A)`);
      if (+v > max) return !at(i, `${name} ${unit} ${v} out of range (0-${max === 59.999 ? '59.999' : max}, RFC 1876 §3)`);
    }
    if (+d.text === maxDeg && (+(min ?? 0) > 0 || +(sec ?? 0) > 0)) return !at(degAt, `${name} ${parts.join(' ')} is over ${maxDeg} degrees (RFC 1876 §3)`);
    const h = ws[c.i];
    if (!h) return !at(c.i - 1, `missing ${name} hemisphere ${hemis[0]} or ${hemis[1]}: ${LOC_FORMAT}`);
    if (h.text !== hemis[0] && h.text !== hemis[1]) {
      const why = hemis.includes(h.text.toUpperCase()) ? ': the hemisphere is an upper-case letter (RFC 1876 App. A)' : `; ${LOC_FORMAT}`;
      return !at(c.i, `${name}: '${h.text}' is not ${hemis[0]} or ${hemis[1]}${why}`);
    }
    c.i++;
    return true;
  };
  // metres with at most 2 decimals (centimetres), an optional 'm'
  const metres = (name: string, min: number, max: number, range: string): boolean => {
    const w = ws[c.i];
    const m = /^(-?[0-9]+)(?:\.([0-9]*))?m?$/.exec(w.text);
    if (!m || (min >= 0 && m[1].startsWith('-'))) return !at(c.i, `${name}: expected metres such as 10m or 10.25m, found '${w.text}'; ${LOC_FORMAT}`);
    if ((m[2] ?? '').length > 2) return !at(c.i, `${name} '${w.text}' has more than 2 decimals (centimetres, RFC 1876 App. A)`);
    const v = Number(w.text.replace(/m$/, ''));
    if (v < min || v > max) return !at(c.i, `${name} ${w.text} out of range (${range}, RFC 1876 §3)`);
    c.i++;
    return true;
  };
  if (!coord('latitude', 90, 'NS') || !coord('longitude', 180, 'EW')) return undefined;
  if (!ws[c.i]) return at(c.i - 1, `missing altitude: ${LOC_FORMAT}`);
  if (!metres('altitude', -100000, 42849672.95, '-100000.00m to 42849672.95m')) return undefined;
  for (const name of LOC_METRES) {
    if (!ws[c.i]) break;
    if (!metres(name, 0, 90000000, '0 to 90000000.00m')) return undefined;
  }
  return ws.slice(from, c.i).map((w) => w.text).join(' ');
}

/**
 * RFC 3403 §3.2: regexp = delim ere delim repl delim *flags, flags 'i', the delimiter
 * not a digit, '\\' or 'i'; a back-reference \\1-\\9 in repl needs that many groups.
 * BIND refuses anything else ("syntax error"). The ERE itself is not compiled here.
 */
export function naptrRegexpError(v: string): string | undefined {
  if (v === '') return undefined;
  const delim = v[0];
  if (/[0-9\\i]/.test(delim)) return `the delimiter '${delim}' cannot be a digit, '\\' or 'i'`;
  let part = 0; // 0 ere, 1 repl, 2 flags
  let groups = 0;
  for (let i = 1; i < v.length; i++) {
    const ch = v[i];
    if (ch === '\0') return 'it contains a NUL octet';
    if (part === 2) {
      if (ch !== 'i') return `after the third '${delim}' only the flag 'i' may follow, found '${ch}'`;
      continue;
    }
    if (ch === delim) { part++; continue; }
    if (ch === '\\') {
      const n = v[++i];
      if (n === undefined) return 'it ends with a lone backslash';
      if (part === 1 && /[0-9]/.test(n) && (n === '0' || Number(n) > groups)) return `back-reference \\${n} but the expression has ${groups} group(s)`;
      continue;
    }
    if (part === 0 && ch === '(') groups++;
  }
  if (part < 2) return `the first character '${delim}' is the delimiter and must appear three times, as in !regexp!replacement!`;
  return undefined;
}

export type KindParser = (c: FieldCursor, what: string) => unknown;

export const KIND_PARSERS: Record<FieldKind, KindParser> = {
  u8: (c, w) => unsigned(c, w, 255),
  u16: (c, w) => unsigned(c, w, 65535),
  u32: (c, w) => unsigned(c, w, 4294967295),
  ttl: (c, what) => {
    const w = word(c, what);
    if (!w) return undefined;
    const v = parseTtl(w.text);
    if (v === undefined || v > 4294967295) return fail(c, `${what}: expected seconds or a duration like 1h30m, found '${w.text}'`, c.i - 1, c.i);
    return v;
  },
  name: (c, what) => {
    const w = word(c, what);
    if (!w) return undefined;
    if (w.kind === TokKind.Quoted) return fail(c, `${what}: a domain name cannot be quoted`, c.i - 1, c.i);
    const r = c.names ? c.names.resolve(w.text, c.origin) : resolveName(w.text, c.origin);
    if (r.error) return fail(c, `${what}: ${r.error}`, c.i - 1, c.i);
    return r.name;
  },
  ipv4: (c, what) => {
    const w = word(c, what);
    if (!w) return undefined;
    if (!isIpv4At(w.text)) return fail(c, `${what}: '${w.text}' is not an IPv4 address (four decimal octets, no leading zeros)`, c.i - 1, c.i);
    return w.text;
  },
  ipv6: (c, what) => {
    const w = word(c, what);
    if (!w) return undefined;
    if (!isIpv6At(w.text)) return fail(c, `${what}: '${w.text}' is not an IPv6 address`, c.i - 1, c.i);
    return w.text.toLowerCase();
  },
  hex: (c, what) => {
    const w = word(c, what);
    if (!w) return undefined;
    if (!HEX.test(w.text) || w.text.length % 2) return fail(c, `${what}: expected an even number of hex digits, found '${w.text}'`, c.i - 1, c.i);
    return w.text.toLowerCase();
  },
  'hex-rest': hexRest,
  salt: (c, what) => {
    const w = word(c, what);
    if (!w) return undefined;
    if (w.text === '-') return '';
    const shown = w.text.length > 40 ? `${w.text.slice(0, 40)}…` : w.text;
    if (!HEX.test(w.text)) return fail(c, `${what}: expected '-' or hex digits, found '${shown}'`, c.i - 1, c.i);
    if (w.text.length % 2) return fail(c, `${what}: an odd number of hex digits (${w.text.length}): each octet is two`, c.i - 1, c.i);
    // its length is one octet on the wire (RFC 5155 §3.2)
    if (w.text.length > 510) return fail(c, `${what}: ${w.text.length / 2} octets, more than the 255 a salt can have (RFC 5155 §3.2); RFC 9276 §3.1 recommends none ('-')`, c.i - 1, c.i);
    return w.text.toLowerCase();
  },
  'base64-rest': base64Rest,
  base32hex: (c, what) => {
    const w = word(c, what);
    if (!w) return undefined;
    const bad = base32hexError(w.text);
    return bad ? fail(c, `${what}: '${w.text}' is not base32hex: ${bad}`, c.i - 1, c.i) : w.text.toLowerCase();
  },
  text,
  'long-text': longText,
  // a URI is written in double quotes (RFC 7553 §4.5): BIND refuses it bare ("syntax error")
  uri: (c, what) => {
    const w = c.words[c.i];
    if (w && w.kind !== TokKind.Quoted) return fail(c, `${what}: a URI is written in double quotes (RFC 7553 §4.5): "${w.text}"; BIND refuses it bare`, c.i, c.i + 1);
    return longText(c, what);
  },
  'naptr-regexp': (c, what) => {
    const v = text(c, what);
    if (v === undefined) return undefined;
    const e = naptrRegexpError(v);
    return e ? fail(c, `${what}: ${e} (RFC 3403 §3.2)`, c.i - 1, c.i) : v;
  },
  'text-rest': (c, what) => {
    if (c.i >= c.words.length) return fail(c, `missing ${what}: expected at least one character-string`, Math.max(0, c.i - 1), c.i);
    const out: string[] = [];
    const from = c.i;
    let chars = 0;
    while (c.i < c.words.length) {
      chars += c.words[c.i].text.length;
      const v = text(c, what);
      if (v === undefined) return undefined;
      out.push(v);
    }
    // RDLENGTH is 16 bits (RFC 1035 §3.2.1): each string is its octets plus a length octet.
    // A character is at most 3 octets, so only a long record is counted exactly.
    if (chars * 3 + out.length > 65535) {
      let octets = 0;
      for (let k = from; k < c.i; k++) octets += unescapeText(c.words[k].text).octets + 1;
      if (octets > 65535) return fail(c, `${what}: RDATA of ${octets} octets: at most 65535 allowed (RFC 1035 §3.2.1: RDLENGTH is 16 bits)`, from, c.i);
    }
    return out;
  },
  type: typeMnemonic,
  'type-bitmap': (c) => typeBitmap(c),
  // NSEC's bitmap always lists NSEC itself (RFC 4034 §4.1.2); BIND refuses an empty one (FORMERR).
  'nsec-bitmap': (c, what) => {
    if (c.i >= c.words.length) return fail(c, `missing ${what}: expected at least one type (an NSEC record lists NSEC itself, RFC 4034 §4.1.2)`, Math.max(0, c.i - 1), c.i);
    return typeBitmap(c);
  },
  time: rrsigTime,
  algorithm: (c, w) => mnemonicNumber(c, w, ALGORITHMS, 255, NUMBER_ONLY_ALGORITHMS),
  'cert-type': (c, w) => mnemonicNumber(c, w, CERT_TYPES, 65535),
  'caa-tag': (c, what) => {
    const w = word(c, what);
    if (!w) return undefined;
    if (!/^[A-Za-z0-9]{1,255}$/.test(w.text)) return fail(c, `${what}: a CAA tag is letters and digits (RFC 8659 §4.1), found '${w.text}'`, c.i - 1, c.i);
    return w.text.toLowerCase();
  },
  'svc-params': (c) => svcParams(c),
  loc: (c) => loc(c),
  eui48: (c, what) => eui(c, what, 6),
  eui64: (c, what) => eui(c, what, 8),
  ilnp64,
  gateway,
  'base64-opt': base64Optional,
  apl: aplItems,
};

// Each type's list of parsers, picked once per field list (a keyed lookup by kind name
// per field and record showed in the profile of a whole-file check).
const PARSERS = new WeakMap<readonly { kind: FieldKind }[], KindParser[]>();

/** Reads one value per field with its kind's parser, stopping at the first error (in `cur.error`). */
export function readFields(fields: readonly { name: string; kind: FieldKind }[], cur: FieldCursor): unknown[] {
  let parsers = PARSERS.get(fields);
  if (!parsers) PARSERS.set(fields, (parsers = fields.map((f) => KIND_PARSERS[f.kind])));
  const values: unknown[] = new Array(fields.length);
  for (let f = 0; f < fields.length; f++) {
    values[f] = parsers[f](cur, fields[f].name);
    if (cur.error) break;
  }
  return values;
}
