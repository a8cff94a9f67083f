// Where this zone stops answering for a name. A name at or below a delegation (an NS
// RRset at a name other than the apex) is the child zone's data (RFC 1034 §4.3.2), and
// no wildcard above the cut answers for it (RFC 4592 §2.2.1). A DNAME redirects every
// name below its owner, not the owner itself (RFC 6672 §2.3), and records or wildcards
// below it are never used. Found by a walk up the labels of the one name asked about,
// reading the per-owner index. Pure; imports only the zone model and support code.
//
// Dependencies for the incremental engine: a rule declares the names it looks up; when a
// delegation or DNAME appears or goes, the engine re-checks the records that read a name
// at or below it (cutsChangedBy).
import type { Zone, ZoneRecord, ZoneRows } from '../../zone/model';
import { isInZone, parentKey } from '../../zone/names';
import { NameMemo } from './name-memo';
import { originKey } from './origin-key';

export interface Cut {
  /** 'delegation': the name is at or below an NS RRset that is not the apex's;
   *  'dname': it is below a DNAME owner (and above no delegation) */
  kind: 'delegation' | 'dname';
  /** the name (key) holding the NS RRset or the DNAME */
  at: string;
  /** the DNAME's target (lower case), for kind 'dname' */
  target?: string;
}

interface CutRecords {
  ns: boolean;
  dname?: string;
}

function cutRecordsOf(records: readonly ZoneRecord[]): CutRecords | undefined {
  let ns = false;
  let dname: string | undefined;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (r.type === 'NS') ns = true;
    else if (r.type === 'DNAME' && dname === undefined && typeof r.values[0] === 'string') dname = r.values[0].toLowerCase();
  }
  return ns || dname !== undefined ? { ns, dname } : undefined;
}

// asked at every label of every name looked up: kept per zone for names with many records
const cutRecords = new NameMemo((_zone, records) => cutRecordsOf(records));
const MANY_RECORDS = 8; // as NameMemo: fewer are scanned directly, without a call through the memo

/** The apex names: the SOA owners, else the origin (none when unknown: then no cut is known). */
function apexes(zone: Zone): string[] {
  const soa = zone.byType.get('SOA');
  if (soa?.length) return soa.map((r) => r.ownerKey);
  return zone.origin ? [originKey(zone)] : [];
}

// Whether the zone has a DNAME or an NS RRset off the apex at all (most zones with few
// delegations: the first non-apex NS ends the scan), its apex names and their DNAMEs: per
// zone object (an edit makes a new one). Without cuts, a lookup walks nothing.
interface Apex {
  names: readonly string[];
  /** the DNAME target at each apex name, if it has one */
  dnames: readonly (string | undefined)[];
}

const apexByZone = new WeakMap<Zone, Apex | null>();

/** The apex when the zone may have cuts, else null. */
function apexIfCuts(zone: Zone): Apex | null {
  let apex = apexByZone.get(zone);
  if (apex === undefined) {
    const names = apexes(zone);
    let may = !!zone.byType.get('DNAME')?.length;
    const ns = zone.byType.get('NS') ?? [];
    for (let i = 0; i < ns.length && !may; i++) may = !names.includes(ns[i].ownerKey);
    apex = may && names.length ? { names, dnames: names.map((n) => cutRecords.get(zone, n)?.dname) } : null;
    apexByZone.set(zone, apex);
  }
  return apex;
}

/** The delegation or DNAME that takes `name` (a key) out of what this zone answers, the
 *  topmost when there are several; undefined for names this zone answers for, and for
 *  names outside it. */
export function cutAbove(zone: Zone, name: string): Cut | undefined {
  const apex = apexIfCuts(zone);
  if (!apex) return undefined;
  if (zone.rows && !belowSomeCut(zone, name)) return undefined;
  let found: Cut | undefined;
  for (let n: string | undefined = name; n !== undefined; n = parentKey(n)) {
    const a = apex.names.indexOf(n);
    if (a >= 0) {
      // a DNAME at the apex redirects the names below it; the apex's NS RRset is no cut
      const target = apex.dnames[a];
      return target !== undefined && n !== name ? { kind: 'dname', at: n, target } : found;
    }
    // most names on the way hold nothing or a few records: one index read each
    const recs = zone.byOwner.get(n);
    if (recs === undefined) continue;
    const at = recs.length < MANY_RECORDS ? cutRecordsOf(recs) : cutRecords.get(zone, n);
    if (!at) continue;
    if (at.ns) found = { kind: 'delegation', at: n };
    else if (at.dname !== undefined && n !== name) found = { kind: 'dname', at: n, target: at.dname };
  }
  return undefined;
}

