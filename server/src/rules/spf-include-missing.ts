// An SPF include: or redirect= to a name this zone answers for, where no SPF record is: the
// include's check_host() finds none, and receivers return permerror (RFC 7208 §5.2 for
// include, §6.1 for redirect), so SPF fails for every message of the domain. Usually an `_spf`
// record forgotten or misspelt. Only a zone with an SOA says for sure that a name of it holds
// nothing (a fragment's names may be in another file); a name below a delegation, or one with
// a CNAME (receivers follow it, maybe out of the zone), is left alone.
import type { RecordRule } from './rule';
import type { Zone, ZoneRecord } from '../zone/model';
import { ref } from './dane-support/refs';
import { parsedPolicy, policyKindOf } from './dane-support/policy-rules';
import { SPF } from './dane-support/policy-kinds';
import { nameExists, recordsAnswering } from './dane-support/tlsa-lookup';
import { txtText } from './dane-support/txt-text';
import { spfTermName } from '../mail-policy/spf';

/** The in-zone names `spf`'s include:/redirect= terms name (lower case, absolute), with their term. */
function targets(rec: ZoneRecord): { name: string; mechanism: string; start: number; end: number }[] {
  if (policyKindOf(rec) !== SPF) return [];
  const out: { name: string; mechanism: string; start: number; end: number }[] = [];
  for (const t of parsedPolicy(rec, SPF).terms) {
    // (a macro cannot be followed; a name that is no domain, strings glued without a space:
    // `_a.example.cominclude:_b…`, is spf-syntax's to report)
    const name = (t.mechanism === 'include' || t.mechanism === 'redirect') && t.lookup ? spfTermName(t, rec.ownerKey) : undefined;
    if (name) out.push({ name, mechanism: t.mechanism, start: t.start, end: t.end });
  }
  return out;
}

/** Why `name` has no SPF for receivers, or undefined when it may have one (or this zone cannot
 *  say). `below` gets the names whose subtrees decide it. */
function noSpfAt(zone: Zone, name: string, below: string[] = []): string | undefined {
  // the name's records, or the wildcard's at its closest encloser (RFC 4592 §4.1)
  const recs = recordsAnswering(zone, name, below);
  if (!recs) return undefined;
  if (!recs.length) return nameExists(zone, name) ? 'no records (it exists only for the names below it)' : 'no record at all';
  if (recs.some((r) => r.type === 'CNAME')) return undefined;
  if (recs.some((r) => r.type === 'TXT' && policyKindOf(r) === SPF)) return undefined;
  return recs.some((r) => r.type === 'TXT') ? 'TXT records, but none of them SPF' : 'no TXT record';
}

export const spfIncludeMissing: RecordRule = {
  id: 'spf-include-missing',
  scope: 'record',
  types: ['TXT'],
  defaultSeverity: 'error',
  rfc: [ref(7208, '5.2'), ref(7208, '6.1')],
  summary: 'An SPF include: or redirect= to a name of this zone that has no SPF record: receivers return permerror.',
  appliesToZone: (zone) => !!zone.byType.get('SOA')?.length,
  dependsOn(rec) {
    return targets(rec).map((t) => t.name);
  },
  dependsOnBelow(rec, zone) {
    const below: string[] = [];
    for (const t of targets(rec)) noSpfAt(zone, t.name, below);
    return below;
  },
  check(rec, ctx) {
    const found = targets(rec);
    if (!found.length) return;
    for (const t of found) {
      const why = noSpfAt(ctx.zone, t.name);
      if (!why) continue;
      ctx.report({
        loc: txtText(rec)?.locOf(t.start, t.end) ?? rec.rdataLoc,
        message: `${t.mechanism === 'include' ? 'include:' : 'redirect='}${t.name} points into this zone, where ${t.name} has ${why}: receivers find no SPF record there and return permerror (RFC 7208 ${t.mechanism === 'include' ? '§5.2' : '§6.1'}), so SPF fails for every message; publish its SPF record, or correct the name`,
      });
    }
  },
};
