// The linked certificate of a TLSA record expires within the warning window
// (30 days unless the daneZone.certificateExpiryWarningDays setting says otherwise): time to publish
// the next key's record alongside the current one (RFC 7671 §8.1).
import type { RecordRule } from './rule';
import { ref } from './dane-support/refs';
import { certExpiries, renewalKeepsMatching, type CertExpiry } from './dane-support/expiry-check';
import { isoDay } from '../cert/expiry';
import { tlsaFields } from './dane-support/tlsa-fields';

export const tlsaCertExpiring: RecordRule = {
  id: 'tlsa-cert-expiring',
  scope: 'record',
  types: ['TLSA'],
  defaultSeverity: 'warning',
  rfc: [ref(7671, '8.1'), ref(7672, '3.1.2')],
  summary: 'Linked certificate expires soon (30 days by default): renew it, publishing the next TLSA record first where the renewal changes what the record matches (a new key, a new trust anchor).',
  check(rec, ctx) {
    for (const e of certExpiries(rec, ctx.host)) {
      if (e.expiry.state !== 'expires-soon') continue;
      const days = e.expiry.daysLeft;
      const usage3 = e.f.usage === 3 ? ' (DANE-EE senders ignore dates per RFC 7672 §3.1.1, but Exchange Online rejects expired certificates with 5.7.322)' : '';
      // another usable record here may already be the next certificate's: then the advice is to check it
      const others = (ctx.zone.byOwner.get(rec.ownerKey) ?? []).filter((r) => r !== rec && r.type === 'TLSA' && ((f) => f && (f.usage === 2 || f.usage === 3))(tlsaFields(r))).length;
      const next = others
        ? `the other TLSA record${others > 1 ? 's' : ''} here must match the certificate that replaces it before you switch (RFC 7671 §8.1)`
        : 'publish the next certificate\'s TLSA record alongside this one before switching (RFC 7671 §8.1)';
      ctx.report({
        loc: e.f.fields.usage.loc,
        message: `the ${e.role} certificate (${e.subject}) in ${e.file} expires on ${isoDay(e.expiry.notAfter)}, in ${days} day${days === 1 ? '' : 's'}${usage3}: ${advice(e, next)}.`,
      });
    }
  },
};

/** What to do before the date: renew, and publish a next record only where the renewal changes
 *  what the record matches (a new key, a new trust anchor, or any renewal under selector 0). */
function advice(e: CertExpiry, next: string): string {
  const keeps = renewalKeepsMatching(e);
  if (!keeps) return next;
  return `renew it in time; ${keeps}; for a new ${e.f.usage === 2 ? 'trust anchor' : 'key'}, ${next}`;
}
