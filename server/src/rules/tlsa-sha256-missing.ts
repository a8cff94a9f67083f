// An SMTP TLSA RRset with digests but no SHA2-256 (matching type 1) record:
// SHA2-256 is the digest every DANE sender supports (RFC 7672 §5); SHA2-512
// alone fails with senders that do not implement it or disable it. Also where SMTP senders
// reach the RRset through a CNAME or a `*._tcp` wildcard (smtpGetsTlsaAt).
import type { RecordRule } from './rule';
import { ref } from './dane-support/refs';
import { tlsaFields, wellFormedDigest } from './dane-support/tlsa-fields';
import { smtpGetsTlsaAt } from './dane-support/tlsa-lookup';

// reported once, at the RRset's first usable SHA2-512 record; the matching type as parsed tells
// the records that may be it (the editor asks dependsOn of every record)
const mayReport = (rec: Parameters<RecordRule['check']>[0]): boolean => rec.values[2] === 2;

export const tlsaSha256Missing: RecordRule = {
  id: 'tlsa-sha256-missing',
  scope: 'record',
  types: ['TLSA'],
  defaultSeverity: 'warning',
  rfc: [ref(7672, '5')],
  summary: 'SMTP TLSA RRset without any SHA2-256 (matching type 1) record.',
  dependsOn: (rec, zone) => (mayReport(rec) ? smtpGetsTlsaAt(zone, rec.ownerKey).names : []),
  dependsOnBelow: (rec, zone) => (mayReport(rec) ? smtpGetsTlsaAt(zone, rec.ownerKey).below : []),
  dependsOnDnamesTo: (rec, zone) => (mayReport(rec) ? smtpGetsTlsaAt(zone, rec.ownerKey).dnamesTo : []),
  check(rec, ctx) {
    if (!mayReport(rec)) return;
    const usable = (ctx.zone.byOwner.get(rec.ownerKey) ?? [])
      .filter((r) => r.type === 'TLSA')
      .map((r) => ({ r, f: tlsaFields(r) }))
      .filter((x) => x.f && (x.f.usage === 2 || x.f.usage === 3) && x.f.selector <= 1 && x.f.matchingType <= 2 && wellFormedDigest(x.f));
    if (usable.some((x) => x.f!.matchingType === 1) || usable.find((x) => x.f!.matchingType === 2)?.r !== rec) return;
    if (!smtpGetsTlsaAt(ctx.zone, rec.ownerKey).smtp) return;
    ctx.report({
      loc: rec.typeLoc,
      message: 'no SHA2-256 (matching type 1) record at this name: SHA2-256 is the digest every DANE sender supports (RFC 7672 §5). Add a x x 1 record for each certificate.',
    });
  },
};
