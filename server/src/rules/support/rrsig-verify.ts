// Verifying an RRSIG as a validator does (RFC 4035 §5.3): the DNSKEY its key tag and algorithm
// name, the signed data of RFC 4034 §3.1.8.1 (the RRSIG's RDATA without its signature, then the
// RRset in canonical form and order, at the original TTL), and the signature checked with the
// algorithm's hash. Node's crypto does the arithmetic; keys are read from their DNSKEY RDATA.
import type { KeyObject } from 'node:crypto';
import { nodeCrypto } from '../../cert/node-crypto';
import type { Zone, ZoneRecord } from '../../zone/model';
import { labels, nameKey } from '../../zone/names';
import { canonicalRdata, nameWire, ownerWire, WireWriter } from '../../zone/wire';
import { classCodeByName, typeCodeByName } from '../../zone/rr-codes';
import { DNSSEC_ALGORITHMS } from '../../zone/rr-types';

/** How an algorithm signs (RFC 3110, RFC 5702, RFC 6605, RFC 8080). */
interface Algorithm {
  kind: 'rsa' | 'ecdsa' | 'eddsa';
  hash: string | null;
  curve?: string;
  /** ECDSA: octets of one coordinate; EdDSA: of the key */
  size?: number;
}

const ALGORITHMS: Record<number, Algorithm> = {
  5: { kind: 'rsa', hash: 'sha1' },
  7: { kind: 'rsa', hash: 'sha1' },
  8: { kind: 'rsa', hash: 'sha256' },
  10: { kind: 'rsa', hash: 'sha512' },
  13: { kind: 'ecdsa', hash: 'sha256', curve: 'P-256', size: 32 },
  14: { kind: 'ecdsa', hash: 'sha384', curve: 'P-384', size: 48 },
  15: { kind: 'eddsa', hash: null, curve: 'Ed25519', size: 32 },
  16: { kind: 'eddsa', hash: null, curve: 'Ed448', size: 57 },
};

/** True for the algorithms this module verifies (the others are not judged). */
export function canVerify(algorithm: unknown): boolean {
  return typeof algorithm === 'number' && algorithm in ALGORITHMS;
}

/** The algorithm's IANA mnemonic (the RR type table's), or its number. */
export function algorithmName(algorithm: number): string {
  return DNSSEC_ALGORITHMS.find((a) => a.value === algorithm)?.name ?? String(algorithm);
}

const b64url = (b: Uint8Array): string => Buffer.from(b).toString('base64url');

/** A DNSKEY's public key as node's crypto takes it, or why it cannot be one. */
function publicKeyOf(algorithm: number, key: Uint8Array): KeyObject | string {
  const alg = ALGORITHMS[algorithm];
  try {
    if (alg.kind === 'rsa') {
      // RFC 3110 §2: exponent length in one octet, or 0 and then two; the exponent; the modulus
      let at = 1;
      let expLen = key[0];
      if (expLen === 0) { expLen = (key[1] << 8) | key[2]; at = 3; }
      const e = key.subarray(at, at + expLen);
      const n = key.subarray(at + expLen);
      if (!expLen || n.length < 64 || at + expLen >= key.length) return 'its RSA key is too short or malformed (RFC 3110 §2)';
      return nodeCrypto().createPublicKey({ key: { kty: 'RSA', n: b64url(n), e: b64url(e) }, format: 'jwk' });
    }
    if (alg.kind === 'ecdsa') {
      if (key.length !== alg.size! * 2) return `its ${alg.curve} key has ${key.length} octets, not ${alg.size! * 2} (RFC 6605 §4)`;
      return nodeCrypto().createPublicKey({ key: { kty: 'EC', crv: alg.curve, x: b64url(key.subarray(0, alg.size)), y: b64url(key.subarray(alg.size)) }, format: 'jwk' });
    }
    if (key.length !== alg.size) return `its ${alg.curve} key has ${key.length} octets, not ${alg.size} (RFC 8080 §3)`;
    return nodeCrypto().createPublicKey({ key: { kty: 'OKP', crv: alg.curve, x: b64url(key) }, format: 'jwk' });
  } catch {
    // node's own words (Invalid JWK EC key) say less than what the key is not
    return alg.kind === 'ecdsa' ? `its public key is not a point on the ${alg.curve} curve (RFC 6605 §4)` : `its public key is not a valid ${algorithmName(algorithm)} key`;
  }
}

/** The key tag of a DNSKEY RDATA (RFC 4034 App. B; algorithm 1 is not verified here). */
export function keyTag(rdata: Uint8Array): number {
  let acc = 0;
  for (let i = 0; i < rdata.length; i++) acc += i & 1 ? rdata[i] : rdata[i] << 8;
  acc += (acc >>> 16) & 0xffff;
  return acc & 0xffff;
}

