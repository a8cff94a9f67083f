// An NSEC or NSEC3 type bitmap that does not list the types at its name (RFC 4034 §4.1.2, RFC 5155
// §3.2): what a signed zone file becomes when a record is removed or added by hand without signing
// again. A TLSA RRset and its RRSIG deleted leave the NSEC at that name (or the NSEC3 at its hash)
// listing TLSA: validators find the NODATA answer bogus (RFC 4035 §5.4) and DANE senders defer
// the mail (RFC 7672 §2.2; Exchange Online: 5.7.324 dnssec-invalid). dnssec-verify: "bit map
// mismatch"; kzonecheck -d on: "wrong NSEC(3) bitmap" (it misses an NSEC3 whose name went).
// Reported at the NSEC or NSEC3 record's bitmap, for zones whose apex says which denial they use
// (support/denial.ts): a record rule for signed zones only (appliesToZone).
// An NSEC3's name is found through the zone's HashIndex (a hash per name, kept across edits);
// dependsOn names it, dependsOnBelow names an empty non-terminal (it stops being one when the
// names below it go), or a name holding an NSEC3 itself (the index has it only for the names
// below it), and, for an NSEC3 of no name, the apex (any new name may be its).
import type { Zone, ZoneRecord } from '../zone/model';
import { isInZone } from '../zone/names';
import { ref } from './dane-support/refs';
import type { RecordRule } from './rule';
import { fieldLoc } from './support/record-locs';
import { denialOf, hashIndex, isChainRecord, isHashedOwner, nsec3Hash, standing, typesOfName, typesOfRows, type Denial, type NameTypes } from './support/denial';

/** The name an NSEC3 record is for: a name with records, an empty non-terminal, or none; with
 *  where it stands (standing, asked once) and its index entry. */
interface Nsec3Name {
  name: string | undefined;
  at: 'auth' | 'delegation';
  entry: number;
}

const NO_NAME: Nsec3Name = { name: undefined, at: 'auth', entry: -1 };

function nsec3Name(rec: ZoneRecord, zone: Zone, d: Denial): Nsec3Name {
  const ix = hashIndex(zone, d);
  const entry = ix.entryAt(rec.ownerKey);
  const name = entry < 0 ? undefined : ix.nameOf(entry);
  if (name === undefined) return NO_NAME;
  const at = standing(zone, name);
  // a name below a cut has no NSEC3: as good as none
  return at === 'below' ? NO_NAME : { name, at, entry };
}

/** The types at the name (typesOfName), undefined when it has no records: in a column store
 *  read from its rows' types (its records' objects were made for this rule alone). */
function typesAt(n: Nsec3Name, zone: Zone, d: Denial): NameTypes | undefined {
  const id = zone.rows ? hashIndex(zone, d).nameIdOf(n.entry) : -1;
  if (id >= 0) return typesOfRows(zone.rows!, id, n.at);
  const records = zone.byOwner.get(n.name!);
  return records && typesOfName(records, n.at);
}

/** `_25._tcp.<host>` of an in-zone MX host whose hash is `label`: the name of an NSEC3 left behind
 *  when its TLSA RRset was deleted (asked only for an NSEC3 of no name). */
function formerTlsaName(zone: Zone, d: Denial, label: string): string | undefined {
  for (const mx of zone.byType.get('MX') ?? []) {
    const host = typeof mx.values[1] === 'string' ? mx.values[1].toLowerCase() : undefined;
    if (!host || host === '.' || !isInZone(host, zone.origin)) continue;
    const q = `_25._tcp.${host}`;
    if (nsec3Hash(q, d) === label) return q;
  }
  return undefined;
}

const DANE = 'DANE senders defer mail for it (RFC 7672 §2.2; Exchange Online: 5.7.324 dnssec-invalid)';

/** The finding's text for a bitmap listing `extra` types the name lacks and lacking `missing`. */
function mismatch(what: string, name: string, extra: readonly string[], missing: readonly string[], nameIs = ''): string {
  const parts: string[] = [];
  if (extra.length) {
    const dane = extra.includes('TLSA') || extra.includes('MX') ? `; ${DANE}` : '';
    parts.push(`lists ${extra.join(', ')}, but ${name}${nameIs} has no ${extra.join(' or ')} record: validators treat the NODATA answer as bogus (RFC 4035 §5.4)${dane}`);
  }
  if (missing.length) {
    parts.push(`does not list ${missing.join(', ')}, which ${name} has, so it proves to validators that there is no such record (RFC 4034 §4.1.2, RFC 5155 §3.2)`);
  }
  return `this ${what} ${parts.join('; and it ')}; sign the zone again after editing it (dnssec-verify: "bit map mismatch")`;
}