/** False when no delegation is at or above `name` and no DNAME above it, so cutAbove finds
 *  nothing: two set questions instead of an index read per label. Asked for the check's
 *  zones only (their cut names are built from their own records; the editor's are handed on
 *  from version to version, and its lookups keep reading the index). */
function belowSomeCut(zone: Zone, name: string): boolean {
  const names = cutNames(zone);
  return !names || names.delegations.holdsAbove(name, true) || names.dnames.holdsAbove(name, false);
}

/** A set of cut names, asked whether a name is at or below one of them. */
export class CutSet {
  private readonly names = new Set<string>();
  /** for each cut name below the apex, its ancestor one label below the apex (with how many cut
   *  names share it): a name whose own such ancestor is not here is below no cut */
  private readonly tops = new Map<string, number>();
  /** those ancestors by length and first two characters (counts), a filter before the map
   *  lookup: asked about every name of a big zone, hashing each name showed in the profile;
   *  made with the first of them (a zone's set of DNAMEs is most often empty) */
  private topFilter: Uint32Array | undefined;
  /** cut names at the apex or outside it: while there are any, every name is walked */
  private walkAll = 0;
  /** at most the length of the shortest cut name: the walk up a name stops below it (a lower
   *  bound: a name that leaves does not raise it) */
  private shortest = Infinity;

  constructor(private readonly apex: string) {}

  add(key: string): void {
    if (this.names.has(key)) return; // an NS RRset: one name, several records
    this.names.add(key);
    if (key.length < this.shortest) this.shortest = key.length;
    const start = topStart(key, this.apex);
    if (start < 0) this.walkAll++;
    else {
      const top = start === 0 ? key : key.slice(start);
      this.tops.set(top, (this.tops.get(top) ?? 0) + 1);
      (this.topFilter ??= new Uint32Array(1 << 16))[filterSlot(key, start)]++;
    }
  }

  /** Takes a name out (the editor: a delegation or DNAME that went). */
  delete(key: string): void {
    if (!this.names.delete(key)) return;
    const start = topStart(key, this.apex);
    if (start < 0) this.walkAll--;
    else {
      const top = start === 0 ? key : key.slice(start);
      const n = this.tops.get(top)! - 1;
      if (n) this.tops.set(top, n);
      else this.tops.delete(top);
      this.topFilter![filterSlot(key, start)]--; // made when the name came
    }
  }

  get size(): number {
    return this.names.size;
  }

  has(key: string): boolean {
    return this.names.has(key);
  }

  /** True when `key` or (with `self` false: only) one of its ancestors is in the set: for most
   *  names a filter and at most one lookup of their top label, else set lookups up the labels
   *  (cheaper than cutAbove's index reads, for asking about every name of a zone). */
  holdsAbove(key: string, self: boolean): boolean {
    if (!this.names.size) return false;
    // a name shorter than every cut name is at or below none of them (most hosts of a zone)
    if (key.length < (self ? this.shortest : this.shortest + 2)) return false;
    if (this.walkAll === 0) {
      // every cut name is below the apex: the apex and names outside it are at or below none,
      // and a name one label below the apex only when it is one (a delegation's own NS and DS)
      const start = topStart(key, this.apex);
      if (start < 0) return false;
      // a name in the set and none at or outside the apex: one below it came, with the filter
      if (this.topFilter![filterSlot(key, start)] === 0) return false;
      if (start === 0) return self && this.names.has(key);
      if (!this.tops.has(key.slice(start))) return false;
    }
    for (let n = self ? key : parentKey(key); n !== undefined && n.length >= this.shortest; n = parentKey(n)) {
      if (this.names.has(n)) return true;
    }
    return false;
  }

  /** holdsAbove's answers for every name of a column-stored zone at once, by name id (1 yes,
   *  2 no, as the engine's owner-hint memo), from one pass over the name table
   *  (rows.namesBelow) instead of a label search per name. Undefined when a name of the set
   *  is not one of the zone's (then ask holdsAbove). */
  answersByName(rows: ZoneRows, self: boolean): Uint8Array | undefined {
    const ids: number[] = [];
    for (const key of this.names) {
      const id = rows.nameId(key);
      if (id < 0) return undefined;
      ids.push(id);
    }
    return rows.namesBelow(ids, self);
  }
}

/** Where the label of `key` one below `apex` starts (that ancestor is key.slice(start)); -1
 *  when `key` is not strictly below `apex`. */
