// SPF's limit of two "void lookups" (RFC 7208 §4.6.4): a query of an a:, mx: or exists: term
// that finds no record of the type it asks for (NXDOMAIN, or NODATA). At the third, receivers
// return permerror for every message that reaches it. Usually hosts removed from the zone and
// left in the SPF record. Counted over the record's own terms in evaluation order, for names this
// zone answers for: only a zone with an SOA says a name holds nothing, and a name below a
// delegation or with a CNAME (receivers follow it) is left alone; a wildcard answers for a name
// without records. include: and redirect= to a name without SPF are spf-include-missing's.
import type { RecordRule } from './rule';
import type { Zone, ZoneRecord } from '../zone/model';
import { ref } from './dane-support/refs';
import { parsedPolicy, policyKindOf } from './dane-support/policy-rules';
import { SPF } from './dane-support/policy-kinds';
import { recordsAnswering } from './dane-support/tlsa-lookup';
import { txtText } from './dane-support/txt-text';
import { spfTermName } from '../mail-policy/spf';

/** Receivers allow this many void lookups; one more is permerror. */
const VOID_LIMIT = 2;

/** The types a term's query asks for: a matches IPv4 or IPv6 addresses (void when the name has
 *  neither, whatever the client's family), mx the MX RRset, exists an A record. */
const ASKS: Record<string, readonly string[]> = { a: ['A', 'AAAA'], mx: ['MX'], exists: ['A'] };

interface QueryTerm {
  /** `a:host`, `mx`, …, without its qualifier */
  text: string;
  name: string;
  asks: readonly string[];
  start: number;
  end: number;
}

/** The record's a, mx and exists terms with the names they query (lower case, absolute), in order. */
function queryTerms(rec: ZoneRecord): QueryTerm[] {
  if (policyKindOf(rec) !== SPF) return [];
  const out: QueryTerm[] = [];
  for (const t of parsedPolicy(rec, SPF).terms) {
    const asks = ASKS[t.mechanism];
    if (!asks || !t.lookup) continue;
    const name = spfTermName(t, rec.ownerKey);
    if (name) out.push({ text: t.domain === undefined ? t.mechanism : `${t.mechanism}:${t.domain}`, name, asks, start: t.start, end: t.end });
  }
  return out;
}

/** True when a query for `asks` at `name` finds nothing in this zone, for sure. `below` gets the
 *  names whose subtrees decide it. */
function isVoid(zone: Zone, name: string, asks: readonly string[], below: string[]): boolean {
  // the name's records, or the wildcard's at its closest encloser (RFC 4592 §4.1)
  const recs = recordsAnswering(zone, name, below);
  return !!recs && !recs.some((r) => r.type === 'CNAME' || asks.includes(r.type));
}

export const spfVoidLookups: RecordRule = {
  id: 'spf-void-lookups',
  scope: 'record',
  types: ['TXT'],
  defaultSeverity: 'error',
  rfc: [ref(7208, '4.6.4')],
  summary: 'SPF whose a:, mx: or exists: terms name more than two names of this zone that hold no such record ("void lookups"): receivers return permerror at the third.',
  appliesToZone: (zone) => !!zone.byType.get('SOA')?.length,
  dependsOn(rec) {
    return queryTerms(rec).map((t) => t.name);
  },
  dependsOnBelow(rec, zone) {
    const below: string[] = [];
    for (const t of queryTerms(rec)) isVoid(zone, t.name, t.asks, below);
    return below;
  },
  check(rec, ctx) {
    const terms = queryTerms(rec);
    if (terms.length <= VOID_LIMIT) return;
    const scratch: string[] = [];
    const voids = terms.filter((t) => isVoid(ctx.zone, t.name, t.asks, scratch));
    if (voids.length <= VOID_LIMIT) return;
    const text = txtText(rec);
    const locOf = (t: QueryTerm) => text?.locOf(t.start, t.end) ?? rec.rdataLoc;
    const third = voids[VOID_LIMIT];
    const listed = voids.map((t) => t.text).join(', ');
    ctx.report({
      loc: locOf(third),
      message: `${voids.length} terms of this SPF record query names of this zone that hold no such record (${listed}): receivers allow two such "void lookups" and return permerror at the third, ${third.text}, for every message that reaches it (RFC 7208 §4.6.4); remove the terms, or publish the records`,
      related: voids.filter((t) => t !== third).map((t) => ({ loc: locOf(t), message: `void lookup: ${t.name} holds no ${t.asks.join(' or ')} record` })),
    });
  },
};
