// A CDNSKEY record asks the parent to publish a DS for that key (RFC 7344 §4, RFC 8078): it must
// be one of the zone's DNSKEYs, octet for octet, or the parent's DS authenticates nothing. When no
// CDNSKEY of the RRset is one, a parent that acts on them breaks the chain of trust: the zone goes
// bogus, and DANE senders defer its mail. BIND refuses a zone whose CDNSKEY has an algorithm no
// DNSKEY has ("CDS/CDNSKEY consistency checks failed"). The delete request `0 3 0 AA==` is left alone.
import type { ZoneRecord } from '../zone/model';
import { ref } from './dane-support/refs';
import type { RecordRule } from './rule';
import { fieldLoc } from './support/record-locs';
import { originKey } from './support/origin-key';
import { canonicalRdata } from '../zone/wire';
import { fixesFromData, rewriteFix, type FixData } from './dane-support/fix-data';
import { zoneKey } from './support/rrsig-verify';

const isDelete = (r: ZoneRecord): boolean => r.values[0] === 0 && r.values[2] === 0;

function sameOctets(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]);
}

function isAKey(rec: ZoneRecord, keys: readonly ZoneRecord[]): boolean {
  const mine = canonicalRdata(rec);
  return !!mine && keys.some((k) => sameOctets(canonicalRdata(k), mine));
}

export const cdnskeyNoDnskey: RecordRule = {
  id: 'cdnskey-no-dnskey',
  scope: 'record',
  types: ['CDNSKEY'],
  defaultSeverity: 'error',
  rfc: [ref(7344, '4.1'), ref(8078, '3')],
  summary: "A CDNSKEY record at the apex that is none of the zone's DNSKEYs: the parent would publish a DS for a key the zone does not have (an error when no CDNSKEY is one: the zone would go bogus).",
  check(rec, ctx) {
    if (rec.ownerKey !== originKey(ctx.zone) || isDelete(rec) || !canonicalRdata(rec)) return;
    const here = ctx.zone.byOwner.get(rec.ownerKey) ?? [];
    const keys = here.filter((r) => r.type === 'DNSKEY');
    if (isAKey(rec, keys)) return;
    const algorithm = rec.values[2];
    const why = !keys.length ? 'the zone has no DNSKEY at its apex'
      : !keys.some((k) => k.values[2] === algorithm) ? `no DNSKEY of the zone has algorithm ${algorithm}, and BIND refuses the zone ("CDS/CDNSKEY consistency checks failed")`
      : `it is none of the zone's ${keys.length} DNSKEY record${keys.length === 1 ? '' : 's'} (flags, protocol, algorithm and key must all be the same)`;
    const good = here.find((r) => r.type === 'CDNSKEY' && r !== rec && !isDelete(r) && isAKey(r, keys));
    ctx.report({
      loc: fieldLoc(rec, 3),
      severity: good ? 'warning' : undefined,
      message: `this CDNSKEY matches no DNSKEY: ${why}; ${good ? 'another CDNSKEY is one of the DNSKEYs, so the parent\'s DS set still has a working entry; remove this one' : 'no CDNSKEY of the zone is one of its DNSKEYs: a parent that acts on them publishes DS records that authenticate nothing, and the zone goes bogus (DANE senders defer its mail: 5.7.324 dnssec-invalid); publish the key-signing key\'s DNSKEY as CDNSKEY'}`,
      data: fixData(rec, keys),
    });
  },
  fixes: fixesFromData,
};

/** "Copy the DNSKEY with key tag <tag>": the key-signing keys (SEP flag), else every zone key. */
function fixData(rec: ZoneRecord, keys: readonly ZoneRecord[]): FixData | undefined {
  const usable = keys.map(zoneKey).filter((k) => !!k && typeof k.key !== 'string' && (k.flags & 0x0100) !== 0);
  const sep = usable.filter((k) => (k!.flags & 1) !== 0);
  const fixes = (sep.length ? sep : usable).map((k) => rewriteFix(`Copy the DNSKEY with key tag ${k!.tag}`, rec.rdataLoc, k!.record.rdataText));
  return fixes.length ? { fixes: fixes.map((f, i) => ({ ...f, preferred: i === 0 && fixes.length === 1 })) } : undefined;
}
