// Interned domain-name keys for the column store (column-zone.ts): each distinct key
// gets a small integer id. A name written in the zone text is looked up by its span
// and origin, without building its string: most of a big zone's names are written
// once, and their strings are made only when a rule or feature asks for them.
import { lowerAscii, parentKey } from './names';

const INITIAL_SLOTS = 1 << 12; // pairs

/** Hash of a key's characters, polynomial so that `label.` + origin combines from parts. */
const MUL = 31;

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** An origin names are made absolute against: its key and what its hash contributes. */
export interface Origin {
  key: string;
  hash: number;
  /** MUL to the power of the key's length (mod 2^32) */
  scale: number;
}

export function makeOrigin(key: string): Origin {
  let hash = 0, scale = 1;
  for (let i = 0; i < key.length; i++) {
    hash = (Math.imul(hash, MUL) + key.charCodeAt(i)) | 0;
    scale = Math.imul(scale, MUL);
  }
  return { key, hash, scale };
}

export class NameTable {
  /** open addressing: pairs of (id + 1, hash), so a probe reads one cache line (0 = empty) */
  private slots: Int32Array;
  private hashes = new Int32Array(1024);
  /** text span of a name written in the zone (its segment, and its origin), until its key is made */
  private spanStart = new Int32Array(1024);
  private spanEnd = new Int32Array(1024);
  private spanSegment = new Int32Array(1024);
  /** index of the origin in `origins`, -1 for a name written absolute */
  private spanOrigin = new Int32Array(1024);
  private readonly origins: Origin[] = [];
  private keys: (string | undefined)[] = [];
  private count = 0;
  /** the texts spans are in (the zone's segments), and the one internSpan reads now */
  private readonly texts: string[] = [];
  private text = '';

  /** `expected`: about how many names will come (sizes the table once instead of growing it) */
  constructor(expected = 0) {
    let pairs = INITIAL_SLOTS;
    while (pairs < expected * 2) pairs *= 2;
    this.slots = new Int32Array(pairs * 2);
    const n = Math.max(1024, expected);
    this.hashes = new Int32Array(n);
    this.spanStart = new Int32Array(n);
    this.spanEnd = new Int32Array(n);
    this.spanSegment = new Int32Array(n);
    this.spanOrigin = new Int32Array(n);
  }

  /** The text the next spans are in (the scanner's next segment). */
  readFrom(text: string): void {
    this.texts.push(text);
    this.text = text;
  }

  get size(): number {
    return this.count;
  }

  /** Registers an origin names can be relative to; returns its index (for internSpan). */
  addOrigin(key: string): number {
    const o = makeOrigin(key);
    this.origins.push(o);
    return this.origins.length - 1;
  }

  originKey(index: number): string {
    return this.origins[index].key;
  }

  /** The key string of a name id (made on first request, then kept). */
  key(id: number): string {
    let k = this.keys[id];
    if (k === undefined) {
      k = this.keyOnce(id);
      this.keys[id] = k;
    }
    return k;
  }

  /** The key string of a name id, not kept when it was not made yet (for a question asked
   *  once per name: keeping a million keys nobody reads again only feeds the collector). */
  keyOnce(id: number): string {
    const k = this.keys[id];
    if (k !== undefined) return k;
    const written = lowerAscii(this.texts[this.spanSegment[id]].slice(this.spanStart[id], this.spanEnd[id]));
    const oi = this.spanOrigin[id];
    const o = oi < 0 ? undefined : this.origins[oi];
    return o === undefined ? written : o.key === '.' ? written + '.' : written + '.' + o.key;
  }

  /** For every name id: 1 when `passes` is false for some part of the name, else 2. `passes`
   *  reads characters [start, end) of a text: a name written in the zone text is asked about its
   *  span there (as written: any case, relative or absolute), and its origin's key once per
   *  origin; other names about their keys. No key strings are made (a question about every
   *  name of a big zone, such as "is it a host name?", then costs no string per name). */
  failing(passes: (text: string, start: number, end: number) => boolean): Uint8Array {
    const out = new Uint8Array(this.count);
    const originPasses = this.origins.map((o) => passes(o.key, 0, o.key.length));
    for (let id = 0; id < this.count; id++) {
      const key = this.keys[id];
      let ok: boolean;
      if (key !== undefined) ok = passes(key, 0, key.length);
      else {
        const oi = this.spanOrigin[id];
        ok = passes(this.texts[this.spanSegment[id]], this.spanStart[id], this.spanEnd[id]) && (oi < 0 || originPasses[oi]);
      }
      out[id] = ok ? 2 : 1;
    }
    return out;
  }

