// Runs the rules over a zone and collects findings, applying the user's
// severity settings ('off' skips a rule). Parse problems become findings too,
// so every consumer (server, CLI, tests) gets one list.
import { printable } from '../zone/printable';
import type { Severity, Zone, ZoneRecord, ZoneRows } from '../zone/model';
import { typeCodeByName } from '../zone/rr-codes';
import { typeName } from '../zone/rr-types';
import { TARGET_FIELD } from '../zone/targets';
import type { Finding, OwnerRule, RecordRule, ReportArgs, Rule, RuleContext, RuleHost, ZoneRule } from './rule';
import { RULES } from './registry';
import { strayIgnoreFindings } from './ignore';
import { unusedCertLinkFindings } from '../cert/link';

export interface RuleSettings {
  /** rule id -> severity or 'off' */
  severities?: Record<string, Severity | 'off'>;
}

export const defaultHost: RuleHost = { now: () => new Date(), options: {} };

/** An enabled rule and the severity of its findings. */
export interface ActiveRule {
  rule: Rule;
  severity: Severity;
  /** the user's settings gave `severity`: it then holds for every finding, whatever the
   *  record type (defaultSeverityByType) or the report (ReportArgs.severity) would say */
  fromSettings: boolean;
}

/** The enabled rules with the severity the settings give them ('off' leaves a rule out). */
export function activeRules(rules: readonly Rule[], settings: RuleSettings): ActiveRule[] {
  const sev = settings.severities ?? {};
  const out: ActiveRule[] = [];
  for (const rule of rules) {
    const set = sev[rule.id];
    if (set === 'off') continue;
    out.push({ rule, severity: set ?? rule.defaultSeverity, fromSettings: set !== undefined });
  }
  return out;
}

/** Type codes of the records whose RDATA the enabled rules read (their `types`): a whole-file
 *  check keeps those records' parsed values (ParseOptions.keepValues) instead of parsing them
 *  twice. A record rule asked about owners (appliesToOwner) reads the RDATA of its rdataTypes
 *  only; its other types it judges by their owner's name (ds-at-apex's DS, hostname-syntax's A
 *  and AAAA: keeping every A record's address for it made the 1M check 1.18 times as long). A
 *  record it does read otherwise still gets its values, parsed again from its entry. */
export function typesReadByRules(settings: RuleSettings = {}, rules: readonly Rule[] = RULES): Set<number> {
  const codes = new Set<number>();
  for (const { rule } of activeRules(rules, settings)) {
    const read = rule.scope === 'record' ? [...(rule.appliesToOwner ? [] : rule.types ?? []), ...(rule.rdataTypes ?? [])] : rule.types ?? [];
    for (const t of read) {
      const code = typeCodeByName(t);
      if (code !== undefined) codes.add(code);
    }
  }
  return codes;
}

/** Where a context puts its findings: a list, or anything that takes them one by one. */
export interface FindingSink {
  push(f: Finding): void;
}

/** The context the engines give a rule. Before a record rule checks a record, the engine
 *  sets `recordType` to the record's type: it picks the rule's defaultSeverityByType. */
export interface EngineContext extends RuleContext {
  recordType: string | undefined;
}

/** A rule's context: its reports become findings in `out`, with the severity the settings give,
 *  else the report's own, else the rule's default for the record's type, else the rule's default. */
export function contextFor(zone: Zone, host: RuleHost, active: ActiveRule, out: FindingSink): EngineContext {
  const { rule, severity, fromSettings } = active;
  const byType = fromSettings || rule.scope !== 'record' ? undefined : rule.defaultSeverityByType;
  const ctx: EngineContext = {
    zone,
    host,
    recordType: undefined,
    report(a: ReportArgs) {
      let s = severity;
      if (!fromSettings) s = a.severity ?? (byType && ctx.recordType !== undefined ? byType[ctx.recordType] : undefined) ?? severity;
      // messages quote zone text: control characters are escaped (\DDD) wherever they are printed
      const f: Finding = { ruleId: rule.id, severity: s, message: printable(a.message), loc: a.loc };
      if (a.data !== undefined) f.data = a.data;
      if (a.related) f.related = a.related.map((r) => ({ loc: r.loc, message: printable(r.message) }));
      out.push(f);
    },
  };
  return ctx;
}

