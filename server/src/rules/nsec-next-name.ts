// An NSEC whose next owner name (RFC 4034 §4.1.1), or an NSEC3 whose next hashed owner name
// (RFC 5155 §3.1.7), is no link of the chain: what a signed zone file becomes when a name is
// deleted by hand, with its NSEC or NSEC3, without signing again. The names between the record's
// owner and the next real link are then in no record's span, so validators find the NXDOMAIN
// answers for them bogus (RFC 4035 §5.4): a DANE sender's TLSA query for such a name too
// (RFC 7672 §2.2). dnssec-verify: "Bad NSEC record for <name>, next name mismatch" and "Break in
// NSEC3 chain"; kzonecheck -d on: "inconsistent NSEC(3) chain".
// What is checked: the next name holds records of this zone (NSEC), or an NSEC3 of the chain
// (NSEC3). Not checked: that it is the *next* name in canonical order (a name added between two
// links is `nsec-chain`'s finding, at the added name).
import type { Zone, ZoneRecord } from '../zone/model';
import { isInZone, nameKey } from '../zone/names';
import { ref } from './dane-support/refs';
import type { RecordRule } from './rule';
import { fieldLoc } from './support/record-locs';
import { denialOf, hashedOwnerKey, isChainRecord, standing, type Denial } from './support/denial';

const SIGN_AGAIN = 'sign the zone again after editing it';

/** The key of the chain's next link named by `rec`, with the field index it is written at. */
function nextLink(rec: ZoneRecord, zone: Zone, d: Denial): { key: string; field: number } | undefined {
  if (rec.type === 'NSEC' && d.kind === 'nsec' && typeof rec.values[0] === 'string') {
    return { key: nameKey(rec.values[0]), field: 0 };
  }
  if (rec.type === 'NSEC3' && d.kind === 'nsec3' && isChainRecord(rec, d) && typeof rec.values[4] === 'string') {
    return { key: hashedOwnerKey(zone.origin, rec.values[4].toLowerCase()), field: 4 };
  }
  return undefined;
}

/** True for a record of the chain this zone's denial uses, at a name of this zone's own data. */
function isOwnLink(rec: ZoneRecord, zone: Zone, d: Denial): boolean {
  if (!isInZone(rec.ownerKey, zone.origin)) return false;
  return d.kind === 'nsec3' || standing(zone, rec.ownerKey) !== 'below';
}

/** Why `key` is no next link: undefined when it is one. */
function notALink(key: string, zone: Zone, d: Denial): string | undefined {
  if (!isInZone(key, zone.origin)) return `is outside the zone (the last NSEC names the apex, ${zone.origin})`;
  const records = zone.byOwner.get(key);
  if (d.kind === 'nsec3') {
    return records?.some((r) => isChainRecord(r, d)) ? undefined : 'holds no NSEC3 of the chain';
  }
  // a name with records but no NSEC is nsec-chain's finding, at that name
  return records?.length ? undefined : 'holds no record';
}

export const nsecNextName: RecordRule = {
  id: 'nsec-next-name',
  scope: 'record',
  types: ['NSEC', 'NSEC3'],
  defaultSeverity: 'error',
  rfc: [ref(4034, '4.1.1'), ref(5155, '3.1.7'), ref(4035, '5.4'), ref(7672, '2.2')],
  summary: 'In a signed zone, an NSEC whose next name, or an NSEC3 whose next hashed owner, is no link of the chain (a name deleted without signing again): validators find the NXDOMAIN answers in the gap bogus.',
  appliesToZone: (zone) => denialOf(zone) !== null,
  zoneState: (zone) => denialOf(zone)?.key ?? '',
  dependsOn(rec, zone) {
    const d = denialOf(zone);
    const next = d && isOwnLink(rec, zone, d) ? nextLink(rec, zone, d) : undefined;
    return next ? [next.key] : [];
  },
  check(rec, ctx) {
    const zone = ctx.zone;
    const d = denialOf(zone);
    if (!d || !isOwnLink(rec, zone, d)) return;
    const next = nextLink(rec, zone, d);
    const why = next && notALink(next.key, zone, d);
    if (!next || !why) return;
    const what = d.kind === 'nsec' ? `NSEC's next name ${rec.values[0]}` : `NSEC3's next hashed owner ${String(rec.values[4]).toUpperCase()}`;
    const peer = `dnssec-verify: "${d.kind === 'nsec' ? 'next name mismatch' : 'Break in NSEC3 chain'}"; kzonecheck -d on: "inconsistent NSEC(3) chain"`;
    ctx.report({
      loc: fieldLoc(rec, next.field),
      message: `this ${what} ${why}, as when a name is deleted without signing again: the names between this record's owner and the chain's next link are in no ${d.kind.toUpperCase()} record's span, so validators find the NXDOMAIN answers for them bogus (RFC 4035 §5.4), a DANE sender's TLSA lookup among them too (RFC 7672 §2.2); ${SIGN_AGAIN} (${peer})`,
    });
  },
};