  /** For every name id: 1 when the name (with `self` false: only an ancestor of it) is one of
   *  `ids`, else 2. One pass without key strings for names written in the text: their
   *  ancestors' hashes come from their spans, read backwards, and only a hash that some
   *  name of `ids` has is looked up in the table (so a question per name of a big zone, such
   *  as "below a delegation?", costs no label search through strings). */
  below(ids: readonly number[], self: boolean): Uint8Array {
    const out = new Uint8Array(this.count);
    const isOne = new Uint8Array(this.count);
    for (const id of ids) isOne[id] = 1;
    // the hashes of the names and of all their ancestors: a name's walk stops at the first
    // ancestor that is neither (most names: their label under the apex)
    const filter = new HashFilter(ids.length * 2);
    const ancestors = new Set<string>();
    for (const id of ids) {
      filter.add(this.hashes[id], LISTED);
      for (let k = parentKey(this.key(id)); k !== undefined && !ancestors.has(k); k = parentKey(k)) {
        ancestors.add(k);
        filter.add(hashKey(k), ABOVE_LISTED);
      }
    }
    // per origin: whether it or an ancestor is one of them (names written relative to it end there)
    const originBelow = new Uint8Array(this.origins.length);
    const byKey = (key: string | undefined): number => {
      for (let k = key; k !== undefined; k = parentKey(k)) {
        const id = this.find(k);
        if (id >= 0 && isOne[id]) return 1;
      }
      return 2;
    };
    for (let id = 0; id < this.count; id++) {
      if (self && isOne[id]) out[id] = 1;
      else {
        const key = this.keys[id];
        if (key !== undefined) {
          // a key without escapes reads like a name written absolute
          out[id] = key.includes('\\') ? byKey(parentKey(key)) : this.writtenAncestorIn(key, 0, key.length, -1, filter, isOne) ? 1 : 2;
        } else if (this.writtenAncestorIn(this.texts[this.spanSegment[id]], this.spanStart[id], this.spanEnd[id], this.spanOrigin[id], filter, isOne)) {
          out[id] = 1;
        } else {
          const oi = this.spanOrigin[id];
          if (oi < 0) out[id] = 2; // an absolute name: the span held every ancestor
          else out[id] = originBelow[oi] || (originBelow[oi] = byKey(this.origins[oi].key));
        }
      }
    }
    return out;
  }

  /** True when an ancestor of the name written at text[start, end) relative to origin `oi`
   *  (-1: absolute), among those written there (for an absolute name, the root too), is
   *  marked in `isOne`. */
  private writtenAncestorIn(text: string, start: number, end: number, oi: number, filter: HashFilter, isOne: Uint8Array): boolean {
    const origin = oi < 0 ? undefined : this.origins[oi];
    // the hash of text[i + 1, end) (lower case), then of that ancestor's key, as internSpan makes them
    let h = 0, pow = 1;
    for (let i = end - 1; i >= start; i--) {
      const c = lower(text.charCodeAt(i));
      if (c === DOT && i < end - 1) {
        const k = origin === undefined ? h : origin.key === '.' ? (Math.imul(h, MUL) + DOT) | 0
          : (Math.imul(Math.imul(h, MUL), origin.scale) + Math.imul(DOT, origin.scale) + origin.hash) | 0;
        const f = filter.get(k);
        if (f === 0) break; // nothing listed at or below this ancestor, so neither at the longer ones
        if (f & LISTED) {
          const found = this.findSpan(k, text, i + 1, end, oi);
          if (found >= 0 && isOne[found]) return true;
        }
      }
      h = (h + Math.imul(c, pow)) | 0;
      pow = Math.imul(pow, MUL);
    }
    if (origin !== undefined || end - start < 2 || !(filter.get(DOT) & LISTED)) return false;
    const root = this.find('.'); // an absolute name's last ancestor
    return root >= 0 && isOne[root] === 1;
  }

