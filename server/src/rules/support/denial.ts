// What the authenticated-denial rules (nsec-bitmap, nsec-chain) share: which denial a signed zone
// uses (NSEC, or NSEC3 with the apex NSEC3PARAM's parameters), the NSEC3 hash of a name
// (RFC 5155 §5), the types a signer lists for a name, and, per zone version, which name an NSEC3
// owner is the hash of. Pure; imports only the zone model and support.
import { base32hexInto, base32hexText } from '../../zone/base32hex';
import type { Zone, ZoneRecord, ZoneRows } from '../../zone/model';
import { typeCodeByName } from '../../zone/rr-codes';
import { typeName } from '../../zone/rr-types';
import { isInZone, parentKey } from '../../zone/names';
import { ownerWire } from '../../zone/wire';
import { SHA1_LENGTH, sha1Into } from './sha1';
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

/** SHA-1's 20 octets: the length of every hash of a chain (NSEC3PARAM algorithm 1). */
const DIGEST_LENGTH = SHA1_LENGTH;

const saltByDenial = new WeakMap<Denial, Uint8Array>();

/** The salt's octets, read once per denial (not once per name hashed). */
function saltOf(d: Denial): Uint8Array {
  let salt = saltByDenial.get(d);
  if (!salt) saltByDenial.set(d, (salt = Buffer.from(d.salt, 'hex')));
  return salt;
}

// What is hashed, written into arrays kept from name to name: a wire name and the salt (grown
// for a longer one), a hash and the salt (a salt is at most 255 octets, RFC 5155 §3.1.5)
let salted = new Uint8Array(512);
let iterated = new Uint8Array(DIGEST_LENGTH + 255);

/** The NSEC3 hash of a name as 20 octets (RFC 5155 §5: SHA-1 over the canonical wire name and
 *  the salt, then iterations more times over the hash and the salt). */
function nsec3Digest(name: string, d: Denial): Uint8Array {
  const out = new Uint8Array(DIGEST_LENGTH);
  nsec3DigestInto(name, d, out);
  return out;
}

/** nsec3Digest into out[0 .. 20). */
function nsec3DigestInto(name: string, d: Denial, out: Uint8Array): void {
  const salt = saltOf(d);
  sha1Into(salted, saltedWire(name, salt), out, 0);
  if (d.iterations === 0) return;
  if (DIGEST_LENGTH + salt.length > iterated.length) iterated = new Uint8Array(DIGEST_LENGTH + salt.length);
  iterated.set(salt, DIGEST_LENGTH);
  for (let i = 0; i < d.iterations; i++) {
    for (let j = 0; j < DIGEST_LENGTH; j++) iterated[j] = out[j];
    sha1Into(iterated, DIGEST_LENGTH + salt.length, out, 0);
  }
}

/** Writes a key's canonical wire form, then the salt, into `salted`; returns its length.
 *  Written from the key's characters when they are ASCII without escapes (almost every name;
 *  ownerWire's general path took half of the hashing). */
function saltedWire(key: string, salt: Uint8Array): number {
  const n = key.length;
  if (n < 2 || key.charCodeAt(n - 1) !== 46) return withSalt(ownerWire(key), salt);
  if (n + 1 + salt.length > salted.length) salted = new Uint8Array(2 * (n + 1 + salt.length));
  const out = salted;
  // each dot ends a label: its length goes where the label started
  let lengthAt = 0;
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i);
    if (c === 46) {
      out[lengthAt] = i - lengthAt;
      lengthAt = i + 1;
    } else if (c === 92 || c > 127) {
      return withSalt(ownerWire(key), salt);
    } else {
      out[i + 1] = c >= 65 && c <= 90 ? c + 32 : c;
    }
  }
  out[n] = 0; // the root's empty label
  out.set(salt, n + 1);
  return n + 1 + salt.length;
}

