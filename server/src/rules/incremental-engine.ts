// Rule results kept between edits: record-rule findings per record, owner-rule
// findings per owner name, zone-rule findings per rule. After an edit only new
// records and the owners they touch are re-checked, and a zone rule runs again
// only when the edit touched a record type it declares in `types` (zone rules
// scan whole indexes: re-running all of them was most of a keystroke on 100k).
import type { Zone, ZoneRecord } from '../zone/model';
import type { Finding, OwnerRule, RecordRule, Rule, RuleHost, ZoneRule } from './rule';
import { activeRules, contextFor, OwnerRulePicker, recordRuleAppliesToZone, RecordRulesByType, reportRuleFailure, type Checked, type FindingSink, type RuleSettings } from './engine';
import { RULES } from './registry';
import { targetKey } from '../zone/targets';
import { runToEnd } from '../zone/parser';
import { parentKey } from '../zone/names';
import { atOrBelow, carryCuts, cutsChangedBy } from './support/zone-cuts';
import { originKey } from './support/origin-key';
import { NameTree } from './support/name-tree';
import { carryAncestors, carryLookupWildcards } from './dane-support/tlsa-lookup';
import { apexesKey } from './dane-support/mail-graph';
import { carryHashIndex } from './support/denial';

const NONE: Finding[] = [];

/** The findings of the record or owner being checked: a new list only once something is reported. */
class CurrentSink implements FindingSink {
  list: Finding[] = NONE;
  push(f: Finding): void {
    if (this.list === NONE) this.list = [];
    this.list.push(f);
  }
  take(): Finding[] {
    const list = this.list;
    this.list = NONE;
    return list;
  }
}

/** The enabled rules of one full check or update, each with one context reporting into `sink`
 *  (a context per record and rule was most of the allocation of a full check). */
class RuleRun {
  readonly sink = new CurrentSink();
  readonly recordRules: Checked<RecordRule>[] = [];
  readonly ownerRules: Checked<OwnerRule>[] = [];
  readonly zoneRules: Checked<ZoneRule>[] = [];
  readonly recordRulesFor: RecordRulesByType;
  readonly ownerRulesFor: OwnerRulePicker;

  constructor(readonly zone: Zone, host: RuleHost, rules: readonly Rule[], settings: RuleSettings) {
    for (const active of activeRules(rules, settings)) {
      const rule = active.rule;
      const ctx = contextFor(zone, host, active, this.sink);
      if (rule.scope === 'record') {
        if (recordRuleAppliesToZone(rule, zone)) this.recordRules.push({ rule, ctx });
      }
      else if (rule.scope === 'owner') this.ownerRules.push({ rule, ctx });
      else this.zoneRules.push({ rule, ctx });
    }
    this.recordRulesFor = new RecordRulesByType(this.recordRules);
    this.ownerRulesFor = new OwnerRulePicker(this.ownerRules.map((o) => o.rule));
  }
}

export class RuleCache {
  private readonly byRecord = new Map<ZoneRecord, Finding[]>();
  private readonly byOwner = new Map<string, Finding[]>();
  /** last findings of each zone rule, by rule id */
  private readonly byZoneRule = new Map<string, Finding[]>();
  /** owner key -> records whose record rules read it (RecordRule.dependsOn), and back */
  private readonly dependents = new Dependents();
  /** owner key -> records whose record rules read its subtree (RecordRule.dependsOnBelow), and back */
  private readonly belowDependents = new Dependents();
  /** target key -> records whose record rules read the DNAMEs pointing at it (RecordRule.dependsOnDnamesTo), and back */
  private readonly dnameDependents = new Dependents();
  /** the owners and the names read (the keys of the three maps above) below the origin, linked
   *  to the names one label below them: an edit that moves a cut walks down from it */
  private readonly names = new NameTree((key) => !!this.zone?.byOwner.has(key) || this.dependents.has(key) || this.belowDependents.has(key) || this.dnameDependents.has(key));
  private origin = '';
  /** apexesKey of the zone the caches are for */
  private apexes = '';
  /** the record rules' zoneState answers for the zone the caches describe */
  private zoneStates = '';
  /** the zone version the caches describe: per-zone facts that an edit leaves as they were are
   *  handed on from it (carryZoneFacts), not built again from every record per keystroke */
  private zone: Zone | undefined;

