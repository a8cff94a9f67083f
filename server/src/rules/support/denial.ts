// What the authenticated-denial rules (nsec-bitmap, nsec-chain) share: which denial a signed zone
// uses (NSEC, or NSEC3 with the apex NSEC3PARAM's parameters), the NSEC3 hash of a name
// (RFC 5155 §5), the types a signer lists for a name, and, per zone version, which name an NSEC3
// owner is the hash of. Pure but for node:crypto's SHA-1; imports only the zone model and support.
import { nodeCrypto } from '../../cert/node-crypto';
import { base32hexText } from '../../zone/base32hex';
import type { Zone, ZoneRecord } from '../../zone/model';
import { isInZone, parentKey } from '../../zone/names';
import { ownerWire } from '../../zone/wire';
import { cutAbove } from './zone-cuts';
import { isSignedZone } from './signed-zone';

/** More iterations than this (RFC 5155 §10.3 allowed 2500; RFC 9276 §3.1 says 0): not hashed. */
const MAX_ITERATIONS = 500;

export interface Denial {
  kind: 'nsec' | 'nsec3';
  /** the NSEC3 parameters (lowercase hex salt, '' for none), with the opt-out flag of the apex's
   *  NSEC3: what zoneState compares */
  key: string;
  iterations: number;
  salt: string;
  /** the chain is opt-out (RFC 5155 §6): unsigned delegations may have no NSEC3 */
  optOut: boolean;
}

const denialByZone = new WeakMap<Zone, Denial | null>();

/** The denial of a signed zone: NSEC3 when the apex holds an NSEC3PARAM of SHA-1, NSEC when it
 *  holds an NSEC; null otherwise (an unsigned zone, or a piece of one without its apex's denial:
 *  nothing to compare with). Asked once per edit (zoneState), answered once per zone object. */
export function denialOf(zone: Zone): Denial | null {
  let d = denialByZone.get(zone);
  if (d === undefined) {
    d = null;
    const apex = zone.origin && isSignedZone(zone) ? zone.byOwner.get(zone.origin) : undefined;
    const param = apex?.find((r) => r.type === 'NSEC3PARAM' && r.values[0] === 1 && typeof r.values[2] === 'number' && typeof r.values[3] === 'string');
    if (param) {
      const iterations = param.values[2] as number, salt = param.values[3] as string;
      if (iterations <= MAX_ITERATIONS) {
        const base = { kind: 'nsec3' as const, iterations, salt, optOut: false, key: '' };
        const top = zone.byOwner.get(hashedOwner(zone, base, zone.origin))?.find((r) => isChainRecord(r, base));
        base.optOut = !!top && ((top.values[1] as number) & 1) === 1;
        base.key = `nsec3 ${iterations} ${salt || '-'} ${base.optOut ? 'opt-out' : ''}`;
        d = base;
      }
    } else if (apex?.some((r) => r.type === 'NSEC')) {
      d = { kind: 'nsec', key: 'nsec', iterations: 0, salt: '', optOut: false };
    }
    denialByZone.set(zone, d);
  }
  return d;
}

/** True for an NSEC3 record of the zone's chain (SHA-1, the NSEC3PARAM's iterations and salt). */
export function isChainRecord(r: ZoneRecord, d: Denial): boolean {
  return r.type === 'NSEC3' && r.values[0] === 1 && r.values[2] === d.iterations && r.values[3] === d.salt;
}

// Hashes by name, per parameters: an edited zone asks again for the same names at each keystroke.
// Cleared when it grows past MEMO_MAX (names typed one character at a time add a few each).
const memo = new Map<string, Map<string, string>>();
const MEMO_MAX = 2_000_000;
let memoSize = 0;

// crypto.hash (Node 20.12, 21.7) takes 1 µs for a name where createHash took 7 µs (2 cores, loaded)
type OneShot = (alg: string, data: Uint8Array, enc: 'buffer') => Buffer;
function sha1(data: Uint8Array): Uint8Array {
  const crypto = nodeCrypto() as unknown as { hash?: OneShot } & ReturnType<typeof nodeCrypto>;
  return crypto.hash ? crypto.hash('sha1', data, 'buffer') : crypto.createHash('sha1').update(data).digest();
}

/** The NSEC3 hash of a name (a key), as the first label of its NSEC3 owner: base32hex, lower case
 *  (RFC 5155 §5: SHA-1 over the canonical wire name and the salt, then iterations more times). */
export function nsec3Hash(name: string, d: Denial): string {
  const params = `${d.iterations} ${d.salt}`;
  let byName = memo.get(params);
  if (!byName) memo.set(params, (byName = new Map()));
  let h = byName.get(name);
  if (h === undefined) {
    const salt = Buffer.from(d.salt, 'hex');
    let x: Uint8Array = ownerWire(name);
    for (let i = 0; i <= d.iterations; i++) x = sha1(salt.length ? Buffer.concat([x, salt]) : x);
    h = base32hexText(x);
    if (++memoSize > MEMO_MAX) { memo.clear(); memoSize = 0; memo.set(params, (byName = new Map())); }
    byName.set(name, h);
  }
  return h;
}

/** The key of the NSEC3 owner for `name`: its hash as a label below the apex. */
export function hashedOwner(zone: Zone, d: Denial, name: string): string {
  return `${nsec3Hash(name, d)}.${zone.origin}`;
}