/** Writes a wire name, then the salt, into `salted`; returns its length. */
function withSalt(wire: Uint8Array, salt: Uint8Array): number {
  if (wire.length + salt.length > salted.length) salted = new Uint8Array(2 * (wire.length + salt.length));
  salted.set(wire);
  salted.set(salt, wire.length);
  return wire.length + salt.length;
}

/** The NSEC3 hash of a name (a key), as the first label of its NSEC3 owner: base32hex, lower case. */
export function nsec3Hash(name: string, d: Denial): string {
  const params = `${d.iterations} ${d.salt}`;
  let byName = memo.get(params);
  if (!byName) memo.set(params, (byName = new Map()));
  let h = byName.get(name);
  if (h === undefined) {
    h = base32hexText(nsec3Digest(name, d));
    if (++memoSize > MEMO_MAX) { memo.clear(); memoSize = 0; memo.set(params, (byName = new Map())); }
    byName.set(name, h);
  }
  return h;
}

/** Reads the hash an NSEC3 owner's first label spells (32 base32hex digits, then a dot) into
 *  `out`; false for a label of another length or character. No string is made. */
function labelDigest(key: string, out: Uint8Array): boolean {
  return key.length > 32 && key.charCodeAt(32) === 46 && base32hexInto(key, 0, 32, out);
}

/** The key of the NSEC3 owner for `name`: its hash as a label below the apex. */
export function hashedOwner(zone: Zone, d: Denial, name: string): string {
  return hashedOwnerKey(zone.origin, nsec3Hash(name, d));
}

/** The key of the NSEC3 owner whose first label is `label` (a hash, in lower case): right below the apex. */
export function hashedOwnerKey(origin: string, label: string): string {
  return origin === '.' ? `${label}.` : `${label}.${origin}`;
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
  const types: NameTypes = { present: new Set(), signs: false };
  for (let i = 0; i < records.length; i++) listType(types, records[i].type, at);
  return types;
}

/** Adds a type held at a name to what its bitmap lists (typesOfName). */
function listType(types: NameTypes, t: string, at: 'auth' | 'delegation'): void {
  if (t === 'NSEC3' || (at === 'delegation' && !AT_DELEGATION.has(t))) return;
  types.present.add(t);
  if (t !== 'RRSIG' && (at === 'auth' || t !== 'NS')) types.signs = true;
}

/** typesOfName of the name id `id` of a column store, from its rows' type codes (no record
 *  object made); undefined when the name has no records. */
export function typesOfRows(rows: ZoneRows, id: number, at: 'auth' | 'delegation'): NameTypes | undefined {
  const o = ownerRowsOf(rows);
  const count = o.count[id];
  if (!count) return undefined;
  const types: NameTypes = { present: new Set(), signs: false };
  for (let i = o.start[id]; i < o.start[id] + count; i++) listType(types, typeName(rows.typeCode(o.list[i])), at);
  return types;
}

/** Where each name id's rows are in a column store's owner lists (forEachOwner's). */
interface OwnerRows {
  list: Int32Array;
  start: Int32Array;
  count: Int32Array;
}

const ownerRowsByStore = new WeakMap<ZoneRows, OwnerRows>();

function ownerRowsOf(rows: ZoneRows): OwnerRows {
  let o = ownerRowsByStore.get(rows);
  if (!o) {
    const made: OwnerRows = { list: new Int32Array(0), start: new Int32Array(rows.nameCount), count: new Int32Array(rows.nameCount) };
    rows.forEachOwner((id, list, start, count) => {
      made.list = list;
      made.start[id] = start;
      made.count[id] = count;
    });
    ownerRowsByStore.set(rows, (o = made));
  }
  return o;
}

/** The octets of the hash an NSEC3 owner of the zone spells (its first label, right below the
 *  apex) into `out`; false for another owner. */
function ownerDigest(key: string, origin: string, out: Uint8Array): boolean {
  const length = origin === '.' ? 33 : 33 + origin.length;
  return key.length === length && (origin === '.' || key.endsWith(origin)) && labelDigest(key, out);
}

