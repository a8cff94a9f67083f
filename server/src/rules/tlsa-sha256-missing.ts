// An SMTP TLSA RRset with digests but no SHA2-256 (matching type 1) record:
// SHA2-256 is the digest every DANE sender supports (RFC 7672 §5); SHA2-512
// alone fails with senders that do not implement it or disable it.
import type { OwnerRule } from './rule';
import { ref } from './dane-support/refs';
import { isSmtpTlsaOwner, tlsaFields, wellFormedDigest } from './dane-support/tlsa-fields';

export const tlsaSha256Missing: OwnerRule = {
  id: 'tlsa-sha256-missing',
  scope: 'owner',
  types: ['TLSA'],
  defaultSeverity: 'warning',
  rfc: [ref(7672, '5')],
  summary: 'SMTP TLSA RRset without any SHA2-256 (matching type 1) record.',
  check(ownerKey, records, ctx) {
    if (!isSmtpTlsaOwner(ownerKey)) return;
    const usable = records
      .filter((r) => r.type === 'TLSA')
      .map((r) => ({ r, f: tlsaFields(r) }))
      .filter((x) => x.f && (x.f.usage === 2 || x.f.usage === 3) && x.f.selector <= 1 && x.f.matchingType <= 2 && wellFormedDigest(x.f));
    if (!usable.some((x) => x.f!.matchingType === 2) || usable.some((x) => x.f!.matchingType === 1)) return;
    ctx.report({
      loc: usable[0].r.typeLoc,
      message: 'no SHA2-256 (matching type 1) record at this name: SHA2-256 is the digest every DANE sender supports (RFC 7672 §5). Add a x x 1 record for each certificate.',
    });
  },
};
