// A DNAME redirects every name below its owner (RFC 6672 §2.3), so records there are
// never served, and RFC 6672 §2.4 forbids them outright. Knot refuses such a zone ("child
// record exists under DNAME"); BIND loads it. The finding goes on the record below and
// points at the DNAME. Below a delegation that is itself below the DNAME, this rule
// reports (cutAbove gives the topmost cut); below a delegation above a DNAME,
// occluded-below-delegation does. NSEC3 records (and their signatures) are the exception: their
// owners are hashes one label below the apex (RFC 5155 §3), served only as denial proofs, so an
// apex DNAME of an NSEC3-signed zone never redirects them (BIND and Knot load such a zone).
import { rfc, type RecordRule } from './rule';
import type { Zone } from '../zone/model';
import { cutAbove, cutNames } from './support/zone-cuts';

/** Whether some ancestor of the name holds a DNAME (a superset of what check() reports). */
function belowSomeDname(ownerKey: string, zone: Zone): boolean {
  const names = cutNames(zone);
  return !!names && names.dnames.holdsAbove(ownerKey, false);
}

export const dnameWithChildren: RecordRule = {
  id: 'dname-with-children',
  scope: 'record',
  defaultSeverity: 'error',
  loadRefused: true,
  rfc: [rfc('RFC 6672 §2.4', 'https://www.rfc-editor.org/rfc/rfc6672#section-2.4')],
  summary: 'A record below the owner of a DNAME: the DNAME redirects every name below it, so the record is never served.',
  appliesToZone: (zone) => !!cutNames(zone)?.dnames.size,
  appliesToOwner: belowSomeDname,
  ownerAnswers: (zone, rows) => cutNames(zone)?.dnames.answersByName(rows, false),
  // no dependsOn: a DNAME added or removed re-checks the records below it (cutsChangedBy)
  check(rec, ctx) {
    const zone = ctx.zone;
    if (!belowSomeDname(rec.ownerKey, zone)) return;
    const cut = cutAbove(zone, rec.ownerKey);
    if (cut?.kind !== 'dname') return;
    if (zone.byOwner.get(rec.ownerKey)?.some((r) => r.type === 'NSEC3')) return;
    const dname = zone.byOwner.get(cut.at)?.find((r) => r.type === 'DNAME');
    ctx.report({
      loc: rec.ownerLoc,
      message: `${rec.owner} is below the DNAME at ${dname?.owner ?? cut.at}, which redirects every name below it: this ${rec.type} record is never served, and RFC 6672 §2.4 forbids records there`,
      related: dname ? [{ loc: dname.typeLoc, message: 'the DNAME' }] : undefined,
    });
  },
};