/**
 * Which name of a zone each NSEC3 owner label is the hash of: every owner that is no hashed
 * owner and each of its ancestors down to the apex (empty non-terminals have an NSEC3 too),
 * and how many records of the chain each hash's owner holds. Kept by the hash's 20 octets in a table of its own (open addressing on the
 * hash's first four octets, evenly spread): no string per hash, and an NSEC3 owner is looked up
 * from its label's characters.
 */
export class HashIndex {
  /** a name indexed -> its entry (built from a column store: the names it has no id for) */
  private readonly entryOfName = new Map<string, number>();
  // per entry: its hash, its name (undefined: only an NSEC3 owner is there, or, built from a
  // column store, the name is its name id's), how many names right below the name are indexed,
  // whether the name was added as an owner (not only as an ancestor), the chain's records at the
  // hash's owner. A name stays while it is an owner or has a name indexed right below it.
  private digests: Uint8Array;
  private readonly names: (string | undefined)[] = [];
  private children: Int32Array;
  private owned: Uint8Array;
  private chain: Int32Array;
  private readonly freeEntries: number[] = [];
  private entryCount = 0;
  /** entry + 1; 0 empty, -1 an entry gone (a probe goes on past it) */
  private slots: Int32Array;
  private slotsUsed = 0;
  private readonly scratch = new Uint8Array(DIGEST_LENGTH);
  /** built from a column store's rows (indexRows): per name id, the entry + 1 of the name
   *  (0: not indexed), and per entry its name id (-1: none). No key string kept per name, no
   *  Map lookup per owner. Such an index is not handed on to an edited zone (carryHashIndex). */
  private rows: ZoneRows | undefined;
  private entryById: Int32Array | undefined;
  private idOfEntry: Int32Array | undefined;

  constructor(readonly origin: string, readonly denial: Denial, expected = 0) {
    const entries = Math.max(64, expected);
    this.digests = new Uint8Array(entries * DIGEST_LENGTH);
    this.children = new Int32Array(entries);
    this.owned = new Uint8Array(entries);
    this.chain = new Int32Array(entries);
    let slots = 128;
    while (slots < entries * 2) slots *= 2;
    this.slots = new Int32Array(slots);
  }

  /** The entry of the hash the NSEC3 owner `key` spells, or -1 (for nameOf and nameIdOf). */
  entryAt(key: string): number {
    return ownerDigest(key, this.origin, this.scratch) ? this.find(this.scratch, 0) : -1;
  }

  /** The name id of an entry's name in the column store the index was built from, else -1. */
  nameIdOf(e: number): number {
    return this.idOfEntry && this.names[e] === undefined ? this.idOfEntry[e] : -1;
  }

  /** The name of an entry, if any (undefined: an NSEC3 owner of no name). */
  nameOf(e: number): string | undefined {
    const name = this.names[e];
    if (name !== undefined || !this.rows) return name;
    const id = this.idOfEntry![e];
    return id < 0 ? undefined : this.rows.nameKey(id);
  }

  /** The entry of an indexed name, or -1. */
  private entryOf(name: string): number {
    const e = this.entryOfName.get(name);
    if (e !== undefined) return e;
    if (!this.rows) return -1;
    const id = this.rows.nameId(name);
    return id < 0 ? -1 : this.entryById![id] - 1;
  }

  /** The NSEC3 owner for `name` (hashedOwner), from the hash kept for it when it is indexed. */
  ownerOf(name: string): string {
    const e = this.entryOf(name);
    if (e < 0) return hashedOwnerKey(this.origin, nsec3Hash(name, this.denial));
    const at = e * DIGEST_LENGTH;
    return hashedOwnerKey(this.origin, base32hexText(this.digests.subarray(at, at + DIGEST_LENGTH)));
  }

