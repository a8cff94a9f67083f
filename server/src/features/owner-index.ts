// The zone's owner keys in sorted order, so that name completion finds the owners that
// start with a typed prefix by binary search instead of a pass over every owner (about
// 100 ms on a 700 000-owner zone, on each keystroke). Made for a byOwner Map (an
// incremental re-parse keeps the Map: it is made once per open document) when a name
// completion first wants it, and kept current by noteOwnerChanges after each re-parse.
// One sort of 700 000 owners holds the thread for 0.3-0.9 s, so a zone with more than
// SORT_AT_ONCE_MAX owners is sorted in slices (ownerIndexInSlices: the server runs them in
// turns) and completion scans a bounded part of the owners until it is ready.
import type { Zone, ZoneRecord } from '../zone/api';

type OwnerMap = Map<string, ZoneRecord[]>;

/** Most owners sorted at once, on the completion that wants them (about 20 ms). */
export const SORT_AT_ONCE_MAX = 50_000;
/** Keys one native sort of a slice takes, then keys one merge slice moves (a few ms each). */
const RUN = 8192;
const MERGE_SLICE = 8192;

const indexes = new WeakMap<OwnerMap, string[]>();
/** Owner keys re-parses added while the sorted owners of that Map were being made. */
const building = new WeakMap<OwnerMap, string[]>();

/** The owner keys of the zone, sorted (code unit order); undefined while a zone with more than
 *  SORT_AT_ONCE_MAX owners has not had them made in slices (ownerIndexInSlices). */
export function sortedOwners(zone: Zone): string[] | undefined {
  let keys = indexes.get(zone.byOwner);
  if (!keys && zone.byOwner.size <= SORT_AT_ONCE_MAX) {
    keys = [...zone.byOwner.keys()].sort();
    indexes.set(zone.byOwner, keys);
  }
  return keys;
}

/**
 * The steps (each yields how far it is, 0 to 1) that make the sorted owners of the zone's
 * Map; undefined when they are made or being made. A merge sort: slices of RUN keys sorted
 * natively, then merged pairwise MERGE_SLICE keys at a time. Whoever stops running the steps
 * must call their return(), so that a later completion can start them again.
 */
export function ownerIndexInSlices(zone: Zone): Generator<number, void> | undefined {
  const owners = zone.byOwner;
  if (indexes.has(owners) || building.has(owners)) return undefined;
  building.set(owners, []);
  return sortInSlices(owners);
}

function* sortInSlices(owners: OwnerMap): Generator<number, void> {
  try {
    let src = [...owners.keys()];
    const n = src.length;
    const passes = Math.max(0, Math.ceil(Math.log2(n / RUN)));
    const total = n * (passes + 1);
    for (let lo = 0; lo < n; lo += RUN) {
      const run = src.slice(lo, lo + RUN).sort();
      for (let i = 0; i < run.length; i++) src[lo + i] = run[i];
      yield (lo + run.length) / total;
    }
    let dst = src.slice();
    let done = n;
    for (let width = RUN; width < n; width *= 2) {
      for (let lo = 0; lo < n; lo += 2 * width) {
        const mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n);
        let i = lo, j = mid, k = lo;
        while (k < hi) {
          const end = Math.min(hi, k + MERGE_SLICE);
          done += end - k;
          while (k < end) dst[k++] = j >= hi || (i < mid && src[i] <= src[j]) ? src[i++] : src[j++];
          yield done / total;
        }
      }
      [src, dst] = [dst, src];
    }
    // keys that re-parses added meanwhile (keys they removed are dropped as completion meets them)
    for (const key of building.get(owners) ?? []) insertKey(src, key);
    indexes.set(owners, src);
  } finally {
    building.delete(owners);
  }
}

/** Index of the first key that is not less than `key`. */
export function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0, hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Brings the sorted owners (when made) up to date after a re-parse changed these records.
 * A key no owner holds any more is also dropped when a completion meets it (dropStale):
 * nothing is offered that byOwner does not hold, whatever path changed it.
 */
export function noteOwnerChanges(zone: Zone, removed: readonly ZoneRecord[], added: readonly ZoneRecord[]): void {
  const pending = building.get(zone.byOwner);
  if (pending) {
    for (const r of added) pending.push(r.ownerKey);
    return;
  }
  const keys = indexes.get(zone.byOwner);
  if (!keys) return;
  for (const r of added) insertKey(keys, r.ownerKey);
  for (const r of removed) if (!zone.byOwner.has(r.ownerKey)) dropKey(keys, r.ownerKey);
}

/** Drops a key byOwner no longer holds (found while reading the sorted owners). */
export function dropStale(zone: Zone, key: string): void {
  const keys = indexes.get(zone.byOwner);
  if (keys) dropKey(keys, key);
}

function insertKey(keys: string[], key: string): void {
  const i = lowerBound(keys, key);
  if (keys[i] !== key) keys.splice(i, 0, key);
}

function dropKey(keys: string[], key: string): void {
  const i = lowerBound(keys, key);
  if (keys[i] === key) keys.splice(i, 1);
}
