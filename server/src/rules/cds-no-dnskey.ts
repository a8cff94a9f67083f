// A CDS record asks the parent to publish it as a DS (RFC 7344 §4, RFC 8078): one that matches
// no DNSKEY of the zone (a digest from another key or zone, a key rolled out) becomes a DS that
// authenticates nothing. When no CDS of the RRset matches, parents that check refuse the update,
// and those that do not break the chain of trust: the zone goes bogus, and DANE senders defer
// its mail (5.7.324 dnssec-invalid). BIND refuses a zone whose CDS names an algorithm no DNSKEY
// has ("CDS/CDNSKEY consistency checks failed"). The delete request `0 0 0 00` is left alone
// when it is the only CDS (RFC 8078 §4; BIND refuses it beside others).
import type { Zone, ZoneRecord } from '../zone/model';
import { ref } from './dane-support/refs';
import type { RecordRule } from './rule';
import { fieldLoc } from './support/record-locs';
import { originKey } from './support/origin-key';
import { anyKeyTag, dsDigestOf, zoneKey } from './support/rrsig-verify';
import { fixesFromData, rewriteFix, type FixData } from './dane-support/fix-data';
import { balancedRdata } from './dane-support/loc-range';

// RFC 8078 §4: exactly `0 0 0 00` (one zero octet of digest)
const isDelete = (r: ZoneRecord): boolean => r.values[0] === 0 && r.values[1] === 0 && r.values[2] === 0 && r.values[3] === '00';

// digests per DNSKEY record and digest type (a CDS RRset of N records asks N times per key)
const digests = new WeakMap<ZoneRecord, Map<string, string | undefined>>();
function digestOf(owner: string, k: ZoneRecord, digestType: number): string | undefined {
  let m = digests.get(k);
  if (!m) digests.set(k, (m = new Map()));
  const key = `${digestType} ${owner}`;
  if (!m.has(key)) m.set(key, dsDigestOf(owner, k, digestType));
  return m.get(key);
}

/** Whether a CDS matches a DNSKEY of the apex: yes, no, or unknown (a digest type not computed here). */
function matches(cds: ZoneRecord, keys: readonly ZoneRecord[]): boolean | undefined {
  const [tag, algorithm, digestType, digest] = cds.values as [number, number, number, string];
  let unknown = false;
  for (const k of keys) {
    if (k.values[2] !== algorithm) continue;
    const kt = zoneKey(k)?.tag ?? anyKeyTag(k);
    if (kt !== undefined && kt !== tag) continue;
    const d = digestOf(cds.owner, k, digestType);
    if (d === undefined) unknown = true;
    else if (d === digest.toLowerCase()) return true;
  }
  return unknown ? undefined : false;
}

/** The DNSKEY whose digest this CDS holds under another key tag (a tag typed over, or copied). */
function keyOfDigest(cds: ZoneRecord, keys: readonly ZoneRecord[]): ZoneRecord | undefined {
  const [, algorithm, digestType, digest] = cds.values as [number, number, number, string];
  return keys.find((k) => k.values[2] === algorithm && digestOf(cds.owner, k, digestType) === digest.toLowerCase());
}

/** The tag of a DNSKEY, whatever its algorithm. */
const tagOf = (k: ZoneRecord): number | undefined => zoneKey(k)?.tag ?? anyKeyTag(k);

function apexKeys(zone: Zone): ZoneRecord[] {
  return (zone.byOwner.get(originKey(zone)) ?? []).filter((r) => r.type === 'DNSKEY');
}

// the first CDS of the apex that matches a key, once per zone version (null: none)
const goodCds = new WeakMap<Zone, ZoneRecord | null>();
function firstGood(zone: Zone, cdsSet: readonly ZoneRecord[], keys: readonly ZoneRecord[]): ZoneRecord | null {
  let g = goodCds.get(zone);
  if (g === undefined) goodCds.set(zone, (g = cdsSet.find((r) => matches(r, keys) === true) ?? null));
  return g;
}

// the key tags the apex's matching CDS records name, once per zone version
const namedByZone = new WeakMap<Zone, Set<unknown>>();
function namedTags(zone: Zone, cdsSet: readonly ZoneRecord[], keys: readonly ZoneRecord[]): Set<unknown> {
  let tags = namedByZone.get(zone);
  if (!tags) namedByZone.set(zone, (tags = new Set(cdsSet.filter((r) => matches(r, keys) === true).map((r) => r.values[0]))));
  return tags;
}