function topStart(key: string, apex: string): number {
  if (key === apex) return -1;
  // the usual name, without escapes: native searches (asked for every name of a big zone)
  if (apex !== '.' && !key.includes('\\')) {
    const end = key.length - apex.length - 1; // the dot before the apex
    if (end <= 0 || key.charCodeAt(end) !== DOT || !key.endsWith(apex)) return -1;
    return key.lastIndexOf('.', end - 1) + 1;
  }
  if (!isInZone(key, apex)) return -1;
  const end = apex === '.' ? key.length - 1 : key.length - apex.length - 1;
  let start = 0;
  for (let i = 0; i < end; i++) {
    const c = key.charCodeAt(i);
    if (c === BSLASH) i++;
    else if (c === DOT) start = i + 1;
  }
  return start;
}

/** A slot of CutSet's filter: the top name's length and first two characters. */
function filterSlot(key: string, start: number): number {
  return (Math.imul(Math.imul(key.length - start, 31) + key.charCodeAt(start), 31) + key.charCodeAt(start + 1)) & 0xffff;
}

const BSLASH = 92, DOT = 46;

/** The names holding a delegation (an NS RRset off the apex) or a DNAME. */
export interface CutNames {
  delegations: CutSet;
  dnames: CutSet;
}

const cutNamesByZone = new WeakMap<Zone, CutNames | null>();

/** The zone's cut names, null when it has no cut (then nothing below one needs asking):
 *  built once per zone object from the NS and DNAME records. */
export function cutNames(zone: Zone): CutNames | null {
  let names = cutNamesByZone.get(zone);
  if (names === undefined) {
    const apex = apexIfCuts(zone);
    names = null;
    if (apex) {
      // one apex in all but odd files (two SOAs): the others' names are walked
      const delegations = new CutSet(apex.names[0]);
      const dnames = new CutSet(apex.names[0]);
      for (const r of zone.byType.get('NS') ?? []) if (!apex.names.includes(r.ownerKey)) delegations.add(r.ownerKey);
      for (const r of zone.byType.get('DNAME') ?? []) dnames.add(r.ownerKey);
      names = { delegations, dnames };
    }
    cutNamesByZone.set(zone, names);
  }
  return names;
}

/**
 * Hands the apex and cut names of `from` on to `to`, the next version of an edited zone with
 * the same SOA owners, where `moved` (cutsChangedBy) are the names at which the edit made or removed a
 * cut: the sets are brought up to date at those names instead of being built again from every
 * NS record (per keystroke in a big zone). The sets are shared, so `from` must not be asked
 * again (the editor's rule cache moves on to `to`). Nothing is handed on when a cut moved at
 * the apex or the zone had no cut: `to` builds its own when asked.
 */
export function carryCuts(from: Zone, to: Zone, moved: readonly string[]): void {
  const apex = apexByZone.get(from);
  if (apex === undefined || apexByZone.has(to) || cutNamesByZone.has(to)) return;
  if (moved.length && (!apex || moved.some((n) => apex.names.includes(n)))) return;
  apexByZone.set(to, apex);
  const names = cutNamesByZone.get(from);
  if (names === undefined) return;
  for (const n of moved) {
    const at = cutRecordsOf(to.byOwner.get(n) ?? []);
    if (at?.ns) names!.delegations.add(n);
    else names!.delegations.delete(n);
    if (at?.dname !== undefined) names!.dnames.add(n);
    else names!.dnames.delete(n);
  }
  cutNamesByZone.set(to, names);
}

/** `name` (below the DNAME's owner) as the DNAME rewrites it (RFC 6672 §2.2). */
export function redirected(name: string, cut: Cut): string {
  const prefix = cut.at === '.' ? name : name.slice(0, name.length - cut.at.length);
  return cut.target === '.' || cut.target === undefined ? prefix : prefix + cut.target;
}

/** The names where an edit made or removed a cut: a DNAME record added or removed, or an NS
 *  RRset off the apex that appeared or went. Records reading names at or below them must be
 *  checked again (NS records that only change their targets move no cut). */
export function cutsChangedBy(zone: Zone, removed: readonly ZoneRecord[], added: readonly ZoneRecord[]): string[] {
  const nsDelta = new Map<string, number>();
  const out = new Set<string>();
  for (const [list, sign] of [[removed, 1], [added, -1]] as const) {
    for (const r of list) {
      if (r.type === 'DNAME') out.add(r.ownerKey);
      else if (r.type === 'NS') nsDelta.set(r.ownerKey, (nsDelta.get(r.ownerKey) ?? 0) + sign);
    }
  }
  if (nsDelta.size) {
    const apex = apexes(zone);
    for (const [name, delta] of nsDelta) {
      if (apex.includes(name)) continue;
      const after = (zone.byOwner.get(name) ?? []).filter((r) => r.type === 'NS').length;
      if ((after > 0) !== (after + delta > 0)) out.add(name);
    }
  }
  return [...out];
}

/** True when `key` is `cut` or below it. */
export const atOrBelow = (key: string, cut: string): boolean => isInZone(key, cut);
