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
import type { Zone, ZoneRecord } from '../../zone/model';
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

/** The names holding a delegation (an NS RRset off the apex) or a DNAME. */
export interface CutNames {
  delegations: ReadonlySet<string>;
  dnames: ReadonlySet<string>;
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
      const delegations = new Set<string>();
      const dnames = new Set<string>();
      for (const r of zone.byType.get('NS') ?? []) if (!apex.names.includes(r.ownerKey)) delegations.add(r.ownerKey);
      for (const r of zone.byType.get('DNAME') ?? []) dnames.add(r.ownerKey);
      names = { delegations, dnames };
    }
    cutNamesByZone.set(zone, names);
  }
  return names;
}

/** True when `key` or (with `self` false: only) one of its ancestors is in `names`: a walk of
 *  set lookups, cheaper than cutAbove's index reads, for asking about every name of a zone. */
export function underAny(key: string, names: ReadonlySet<string>, self: boolean): boolean {
  if (!names.size) return false;
  for (let n = self ? key : parentKey(key); n !== undefined; n = parentKey(n)) if (names.has(n)) return true;
  return false;
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