  /** The id of the name written at text[start, end) relative to origin `originIndex` (-1:
   *  absolute), whose key hashes to `h`; -1 when it is not here. Does not add it. */
  private findSpan(h: number, text: string, start: number, end: number, originIndex: number): number {
    const origin = originIndex < 0 ? undefined : this.origins[originIndex];
    const length = end - start + (origin === undefined ? 0 : origin.key === '.' ? 1 : origin.key.length + 1);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
      const id = slots[slot * 2] - 1;
      if (id < 0) return -1;
      if (slots[slot * 2 + 1] === h && this.sameAsSpan(id, length, text, start, end, originIndex)) return id;
    }
  }

  /** The id of the name written at text[start, end): absolute when `origin` is undefined,
   *  else relative to it. No escapes in the span (the scanner sends those the slow way). */
  internSpan(start: number, end: number, originIndex: number): number {
    const text = this.text;
    const origin = originIndex < 0 ? undefined : this.origins[originIndex];
    let h = 0;
    for (let i = start; i < end; i++) h = (Math.imul(h, MUL) + lower(text.charCodeAt(i))) | 0;
    let length = end - start;
    if (origin !== undefined) {
      h = (Math.imul(h, MUL) + 46) | 0; // '.'
      length += 1;
      if (origin.key !== '.') {
        h = (Math.imul(h, origin.scale) + origin.hash) | 0;
        length += origin.key.length;
      }
    }
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
      const id = slots[slot * 2] - 1;
      if (id < 0) return this.add(slot, h, start, end, originIndex, undefined);
      if (slots[slot * 2 + 1] === h && this.sameAsSpan(id, length, text, start, end, originIndex)) return id;
    }
  }

  /** The id of a key given as a string (adds it when new). */
  internKey(key: string): number {
    const h = hashKey(key);
    const slot = this.slotOfKey(key, h);
    const id = this.slots[slot * 2] - 1;
    return id >= 0 ? id : this.add(slot, h, 0, 0, -1, key);
  }

  /** The id of a key, or -1 when no name has it. */
  find(key: string): number {
    return this.slots[this.slotOfKey(key, hashKey(key)) * 2] - 1;
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  private slotOfKey(key: string, h: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
      const id = slots[slot * 2] - 1;
      if (id < 0 || (slots[slot * 2 + 1] === h && this.key(id) === key)) return slot;
    }
  }

  /** True when name `id` is the name written at text[start, end) (key `length` long). */
  private sameAsSpan(id: number, length: number, text: string, start: number, end: number, originIndex: number): boolean {
    const n = end - start;
    if (this.keys[id] === undefined && this.spanOrigin[id] === originIndex && this.spanEnd[id] - this.spanStart[id] === n) {
      // written the same way (the usual repeat): compare the two spans, no key string needed
      const other = this.spanStart[id];
      const was = this.texts[this.spanSegment[id]];
      for (let i = 0; i < n; i++) if (lower(was.charCodeAt(other + i)) !== lower(text.charCodeAt(start + i))) return false;
      return true;
    }
    return this.keyMatchesSpan(this.key(id), length, text, start, end, originIndex < 0 ? undefined : this.origins[originIndex]);
  }

  private keyMatchesSpan(key: string, length: number, text: string, start: number, end: number, origin: Origin | undefined): boolean {
    if (key.length !== length) return false;
    const n = end - start;
    for (let i = 0; i < n; i++) if (key.charCodeAt(i) !== lower(text.charCodeAt(start + i))) return false;
    if (origin === undefined) return true;
    if (key.charCodeAt(n) !== 46) return false;
    return origin.key === '.' || key.startsWith(origin.key, n + 1);
  }

  private add(slot: number, h: number, start: number, end: number, originIndex: number, key: string | undefined): number {
    const id = this.count++;
    if (id === this.hashes.length) {
      this.hashes = grown(this.hashes);
      this.spanStart = grown(this.spanStart);
      this.spanEnd = grown(this.spanEnd);
      this.spanSegment = grown(this.spanSegment);
      this.spanOrigin = grown(this.spanOrigin);
    }
    this.hashes[id] = h;
    this.spanStart[id] = start;
    this.spanEnd[id] = end;
    this.spanSegment[id] = this.texts.length - 1;
    this.spanOrigin[id] = originIndex;
    this.keys.push(key);
    this.slots[slot * 2] = id + 1;
    this.slots[slot * 2 + 1] = h;
    if (this.count * 4 > this.slots.length) this.rehash(); // load over 1/2
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = (slots.length >> 1) - 1;
    for (let id = 0; id < this.count; id++) {
      const h = this.hashes[id];
      let slot = mix(h) & mask;
      while (slots[slot * 2] !== 0) slot = (slot + 1) & mask;
      slots[slot * 2] = id + 1;
      slots[slot * 2 + 1] = h;
    }
    this.slots = slots;
  }
}

const DOT = 46;

// HashFilter flags: a listed name's hash; an ancestor's of one.
const LISTED = 1, ABOVE_LISTED = 2;

/** Flags by hash for a few names, asked about many (most answers: none): far smaller than the
 *  name table, and a probe reads one pair (hash, flags). */
class HashFilter {
  private slots: Int32Array;
  private count = 0;

  /** `expected`: about how many hashes will come (sizes the table once) */
  constructor(expected: number) {
    let pairs = 64;
    while (pairs < expected * 2) pairs *= 2;
    this.slots = new Int32Array(pairs * 2);
  }

  add(h: number, flag: number): void {
    if ((this.count + 1) * 4 > this.slots.length) this.grow(); // load over 1/2
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = mix(h) & mask;
    while (slots[slot * 2 + 1] !== 0 && slots[slot * 2] !== h) slot = (slot + 1) & mask;
    if (slots[slot * 2 + 1] === 0) this.count++;
    slots[slot * 2] = h;
    slots[slot * 2 + 1] |= flag;
  }

  /** The flags of a hash, 0 when none. */
  get(h: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
      const flags = slots[slot * 2 + 1];
      if (flags === 0 || slots[slot * 2] === h) return flags;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.count = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.add(old[i], old[i + 1]);
  }
}

function hashKey(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, MUL) + key.charCodeAt(i)) | 0;
  return h;
}

/** A typed array twice as long with the same contents. */
export function grown<T extends Int32Array | Uint16Array | Uint8Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}
