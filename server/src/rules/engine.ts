// Runs the rules over a zone and collects findings, applying the user's
// severity settings ('off' skips a rule). Parse problems become findings too,
// so every consumer (server, CLI, tests) gets one list.
import type { Severity, Zone, ZoneRecord } from '../zone/model';
import type { Finding, OwnerRule, RecordRule, ReportArgs, Rule, RuleContext, RuleHost, ZoneRule } from './rule';
import { RULES } from './registry';

export interface RuleSettings {
  /** rule id -> severity or 'off' */
  severities?: Record<string, Severity | 'off'>;
}

export const defaultHost: RuleHost = { now: () => new Date(), options: {} };

/** The enabled rules with the severity the settings give them ('off' leaves a rule out). */
export function activeRules(rules: readonly Rule[], settings: RuleSettings): { rule: Rule; severity: Severity }[] {
  const sev = settings.severities ?? {};
  const out: { rule: Rule; severity: Severity }[] = [];
  for (const rule of rules) {
    const s = sev[rule.id] ?? rule.defaultSeverity;
    if (s !== 'off') out.push({ rule, severity: s });
  }
  return out;
}

/** Where a context puts its findings: a list, or anything that takes them one by one. */
export interface FindingSink {
  push(f: Finding): void;
}

/** A rule's context: its reports become findings in `out`, with the configured severity. */
export function contextFor(zone: Zone, host: RuleHost, rule: Rule, severity: Severity, out: FindingSink): RuleContext {
  return {
    zone,
    host,
    report(a: ReportArgs) {
      const f: Finding = { ruleId: rule.id, severity: a.severity && severity === rule.defaultSeverity ? a.severity : severity, message: a.message, loc: a.loc };
      if (a.data !== undefined) f.data = a.data;
      if (a.related) f.related = a.related;
      out.push(f);
    },
  };
}

/** An enabled rule with the context its findings go through. */
export interface Checked<R extends Rule> {
  rule: R;
  ctx: RuleContext;
}

/** Findings of the enabled rules (parse problems not included), in registry order:
 *  zone and owner rules rule by rule, then record rules record by record. */
export function runRules(zone: Zone, host: RuleHost = defaultHost, settings: RuleSettings = {}, rules: readonly Rule[] = RULES): Finding[] {
  // Each zone/owner rule reports into its own list, so one pass over the owners
  // can run them all and the result still comes out rule by rule.
  const lists: Finding[][] = [];
  const recordFindings: Finding[] = [];
  const ownerRules: Checked<OwnerRule>[] = [];
  const recordRules: Checked<RecordRule>[] = [];
  for (const { rule, severity } of activeRules(rules, settings)) {
    if (rule.scope === 'record') {
      recordRules.push({ rule, ctx: contextFor(zone, host, rule, severity, recordFindings) });
      continue;
    }
    const list: Finding[] = [];
    lists.push(list);
    const ctx = contextFor(zone, host, rule, severity, list);
    if (rule.scope === 'owner') ownerRules.push({ rule, ctx });
    else checkZone(rule, ctx);
  }
  if (ownerRules.length) checkOwners(zone, ownerRules);
  if (recordRules.length) checkRecords(zone, recordRules);
  lists.push(recordFindings);
  return lists.flat();
}

function checkZone(rule: ZoneRule, ctx: RuleContext): void {
  try {
    rule.check(ctx.zone, ctx);
  } catch (e) {
    reportRuleFailure(rule, ctx, e);
  }
}

// One pass over the owners for all owner rules, without a closure per call: a
// pass per rule (and a closure per owner and rule) showed in the profile.
function checkOwners(zone: Zone, ownerRules: readonly Checked<OwnerRule>[]): void {
  const bits = typeBits(ownerRules.map((o) => o.rule));
  const wants = ownerRules.map((o) => (o.rule.types ? typesMask(bits, o.rule.types) : ANY_RECORD));
  // forEach, not for-of: destructured Map entries cost ~250 bytes an owner (no escape analysis outside optimized code)
  zone.byOwner.forEach((recs, key) => {
    const here = recordsMask(bits, recs);
    for (let j = 0; j < ownerRules.length; j++) {
      if ((wants[j] & here) === 0) continue;
      const { rule, ctx } = ownerRules[j];
      try {
        rule.check(key, recs, ctx);
      } catch (e) {
        reportRuleFailure(rule, ctx, e, recs[0]);
      }
    }
  });
}