/** The key tag of any DNSKEY, whatever its algorithm (RFC 4034 App. B; B.1 for algorithm 1:
 *  the modulus's last 24 bits but 8), or undefined when its RDATA cannot be encoded. */
export function anyKeyTag(rec: ZoneRecord): number | undefined {
  const rdata = canonicalRdata(rec);
  if (!rdata || rdata.length < 4) return undefined;
  if (rec.values[2] === 1) return rdata.length >= 7 ? (rdata[rdata.length - 3] << 8) | rdata[rdata.length - 2] : undefined;
  return keyTag(rdata);
}

/** A DNSKEY read once: its tag, flags, algorithm and public key (or why it has none). */
export interface ZoneKey {
  record: ZoneRecord;
  tag: number;
  flags: number;
  algorithm: number;
  key: KeyObject | string;
}

const keys = new WeakMap<ZoneRecord, ZoneKey | null>();

/** The DNSKEY record read as a key for verifying (null: not a key of an algorithm verified here). */
export function zoneKey(rec: ZoneRecord): ZoneKey | null {
  let k = keys.get(rec);
  if (k === undefined) {
    const rdata = canonicalRdata(rec);
    const [flags, , algorithm] = rec.values as [number, number, number];
    k = rdata && rdata.length > 4 && canVerify(algorithm)
      ? { record: rec, tag: keyTag(rdata), flags, algorithm, key: publicKeyOf(algorithm, rdata.subarray(4)) }
      : null;
    keys.set(rec, k);
  }
  return k;
}

/** The signed data of an RRSIG over its RRset (RFC 4034 §3.1.8.1, §6.2, §6.3), or undefined
 *  when a record cannot be put in wire form. */
export function signedData(rrsig: ZoneRecord, rrset: readonly ZoneRecord[]): Uint8Array | undefined {
  const [covered, algorithm, labelCount, originalTtl, expiration, inception, tag, signer] = rrsig.values as [string, number, number, number, number, number, number, string];
  const type = typeCodeByName(covered);
  if (type === undefined) return undefined;
  const w = new WireWriter();
  w.u16(type);
  w.u8(algorithm);
  w.u8(labelCount);
  w.u32(originalTtl);
  w.u32(expiration);
  w.u32(inception);
  w.u16(tag);
  nameWire(signer, true, w);
  // the owner as signed: a name synthesised from a wildcard is signed as the wildcard (RFC 4035 §5.3.2)
  const own = labels(rrsig.ownerKey);
  const count = own[0] === '*' ? own.length - 1 : own.length;
  const owner = ownerWire(labelCount < count ? ['*', ...own.slice(own.length - labelCount)].join('.') + '.' : rrsig.ownerKey);
  const rdatas: Uint8Array[] = [];
  for (const r of rrset) {
    const d = canonicalRdata(r);
    if (!d) return undefined;
    rdatas.push(d);
  }
  rdatas.sort(compareOctets);
  let last: Uint8Array | undefined;
  for (const d of rdatas) {
    if (last && compareOctets(last, d) === 0) continue; // duplicates once (RFC 4034 §6.3)
    last = d;
    w.bytes(owner);
    w.u16(type);
    w.u16(classCodeByName(rrsig.class) ?? 1);
    w.u32(originalTtl);
    w.u16(d.length);
    w.bytes(d);
  }
  return w.done();
}


