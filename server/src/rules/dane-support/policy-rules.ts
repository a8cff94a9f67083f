// Rule factories for the mail-policy TXT records (TLS-RPT, MTA-STS, SPF, DMARC):
// one syntax rule (problems of the pure parser, placed on the tag they concern)
// and one "more than one record" rule per kind. Each rule file names its kind.
import type { Zone, ZoneRecord } from '../../zone/model';
import type { OwnerRule, RecordRule, RfcRef } from '../rule';
import type { ParsedPolicy } from '../../mail-policy/policy-types';
import { txtText } from './txt-text';
import { POLICY_KINDS, SPF } from './policy-kinds';
import type { ParsedSpf } from '../../mail-policy/spf';
import { DerivedKind } from '../support/derived';
import { recordsAnswering } from './tlsa-lookup';

export interface PolicyKind<P extends ParsedPolicy = ParsedPolicy> {
  /** user-facing name: 'TLS-RPT', 'MTA-STS', 'SPF', 'DMARC' */
  label: string;
  /** the version tag a record starts with, e.g. 'v=TLSRPTv1' */
  version: string;
  isRecord(text: string): boolean;
  /** `ownerKey`: where the record is (a DMARC report authorisation needs no p=) */
  parse(text: string, ownerKey?: string): P;
  /** for a kind without an owner prefix (SPF): why a TXT record's strings that look like one
   *  are not one to receivers, and how far into the text that is, else undefined */
  nearMiss?(strings: readonly string[]): { end: number; message: string } | undefined;
  /** owner prefix the record must live under (`_dmarc.`), if the kind has one */
  prefix?: string;
  /** other names where a TXT record is read as this kind (DMARC's report authorisations) */
  alsoAt?(ownerKey: string): boolean;
  /** what happens when several records exist at one name */
  multiple: string;
  rfc: RfcRef[];
}

// Which mail policy a TXT record holds, once per record: about ten rules ask.
const POLICY_KIND = new DerivedKind<PolicyKind | null>((rec) => {
  const text = txtText(rec)?.text;
  return (text === undefined ? undefined : POLICY_KINDS.find((k) => k.isRecord(text))) ?? null;
});

/** The kind whose version tag starts the TXT record's text (the four tags exclude each other). */
export function policyKindOf(rec: ZoneRecord): PolicyKind | undefined {
  // the rules asking run one after the other on a record: the last answer first
  if (rec === lastKindOf) return lastKind;
  lastKindOf = rec;
  lastKind = POLICY_KIND.of(rec) ?? undefined;
  return lastKind;
}
let lastKindOf: ZoneRecord | undefined;
let lastKind: PolicyKind | undefined;

// The last parse: the rules that read a record's policy (syntax, lookup count) run one
// after the other on it. Keeping every parse (100k SPF records in a big zone) only fed
// the garbage collector; a keystroke re-checks a handful of records.
let lastParsed: { rec: ZoneRecord; parsed: ParsedPolicy } | undefined;

/** The record's policy parsed; `k` is its kind (policyKindOf). */
export function parsedPolicy<P extends ParsedPolicy>(rec: ZoneRecord, k: PolicyKind<P>): P {
  if (policyKindOf(rec) !== k) throw new Error(`not a ${k.label} record`);
  if (lastParsed?.rec !== rec) lastParsed = { rec, parsed: k.parse(txtText(rec)!.text, rec.ownerKey) };
  return lastParsed.parsed as P;
}

/** The record's SPF policy parsed, or undefined when it holds none. */
export function spfOf(rec: ZoneRecord): ParsedSpf | undefined {
  return policyKindOf(rec) === SPF ? parsedPolicy(rec, SPF) : undefined;
}

/** The one SPF record a receiver's query for `name` finds in this zone: the name's own, or the
 *  wildcard's that answers it (RFC 4592 §4.1). Undefined when it finds none or several (permerror
 *  of its own), or when this zone does not decide it: the name is outside it, at or below a
 *  delegation, or holds a CNAME (receivers follow it, maybe out of the zone). `below` gets the
 *  names whose subtrees decide it. What spf-lookup-limit and spf-void-lookups follow an
 *  include: or redirect= to. */
export function spfRecordAnswering(zone: Zone, name: string, below: string[]): ZoneRecord | undefined {
  const recs = recordsAnswering(zone, name, below);
  if (!recs) return undefined;
  let found: ZoneRecord | undefined;
  for (const r of recs) {
    if (r.type === 'CNAME') return undefined;
    if (r.type !== 'TXT' || policyKindOf(r) !== SPF) continue;
    if (found) return undefined;
    found = r;
  }
  return found;
}

