// A zone may publish its next DS as CDS, as CDNSKEY or as both (RFC 7344 §4); where both are
// published they describe the same keys, since a parent reads the one or the other. A CDS whose
// digest is of no CDNSKEY at the apex, or a CDNSKEY no CDS is the digest of, makes the DS the
// parent publishes depend on which it reads (kzonecheck -d on: "CDS not match CDNSKEY"). A record
// that matches no DNSKEY is cds-no-dnskey's and cdnskey-no-dnskey's finding, not this one's. The
// delete requests (`CDS 0 0 0 00`, `CDNSKEY 0 3 0 AA==`, RFC 8078 §4) match each other.
import type { ZoneRecord } from '../zone/model';
import { ref } from './dane-support/refs';
import type { RecordRule } from './rule';
import { fieldLoc } from './support/record-locs';
import { originKey } from './support/origin-key';
import { anyKeyTag, dsDigestOf } from './support/rrsig-verify';
import { canonicalRdata } from '../zone/wire';

const isDeleteCds = (r: ZoneRecord): boolean => r.values[0] === 0 && r.values[1] === 0 && r.values[2] === 0 && r.values[3] === '00';
const isDeleteCdnskey = (r: ZoneRecord): boolean => r.values[0] === 0 && r.values[1] === 3 && r.values[2] === 0 && Buffer.from(String(r.values[3]), 'base64').equals(Buffer.of(0));

/** Whether a CDS is the digest of a CDNSKEY: yes, no, or unknown (a digest type not computed here). */
function digestOf(cds: ZoneRecord, key: ZoneRecord): boolean | undefined {
  if (isDeleteCds(cds) || isDeleteCdnskey(key)) return isDeleteCds(cds) && isDeleteCdnskey(key);
  const [tag, algorithm, digestType, digest] = cds.values as [number, number, number, string];
  if (key.values[2] !== algorithm || anyKeyTag(key) !== tag) return false;
  const d = dsDigestOf(cds.owner, key, digestType);
  return d === undefined ? undefined : d === String(digest).toLowerCase();
}

/** Whether a CDS or CDNSKEY is a delete request or describes one of the apex's DNSKEYs. */
function describesKey(rec: ZoneRecord, keys: readonly ZoneRecord[]): boolean {
  if (rec.type === 'CDS') return isDeleteCds(rec) || keys.some((k) => digestOf(rec, k) !== false);
  const mine = canonicalRdata(rec);
  return isDeleteCdnskey(rec) || (!!mine && keys.some((k) => Buffer.from(canonicalRdata(k) ?? []).equals(mine)));
}

/** Whether some record of `others` pairs with `rec` (unknown counts as a pair: no finding). */
function paired(rec: ZoneRecord, others: readonly ZoneRecord[]): boolean {
  return others.some((o) => (rec.type === 'CDS' ? digestOf(rec, o) : digestOf(o, rec)) !== false);
}

export const cdsCdnskeyMismatch: RecordRule = {
  id: 'cds-cdnskey-mismatch',
  scope: 'record',
  types: ['CDS', 'CDNSKEY'],
  defaultSeverity: 'warning',
  rfc: [ref(7344, '4'), ref(8078, '4')],
  summary: 'A CDS record for a DNSKEY of the zone that is the digest of no CDNSKEY at the apex, or such a CDNSKEY no CDS is the digest of, where both are published: the DS the parent publishes depends on which of the two it reads.',
  check(rec, ctx) {
    if (rec.ownerKey !== originKey(ctx.zone)) return;
    const other = rec.type === 'CDS' ? 'CDNSKEY' : 'CDS';
    const others = (ctx.zone.byOwner.get(rec.ownerKey) ?? []).filter((r) => r.type === other && r.class === rec.class);
    if (!others.length || paired(rec, others)) return;
    const keys = (ctx.zone.byOwner.get(rec.ownerKey) ?? []).filter((r) => r.type === 'DNSKEY');
    if (!describesKey(rec, keys)) return;
    const n = `${others.length} ${other} record${others.length === 1 ? '' : 's'}`;
    const what = isDeleteCds(rec) || isDeleteCdnskey(rec)
      ? `this delete request has no counterpart among the apex's ${n} (${other === 'CDS' ? 'CDS 0 0 0 00' : 'CDNSKEY 0 3 0 AA=='})`
      : rec.type === 'CDS' ? `this CDS is the digest of none of the apex's ${n}` : `none of the apex's ${n} is the digest of this CDNSKEY`;
    ctx.report({
      loc: rec.type === 'CDS' && isDeleteCds(rec) ? rec.rdataLoc : fieldLoc(rec, 3),
      message: `${what}: parents read either RRset (RFC 7344 §4), so the DS they publish depends on which; publish the same keys in both (kzonecheck: "CDS not match CDNSKEY")`,
    });
  },
};