// OwnerRule.types as bit masks: an owner then costs one lookup per record instead
// of a scan per rule. Types share bits past 31 types, which only lets a rule run at
// an owner it has nothing to say about (ownerRuleApplies is the exact test). The
// top bit stands for "any record": rules without types want it, every owner has it.
const ANY_RECORD = 1 << 31;

function typeBits(rules: readonly OwnerRule[]): Map<string, number> {
  const bits = new Map<string, number>();
  for (const r of rules) for (const t of r.types ?? []) if (!bits.has(t)) bits.set(t, 1 << (bits.size % 31));
  return bits;
}

function typesMask(bits: ReadonlyMap<string, number>, types: readonly string[]): number {
  let m = 0;
  for (const t of types) m |= bits.get(t) ?? 0;
  return m;
}

function recordsMask(bits: ReadonlyMap<string, number>, recs: readonly ZoneRecord[]): number {
  let m = ANY_RECORD;
  for (let i = 0; i < recs.length; i++) m |= bits.get(recs[i].type) ?? 0;
  return m;
}

/** The record rules that look at a record's type, in registry order, picked once per type:
 *  the record loop runs (records x record rules) times, so the full engine and the cached
 *  one both ask this instead of testing every rule for every record. */
export class RecordRulesByType {
  private readonly forType = new Map<string, readonly Checked<RecordRule>[]>();

  constructor(private readonly rules: readonly Checked<RecordRule>[]) {}

  for(rec: ZoneRecord): readonly Checked<RecordRule>[] {
    let list = this.forType.get(rec.type);
    if (!list) this.forType.set(rec.type, (list = this.rules.filter((c) => recordRuleApplies(c.rule, rec))));
    return list;
  }
}

// Calls the rules without a closure per call: a closure capturing the record cost a
// context object per record (runRules self time and GC in the profile of `dane-zone check`).
function checkRecords(zone: Zone, recordRules: readonly Checked<RecordRule>[]): void {
  const byType = new RecordRulesByType(recordRules);
  const recs: readonly ZoneRecord[] = zone.records;
  for (let i = 0; i < recs.length; i++) {
    const r = recs[i];
    const list = byType.for(r);
    for (let j = 0; j < list.length; j++) {
      const { rule, ctx } = list[j];
      try {
        rule.check(r, ctx);
      } catch (e) {
        reportRuleFailure(rule, ctx, e, r);
      }
    }
  }
}

/** True when a record rule looks at records of this one's type (its `types`). */
export function recordRuleApplies(rule: RecordRule, rec: ZoneRecord): boolean {
  return !rule.types || rule.types.includes(rec.type);
}

/** True when an owner rule has something to look at among the owner's records (its `types`). */
export function ownerRuleApplies(rule: OwnerRule, records: readonly ZoneRecord[]): boolean {
  const types = rule.types;
  if (!types) return true;
  for (let i = 0; i < records.length; i++) if (types.includes(records[i].type)) return true;
  return false;
}

// A rule that throws on some odd record must not silence the others (or the
// server): the failure becomes a visible finding on the record (or file start).
export function reportRuleFailure(rule: Rule, ctx: RuleContext, err: unknown, rec?: ZoneRecord): void {
  const file = ctx.zone.file;
  const entry = rec?.entry ?? file.entries[0] ?? { line: 0, lineCount: 1, leadingBlank: false, tokens: [], lexErrors: [] };
  const loc = rec ? rec.loc : { file, entry, span: { line: 0, start: 0, endLine: 0, end: 0 } };
  ctx.report({ loc, message: `dane-zone rule ${rule.id} failed here (${(err as Error)?.message ?? String(err)}); please report it. Other rules still ran.`, severity: 'error' });
}

/** Parse problems as findings (rule id = problem code), honouring severity settings. */
export function problemFindings(zone: Zone, settings: RuleSettings = {}): Finding[] {
  const sev = settings.severities ?? {};
  const out: Finding[] = [];
  for (const p of zone.problems) {
    const s = sev[p.code] ?? p.severity;
    if (s === 'off') continue;
    out.push({ ruleId: p.code, severity: s, message: p.message, loc: p.loc });
  }
  return out;
}