  constructor(private readonly rules: readonly Rule[] = RULES) {}

  /** The record rules' zoneState answers, one string (most rules have none: ''). */
  private zoneStatesOf(zone: Zone, host: RuleHost): string {
    let out = '';
    for (const rule of this.rules) if (rule.scope === 'record' && rule.zoneState) out += `${rule.id}=${rule.zoneState(zone, host)};`;
    return out;
  }

  /** Runs the record rules on one record; `fresh`: the caches hold nothing for it yet (a full check). */
  private checkRecord(run: RuleRun, rec: ZoneRecord, fresh: boolean): void {
    const list = run.recordRulesFor.for(rec);
    let deps: readonly string[] | undefined;
    let below: readonly string[] | undefined;
    let dnamesTo: readonly string[] | undefined;
    for (let i = 0; i < list.length; i++) {
      const { rule, ctx } = list[i];
      try {
        ctx.recordType = rec.type;
        rule.check(rec, ctx);
      } catch (e) {
        reportRuleFailure(rule, ctx, e, rec);
      }
      try {
        // most records have one rule with names to read: its list is kept as it is (not copied)
        const names = rule.dependsOn?.(rec, run.zone);
        if (names?.length) deps = deps ? deps.concat(names) : names;
        const under = rule.dependsOnBelow?.(rec, run.zone);
        if (under?.length) below = below ? below.concat(under) : under;
        const to = rule.dependsOnDnamesTo?.(rec, run.zone);
        if (to?.length) dnamesTo = dnamesTo ? dnamesTo.concat(to) : to;
      } catch (e) {
        reportRuleFailure(rule, ctx, e, rec);
      }
    }
    const found = run.sink.take();
    if (found.length) this.byRecord.set(rec, found);
    else if (!fresh) this.byRecord.delete(rec);
    if (!fresh) this.forgetDeps(rec);
    if (deps) this.dependents.add(rec, deps, this.names);
    if (below) this.belowDependents.add(rec, below, this.names);
    if (dnamesTo) this.dnameDependents.add(rec, dnamesTo, this.names);
  }

  private forgetDeps(rec: ZoneRecord): void {
    this.dependents.remove(rec, this.names);
    this.belowDependents.remove(rec, this.names);
    this.dnameDependents.remove(rec, this.names);
  }

  private checkOwner(run: RuleRun, key: string, recs: readonly ZoneRecord[] | undefined, fresh: boolean): void {
    if (recs) {
      const here = run.ownerRulesFor.typesAt(recs);
      for (let i = 0; i < run.ownerRules.length; i++) {
        if (!run.ownerRulesFor.wants(i, here)) continue;
        const { rule, ctx } = run.ownerRules[i];
        try {
          rule.check(key, recs, ctx);
        } catch (e) {
          reportRuleFailure(rule, ctx, e, recs[0]);
        }
      }
    }
    const found = run.sink.take();
    if (found.length) this.byOwner.set(key, found);
    else if (!fresh) this.byOwner.delete(key);
  }

  /** Every rule over the whole zone; fills the caches. */
  full(zone: Zone, host: RuleHost, settings: RuleSettings): Finding[] {
    return runToEnd(this.fullInSlices(zone, host, settings, Infinity));
  }

