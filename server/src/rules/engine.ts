// Runs the rules over a zone and collects findings, applying the user's
// severity settings ('off' skips a rule). Parse problems become findings too,
// so every consumer (server, CLI, tests) gets one list.
import type { Severity, Zone, ZoneRecord } from '../zone/model';
import type { Finding, ReportArgs, Rule, RuleContext, RuleHost } from './rule';
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

/** A rule's context: its reports become findings in `out`, with the configured severity. */
export function contextFor(zone: Zone, host: RuleHost, rule: Rule, severity: Severity, out: Finding[]): RuleContext {
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

/** Findings of the enabled rules (parse problems not included). */
export function runRules(zone: Zone, host: RuleHost = defaultHost, settings: RuleSettings = {}, rules: readonly Rule[] = RULES): Finding[] {
  const out: Finding[] = [];
  const recordRules: { rule: Rule & { scope: 'record' }; ctx: RuleContext; types?: Set<string> }[] = [];
  for (const { rule, severity } of activeRules(rules, settings)) {
    const ctx = contextFor(zone, host, rule, severity, out);
    if (rule.scope === 'record') recordRules.push({ rule, ctx, types: rule.types ? new Set(rule.types) : undefined });
    else if (rule.scope === 'owner') for (const [key, recs] of zone.byOwner) guard(rule, ctx, () => rule.check(key, recs, ctx));
    else guard(rule, ctx, () => rule.check(zone, ctx));
  }
  if (recordRules.length) {
    // The record loop runs (records x record rules) times: pick each type's rules
    // once (in registry order) and call them without a closure per call; both
    // showed in the profile of `dane-zone check` (runRules self time, GC).
    const forType = new Map<string, typeof recordRules>();
    const recs: readonly ZoneRecord[] = zone.records;
    for (let i = 0; i < recs.length; i++) {
      const r = recs[i];
      let list = forType.get(r.type);
      if (!list) forType.set(r.type, (list = recordRules.filter((rr) => !rr.types || rr.types.has(r.type))));
      for (let j = 0; j < list.length; j++) {
        const rr = list[j];
        try {
          rr.rule.check(r, rr.ctx);
        } catch (e) {
          reportRuleFailure(rr.rule, rr.ctx, e, r);
        }
      }
    }
  }
  return out;
}

// A rule that throws on some odd record must not silence the others (or the
// server): the failure becomes a visible finding on the record (or file start).
export function reportRuleFailure(rule: Rule, ctx: RuleContext, err: unknown, rec?: ZoneRecord): void {
  const file = ctx.zone.file;
  const entry = rec?.entry ?? file.entries[0] ?? { line: 0, lineCount: 1, leadingBlank: false, tokens: [], lexErrors: [] };
  const loc = rec ? rec.loc : { file, entry, span: { line: 0, start: 0, endLine: 0, end: 0 } };
  ctx.report({ loc, message: `dane-zone rule ${rule.id} failed here (${(err as Error)?.message ?? String(err)}); please report it. Other rules still ran.`, severity: 'error' });
}

function guard(rule: Rule, ctx: RuleContext, fn: () => void, rec?: ZoneRecord): void {
  try {
    fn();
  } catch (e) {
    reportRuleFailure(rule, ctx, e, rec);
  }
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
