// DS records belong to the parent side of a delegation (RFC 4034 §5, RFC 4035
// §2.4): a DS at this zone's own apex must go to the parent zone. BIND refuses
// to load such a zone; Knot accepts it (we follow BIND).
import { rfc, type RecordRule } from './rule';
import { originKey } from './support/origin-key';
import type { Zone } from '../zone/model';

function atApex(ownerKey: string, zone: Zone): boolean {
  return !!zone.origin && ownerKey === originKey(zone);
}

export const dsAtApex: RecordRule = {
  id: 'ds-at-apex',
  scope: 'record',
  types: ['DS'],
  defaultSeverity: 'error',
  loadRefused: true,
  rfc: [
    rfc('RFC 4035 §2.4', 'https://www.rfc-editor.org/rfc/rfc4035#section-2.4'),
    rfc('RFC 4034 §5', 'https://www.rfc-editor.org/rfc/rfc4034#section-5'),
  ],
  summary: "A DS record at the zone's apex belongs in the parent zone.",
  appliesToOwner: atApex,
  check(rec, ctx) {
    if (!atApex(rec.ownerKey, ctx.zone)) return;
    ctx.report({
      loc: rec.typeLoc,
      message: `DS at the zone apex ${rec.owner}: DS records are published by the parent zone (use CDS here to signal the parent)`,
    });
  },
};