function compareOctets(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** True when `signature` over `data` verifies with the key. */
export function verifySignature(key: ZoneKey, data: Uint8Array, signature: Uint8Array): boolean {
  if (typeof key.key === 'string') return false;
  const alg = ALGORITHMS[key.algorithm];
  try {
    return nodeCrypto().verify(alg.hash, data, alg.kind === 'ecdsa' ? { key: key.key, dsaEncoding: 'ieee-p1363' } : key.key, signature);
  } catch {
    return false;
  }
}

export interface Verdict {
  /** the records it was made from: the same objects give the same answer */
  rrset: readonly ZoneRecord[];
  keys: readonly ZoneRecord[];
  /** the keys the signature names; none: no DNSKEY with its key tag and algorithm */
  named: ZoneKey[];
  verifies: boolean;
}

// One verdict per RRSIG record, kept while its RRset and the keys it names are the same records.
const verdicts = new WeakMap<ZoneRecord, Verdict>();

// The records at an owner by type and class, its DNSKEYs, and its RRSIGs by covered type and
// class: grouped once per owner of the zone version being checked (the zone object is new after
// each edit), so that N signatures at one owner cost N lookups, not N filters of the owner each
// (2000 signatures at one name took a minute).
const groups = new WeakMap<Zone, Map<string, Map<string, ZoneRecord[]>>>();

function groupsAt(zone: Zone, ownerKey: string): Map<string, ZoneRecord[]> {
  let byOwner = groups.get(zone);
  if (!byOwner) groups.set(zone, (byOwner = new Map()));
  let g = byOwner.get(ownerKey);
  if (!g) {
    const made = new Map<string, ZoneRecord[]>();
    const add = (k: string, r: ZoneRecord): void => { const l = made.get(k); if (l) l.push(r); else made.set(k, [r]); };
    for (const r of zone.byOwner.get(ownerKey) ?? []) {
      if (r.type === 'DNSKEY') add('DNSKEY', r);
      add(`${r.type} ${r.class}`, r);
      if (r.type === 'RRSIG') add(`RRSIG ${String(r.values[0])} ${r.class}`, r);
    }
    byOwner.set(ownerKey, (g = made));
  }
  return g;
}

/** The signatures at an owner over one RRset (type covered, class). */
export function signaturesOver(zone: Zone, ownerKey: string, covered: string, cls: string): readonly ZoneRecord[] {
  return groupsAt(zone, ownerKey).get(`RRSIG ${covered} ${cls}`) ?? [];
}

// The first signature of an RRset that verifies (null: none), once per RRset and zone version.
const goodSignatures = new WeakMap<Zone, Map<string, ZoneRecord | null>>();

/** A signature over the RRset of `sig` that verifies, or undefined when none does. */
export function verifyingSignature(sig: ZoneRecord, zone: Zone): ZoneRecord | undefined {
  let memo = goodSignatures.get(zone);
  if (!memo) goodSignatures.set(zone, (memo = new Map()));
  const covered = String(sig.values[0]);
  const key = `${sig.ownerKey} ${covered} ${sig.class}`;
  let good = memo.get(key);
  if (good === undefined) {
    good = signaturesOver(zone, sig.ownerKey, covered, sig.class).find((r) => signatureVerdict(r, zone)?.verifies) ?? null;
    memo.set(key, good);
  }
  return good ?? undefined;
}

function sameRecords(a: readonly ZoneRecord[], b: readonly ZoneRecord[]): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i]);
}

/** What validators make of one signature, or undefined when it is not judged here (an algorithm
 *  not verified here that a key of the signer has, a signer without keys in the zone, a record
 *  that cannot be put in wire form). */
export function signatureVerdict(sig: ZoneRecord, zone: Zone): Verdict | undefined {
  const [covered, algorithm, , , , , tag, signer, signature] = sig.values as [string, number, number, number, number, number, number, string, string];
  if (typeof signer !== 'string' || typeof signature !== 'string') return undefined;
  const keys = groupsAt(zone, nameKey(signer)).get('DNSKEY') ?? [];
  if (!keys.length) return undefined;
  const rrset = groupsAt(zone, sig.ownerKey).get(`${covered} ${sig.class}`) ?? [];
  if (!rrset.length) return undefined; // rrsig-missing's opposite: nothing to verify
  // an algorithm not verified here (GOST, private ones) is judged only when no key has it at all
  if (!canVerify(algorithm)) return keys.some((k) => k.values[2] === algorithm) ? undefined : { rrset, keys, named: [], verifies: false };
  // a zone key (flags bit 7, RFC 4034 §2.1.1) of protocol 3 with the tag and algorithm
  const named = keys.map(zoneKey).filter((k): k is ZoneKey => !!k && k.tag === tag && k.algorithm === algorithm && (k.flags & 0x0100) !== 0 && k.record.values[1] === 3);
  // a key added beside them (a rollover) changes nothing for this signature
  const last = verdicts.get(sig);
  if (last && sameRecords(last.rrset, rrset) && sameRecords(last.named.map((k) => k.record), named.map((k) => k.record))) return { ...last, keys };
  const data = named.length ? signedData(sig, rrset) : undefined;
  if (named.length && !data) return undefined;
  const octets = Buffer.from(signature, 'base64');
  const verdict: Verdict = { rrset, keys, named, verifies: !!data && named.some((k) => verifySignature(k, data, octets)) };
  verdicts.set(sig, verdict);
  return verdict;
}

const DS_DIGESTS: Record<number, string> = { 1: 'sha1', 2: 'sha256', 4: 'sha384' };

/** The DS (or CDS) digest of a DNSKEY at `owner` (RFC 4034 §5.1.4: the owner's canonical wire
 *  form, then the DNSKEY RDATA), in lower-case hex; undefined for a digest type not computed here. */
export function dsDigestOf(owner: string, dnskey: ZoneRecord, digestType: number): string | undefined {
  const hash = DS_DIGESTS[digestType];
  const rdata = canonicalRdata(dnskey);
  if (!hash || !rdata) return undefined;
  return nodeCrypto().createHash(hash).update(ownerWire(owner)).update(rdata).digest('hex');
}