  /** `full` in slices of about `recordsPerSlice` records or owners, yielding between them
   *  how far it is (0 to 1: records and owners checked, of both); the zone must not change
   *  until it is done. */
  *fullInSlices(zone: Zone, host: RuleHost, settings: RuleSettings, recordsPerSlice: number): Generator<number, Finding[]> {
    this.byRecord.clear();
    this.byOwner.clear();
    this.byZoneRule.clear();
    this.dependents.clear();
    this.belowDependents.clear();
    this.dnameDependents.clear();
    this.origin = zone.origin;
    this.apexes = apexesKey(zone);
    this.zoneStates = this.zoneStatesOf(zone, host);
    this.names.reset(originKey(zone));
    this.zone = zone;
    const run = new RuleRun(zone, host, this.rules, settings);
    // The loops live in plain methods: V8 does not optimise a loop inside a generator while it
    // runs (no on-stack replacement), and the record loop runs a million times.
    const records = zone.records;
    const work = records.length + zone.byOwner.size;
    for (let i = 0; i < records.length; i += recordsPerSlice) {
      this.checkRecords(run, records, i, Math.min(records.length, i + recordsPerSlice));
      if (i + recordsPerSlice < records.length) yield (i + recordsPerSlice) / work;
    }
    // the owners as two lists, taken in one forEach: a Map iterator made two objects per owner
    const keys: string[] = [];
    const lists: ZoneRecord[][] = [];
    zone.byOwner.forEach((recs, key) => {
      keys.push(key);
      lists.push(recs);
    });
    for (let i = 0; i < keys.length; i += recordsPerSlice) {
      this.checkOwners(run, keys, lists, i, Math.min(keys.length, i + recordsPerSlice));
      if (i + recordsPerSlice < keys.length) yield (records.length + i + recordsPerSlice) / work;
    }
    return this.collect(run);
  }

  private checkRecords(run: RuleRun, records: readonly ZoneRecord[], from: number, to: number): void {
    for (let i = from; i < to; i++) this.checkRecord(run, records[i], true);
  }

  private checkOwners(run: RuleRun, keys: readonly string[], lists: readonly ZoneRecord[][], from: number, to: number): void {
    for (let i = from; i < to; i++) {
      this.names.add(keys[i]);
      this.checkOwner(run, keys[i], lists[i], true);
    }
  }

  /** The names an edit that moves a cut can find below it (for tests, against a fresh cache). */
  linkedNames(): string[] {
    return this.names.linked();
  }

