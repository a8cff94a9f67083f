// In a signed zone every authoritative RRset is signed (RFC 4035 §2.2); one without an RRSIG
// (a record added by hand after signing, a TTL edited so that the signer's output was replaced)
// gets validators a bogus answer. For a TLSA or MX RRset that means DANE senders defer the mail
// (RFC 7672 §2.2; Exchange Online: 5.7.324 dnssec-invalid). Not signed, and not reported: the
// NS RRset and glue of a delegation (only its DS, NSEC and NSEC3 are), and names below it.
// A record rule for the zones that are signed only (appliesToZone): an unsigned zone, most of
// them, costs it nothing; the RRset is reported once, on its first record.
import { ref } from './dane-support/refs';
import type { RecordRule } from './rule';
import type { ZoneRecord } from '../zone/model';
import { cutAbove } from './support/zone-cuts';
import { isSignedZone } from './support/signed-zone';

/** The types signed at a delegation point (RFC 4035 §2.2). */
const AT_DELEGATION = new Set(['DS', 'NSEC', 'NSEC3']);

export const rrsigMissing: RecordRule = {
  id: 'rrsig-missing',
  scope: 'record',
  defaultSeverity: 'error',
  rfc: [ref(4035, '2.2'), ref(4035, '5.3'), ref(7672, '2.2')],
  summary: 'In a signed zone, an RRset without an RRSIG: validators get a bogus answer (DANE senders defer mail for a TLSA or MX RRset).',
  appliesToZone: isSignedZone,
  // a DNSKEY or signature at the apex that makes the zone signed or unsigned: every RRset asked again
  zoneState: (zone) => String(isSignedZone(zone)),
  check(rec, ctx) {
    if (rec.type === 'RRSIG') return;
    const records = ctx.zone.byOwner.get(rec.ownerKey) ?? [];
    // once per RRset: on its first record (a view of a column-stored zone is one object per row)
    if (records.find((r) => r.type === rec.type) !== rec) return;
    const cut = cutAbove(ctx.zone, rec.ownerKey);
    if (cut && (cut.kind === 'dname' || cut.at !== rec.ownerKey || !AT_DELEGATION.has(rec.type))) return; // not this zone's to sign
    if (records.some((r) => r.type === 'RRSIG' && String(r.field('typeCovered')).toUpperCase() === rec.type)) return;
    ctx.report({ loc: rec.typeLoc, message: message(rec) });
  },
};

function message(r: ZoneRecord): string {
  const dane = r.type === 'TLSA' || r.type === 'MX' ? '; DANE senders then defer mail (RFC 7672 §2.2; Exchange Online: 5.7.324 dnssec-invalid)' : '';
  return `this zone is signed, but the ${r.type} RRset at ${r.owner} has no RRSIG: validators get a bogus answer (RFC 4035 §2.2, §5.3)${dane}; sign the zone again after editing it`;
}