/** An enabled rule with the context its findings go through. */
export interface Checked<R extends Rule> {
  rule: R;
  ctx: EngineContext;
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
  for (const active of activeRules(rules, settings)) {
    const rule = active.rule;
    if (rule.scope === 'record') {
      if (recordRuleAppliesToZone(rule, zone)) recordRules.push({ rule, ctx: contextFor(zone, host, active, recordFindings) });
      continue;
    }
    const list: Finding[] = [];
    lists.push(list);
    const ctx = contextFor(zone, host, active, list);
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
  const pick = new OwnerRulePicker(ownerRules.map((o) => o.rule));
  if (zone.rows) return checkOwnerRows(zone.rows, ownerRules, pick);
  // forEach, not for-of: destructured Map entries cost ~250 bytes an owner (no escape analysis outside optimized code)
  zone.byOwner.forEach((recs, key) => {
    const here = pick.typesAt(recs);
    for (let j = 0; j < ownerRules.length; j++) {
      if (!pick.wants(j, here)) continue;
      const { rule, ctx } = ownerRules[j];
      try {
        rule.check(key, recs, ctx);
      } catch (e) {
        reportRuleFailure(rule, ctx, e, recs[0]);
      }
    }
  });
}

/** Which owner rules run at an owner, told from its records' types by bit masks: one Map
 *  lookup per record instead of a scan of each rule's types (both engines ask it per owner). */
export class OwnerRulePicker {
  readonly bits: ReadonlyMap<string, number>;
  private readonly want: readonly number[];
  private readonly repeats: boolean;

  constructor(private readonly rules: readonly OwnerRule[]) {
    this.bits = typeBits(rules);
    this.want = rules.map((r) => (r.types ? typesMask(this.bits, r.types) : ANY_RECORD));
    this.repeats = rules.some((r) => r.repeatedTypesOnly);
  }

  /** The mask of an owner's records (with "a type occurs twice" when a rule asks for it). */
  typesAt(recs: readonly ZoneRecord[]): number {
    return recordsMask(this.bits, recs) | (this.repeats && hasRepeatedType(recs) ? REPEATED_TYPE : 0);
  }

  /** The mask of an owner's rows (column store). */
  typesAtRows(rows: ZoneRows, bitOfCode: Int32Array, list: Int32Array, start: number, count: number): number {
    let here = ANY_RECORD;
    for (let i = start; i < start + count; i++) here |= bitOfCode[rows.typeCode(list[i])];
    if (this.repeats && count > 1 && repeatedTypeRow(rows, list, start, count)) here |= REPEATED_TYPE;
    return here;
  }