export const cdsNoDnskey: RecordRule = {
  id: 'cds-no-dnskey',
  scope: 'record',
  types: ['CDS'],
  defaultSeverity: 'error',
  rfc: [ref(7344, '4.1'), ref(8078, '3'), ref(8078, '4'), ref(4034, '5.1.4')],
  summary: 'A CDS record at the apex that matches no DNSKEY of the zone: the parent would publish a DS that authenticates nothing (an error when no CDS matches: the zone would go bogus).',
  check(rec, ctx) {
    if (rec.ownerKey !== originKey(ctx.zone) || typeof rec.values[3] !== 'string') return;
    const cdsSet = (ctx.zone.byOwner.get(rec.ownerKey) ?? []).filter((r) => r.type === 'CDS' && r.class === rec.class);
    if (isDelete(rec)) {
      if (cdsSet.length > 1) ctx.report({ loc: rec.rdataLoc, message: `the delete request (CDS 0 0 0 00) must be the only CDS of the zone (RFC 8078 §4), and BIND refuses the zone ("CDS/CDNSKEY consistency checks failed"); remove it, or the other ${cdsSet.length - 1} CDS record${cdsSet.length === 2 ? '' : 's'}` });
      return;
    }
    const keys = apexKeys(ctx.zone);
    if (matches(rec, keys) !== false) return;
    const [tag, algorithm, digestType] = rec.values as [number, number, number];
    const sameAlgorithm = keys.some((k) => k.values[2] === algorithm);
    const good = firstGood(ctx.zone, cdsSet.filter((r) => !isDelete(r)), keys);
    const digestOfKey = sameAlgorithm ? keyOfDigest(rec, keys) : undefined;
    const why = !keys.length ? 'the zone has no DNSKEY at its apex'
      : !sameAlgorithm ? `no DNSKEY of the zone has algorithm ${algorithm}, and BIND refuses the zone ("CDS/CDNSKEY consistency checks failed")`
      : digestOfKey ? `this is the digest of the DNSKEY with key tag ${tagOf(digestOfKey)}, not ${tag}: the key tag is wrong`
      : `no DNSKEY with key tag ${tag} and algorithm ${algorithm} has this digest (type ${digestType})`;
    const outcome = good && good !== rec
      ? { severity: 'warning' as const, text: `another CDS (key tag ${good.values[0]}) matches, so the parent's DS set still has a working entry; remove this one` }
      : { severity: undefined, text: 'no CDS of the zone matches a DNSKEY: a parent that acts on them publishes DS records that authenticate nothing, and the zone goes bogus (DANE senders defer its mail: 5.7.324 dnssec-invalid); publish the CDS of the key-signing key (dnssec-dsfromkey -C, keymgr ds)' };
    ctx.report({ loc: !keys.length || !sameAlgorithm ? fieldLoc(rec, 1) : fieldLoc(rec, 3), severity: outcome.severity, message: `this CDS matches no DNSKEY: ${why}; ${outcome.text}`, data: fixData(ctx.zone, rec, keys, cdsSet) });
  },
  fixes: fixesFromData,
};

/** "Write the CDS of DNSKEY <tag>": the key-signing keys' (SEP flag) CDS, else every zone key's,
 *  with this record's digest type where it is one computed here, else SHA-256. Revoked keys
 *  (RFC 5011) are left out, as dnssec-dsfromkey does, and so are keys another CDS of the RRset
 *  already names (the fix would write a copy of it); a $GENERATE line gets none. */
function fixData(zone: Zone, rec: ZoneRecord, keys: readonly ZoneRecord[], cdsSet: readonly ZoneRecord[]): FixData | undefined {
  if (rec.generated) return undefined;
  const digestType = [1, 2, 4].includes(rec.values[2] as number) ? (rec.values[2] as number) : 2;
  const named = namedTags(zone, cdsSet, keys);
  const usable = keys.map(zoneKey).filter((k) => !!k && typeof k.key !== 'string' && (k.flags & 0x0100) !== 0 && (k.flags & 0x0080) === 0 && !named.has(k.tag));
  const sep = usable.filter((k) => (k!.flags & 1) !== 0);
  const fixes = (sep.length ? sep : usable).flatMap((k) => {
    const digest = dsDigestOf(rec.owner, k!.record, digestType);
    return digest ? [rewriteFix(`Write the CDS of the DNSKEY with key tag ${k!.tag}`, rec.rdataLoc, balancedRdata(rec.rdataLoc, `${k!.tag} ${k!.algorithm} ${digestType} ${digest.toUpperCase()}`))] : [];
  });
  return fixes.length ? { fixes: fixes.map((f, i) => ({ ...f, preferred: i === 0 && fixes.length === 1 })) } : undefined;
}