  /** True when the owner at the hash of `name` holds a record of the chain. */
  hasChainRecord(name: string): boolean {
    let e = this.entryOf(name);
    if (e < 0) {
      nsec3DigestInto(name, this.denial, this.scratch);
      e = this.find(this.scratch, 0);
    }
    return e >= 0 && this.chain[e] > 0;
  }

  /** Per name id of the column store the index was built from: 1 for an owner indexed whose
   *  hash's owner holds no record of the chain (hasChainRecord false), 2 for every other name. */
  missingById(nameCount: number): Uint8Array {
    const out = new Uint8Array(nameCount).fill(2);
    const byId = this.entryById;
    if (!byId) return out;
    for (let id = 0; id < nameCount && id < byId.length; id++) {
      const e = byId[id] - 1;
      if (e >= 0 && this.owned[e] && this.chain[e] === 0) out[id] = 1;
    }
    return out;
  }

  /** True when the index was built from a column store's rows (its names by id). */
  get byNameId(): boolean {
    return this.rows !== undefined;
  }

  /** Starts an index by the name ids of a column store (before any name is added). */
  useRows(rows: ZoneRows): void {
    this.rows = rows;
    this.entryById = new Int32Array(rows.nameCount);
    this.idOfEntry = new Int32Array(this.children.length).fill(-1);
  }

  /** Indexes an owner (`id`: its name id in the column store the index is built from, else -1),
   *  and its ancestors not indexed yet: the walk up stops at the first one that is (a name's
   *  parent usually is), instead of counting at every ancestor. */
  add(key: string, id = -1): void {
    const at = this.indexedEntry(key, id);
    if (at >= 0) {
      this.owned[at] = 1;
      return;
    }
    this.owned[this.nameEntry(key, id)] = 1;
    for (let n = key; n !== this.origin;) {
      const parent = parentKey(n);
      if (parent === undefined) return;
      // in a column store most parents are owners (names with an id); an empty non-terminal is the Map's
      const pid = this.rows ? this.rows.nameId(parent) : -1;
      const e = this.indexedEntry(parent, pid);
      if (e >= 0) {
        this.children[e]++;
        return;
      }
      this.children[this.nameEntry(parent, pid)] = 1;
      n = parent;
    }
  }

  /** The entry of a name indexed already, by its name id when it has one, or -1. */
  private indexedEntry(name: string, id: number): number {
    return id >= 0 ? this.entryById![id] - 1 : this.entryOfName.get(name) ?? -1;
  }

  /** Takes an owner out, and each ancestor left with no owner at or below it. */
  drop(key: string): void {
    let e = this.entryOfName.get(key);
    if (e === undefined || !this.owned[e]) return;
    this.owned[e] = 0;
    for (let n = key; !this.owned[e] && this.children[e] === 0;) {
      this.entryOfName.delete(n);
      this.names[e] = undefined;
      if (this.chain[e] === 0) this.remove(e);
      const parent = n === this.origin ? undefined : parentKey(n);
      const p = parent === undefined ? undefined : this.entryOfName.get(parent);
      if (p === undefined) return;
      this.children[p]--;
      n = parent!;
      e = p;
    }
  }

  /** The entry of a name not indexed yet (of its hash's, when an NSEC3 owner made it first);
   *  `id`: its name id in the column store the index is built from, else -1. */
  private nameEntry(name: string, id: number): number {
    const digest = this.scratch;
    nsec3DigestInto(name, this.denial, digest);
    let e = this.find(digest, 0);
    if (e < 0) e = this.insert(digest, 0);
    if (id >= 0) {
      this.entryById![id] = e + 1;
      this.idOfEntry![e] = id;
    } else {
      this.names[e] = name;
      this.entryOfName.set(name, e);
    }
    return e;
  }

