// The linked certificate of a TLSA record has expired (or is not yet valid).
// Usage 2 (DANE-TA): senders check the chain's dates, so an expired issuer or
// leaf fails delivery: error (RFC 7672 §3.1.2). Usage 3 (DANE-EE): RFC 7672
// §3.1.1 says senders ignore dates, but Exchange Online documents 5.7.322
// "certificate-expired" without limiting it to DANE-TA: warning saying both.
import type { RecordRule } from './rule';
import { ref } from './dane-support/refs';
import { certExpiries } from './dane-support/expiry-check';
import { isoDay } from '../cert/expiry';

export const tlsaCertExpired: RecordRule = {
  id: 'tlsa-cert-expired',
  scope: 'record',
  types: ['TLSA'],
  defaultSeverity: 'error',
  rfc: [ref(7672, '3.1.2'), ref(7672, '3.1.1')],
  summary: 'Linked certificate expired or not yet valid: error for usage 2 (DANE-TA), warning for usage 3 (DANE-EE).',
  check(rec, ctx) {
    for (const e of certExpiries(rec, ctx.host)) {
      const { state, notAfter, notBefore } = e.expiry;
      if (state !== 'expired' && state !== 'not-yet-valid') continue;
      const what = `the ${e.role} certificate (${e.subject}) in ${e.file} ${state === 'expired' ? `expired on ${isoDay(notAfter)}` : `is not valid before ${isoDay(notBefore)}`}`;
      if (e.f.usage === 2) {
        ctx.report({ loc: e.f.fields.usage.loc, message: `${what}: with usage 2 (DANE-TA) senders check the chain's dates and refuse delivery (RFC 7672 §3.1.2). Renew it and publish the new TLSA record.` });
      } else {
        ctx.report({
          loc: e.f.fields.usage.loc,
          severity: 'warning',
          message: `${what}. RFC 7672 §3.1.1 says DANE-EE (3) senders ignore certificate dates, but Exchange Online rejects mail with 5.7.322 certificate-expired: renew the certificate and publish its 3 1 1.`,
        });
      }
    }
  },
};
