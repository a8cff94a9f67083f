// A name at or below a delegation is the child zone's (RFC 1034 §4.2.1, §4.3.2): this
// zone's servers answer there with a referral, so records the parent holds there are never
// served. Part of the delegation, and so allowed: the NS RRset at the cut, DS at the cut
// (RFC 4035 §2.4), NSEC and RRSIG at the cut in a signed zone (RFC 4035 §2.3, §2.2), and
// glue: an A or AAAA that an NS record of the zone names (RFC 9471). For DANE this matters:
// a TLSA left in the parent below a cut is silently ignored by senders. A DNAME beside the
// NS of a delegation is an error: RFC 6672 §2.3 allows the two together at the apex only, and
// Knot refuses the zone ("NS record exists beside DNAME").
import { rfc, type RecordRule } from './rule';
import type { Zone, ZoneRecord } from '../zone/model';
import { cutAbove, cutNames } from './support/zone-cuts';

/** What the parent holds at the delegation point itself. */
const AT_CUT = new Set(['NS', 'DS', 'NSEC', 'RRSIG']);
const ADDRESS = new Set(['A', 'AAAA']);

/** Whether the name is at or below an NS RRset off the apex (a superset of what check() reports). */
function atOrBelowSomeDelegation(ownerKey: string, zone: Zone): boolean {
  const names = cutNames(zone);
  return !!names && names.delegations.holdsAbove(ownerKey, true);
}

/** The delegation point hiding the record, or undefined when the zone serves it. */
function hidingCut(rec: ZoneRecord, zone: Zone): string | undefined {
  const names = cutNames(zone);
  if (!names) return undefined;
  const cuts = names.delegations, key = rec.ownerKey;
  // the usual records of a delegation, told without walking the index (cutAbove): its NS and
  // DS at the cut (no cut above it), and glue
  if (AT_CUT.has(rec.type) && cuts.has(key)) {
    if (!cuts.holdsAbove(key, false)) return undefined;
  } else if (!cuts.holdsAbove(key, true)) return undefined;
  if (ADDRESS.has(rec.type) && isGlue(key, zone)) return undefined;
  const cut = cutAbove(zone, key);
  if (cut?.kind !== 'delegation') return undefined;
  if (cut.at === rec.ownerKey && AT_CUT.has(rec.type)) return undefined;
  return cut.at;
}

/** An address some NS record of the zone names: glue, served with the referral. */
function isGlue(ownerKey: string, zone: Zone): boolean {
  return !!zone.byTarget.get(ownerKey)?.some((r) => r.type === 'NS');
}

export const occludedBelowDelegation: RecordRule = {
  id: 'occluded-below-delegation',
  scope: 'record',
  defaultSeverity: 'warning',
  rfc: [
    rfc('RFC 1034 §4.2.1', 'https://www.rfc-editor.org/rfc/rfc1034#section-4.2.1'),
    rfc('RFC 1034 §4.3.2', 'https://www.rfc-editor.org/rfc/rfc1034#section-4.3.2'),
    rfc('RFC 9471', 'https://www.rfc-editor.org/rfc/rfc9471'),
    rfc('RFC 6672 §2.3', 'https://www.rfc-editor.org/rfc/rfc6672#section-2.3'),
  ],
  summary: 'A record at or below a delegation that is not part of it (NS, DS, glue): the child zone answers there, so it is never served (a DNAME beside the NS: an error, Knot refuses the zone).',
  appliesToZone: (zone) => !!cutNames(zone)?.delegations.size,
  appliesToOwner: atOrBelowSomeDelegation,
  ownerAnswers: (zone, rows) => cutNames(zone)?.delegations.answersByName(rows, true),
  // the delegation it points at: re-checked when the records there change (a glue address
  // is re-checked when an NS naming it changes: its name is that record's target)
  dependsOn(rec, zone) {
    const at = hidingCut(rec, zone);
    return at === undefined ? [] : [at];
  },
  check(rec, ctx) {
    const zone = ctx.zone;
    const at = hidingCut(rec, zone);
    if (at === undefined) return;
    const ns = zone.byOwner.get(at)?.find((r) => r.type === 'NS');
    const where = at === rec.ownerKey ? `at the delegation point ${ns?.owner ?? at}` : `below the delegation of ${ns?.owner ?? at}`;
    const why = ADDRESS.has(rec.type) ? ' and no NS record names it (it is not glue)' : '';
    const dane = rec.type === 'TLSA' ? ', and DANE senders never see it' : '';
    const dnameAtCut = rec.type === 'DNAME' && at === rec.ownerKey;
    const knot = dnameAtCut ? ' (a DNAME and an NS share an owner only at the apex, RFC 6672 §2.3; Knot refuses the zone: "NS record exists beside DNAME")' : '';
    ctx.report({
      loc: rec.ownerLoc,
      message: `${rec.type} at ${rec.owner} is ${where}${why}: the child zone answers there, so this zone never serves it${dane}; it belongs in the child zone${knot}`,
      related: ns ? [{ loc: ns.typeLoc, message: 'the delegation' }] : undefined,
      severity: dnameAtCut ? 'error' : undefined,
    });
  },
};