  /** Sets how many records of the chain the NSEC3 owner `key` holds. */
  setChainRecords(key: string, count: number): void {
    if (!ownerDigest(key, this.origin, this.scratch)) return;
    let e = this.find(this.scratch, 0);
    if (e < 0) {
      if (count === 0) return;
      e = this.insert(this.scratch, 0);
    }
    this.chain[e] = count;
    if (count === 0 && this.names[e] === undefined) this.remove(e);
  }

  /** One more record of the chain at the NSEC3 owner `key` (building the index). */
  addChainRecord(key: string): void {
    if (!ownerDigest(key, this.origin, this.scratch)) return;
    const e = this.find(this.scratch, 0);
    if (e >= 0) this.chain[e]++;
    else this.chain[this.insert(this.scratch, 0)] = 1;
  }

  /** The entry of the hash at digest[at ..], or -1. */
  private find(digest: Uint8Array, at: number): number {
    const mask = this.slots.length - 1;
    for (let s = firstSlot(digest, at) & mask; ; s = (s + 1) & mask) {
      const v = this.slots[s];
      if (v === 0) return -1;
      if (v > 0 && this.sameDigest(v - 1, digest, at)) return v - 1;
    }
  }

  private sameDigest(e: number, digest: Uint8Array, at: number): boolean {
    const d = this.digests, base = e * DIGEST_LENGTH;
    for (let i = 0; i < DIGEST_LENGTH; i++) if (d[base + i] !== digest[at + i]) return false;
    return true;
  }

  /** A new entry for a hash not in the table. */
  private insert(digest: Uint8Array, at: number): number {
    if ((this.slotsUsed + 1) * 2 > this.slots.length) this.rehash();
    const e = this.freeEntries.length ? this.freeEntries.pop()! : this.entryCount++;
    if (e >= this.children.length) this.growEntries();
    const to = e * DIGEST_LENGTH;
    for (let i = 0; i < DIGEST_LENGTH; i++) this.digests[to + i] = digest[at + i];
    this.names[e] = undefined;
    if (this.idOfEntry) this.idOfEntry[e] = -1;
    this.children[e] = 0;
    this.owned[e] = 0;
    this.chain[e] = 0;
    this.place(e);
    this.slotsUsed++;
    return e;
  }

  private place(e: number): void {
    const mask = this.slots.length - 1;
    let s = firstSlot(this.digests, e * DIGEST_LENGTH) & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = e + 1;
  }

  /** Takes entry e out of the table (its slot stays taken, as gone, until the next rehash). */
  private remove(e: number): void {
    const mask = this.slots.length - 1;
    let s = firstSlot(this.digests, e * DIGEST_LENGTH) & mask;
    while (this.slots[s] !== e + 1) s = (s + 1) & mask;
    this.slots[s] = -1;
    this.chain[e] = 0;
    this.freeEntries.push(e);
  }

  /** Twice the slots when the live entries fill a quarter of them, else as many (the gone ones dropped). */
  private rehash(): void {
    const live = this.entryCount - this.freeEntries.length;
    let size = this.slots.length;
    if ((live + 1) * 4 > size) size *= 2;
    this.slots = new Int32Array(size);
    const free = new Set(this.freeEntries);
    for (let e = 0; e < this.entryCount; e++) if (!free.has(e)) this.place(e);
    this.slotsUsed = live;
  }

  private growEntries(): void {
    const n = this.children.length * 2;
    const digests = new Uint8Array(n * DIGEST_LENGTH);
    digests.set(this.digests);
    this.digests = digests;
    this.children = grownTo(this.children, new Int32Array(n));
    this.owned = grownTo(this.owned, new Uint8Array(n));
    this.chain = grownTo(this.chain, new Int32Array(n));
    if (this.idOfEntry) this.idOfEntry = grownTo(this.idOfEntry, new Int32Array(n).fill(-1));
  }
}

function grownTo<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Where a hash's probe starts: its first four octets (a hash's octets are evenly spread). */
function firstSlot(digest: Uint8Array, at: number): number {
  return ((digest[at] << 24) | (digest[at + 1] << 16) | (digest[at + 2] << 8) | digest[at + 3]) >>> 0;
}