  /** True when rule j has something to look at in an owner of mask `here` (types sharing a bit
   *  past 30 types only let a rule run where it finds nothing). */
  wants(j: number, here: number): boolean {
    return ownerRuleWants(this.rules[j], this.want[j], here);
  }
}

// The same pass over a column-stored zone: an owner's types come from its rows, and
// record objects are made only for owners some rule looks at (most owners: none).
function checkOwnerRows(rows: ZoneRows, ownerRules: readonly Checked<OwnerRule>[], pick: OwnerRulePicker): void {
  const bitOfCode = new Int32Array(rows.typeCodeLimit);
  for (const [type, bit] of pick.bits) {
    const code = typeCodeByName(type);
    if (code !== undefined && code < bitOfCode.length) bitOfCode[code] |= bit;
  }
  rows.forEachOwner((id, list, start, count) => {
    const here = pick.typesAtRows(rows, bitOfCode, list, start, count);
    let recs: ZoneRecord[] | undefined;
    // the owner's key, made once for its rules (TXT and TLSA owners have four each: 500 000
    // strings fewer in the 1M bench zone)
    let key: string | undefined;
    for (let j = 0; j < ownerRules.length; j++) {
      if (!pick.wants(j, here)) continue;
      const { rule, ctx } = ownerRules[j];
      if (!recs) {
        recs = new Array(count);
        for (let i = 0; i < count; i++) recs[i] = rows.record(list[start + i]);
      }
      try {
        rule.check((key ??= rows.nameKey(id)), recs, ctx);
      } catch (e) {
        reportRuleFailure(rule, ctx, e, recs[0]);
      }
    }
  });
}

/** True when two of the rows share a type: pairwise for the usual few rows, else counted. */
function repeatedTypeRow(rows: ZoneRows, list: Int32Array, start: number, count: number): boolean {
  if (count <= 8) {
    for (let i = start + 1; i < start + count; i++) {
      const code = rows.typeCode(list[i]);
      for (let j = start; j < i; j++) if (rows.typeCode(list[j]) === code) return true;
    }
    return false;
  }
  const seen = new Set<number>();
  for (let i = start; i < start + count; i++) {
    const code = rows.typeCode(list[i]);
    if (seen.has(code)) return true;
    seen.add(code);
  }
  return false;
}

/** An owner rule runs where the owner holds a type it reads and, for RRset rules, a repeated type. */
function ownerRuleWants(rule: OwnerRule, wants: number, here: number): boolean {
  return (wants & here) !== 0 && (!rule.repeatedTypesOnly || (here & REPEATED_TYPE) !== 0);
}

/** True when two of the records share a type (most owners: no). */
function hasRepeatedType(recs: readonly ZoneRecord[]): boolean {
  if (recs.length > 8) return new Set(recs.map((r) => r.type)).size < recs.length;
  for (let i = 1; i < recs.length; i++) {
    const t = recs[i].type;
    for (let j = 0; j < i; j++) if (recs[j].type === t) return true;
  }
  return false;
}

// OwnerRule.types as bit masks: an owner then costs one lookup per record instead
// of a scan per rule. Types share bits past 30 types, which only lets a rule run at
// an owner it has nothing to say about (ownerRuleApplies is the exact test). The
// top bit stands for "any record": rules without types want it, every owner has it.
const ANY_RECORD = 1 << 31;
// Bit 30 is never a type's (bits go up to 1 << 29 below): "a type occurs twice here".
const REPEATED_TYPE = 1 << 30;

function typeBits(rules: readonly OwnerRule[]): Map<string, number> {
  const bits = new Map<string, number>();
  for (const r of rules) for (const t of r.types ?? []) if (!bits.has(t)) bits.set(t, 1 << (bits.size % 30));
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
  if (zone.rows) return checkRecordRows(zone, zone.rows, recordRules);
  const byType = new RecordRulesByType(recordRules);
  const recs: readonly ZoneRecord[] = zone.records;
  for (let i = 0; i < recs.length; i++) {
    const r = recs[i];
    const list = byType.for(r);
    for (let j = 0; j < list.length; j++) {
      const { rule, ctx } = list[j];
      try {
        // appliesToOwner is not asked here: a rule's check() tests its owner itself, and asking
        // both per record was the same test twice (checkRecordRows asks once per name instead)
        ctx.recordType = r.type;
        rule.check(r, ctx);
      } catch (e) {
        reportRuleFailure(rule, ctx, e, r);
      }
    }
  }
}

// The same loop over a column-stored zone: rules are picked by the row's type code and
// asked about an owner (and a target, appliesToTarget) once per name, so a record object is
// made only for rows some rule reads (in a big zone most A and AAAA rows are read by none).
function checkRecordRows(zone: Zone, rows: ZoneRows, recordRules: readonly Checked<RecordRule>[]): void {
  const all: HintedRule[] = recordRules.map((c) => ({
    ...c,
    // answers a rule gives for every name at once are complete: the engine only reads them
    memo: c.rule.appliesToOwner ? ((rows.nameCount >= (c.rule.ownerAnswersFrom ?? ANSWERS_FROM_NAMES) ? c.rule.ownerAnswers?.(zone, rows) : undefined) ?? new Uint8Array(rows.nameCount)) : undefined,
    targetMemo: c.rule.appliesToOwner && c.rule.appliesToTarget ? new Uint8Array(rows.nameCount) : undefined,
  }));
  const forCode: (HintedRule[] | undefined)[] = new Array(rows.typeCodeLimit); // by type code
  for (let row = 0; row < rows.count; row++) {
    const code = rows.typeCode(row);
    let list = forCode[code];
    if (!list) forCode[code] = list = rulesForType(all, typeName(code));
    let rec: ZoneRecord | undefined;
    // the owner's key, made once for all the rules that ask about a new name (it is not kept)
    let key: string | undefined;
    for (let j = 0; j < list.length; j++) {
      const { rule, ctx, memo, targetMemo } = list[j];
      try {
        if (memo) {
          const id = rows.ownerId(row);
          if (memo[id] === 0) memo[id] = rule.appliesToOwner!((key ??= rows.nameKey(id)), zone) ? 1 : 2;
          if (memo[id] === 2 && !(targetMemo && targetApplies(rule, zone, rows, targetMemo, row))) continue;
        }
        rec ??= rows.record(row);
        ctx.recordType = rec.type;
        rule.check(rec, ctx);
      } catch (e) {
        reportRuleFailure(rule, ctx, e, rec ?? rows.record(row));
      }
    }
  }
}

// RecordRule.ownerAnswers pays from this many names on, unless the rule says otherwise
// (ownerAnswersFrom): a pass like namesBelow costs the JIT's warm-up once, and a smaller zone's
// questions per name cost less (the rules of the 100k bench zone, 70 000 names: 5-10% slower
// with it; of the 1M zone, 700 000: 10% quicker).
const ANSWERS_FROM_NAMES = 200_000;

/** A record rule with its hints' answers by name id (0 not asked yet, 1 yes, 2 no); without
 *  memo the engine checks every record, without targetMemo it asks about the owner only. */
interface HintedRule extends Checked<RecordRule> {
  memo: Uint8Array | undefined;
  targetMemo: Uint8Array | undefined;
}

/** The record rules of one type, with the hints the engine asks for it: for the types whose
 *  RDATA a rule reads (rdataTypes) appliesToOwner alone cannot skip a record; with
 *  appliesToTarget it can for those with a target (their one name), else nothing is asked. */
function rulesForType(all: readonly HintedRule[], type: string): HintedRule[] {
  const out: HintedRule[] = [];
  for (const c of all) {
    if (c.rule.types && !c.rule.types.includes(type)) continue;
    if (!c.memo) out.push(c);
    else if (!c.rule.rdataTypes?.includes(type)) out.push(c.targetMemo ? { ...c, targetMemo: undefined } : c);
    else if (c.targetMemo && TARGET_FIELD[type] !== undefined) out.push(c);
    else out.push({ ...c, memo: undefined, targetMemo: undefined });
  }
  return out;
}

/** appliesToTarget for a row's target, once per name; a row without a target gets a no. */
function targetApplies(rule: RecordRule, zone: Zone, rows: ZoneRows, memo: Uint8Array, row: number): boolean {
  const id = rows.targetId(row);
  if (id < 0) return false;
  if (memo[id] === 0) memo[id] = rule.appliesToTarget!(rows.nameKey(id), zone) ? 1 : 2;
  return memo[id] === 1;
}

/** False when a record rule has nothing to say about this zone (its appliesToZone). */
export function recordRuleAppliesToZone(rule: RecordRule, zone: Zone): boolean {
  return !rule.appliesToZone || rule.appliesToZone(zone);
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
    const f: Finding = { ruleId: p.code, severity: s, message: p.message, loc: p.loc };
    // (the fix's range is made from the problem's place when published: settleFixData)
    if (p.rewrite) f.data = { fixes: [{ title: p.rewrite.title, preferred: true, edits: [{ loc: p.loc, newText: p.rewrite.text }] }] };
    out.push(f);
  }
  for (const f of strayIgnoreFindings(zone, sev['ignore-invalid'])) out.push(f);
  for (const f of unusedCertLinkFindings(zone, sev['cert-link-unused'])) out.push(f);
  return out;
}
