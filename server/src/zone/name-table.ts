// Interned domain-name keys for the column store (column-zone.ts): each distinct key
// gets a small integer id. A name written in the zone text is looked up by its span
// and origin, without building its string: most of a big zone's names are written
// once, and their strings are made only when a rule or feature asks for them.
import { parentKey } from './names';

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
  /** parents(), kept while no name is added */
  private parentIds: Int32Array | undefined;
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
    const written = this.texts[this.spanSegment[id]].slice(this.spanStart[id], this.spanEnd[id]).toLowerCase();
    const oi = this.spanOrigin[id];
    const o = oi < 0 ? undefined : this.origins[oi];
    return o === undefined ? written : o.key === '.' ? written + '.' : written + '.' + o.key;
  }

  /** Per name id, the id of its closest ancestor that is also a name here (-1 when none is:
   *  the root, or no ancestor was ever written). Made once, in one pass: for a name written
   *  in the text, its ancestors' hashes come from its span, read backwards, so no key string
   *  is made (a question per name of a big zone, such as "below a delegation?", then costs
   *  a walk up these ids instead of a search through its labels). */
  parents(): Int32Array {
    if (this.parentIds?.length === this.count) return this.parentIds;
    const out = new Int32Array(this.count);
    // per origin: the closest name at or above it (names written relative to it end there)
    const atOrAboveOrigin = new Int32Array(this.origins.length).fill(-2);
    let starts = new Int32Array(16), hashes = new Int32Array(16);
    for (let id = 0; id < this.count; id++) {
      const key = this.keys[id];
      if (key !== undefined) {
        out[id] = this.closestByKey(parentKey(key));
        continue;
      }
      const text = this.texts[this.spanSegment[id]];
      const start = this.spanStart[id], end = this.spanEnd[id], oi = this.spanOrigin[id];
      const origin = oi < 0 ? undefined : this.origins[oi];
      // the written labels' suffixes below the dots, shortest first, with their hashes (as internSpan makes them)
      let n = 0, h = 0, pow = 1;
      for (let i = end - 1; i >= start; i--) {
        const c = lower(text.charCodeAt(i));
        if (c === DOT && i < end - 1) {
          if (n === starts.length) {
            starts = grown(starts);
            hashes = grown(hashes);
          }
          starts[n] = i + 1;
          hashes[n++] = origin === undefined ? h : origin.key === '.' ? (Math.imul(h, MUL) + DOT) | 0 : (Math.imul(Math.imul(h, MUL), origin.scale) + Math.imul(DOT, origin.scale) + origin.hash) | 0;
        }
        h = (h + Math.imul(c, pow)) | 0;
        pow = Math.imul(pow, MUL);
      }
      let found = -1;
      for (let k = n - 1; k >= 0 && found < 0; k--) found = this.findSpan(hashes[k], text, starts[k], end, oi);
      if (found < 0) {
        if (origin !== undefined) {
          if (atOrAboveOrigin[oi] === -2) atOrAboveOrigin[oi] = this.closestByKey(origin.key);
          found = atOrAboveOrigin[oi];
        } else if (end - start > 1) found = this.find('.'); // an absolute name's last ancestor
      }
      out[id] = found;
    }
    this.parentIds = out;
    return out;
  }

  /** The id of `key` or of its closest ancestor here, -1 when none (or `key` is undefined). */
  private closestByKey(key: string | undefined): number {
    for (let k = key; k !== undefined; k = parentKey(k)) {
      const id = this.find(k);
      if (id >= 0) return id;
    }
    return -1;
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
