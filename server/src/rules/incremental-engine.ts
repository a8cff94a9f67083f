// Rule results kept between edits: record-rule findings per record, owner-rule
// findings per owner name, zone-rule findings per rule. After an edit only new
// records and the owners they touch are re-checked, and a zone rule runs again
// only when the edit touched a record type it declares in `types` (zone rules
// scan whole indexes: re-running all of them was most of a keystroke on 100k).
import type { Zone, ZoneRecord } from '../zone/model';
import type { Finding, Rule, RuleContext, RuleHost } from './rule';
import { activeRules, contextFor, ownerRuleApplies, recordRuleApplies, reportRuleFailure, type RuleSettings } from './engine';
import { RULES } from './registry';
import { targetKey } from '../zone/targets';

interface Active {
  rule: Rule;
  severity: Finding['severity'];
}

export class RuleCache {
  private readonly byRecord = new Map<ZoneRecord, Finding[]>();
  private readonly byOwner = new Map<string, Finding[]>();
  /** last findings of each zone rule, by rule id */
  private readonly byZoneRule = new Map<string, Finding[]>();
  /** owner key -> records whose record rules read it (RecordRule.dependsOn), and back */
  private readonly dependents = new Map<string, Set<ZoneRecord>>();
  private readonly depsOf = new Map<ZoneRecord, readonly string[]>();
  private origin = '';

  constructor(private readonly rules: readonly Rule[] = RULES) {}

  private active(settings: RuleSettings): Active[] {
    return activeRules(this.rules, settings);
  }

  private context(zone: Zone, host: RuleHost, a: Active, sink: Finding[]): RuleContext {
    return contextFor(zone, host, a.rule, a.severity, sink);
  }

  private checkRecord(zone: Zone, host: RuleHost, active: Active[], rec: ZoneRecord): void {
    const sink: Finding[] = [];
    let deps: string[] | undefined;
    for (const a of active) {
      const rule = a.rule;
      if (rule.scope !== 'record' || !recordRuleApplies(rule, rec)) continue;
      const ctx = this.context(zone, host, a, sink);
      safely(rule, ctx, () => rule.check(rec, ctx), rec);
      if (rule.dependsOn) safely(rule, ctx, () => { (deps ??= []).push(...rule.dependsOn!(rec, zone)); }, rec);
    }
    if (sink.length) this.byRecord.set(rec, sink);
    else this.byRecord.delete(rec);
    this.forgetDeps(rec);
    if (deps?.length) {
      this.depsOf.set(rec, deps);
      for (const k of deps) {
        let set = this.dependents.get(k);
        if (!set) this.dependents.set(k, (set = new Set()));
        set.add(rec);
      }
    }
  }

  private forgetDeps(rec: ZoneRecord): void {
    const old = this.depsOf.get(rec);
    if (!old) return;
    this.depsOf.delete(rec);
    for (const k of old) {
      const set = this.dependents.get(k);
      set?.delete(rec);
      if (set && !set.size) this.dependents.delete(k);
    }
  }

  private checkOwner(zone: Zone, host: RuleHost, active: Active[], key: string): void {
    const recs = zone.byOwner.get(key);
    const sink: Finding[] = [];
    if (recs) {
      for (const a of active) {
        const rule = a.rule;
        if (rule.scope !== 'owner' || !ownerRuleApplies(rule, recs)) continue;
        const ctx = this.context(zone, host, a, sink);
        safely(rule, ctx, () => rule.check(key, recs, ctx), recs[0]);
      }
    }
    if (sink.length) this.byOwner.set(key, sink);
    else this.byOwner.delete(key);
  }

  /** Every rule over the whole zone; fills the caches. */
  full(zone: Zone, host: RuleHost, settings: RuleSettings): Finding[] {
    this.byRecord.clear();
    this.byOwner.clear();
    this.byZoneRule.clear();
    this.dependents.clear();
    this.depsOf.clear();
    this.origin = zone.origin;
    const active = this.active(settings);
    for (const r of zone.records) this.checkRecord(zone, host, active, r);
    for (const key of zone.byOwner.keys()) this.checkOwner(zone, host, active, key);
    return this.collect(zone, host, active);
  }

  /** Re-checks what an edit touched; the rest comes from the caches. */
  update(zone: Zone, removed: readonly ZoneRecord[], added: readonly ZoneRecord[], host: RuleHost, settings: RuleSettings): Finding[] {
    // The origin and the SOA decide what is "in the zone" for every rule: start over.
    if (zone.origin !== this.origin || removed.some(isSoa) || added.some(isSoa)) return this.full(zone, host, settings);
    const active = this.active(settings);
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
    for (const r of added) touch(r);
    // Record rules may look at the other records of their owner (e.g. the rest of
    // a TLSA RRset) and at the owners they declare in dependsOn (an MX target):
    // all of those records are checked again.
    const again = new Set<ZoneRecord>();
    for (const key of owners) {
      for (const r of zone.byOwner.get(key) ?? []) again.add(r);
      for (const r of this.dependents.get(key) ?? []) again.add(r);
      this.checkOwner(zone, host, active, key);
    }
    for (const r of again) this.checkRecord(zone, host, active, r);
    return this.collect(zone, host, active, types);
  }

  /** `changedTypes`: record types the edit touched (undefined: re-run every zone rule). */
  private collect(zone: Zone, host: RuleHost, active: Active[], changedTypes?: ReadonlySet<string>): Finding[] {
    const out: Finding[] = [];
    for (const list of this.byRecord.values()) for (const f of list) out.push(f);
    for (const list of this.byOwner.values()) for (const f of list) out.push(f);
    for (const a of active) {
      const rule = a.rule;
      if (rule.scope !== 'zone') continue;
      const last = this.byZoneRule.get(rule.id);
      if (last && changedTypes && rule.types && !rule.types.some((t) => changedTypes.has(t))) {
        for (const f of last) out.push(f);
        continue;
      }
      const sink: Finding[] = [];
      const ctx = this.context(zone, host, a, sink);
      safely(rule, ctx, () => rule.check(zone, ctx));
      this.byZoneRule.set(rule.id, sink);
      for (const f of sink) out.push(f);
    }
    return out;
  }
}

const isSoa = (r: ZoneRecord): boolean => r.type === 'SOA';

function safely(rule: Rule, ctx: RuleContext, fn: () => void, rec?: ZoneRecord): void {
  try {
    fn();
  } catch (e) {
    reportRuleFailure(rule, ctx, e, rec);
  }
}
