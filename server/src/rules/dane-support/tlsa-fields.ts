// Reads the typed TLSA fields of a record and splits TLSA owner names
// (`_<port>._<proto>.<host>`, RFC 6698 §3). Pure.
import type { Field, Zone, ZoneRecord } from '../../zone/model';
import type { TlsaParams } from '../../cert/tlsa-match';
import { DIGEST_OCTETS } from '../../cert/tlsa-data';
import { hasLineTerminator } from '../../mail-policy/policy-types';
import { NameMemo } from '../support/name-memo';
import { DerivedKind } from '../support/derived';

export interface TlsaFields extends TlsaParams {
  fields: { usage: Field; selector: Field; matchingType: Field; data: Field };
}

// About ten rules read the fields of every TLSA record: read them once per record.
const TLSA_FIELDS = new DerivedKind<TlsaFields | null>((rec) => readTlsaFields(rec) ?? null);

/** The four TLSA fields, or undefined when the record did not parse into them.
 *  `fields` (with locations) is built only when a rule reports: it re-lexes the entry. */
export function tlsaFields(rec: ZoneRecord): TlsaFields | undefined {
  // the rules asking run one after the other on a record: the last answer first
  if (rec === lastRec) return lastFields;
  lastRec = rec;
  lastFields = TLSA_FIELDS.of(rec) ?? undefined;
  return lastFields;
}
let lastRec: ZoneRecord | undefined;
let lastFields: TlsaFields | undefined;

function readTlsaFields(rec: ZoneRecord): TlsaFields | undefined {
  const usage = rec.field('usage');
  const selector = rec.field('selector');
  const matchingType = rec.field('matchingType');
  const data = rec.field('data');
  if (typeof usage !== 'number' || typeof selector !== 'number' || typeof matchingType !== 'number' || typeof data !== 'string') return undefined;
  return new RecordTlsaFields(rec, usage, selector, matchingType, data);
}

// A class rather than an object literal with a getter: the literal's closure made
// each cached entry about 600 bytes.
class RecordTlsaFields implements TlsaFields {
  readonly #rec: ZoneRecord;
  #fields: TlsaFields['fields'] | undefined;

  constructor(rec: ZoneRecord, readonly usage: number, readonly selector: number, readonly matchingType: number, readonly data: string) {
    this.#rec = rec;
  }

  get fields(): TlsaFields['fields'] {
    if (!this.#fields) {
      const all = this.#rec.fields;
      const by = (n: string) => all.find((f) => f.name === n)!;
      this.#fields = { usage: by('usage'), selector: by('selector'), matchingType: by('matchingType'), data: by('data') };
    }
    return this.#fields;
  }
}

export interface TlsaOwner {
  readonly port: number;
  readonly proto: string;
  /** host name (absolute, lower case, trailing dot) */
  readonly host: string;
}

// One-entry memo: several TLSA rules ask about the same owner one after the
// other (record rules run record by record, owner rules owner by owner), and
// each answer cost a regex match and three strings. Callers share the result,
// hence the readonly fields.
let lastOwnerKey: string | undefined;
let lastOwner: TlsaOwner | undefined;

/** `_25._tcp.mx.example.com.` -> { port 25, proto 'tcp', host 'mx.example.com.' }; undefined if not that form. */
export function splitTlsaOwner(ownerKey: string): TlsaOwner | undefined {
  if (ownerKey !== lastOwnerKey) {
    lastOwner = parseTlsaOwner(ownerKey);
    lastOwnerKey = ownerKey;
  }
  return lastOwner;
}

const UNDERSCORE = 0x5f;
const DOT = 0x2e;
const PROTOS = ['tcp', 'udp', 'sctp'];

// By char code what /^_(0|[1-9]\d{0,4})\._(tcp|udp|sctp)\.(.+)$/i matches, without its match array.
function parseTlsaOwner(key: string): TlsaOwner | undefined {
  if (key.charCodeAt(0) !== UNDERSCORE) return undefined;
  let i = 1;
  let port = 0;
  for (let c = key.charCodeAt(i); i <= 5 && c >= 0x30 && c <= 0x39; c = key.charCodeAt(++i)) port = port * 10 + (c - 0x30);
  if (i === 1 || key.charCodeAt(i) !== DOT || key.charCodeAt(i + 1) !== UNDERSCORE || port > 65535) return undefined;
  // the port in decimal without leading zeros (RFC 6698 §3): clients never query `_025`
  if (i > 2 && key.charCodeAt(1) === 0x30) return undefined;
  const protoStart = i + 2;
  const dot = key.indexOf('.', protoStart);
  const proto = dot < 0 ? undefined : protoAt(key, protoStart, dot);
  if (proto === undefined || dot + 1 === key.length || hasLineTerminator(key, dot + 1)) return undefined;
  return { port, proto, host: key.slice(dot + 1).toLowerCase() };
}

/** The protocol name key[from, to) spells (ASCII case ignored), if one of PROTOS. */
function protoAt(key: string, from: number, to: number): string | undefined {
  for (const p of PROTOS) if (equalsAsciiIgnoringCase(key, from, to, p)) return p;
  return undefined;
}

/** key[from, to) equals `lower` (ASCII lower case letters), ASCII case ignored as the regex /i did. */
function equalsAsciiIgnoringCase(key: string, from: number, to: number, lower: string): boolean {
  if (to - from !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) if ((key.charCodeAt(from + i) | 0x20) !== lower.charCodeAt(i)) return false;
  return true;
}

/** True for the owner names SMTP senders query (RFC 7672 §2.2.3: `_25._tcp.<MX host>`). */
export function isSmtpTlsaOwner(ownerKey: string): boolean {
  if (!ownerKey.startsWith('_25._tcp.')) return false;
  const o = splitTlsaOwner(ownerKey);
  return !!o && o.port === 25 && o.proto === 'tcp';
}

/** The host of an SMTP TLSA owner name (`_25._tcp.<host>`), or undefined. */
export function smtpTlsaHost(ownerKey: string): string | undefined {
  const o = splitTlsaOwner(ownerKey);
  return o && o.port === 25 && o.proto === 'tcp' ? o.host : undefined;
}

const firstTlsa = new NameMemo((_zone, records) => records.find((r) => r.type === 'TLSA'));

/** True for the first TLSA record of its owner: RRset-level findings are reported once, there. */
export function isFirstTlsaOfOwner(rec: ZoneRecord, zone: Zone): boolean {
  return firstTlsa.get(zone, rec.ownerKey) === rec;
}

/** The `_25._tcp.` name for a host (lower case). */
export function smtpOwnerOf(host: string): string {
  return `_25._tcp.${host.toLowerCase()}`;
}

/** False for digest data of the wrong length or not hex (tlsa-digest-length's finding): senders
 *  drop such a record as unusable, so rules about the RRset do not count it. Full data passes. */
export function wellFormedDigest(f: TlsaParams): boolean {
  const octets = DIGEST_OCTETS[f.matchingType];
  if (octets === undefined) return true;
  const hex = f.data.replace(/\s+/g, '');
  return hex.length === octets * 2 && /^[0-9a-fA-F]+$/.test(hex);
}

export const USAGE = ['PKIX-TA', 'PKIX-EE', 'DANE-TA', 'DANE-EE'];
export const SELECTOR = ['Cert', 'SPKI'];
export const MTYPE = ['Full', 'SHA2-256', 'SHA2-512'];

/** `1 (PKIX-EE)` */
export const usageName = (u: number) => `${u} (${USAGE[u] ?? (u === 255 ? 'PrivCert' : 'unassigned')})`;
