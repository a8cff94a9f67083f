// A name of a signed zone with records but no NSEC (RFC 4035 §2.3), or no NSEC3 at its hash
// (RFC 5155 §7.1): a name added by hand after signing. The chain then skips it, so the answer
// that it holds no record of some type (NODATA), or a wildcard's answer below it, cannot be proven:
// validators find it bogus (dnssec-verify: "Missing NSEC record", "Missing NSEC3 record").
// An opt-out chain (RFC 5155 §6) may leave an unsigned delegation out. A link naming a name that
// went is nsec-next-name's. Not checked: the chain's order (an edit anywhere between two names
// would ask every NSEC again) and empty non-terminals (they have no record to report at).
// Reported once per name, on its first record of data; the NSEC3 owner read is in dependsOn
// (the zone's HashIndex counts the chain's records at each hash's owner).
import type { Zone, ZoneRecord, ZoneRows } from '../zone/model';
import { isInZone } from '../zone/names';
import { typeCodeByName } from '../zone/rr-codes';
import { ref } from './dane-support/refs';
import type { RecordRule } from './rule';
import { denialOf, hashedOwner, hashIndex, isHashedOwner, standing } from './support/denial';

/** A name's signatures and its chain's records: no data of the name's (a hashed owner has only these). */
const CHAIN_TYPES = new Set(['RRSIG', 'NSEC', 'NSEC3']);

/** The record that reports for its name: the name's first record of data, in file order (a
 *  signature or a chain record is passed over at once, without reading the name's records). */
function reportsForName(rec: ZoneRecord, zone: Zone): readonly ZoneRecord[] | undefined {
  if (CHAIN_TYPES.has(rec.type)) return undefined;
  const records = zone.byOwner.get(rec.ownerKey);
  return records?.find((r) => !CHAIN_TYPES.has(r.type)) === rec ? records : undefined;
}

/** False for a name the chain has (its NSEC, or an NSEC3 at its hash), a hashed owner and, for
 *  NSEC3, a name outside the zone: check() has nothing to say about their records. */
function mayMissLink(ownerKey: string, zone: Zone): boolean {
  const d = denialOf(zone);
  const records = d ? zone.byOwner.get(ownerKey) : undefined;
  if (!d || !records) return false;
  if (d.kind === 'nsec') return !records.some((r) => r.type === 'NSEC');
  return !isHashedOwner(records) && isInZone(ownerKey, zone.origin) && !hashIndex(zone, d).hasChainRecord(ownerKey);
}

/** mayMissLink by name id, from the rows' types (NSEC) or the HashIndex's entries (NSEC3):
 *  no record object and no key string per name, where most names are in the chain. */
function mayMissLinkById(zone: Zone, rows: ZoneRows): Uint8Array | undefined {
  const d = denialOf(zone);
  if (!d) return undefined;
  if (d.kind === 'nsec3') return hashIndex(zone, d).missingById(rows.nameCount);
  const nsec = typeCodeByName('NSEC');
  const out = new Uint8Array(rows.nameCount).fill(2);
  rows.forEachOwner((id, list, start, count) => {
    for (let i = start; i < start + count; i++) if (rows.typeCode(list[i]) === nsec) return;
    out[id] = 1;
  });
  return out;
}

export const nsecChain: RecordRule = {
  id: 'nsec-chain',
  scope: 'record',
  defaultSeverity: 'error',
  rfc: [ref(4035, '2.3'), ref(5155, '7.1'), ref(5155, '6')],
  summary: 'In a signed zone, a name with records but no NSEC record, or no NSEC3 at its hash (a name added without signing again): validators find the denial of its other types bogus.',
  appliesToZone: (zone) => denialOf(zone) !== null,
  zoneState: (zone) => denialOf(zone)?.key ?? '',
  appliesToOwner: mayMissLink,
  ownerAnswers: mayMissLinkById,
  // a pass over the names' types, or the index nsec-bitmap builds anyway: it pays at any size
  ownerAnswersFrom: 0,
  dependsOn(rec, zone) {
    const d = denialOf(zone);
    if (d?.kind !== 'nsec3') return [];
    const records = reportsForName(rec, zone);
    if (!records || isHashedOwner(records) || !isInZone(rec.ownerKey, zone.origin)) return [];
    return [hashIndex(zone, d).ownerOf(rec.ownerKey)];
  },
  check(rec, ctx) {
    const zone = ctx.zone;
    const d = denialOf(zone);
    // once per name: on its first record of data (in file order, as the index keeps them)
    const records = d && reportsForName(rec, zone);
    if (!d || !records || !isInZone(rec.ownerKey, zone.origin)) return;
    const at = standing(zone, rec.ownerKey);
    if (at === 'below') return; // glue and what a DNAME hides: no NSEC of this zone's
    if (d.kind === 'nsec') {
      if (records.some((r) => r.type === 'NSEC')) return;
      ctx.report({
        loc: rec.ownerLoc,
        message: `this zone is signed with NSEC, but ${rec.owner} has no NSEC record: the chain skips it (RFC 4035 §2.3), so validators find the denial of its other types bogus; sign the zone again after adding names (dnssec-verify: "Missing NSEC record")`,
      });
      return;
    }
    if (isHashedOwner(records)) return;
    if (hashIndex(zone, d).hasChainRecord(rec.ownerKey)) return;
    // an opt-out chain may leave out an unsigned delegation (RFC 5155 §6)
    if (d.optOut && at === 'delegation' && !records.some((r) => r.type === 'DS')) return;
    const owner = hashedOwner(zone, d, rec.ownerKey);
    ctx.report({
      loc: rec.ownerLoc,
      message: `this zone is signed with NSEC3, but ${rec.owner} has no NSEC3 at its hash (${owner.slice(0, owner.indexOf('.')).toUpperCase()}, RFC 5155 §5): the chain skips it (RFC 5155 §7.1), so validators find the denial of its other types bogus; sign the zone again after adding names (dnssec-verify: "Missing NSEC3 record")`,
    });
  },
};
