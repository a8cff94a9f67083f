// Rule factories for the mail-policy TXT records (TLS-RPT, MTA-STS, SPF, DMARC):
// one syntax rule (problems of the pure parser, placed on the tag they concern)
// and one "more than one record" rule per kind. Each rule file names its kind.
import type { ZoneRecord } from '../../zone/model';
import type { OwnerRule, RecordRule, RfcRef } from '../rule';
import type { ParsedPolicy } from '../../mail-policy/policy-types';
import { txtText } from './txt-text';

export interface PolicyKind<P extends ParsedPolicy = ParsedPolicy> {
  /** user-facing name: 'TLS-RPT', 'MTA-STS', 'SPF', 'DMARC' */
  label: string;
  /** the version tag a record starts with, e.g. 'v=TLSRPTv1' */
  version: string;
  isRecord(text: string): boolean;
  parse(text: string): P;
  /** owner prefix the record must live under (`_dmarc.`), if the kind has one */
  prefix?: string;
  /** what happens when several records exist at one name */
  multiple: string;
  rfc: RfcRef[];
}

// The syntax rule and spf-lookup-limit both read a record's parsed policy: parse
// it once per record and kind (records never change; entries go with their record).
const parsedByKind = new Map<PolicyKind, WeakMap<ZoneRecord, ParsedPolicy>>();

/** The record's text parsed as kind `k` (the caller has checked `k.isRecord(text)`). */
export function parsedPolicy<P extends ParsedPolicy>(rec: ZoneRecord, k: PolicyKind<P>, text: string): P {
  let byRec = parsedByKind.get(k);
  if (!byRec) parsedByKind.set(k, (byRec = new WeakMap()));
  let p = byRec.get(rec) as P | undefined;
  if (!p) byRec.set(rec, (p = k.parse(text)));
  return p;
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
      const t = txtText(rec);
      if (!t) return;
      const atName = !!k.prefix && rec.ownerKey.startsWith(k.prefix);
      if (!k.isRecord(t.text)) {
        if (!atName) return;
        // at the policy name but not a policy record: a typo in the version makes it invisible
        const attempt = /^v\s*=/i.test(t.text);
        ctx.report({
          loc: t.locOf(0, Math.max(1, Math.min(t.text.length, t.text.search(/[;\s]|$/)))),
          severity: attempt ? 'error' : 'warning',
          message: `this TXT record does not start with '${k.version};' so ${k.label} ignores it` + (attempt ? ' (check the version tag and the ; after it)' : ''),
        });
        return;
      }
      for (const p of parsedPolicy(rec, k, t.text).problems) {
        if (p.code) continue;
        ctx.report({ loc: t.locOf(p.start, p.end), severity: p.severity, message: p.message });
      }
    },
  };
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
      if (records.length < 2) return; // most owners: nothing to compare
      // Identical copies are one record to a server (duplicate-record reports them).
      const seen = new Set<string>();
      const recs = records.filter((r) => {
        if (r.type !== 'TXT') return false;
        const t = txtText(r);
        if (!t || !k.isRecord(t.text) || seen.has(t.text)) return false;
        seen.add(t.text);
        return true;
      });
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
