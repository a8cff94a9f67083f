// The linked certificate of a TLSA record has expired (or is not yet valid).
// Usage 2 (DANE-TA): senders check the dates of the leaf and of any intermediate below
// the trust anchor, so an expired one fails delivery: error (RFC 7672 §3.1.2). A
// certificate not yet valid is the next one, published ahead (RFC 7671 §8.1): a reminder. Usage 3 (DANE-EE): RFC 7672
// §3.1.1 says senders ignore dates, but Exchange Online documents 5.7.322
// "certificate-expired" without limiting it to DANE-TA: warning saying both.
import type { RecordRule } from './rule';
import { ref } from './dane-support/refs';
import { certExpiries, renewalKeepsMatching } from './dane-support/expiry-check';
import { isoDay } from '../cert/expiry';

export const tlsaCertExpired: RecordRule = {
  id: 'tlsa-cert-expired',
  scope: 'record',
  types: ['TLSA'],
  defaultSeverity: 'error',
  rfc: [ref(7672, '3.1.2'), ref(7672, '3.1.1'), ref(7671, '8.1')],
  summary: 'Linked certificate expired (error for usage 2, DANE-TA; warning for usage 3, DANE-EE) or not yet valid (a next certificate: a reminder not to present it early).',
  check(rec, ctx) {
    for (const e of certExpiries(rec, ctx.host)) {
      const { state, notAfter, notBefore } = e.expiry;
      if (state !== 'expired' && state !== 'not-yet-valid') continue;
      if (state === 'not-yet-valid') {
        // publishing the next certificate's record before it is used is the rollover's first
        // step (RFC 7671 §8.1): no renewal to ask for, only the date to keep
        ctx.report({
          loc: e.f.fields.usage.loc,
          severity: e.f.usage === 2 ? 'warning' : 'info',
          message: `the ${e.role} certificate (${e.subject}) in ${e.file} is not valid before ${isoDay(notBefore)}: right for the next certificate, published ahead of its use (RFC 7671 §8.1); until then a server must not present it: ${e.f.usage === 2 ? 'with usage 2 (DANE-TA) senders check the chain\'s dates and refuse delivery (RFC 7672 §3.1.2)' : 'DANE-EE (3) senders ignore dates (RFC 7672 §3.1.1), but Exchange Online rejects such a certificate with 5.7.322'}.`,
        });
        continue;
      }
      const what = `the ${e.role} certificate (${e.subject}) in ${e.file} expired on ${isoDay(notAfter)}`;
      if (e.f.usage === 2) {
        ctx.report({ loc: e.f.fields.usage.loc, message: `${what}: with usage 2 (DANE-TA) senders check the chain's dates and refuse delivery (RFC 7672 §3.1.2). Renew it: ${renewalKeepsMatching(e)}; under a new trust anchor, publish its TLSA record too.` });
      } else {
        ctx.report({
          loc: e.f.fields.usage.loc,
          severity: 'warning',
          message: `${what}. RFC 7672 §3.1.1 says DANE-EE (3) senders ignore certificate dates, but Exchange Online rejects mail with 5.7.322 certificate-expired: renew the certificate${e.f.selector === 1 ? ` (${renewalKeepsMatching(e)}; with a new key, publish its 3 1 1)` : ' and publish its 3 1 1'}.`,
        });
      }
    }
  },
};
