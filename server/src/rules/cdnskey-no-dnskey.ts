// A CDNSKEY record asks the parent to publish a DS for that key (RFC 7344 §4, RFC 8078): it must
// be one of the zone's DNSKEYs, octet for octet, or the parent's DS authenticates nothing. When no
// CDNSKEY of the RRset is one, a parent that acts on them breaks the chain of trust: the zone goes
// bogus, and DANE senders defer its mail. BIND refuses a zone whose CDNSKEY has an algorithm no
// DNSKEY has ("CDS/CDNSKEY consistency checks failed"). The delete request `0 3 0 AA==` is left
// alone when it is the only CDNSKEY (RFC 8078 §4; BIND refuses it beside others).
import type { Zone, ZoneRecord } from '../zone/model';
import { ref } from './dane-support/refs';
import type { RecordRule } from './rule';
import { fieldLoc } from './support/record-locs';
import { originKey } from './support/origin-key';
import { canonicalRdata } from '../zone/wire';
import { fixesFromData, rewriteFix, type FixData } from './dane-support/fix-data';
import { balancedRdata } from './dane-support/loc-range';
import { zoneKey } from './support/rrsig-verify';

// RFC 8078 §4: exactly `0 3 0 AA==` (one zero octet of key)
const isDelete = (r: ZoneRecord): boolean => r.values[0] === 0 && r.values[1] === 3 && r.values[2] === 0 && Buffer.from(String(r.values[3]), 'base64').equals(Buffer.of(0));

const hexOf = (r: ZoneRecord): string | undefined => { const o = canonicalRdata(r); return o && Buffer.from(o).toString('hex'); };

// the apex's DNSKEY RDATA (hex) and whether some CDNSKEY is one of them, once per zone version
interface ApexFacts {
  /** the DNSKEYs' RDATA */
  keys: Set<string>;
  /** the RDATA of the CDNSKEYs that are one of the DNSKEYs */
  copied: Set<string>;
}
const apexFacts = new WeakMap<Zone, ApexFacts>();
function factsOf(zone: Zone, here: readonly ZoneRecord[]): ApexFacts {
  let f = apexFacts.get(zone);
  if (!f) {
    const keys = new Set(here.filter((r) => r.type === 'DNSKEY').map(hexOf).filter((h): h is string => !!h));
    const copied = new Set(here.filter((r) => r.type === 'CDNSKEY' && !isDelete(r)).map(hexOf).filter((h): h is string => !!h && keys.has(h)));
    apexFacts.set(zone, (f = { keys, copied }));
  }
  return f;
}

export const cdnskeyNoDnskey: RecordRule = {
  id: 'cdnskey-no-dnskey',
  scope: 'record',
  types: ['CDNSKEY'],
  defaultSeverity: 'error',
  rfc: [ref(7344, '4.1'), ref(8078, '3'), ref(8078, '4')],
  summary: "A CDNSKEY record at the apex that is none of the zone's DNSKEYs: the parent would publish a DS for a key the zone does not have (an error when no CDNSKEY is one: the zone would go bogus).",
  check(rec, ctx) {
    if (rec.ownerKey !== originKey(ctx.zone)) return;
    const mine = hexOf(rec);
    if (!mine) return;
    const here = ctx.zone.byOwner.get(rec.ownerKey) ?? [];
    if (isDelete(rec)) {
      const n = here.filter((r) => r.type === 'CDNSKEY' && r.class === rec.class).length;
      if (n > 1) ctx.report({ loc: rec.rdataLoc, message: `the delete request (CDNSKEY 0 3 0 AA==) must be the only CDNSKEY of the zone (RFC 8078 §4), and BIND refuses the zone ("CDS/CDNSKEY consistency checks failed"); remove it, or the other ${n - 1} CDNSKEY record${n === 2 ? '' : 's'}` });
      return;
    }
    const facts = factsOf(ctx.zone, here);
    if (facts.keys.has(mine)) return;
    const keys = here.filter((r) => r.type === 'DNSKEY');
    const algorithm = rec.values[2];
    const why = !keys.length ? 'the zone has no DNSKEY at its apex'
      : !keys.some((k) => k.values[2] === algorithm) ? `no DNSKEY of the zone has algorithm ${algorithm}, and BIND refuses the zone ("CDS/CDNSKEY consistency checks failed")`
      : `it is none of the zone's ${keys.length} DNSKEY record${keys.length === 1 ? '' : 's'} (flags, protocol, algorithm and key must all be the same)`;
    const good = facts.copied.size > 0;
    ctx.report({
      loc: fieldLoc(rec, 3),
      severity: good ? 'warning' : undefined,
      message: `this CDNSKEY matches no DNSKEY: ${why}; ${good ? 'another CDNSKEY is one of the DNSKEYs, so the parent\'s DS set still has a working entry; remove this one' : 'no CDNSKEY of the zone is one of its DNSKEYs: a parent that acts on them publishes DS records that authenticate nothing, and the zone goes bogus (DANE senders defer its mail: 5.7.324 dnssec-invalid); publish the key-signing key\'s DNSKEY as CDNSKEY'}`,
      data: fixData(rec, keys, facts.copied),
    });
  },
  fixes: fixesFromData,
};

/** "Copy the DNSKEY with key tag <tag>": the key-signing keys (SEP flag), else every zone key;
 *  not revoked ones (RFC 5011), nor those another CDNSKEY copies already; a $GENERATE line gets none. */
function fixData(rec: ZoneRecord, keys: readonly ZoneRecord[], copied: ReadonlySet<string>): FixData | undefined {
  if (rec.generated) return undefined;
  const usable = keys.map(zoneKey).filter((k) => !!k && typeof k.key !== 'string' && (k.flags & 0x0100) !== 0 && (k.flags & 0x0080) === 0 && !copied.has(hexOf(k.record) ?? ''));
  const sep = usable.filter((k) => (k!.flags & 1) !== 0);
  const fixes = (sep.length ? sep : usable).map((k) => rewriteFix(`Copy the DNSKEY with key tag ${k!.tag}`, rec.rdataLoc, balancedRdata(rec.rdataLoc, k!.record.rdataText)));
  return fixes.length ? { fixes: fixes.map((f, i) => ({ ...f, preferred: i === 0 && fixes.length === 1 })) } : undefined;
}