/** An owner the index holds: in the zone, and no hashed owner. */
function indexed(zone: Zone, key: string): boolean {
  const recs = zone.byOwner.get(key);
  return !!recs && !isHashedOwner(recs) && isInZone(key, zone.origin);
}

const indexByZone = new WeakMap<Zone, HashIndex>();

/** The zone's HashIndex for its NSEC3 chain: built once per zone object from its owners (a hash
 *  each) and its NSEC3 records, or handed on from the version before an edit (carryHashIndex). */
export function hashIndex(zone: Zone, d: Denial): HashIndex {
  let ix = indexByZone.get(zone);
  if (!ix || ix.denial.key !== d.key || ix.origin !== zone.origin) {
    ix = new HashIndex(zone.origin, d, zone.byOwner.size);
    if (zone.rows) indexRows(zone.rows, ix);
    else indexRecords(zone, ix);
    indexByZone.set(zone, ix);
  }
  return ix;
}

// The hashed owners from the NSEC3 records, not from each name's records: a column-stored
// zone makes a record object for every record it is asked for (a 100k NSEC3 zone: 0.5 s).
function indexRecords(zone: Zone, ix: HashIndex): void {
  const hashed = new Set<string>();
  for (const r of zone.byType.get('NSEC3') ?? []) {
    hashed.add(r.ownerKey);
    if (isChainRecord(r, ix.denial)) ix.addChainRecord(r.ownerKey);
  }
  for (const key of zone.byOwner.keys()) if (!hashed.has(key) && isInZone(key, ix.origin)) ix.add(key);
}

// The same from a column store's rows: the hashed owners marked by name id, a record object
// made for the NSEC3 rows only (byType would keep all of them: a list that long is kept).
function indexRows(rows: ZoneRows, ix: HashIndex): void {
  const nsec3 = typeCodeByName('NSEC3');
  const hashed = new Uint8Array(rows.nameCount);
  for (let row = 0; row < rows.count; row++) {
    if (rows.typeCode(row) !== nsec3) continue;
    const id = rows.ownerId(row);
    hashed[id] = 1;
    const r = rows.record(row);
    if (isChainRecord(r, ix.denial)) ix.addChainRecord(r.ownerKey);
  }
  ix.useRows(rows);
  rows.forEachOwner((id) => {
    if (hashed[id]) return;
    const key = rows.nameKey(id);
    if (isInZone(key, ix.origin)) ix.add(key, id);
  });
}

/** How many records of the chain `key` holds in `zone`. */
function chainRecordsAt(zone: Zone, key: string, d: Denial): number {
  let n = 0;
  for (const r of zone.byOwner.get(key) ?? []) if (isChainRecord(r, d)) n++;
  return n;
}

/**
 * Hands the HashIndex of `from` on to `to`, the next version of an edited zone, brought up to date
 * at the owners the edit added or emptied (instead of a pass over every name per keystroke). The
 * index is shared: `from` must not be asked again (the editor's rule cache moves on to `to`).
 */
export function carryHashIndex(from: Zone, to: Zone, removed: readonly ZoneRecord[], added: readonly ZoneRecord[]): void {
  const ix = indexByZone.get(from);
  if (!ix || ix.byNameId || indexByZone.has(to) || to.origin !== ix.origin || denialOf(to)?.key !== ix.denial.key) return;
  for (const list of [removed, added]) {
    for (const r of list) {
      const key = r.ownerKey;
      // `from` shares its indexes with `to` (zone/incremental.ts): what it held is the index's
      if (indexed(to, key)) ix.add(key);
      else ix.drop(key);
      // counted again at the owner, not by one per record: a record both removed and added counts once
      if (r.type === 'NSEC3') ix.setChainRecords(key, chainRecordsAt(to, key, ix.denial));
    }
  }
  indexByZone.set(to, ix);
}