/** True when the owner holds an NSEC3: a hashed owner, no name the chain itself has to cover. */
export function isHashedOwner(records: readonly ZoneRecord[]): boolean {
  for (let i = 0; i < records.length; i++) if (records[i].type === 'NSEC3') return true;
  return false;
}

/** Where `name` stands for the denial: 'below' a delegation or DNAME (not this zone's data, no
 *  NSEC or NSEC3 of its own), 'delegation' (its NS and DS only), else 'auth'. */
export function standing(zone: Zone, name: string): 'auth' | 'delegation' | 'below' {
  const cut = cutAbove(zone, name);
  if (!cut) return 'auth';
  return cut.kind === 'delegation' && cut.at === name ? 'delegation' : 'below';
}

/** Types an NSEC or NSEC3 bitmap of a name lists at a delegation point (RFC 4035 §2.3, RFC 5155 §7.1). */
const AT_DELEGATION = new Set(['NS', 'DS', 'NSEC', 'RRSIG']);

export interface NameTypes {
  /** the types a signer lists for the name (RRSIG only where the name holds one) */
  present: Set<string>;
  /** the name has an RRset a signer signs (then RRSIG belongs in its bitmap, signed yet or not) */
  signs: boolean;
}

/** The types of `records` (one name's) a signer's bitmap lists: at a delegation point its NS, DS,
 *  NSEC and RRSIG only; never NSEC3 (an NSEC3's own types are not its original owner's). */
export function typesOfName(records: readonly ZoneRecord[], at: 'auth' | 'delegation'): NameTypes {
  const present = new Set<string>();
  let signs = false;
  for (let i = 0; i < records.length; i++) {
    const t = records[i].type;
    if (t === 'NSEC3' || (at === 'delegation' && !AT_DELEGATION.has(t))) continue;
    present.add(t);
    if (t !== 'RRSIG' && (at === 'auth' || t !== 'NS')) signs = true;
  }
  return { present, signs };
}

/** Which name of a zone each NSEC3 owner label is the hash of: every owner that is no hashed
 *  owner and each of its ancestors down to the apex (empty non-terminals have an NSEC3 too),
 *  with how many such owners are at or below each name. */
export class HashIndex {
  readonly below = new Map<string, number>();
  readonly byHash = new Map<string, string>();
  /** the owners added (not their ancestors) */
  readonly owners = new Set<string>();

  constructor(readonly origin: string, readonly denial: Denial) {}

  add(key: string): void {
    if (this.owners.has(key)) return;
    this.owners.add(key);
    for (let n: string | undefined = key; n !== undefined; n = n === this.origin ? undefined : parentKey(n)) {
      const c = this.below.get(n);
      this.below.set(n, (c ?? 0) + 1);
      if (c === undefined) this.byHash.set(nsec3Hash(n, this.denial), n);
    }
  }

  drop(key: string): void {
    if (!this.owners.delete(key)) return;
    for (let n: string | undefined = key; n !== undefined; n = n === this.origin ? undefined : parentKey(n)) {
      const c = this.below.get(n);
      if (c === undefined) return;
      if (c > 1) this.below.set(n, c - 1);
      else {
        this.below.delete(n);
        this.byHash.delete(nsec3Hash(n, this.denial));
      }
    }
  }
}

/** An owner the index holds: in the zone, and no hashed owner. */
function indexed(zone: Zone, key: string): boolean {
  const recs = zone.byOwner.get(key);
  return !!recs && !isHashedOwner(recs) && isInZone(key, zone.origin);
}

const indexByZone = new WeakMap<Zone, HashIndex>();

/** The zone's HashIndex for its NSEC3 chain: built once per zone object from its owners (a hash
 *  each, kept by name), or handed on from the version before an edit (carryHashIndex). */
export function hashIndex(zone: Zone, d: Denial): HashIndex {
  let ix = indexByZone.get(zone);
  if (!ix || ix.denial.key !== d.key || ix.origin !== zone.origin) {
    ix = new HashIndex(zone.origin, d);
    // the hashed owners from the NSEC3 records, not from each name's records: a column-stored
    // zone makes a record object for every record it is asked for (a 100k NSEC3 zone: 0.5 s)
    const hashed = new Set<string>();
    for (const r of zone.byType.get('NSEC3') ?? []) hashed.add(r.ownerKey);
    for (const key of zone.byOwner.keys()) if (!hashed.has(key) && isInZone(key, zone.origin)) ix.add(key);
    indexByZone.set(zone, ix);
  }
  return ix;
}

/**
 * Hands the HashIndex of `from` on to `to`, the next version of an edited zone, brought up to date
 * at the owners the edit added or emptied (instead of a pass over every name per keystroke). The
 * index is shared: `from` must not be asked again (the editor's rule cache moves on to `to`).
 */
export function carryHashIndex(from: Zone, to: Zone, removed: readonly ZoneRecord[], added: readonly ZoneRecord[]): void {
  const ix = indexByZone.get(from);
  if (!ix || indexByZone.has(to) || to.origin !== ix.origin || denialOf(to)?.key !== ix.denial.key) return;
  for (const list of [removed, added]) {
    for (const r of list) {
      const key = r.ownerKey;
      // `from` shares its indexes with `to` (zone/incremental.ts): what it held is the index's
      if (indexed(to, key)) ix.add(key);
      else ix.drop(key);
    }
  }
  indexByZone.set(to, ix);
}