  /** Re-checks what an edit touched; the rest comes from the caches. */
  update(zone: Zone, removed: readonly ZoneRecord[], added: readonly ZoneRecord[], host: RuleHost, settings: RuleSettings): Finding[] {
    // The origin and the apex names (the SOA owners) decide what is "in the zone" for every
    // rule: start over when they change. An SOA typed over in place (its serial, bumped at every
    // change of a hand-kept zone, or its timers) keeps them, and is checked like any record.
    if (zone.origin !== this.origin || soaOwnersChanged(removed, added)) return this.full(zone, host, settings);
    // without an SOA the $ORIGIN values are the apexes: a $ORIGIN line added, removed or changed
    if (apexesKey(zone) !== this.apexes) return this.full(zone, host, settings);
    // what the whole zone is to a rule (signed or not, how many signatures it verifies) changed:
    // every record is asked about again, a rare edit in a zone kept by hand
    if (this.zoneStatesOf(zone, host) !== this.zoneStates) return this.full(zone, host, settings);
    // An edit that replaced most records (a $TTL changed above them: each gets a new TTL) costs
    // less as a full run than as that many removals and re-checks (100k records: 0.5 s, not 1.1).
    if (removed.length + added.length > zone.records.length) return this.full(zone, host, settings);
    const movedCuts = cutsChangedBy(zone, removed, added);
    if (this.zone) carryZoneFacts(this.zone, zone, removed, added, movedCuts);
    this.zone = zone;
    const run = new RuleRun(zone, host, this.rules, settings);
    const owners = new Set<string>();
    const types = new Set<string>();
    // Touched names: the owners of changed records and the names they point at
    // (a new MX makes its target "an MX host": rules depending on that name re-check).
    const touch = (r: ZoneRecord): void => {
      owners.add(r.ownerKey);
      types.add(r.type);
      const t = targetKey(r);
      if (t !== undefined) owners.add(t);
    };
    for (const r of removed) { this.byRecord.delete(r); this.forgetDeps(r); touch(r); }
    for (const r of added) { touch(r); this.names.add(r.ownerKey); }
    for (const r of removed) this.names.drop(r.ownerKey);
    const again = new Set<ZoneRecord>();
    // A delegation or DNAME that appeared or went changes what this zone answers for every
    // name at or below it: the records whose rules read such a name, and the records there
    // (served or not, dname-with-children, occluded-below-delegation), are checked again (a
    // walk down the names from each moved cut, only for edits that move one).
    const recheck = (r: ZoneRecord): void => { again.add(r); };
    const recheckAt = (key: string): void => {
      this.dependents.forEachOf(key, recheck);
      this.belowDependents.forEachOf(key, recheck);
      this.dnameDependents.forEachOf(key, recheck);
      for (const r of zone.byOwner.get(key) ?? []) again.add(r);
      // and its owner rules, which may judge a name by the cuts above it
      if (zone.byOwner.has(key)) owners.add(key);
    };
    for (const cut of movedCuts) {
      if (this.names.covers(cut)) this.names.forEachAtOrBelow(cut, recheckAt);
      else {
        // a cut at or above the origin (an NS record outside the zone): a pass over every name
        const under = namesAtOrBelow([cut]);
        for (const names of [this.dependents.keys(), this.belowDependents.keys(), this.dnameDependents.keys(), zone.byOwner.keys()]) {
          for (const key of names) if (under(key)) recheckAt(key);
        }
      }
    }
    // A DNAME that appeared or went makes names below its owner aliases of names below its
    // target, or stops doing so: the records whose rules read the DNAMEs pointing at that target.
    for (const list of [removed, added]) {
      for (const r of list) {
        if (r.type !== 'DNAME') continue;
        const t = targetKey(r);
        if (t !== undefined) this.dnameDependents.forEachOf(t, recheck);
      }
    }
    // Record rules may look at the other records of their owner (e.g. the rest of
    // a TLSA RRset) and at the owners they declare in dependsOn (an MX target):
    // all of those records are checked again.
    for (const key of owners) {
      for (const r of zone.byOwner.get(key) ?? []) again.add(r);
      this.dependents.forEachOf(key, recheck);
      // a change at a name is a change below each of its ancestors
      if (this.belowDependents.size) {
        for (let n: string | undefined = key; n !== undefined; n = parentKey(n)) this.belowDependents.forEachOf(n, recheck);
      }
      this.checkOwner(run, key, zone.byOwner.get(key), false);
    }
    // records a rule reads wherever they are (rrsig-bogus: the DNSKEYs), added or removed: its
    // records are all checked again (what a rule keeps of them decides what that costs)
    for (const { rule } of run.recordRules) {
      if (!rule.recheckOnTypes?.some((t) => types.has(t))) continue;
      for (const t of rule.types ?? []) for (const r of zone.byType.get(t) ?? []) again.add(r);
    }
    for (const r of again) this.checkRecord(run, r, false);
    return this.collect(run, types);
  }

  /** `changedTypes`: record types the edit touched (undefined: re-run every zone rule). */
  private collect(run: RuleRun, changedTypes?: ReadonlySet<string>): Finding[] {
    const out: Finding[] = [];
    for (const list of this.byRecord.values()) for (const f of list) out.push(f);
    for (const list of this.byOwner.values()) for (const f of list) out.push(f);
    for (const { rule, ctx } of run.zoneRules) {
      const last = this.byZoneRule.get(rule.id);
      if (last && changedTypes && rule.types && !rule.types.some((t) => changedTypes.has(t))) {
        for (const f of last) out.push(f);
        continue;
      }
      try {
        rule.check(run.zone, ctx);
      } catch (e) {
        reportRuleFailure(rule, ctx, e);
      }
      const found = run.sink.take();
      this.byZoneRule.set(rule.id, found);
      for (const f of found) out.push(f);
    }
    return out;
  }
}