/** Compares a bitmap with what the name holds: [listed but absent, present but not listed]. */
function compare(listed: readonly string[], present: Set<string>, signs: boolean): [string[], string[]] {
  const extra: string[] = [];
  const seen = new Set<string>();
  for (const t of listed) {
    if (t === 'NXNAME' || seen.has(t)) continue; // a meta type (RFC 9824), no data of the zone's
    seen.add(t);
    // a name with RRsets to sign lists RRSIG: a missing signature is rrsig-missing's finding
    if (!present.has(t) && !(t === 'RRSIG' && signs)) extra.push(t);
  }
  const missing = [...present].filter((t) => !seen.has(t));
  return [extra, missing];
}

export const nsecBitmap: RecordRule = {
  id: 'nsec-bitmap',
  scope: 'record',
  types: ['NSEC', 'NSEC3'],
  defaultSeverity: 'error',
  rfc: [ref(4034, '4.1.2'), ref(4035, '2.3'), ref(4035, '5.4'), ref(5155, '3.2'), ref(5155, '7.1'), ref(5155, '8'), ref(7672, '2.2')],
  summary: 'In a signed zone, an NSEC or NSEC3 type bitmap that does not list exactly the types at its name (a record removed or added without signing again): validators find the denial bogus, and DANE senders defer mail.',
  appliesToZone: (zone) => denialOf(zone) !== null,
  // the zone signed or not, NSEC or NSEC3 and its parameters: every bitmap asked again
  zoneState: (zone) => denialOf(zone)?.key ?? '',
  dependsOn(rec, zone) {
    const d = denialOf(zone);
    if (rec.type !== 'NSEC3' || !d || d.kind !== 'nsec3' || !isChainRecord(rec, d)) return [];
    const n = nsec3Name(rec, zone, d);
    return n.name !== undefined && zone.byOwner.has(n.name) ? [n.name] : [];
  },
  dependsOnBelow(rec, zone) {
    const d = denialOf(zone);
    if (rec.type !== 'NSEC3' || !d || d.kind !== 'nsec3' || !isChainRecord(rec, d)) return [];
    const n = nsec3Name(rec, zone, d);
    // an empty non-terminal's NSEC3 holds while a name below it does, as does that of a name
    // whose own records the index skips (an NSEC3 typed at it); one of no name, until a name
    // hashing to it appears anywhere (only in a zone edited after signing)
    if (n.name === undefined) return [zone.origin];
    const records = zone.byOwner.get(n.name);
    return records && !isHashedOwner(records) ? [] : [n.name];
  },
  check(rec, ctx) {
    const zone = ctx.zone;
    const d = denialOf(zone);
    if (!d) return;
    if (rec.type === 'NSEC') {
      if (d.kind !== 'nsec' || !Array.isArray(rec.values[1])) return;
      const at = standing(zone, rec.ownerKey);
      if (at === 'below' || !isInZone(rec.ownerKey, zone.origin)) return; // not this zone's data
      const { present } = typesOfName(zone.byOwner.get(rec.ownerKey) ?? [], at);
      // the NSEC itself is signed: its RRSIG belongs in the bitmap, there yet or not
      const [extra, missing] = compare(rec.values[1] as string[], present, true);
      if (extra.length || missing.length) ctx.report({ loc: fieldLoc(rec, 1), message: mismatch('NSEC', rec.owner, extra, missing) });
      return;
    }
    if (d.kind !== 'nsec3' || !isChainRecord(rec, d) || !Array.isArray(rec.values[5])) return;
    const listed = rec.values[5] as string[];
    const n = nsec3Name(rec, zone, d);
    if (n.name === undefined) {
      const types = listed.filter((t) => t !== 'NXNAME');
      if (!types.length) return; // an empty bitmap denies nothing a validator is asked about
      const label = rec.ownerKey.slice(0, rec.ownerKey.indexOf('.'));
      const former = formerTlsaName(zone, d, label);
      const dane = types.includes('TLSA') || types.includes('MX') ? `; ${DANE}` : '';
      const whose = former
        ? `this NSEC3 is the one of ${former} (its hash, RFC 5155 §5), which has no records any more`
        : 'no name of this zone hashes to this NSEC3\'s owner (RFC 5155 §5): its name has no records any more';
      ctx.report({
        loc: fieldLoc(rec, 5),
        message: `${whose}, but it lists ${types.join(', ')}: validators treat the denial as bogus (RFC 5155 §8)${dane}; sign the zone again after removing records (dnssec-verify: "Expected and found NSEC3 chains not equal")`,
      });
      return;
    }
    const types = typesAt(n, zone, d);
    const [extra, missing] = compare(listed, types?.present ?? new Set(), types?.signs ?? false);
    if (extra.length || missing.length) {
      ctx.report({ loc: fieldLoc(rec, 5), message: mismatch(`NSEC3 (of ${n.name}, its hash)`, n.name, extra, missing, types ? '' : ' (an empty non-terminal)') });
    }
  },
};
