// A zone file holds the zone's own names only (RFC 1034 §4.2.1). BIND and Knot
// ignore records outside the origin with a warning; so does this rule's default.
// Record scope: depends on zone.origin, so a host must re-run it when the origin changes.
import { rfc, type RecordRule } from './rule';
import type { Zone } from '../zone/model';
import { isInZone } from '../zone/names';
import { originKey } from './support/origin-key';

function outsideZone(ownerKey: string, zone: Zone): boolean {
  return !!zone.origin && !isInZone(ownerKey, originKey(zone));
}

export const outOfZone: RecordRule = {
  id: 'out-of-zone',
  scope: 'record',
  defaultSeverity: 'warning',
  rfc: [rfc('RFC 1034 §4.2.1', 'https://www.rfc-editor.org/rfc/rfc1034#section-4.2.1')],
  summary: 'A record whose owner is outside the zone is ignored by name servers.',
  appliesToOwner: outsideZone,
  check(rec, ctx) {
    if (!outsideZone(rec.ownerKey, ctx.zone)) return;
    ctx.report({
      loc: rec.ownerLoc,
      message: `${rec.owner} is outside the zone ${ctx.zone.origin}; name servers ignore this record`,
    });
  },
};