export function policySyntaxRule(id: string, k: PolicyKind): RecordRule {
  return {
    id,
    scope: 'record',
    types: ['TXT'],
    defaultSeverity: 'error',
    rfc: k.rfc,
    summary: `${k.label} record syntax (tags and values, version first).`,
    check(rec, ctx) {
      const atName = (!!k.prefix && rec.ownerKey.startsWith(k.prefix)) || !!k.alsoAt?.(rec.ownerKey);
      const isKind = policyKindOf(rec) === k;
      if (!isKind && !atName) {
        // most TXT records: their text is not needed
        const near = k.nearMiss && policyKindOf(rec) === undefined ? nearMissOf(rec, k) : undefined;
        if (near) ctx.report({ loc: txtText(rec)!.locOf(0, near.end), message: near.message });
        return;
      }
      const t = txtText(rec);
      if (!t) return;
      if (!isKind) {
        // at the policy name but not a policy record: a typo in the version makes it invisible,
        // as does the version tag anywhere but at the very start
        const typo = /^v\s*=/i.test(t.text);
        const elsewhere = !typo && (/^\s+v\s*=/i.test(t.text) || t.text.toLowerCase().includes(k.version.toLowerCase()));
        ctx.report({
          loc: t.locOf(0, Math.max(1, firstWordEnd(t.text))),
          severity: typo || elsewhere ? 'error' : 'warning',
          message: `this TXT record does not start with '${k.version};' so ${k.label} ignores it` +
            (typo ? ' (check the version tag and the ; after it)' : elsewhere ? ` (the version tag must come first, with nothing before it)` : ''),
        });
        return;
      }
      for (const p of parsedPolicy(rec, k).problems) {
        if (p.code) continue;
        ctx.report({ loc: t.locOf(p.start, p.end), severity: p.severity, message: p.message });
      }
    },
  };
}

/** Where the text's first word ends (before ';' or white space), leading white space included. */
function firstWordEnd(text: string): number {
  const lead = text.length - text.trimStart().length;
  const end = text.slice(lead).search(/[;\s]|$/);
  return lead + end;
}

/** A near miss of kind `k` (PolicyKind.nearMiss), asked only of TXT records whose first string
 *  starts like a version tag: the rule runs on every TXT record of a zone. */
function nearMissOf(rec: ZoneRecord, k: PolicyKind): { end: number; message: string } | undefined {
  const v = rec.values[0];
  if (!Array.isArray(v) || typeof v[0] !== 'string') return undefined;
  const first = v[0] as string;
  let i = 0;
  while (first.charCodeAt(i) === 32 || first.charCodeAt(i) === 9) i++;
  const c = first.charCodeAt(i);
  if (c !== 118 && c !== 86) return undefined; // 'v' / 'V'
  return k.nearMiss!(v as string[]);
}

export function policyMultipleRule(id: string, k: PolicyKind): OwnerRule {
  return {
    id,
    scope: 'owner',
    types: ['TXT'],
    defaultSeverity: 'error',
    rfc: k.rfc,
    summary: `More than one ${k.label} record at one name: ${k.multiple}.`,
    check(ownerKey, records, ctx) {
      if (countOfKind(records, k) < 2) return; // most owners: nothing to compare
      const recs = distinctOfKind(records, k);
      if (recs.length < 2) return;
      for (const r of recs.slice(1)) {
        ctx.report({
          loc: r.rdataLoc,
          message: `${recs.length} ${k.label} records at ${ownerKey}: ${k.multiple}. Keep exactly one.`,
          related: [{ loc: recs[0].rdataLoc, message: `first ${k.label} record` }],
        });
      }
    },
  };
}

/** How many TXT records of kind `k` there are, without allocating. */
function countOfKind(records: readonly ZoneRecord[], k: PolicyKind): number {
  let n = 0;
  for (let i = 0; i < records.length; i++) if (records[i].type === 'TXT' && policyKindOf(records[i]) === k) n++;
  return n;
}

/** The records of kind `k`, identical copies left out (one record to a server; duplicate-record reports them). */
function distinctOfKind(records: readonly ZoneRecord[], k: PolicyKind): ZoneRecord[] {
  // a function of its own: this closure inside check() would cost a context object per owner
  const seen = new Set<string>();
  return records.filter((r) => {
    if (r.type !== 'TXT' || policyKindOf(r) !== k) return false;
    const text = txtText(r)!.text;
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}