const isSoa = (r: ZoneRecord): boolean => r.type === 'SOA';

/** True when an edit changed which names hold an SOA: the owners of the SOA records it removed
 *  and of those it added differ (as lists, so one of two SOAs at a name going counts). */
function soaOwnersChanged(removed: readonly ZoneRecord[], added: readonly ZoneRecord[]): boolean {
  const owners = (list: readonly ZoneRecord[]): string => list.filter(isSoa).map((r) => r.ownerKey).sort().join(' ');
  return owners(removed) !== owners(added);
}

/** The records whose rules read each name, and the names each record's rules read. A name
 *  read by one record (nearly all: 150 000 of 150 001 names at 1M records) keeps the record
 *  itself, not a Set of one: a Set per name was most of what this bookkeeping cost at open. */
class Dependents {
  private readonly byName = new Map<string, ZoneRecord | Set<ZoneRecord>>();
  private readonly namesOf = new Map<ZoneRecord, readonly string[]>();

  get size(): number {
    return this.byName.size;
  }

  clear(): void {
    this.byName.clear();
    this.namesOf.clear();
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  keys(): IterableIterator<string> {
    return this.byName.keys();
  }

  /** `tree` links each name read (RuleCache.names) while some record reads it. */
  add(rec: ZoneRecord, names: readonly string[], tree: NameTree): void {
    this.namesOf.set(rec, names);
    const byName = this.byName;
    for (let i = 0; i < names.length; i++) {
      const k = names[i];
      const had = byName.get(k);
      if (had === undefined) {
        byName.set(k, rec);
        tree.add(k);
      } else if (had instanceof Set) had.add(rec);
      else if (had !== rec) byName.set(k, new Set([had, rec]));
    }
  }

  remove(rec: ZoneRecord, tree: NameTree): void {
    const names = this.namesOf.get(rec);
    if (!names) return;
    this.namesOf.delete(rec);
    for (const k of names) {
      const had = this.byName.get(k);
      if (had === rec || (had instanceof Set && had.delete(rec) && !had.size)) {
        this.byName.delete(k);
        tree.drop(k);
      }
    }
  }

  /** Calls fn with each record whose rules read `name`. */
  forEachOf(name: string, fn: (rec: ZoneRecord) => void): void {
    const had = this.byName.get(name);
    if (had instanceof Set) had.forEach((r) => fn(r));
    else if (had !== undefined) fn(had);
  }
}

/** Hands per-zone facts on to the next version of an edited zone where the edit cannot have
 *  changed them (same origin and SOA owners: update() starts over otherwise). */
function carryZoneFacts(from: Zone, to: Zone, removed: readonly ZoneRecord[], added: readonly ZoneRecord[], movedCuts: readonly string[]): void {
  carryCuts(from, to, movedCuts);
  carryLookupWildcards(from, to, removed, added);
  carryAncestors(from, to, removed, added);
  carryHashIndex(from, to, removed, added);
}

/** A test for "at or below one of these cuts", asked of every name of a zone: one character
 *  compared first (where a cut's name would start in the key), the full test only then. */
function namesAtOrBelow(cuts: readonly string[]): (key: string) => boolean {
  return (key) => {
    for (let i = 0; i < cuts.length; i++) {
      const cut = cuts[i];
      const at = key.length - cut.length;
      if (at >= 0 && key.charCodeAt(at) === cut.charCodeAt(0) && atOrBelow(key, cut)) return true;
    }
    return false;
  };
}
