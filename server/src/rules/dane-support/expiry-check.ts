// Shared by the two expiry rules: which certificate of a linked file a TLSA
// record depends on, and its validity at the host's clock. Usage 3 (DANE-EE)
// depends on the leaf; usage 2 (DANE-TA) on the leaf and any intermediate between
// it and the matched issuer, the trust anchor, whose own dates senders do not check.
import type { X509Certificate } from 'node:crypto';
import type { ZoneRecord } from '../../zone/model';
import type { RuleHost } from '../rule';
import { loadLinkedCert } from '../../cert/link';
import { matchTlsa } from '../../cert/tlsa-match';
import { expiryOf, type Expiry } from '../../cert/expiry';
import { describeCertificate } from '../../cert/describe';
import { tlsaFields, type TlsaFields } from './tlsa-fields';

export interface CertExpiry {
  f: TlsaFields;
  file: string;
  role: 'leaf' | 'issuer';
  subject: string;
  expiry: Expiry;
}

export function warnDays(host: RuleHost): number {
  const v = host.options.certificateExpiryWarningDays;
  return typeof v === 'number' && v >= 0 ? v : 30;
}

export function certExpiries(rec: ZoneRecord, host: RuleHost): CertExpiry[] {
  const f = tlsaFields(rec);
  if (!f || (f.usage !== 2 && f.usage !== 3)) return [];
  const linked = loadLinkedCert(rec, host);
  if (!linked || !('material' in linked) || linked.material.certs.length === 0) return [];
  const m = linked.material;
  const match = matchTlsa(f, m);
  if (!match.ok) return []; // a mismatch is tlsa-cert-mismatch's finding
  const certs: { c: X509Certificate; role: 'leaf' | 'issuer' }[] = [];
  if (f.usage === 3) certs.push({ c: m.certs[match.certIndex], role: 'leaf' });
  else {
    // the anchor's own dates are not checked (RFC 7671 §5.2: it is a trust anchor, as OpenSSL's
    // DANE and the live matcher take it); the certificates below it down to the leaf are
    const chain = m.chains.find((c) => c.issuers.includes(match.certIndex));
    // a CA certificate linked alone (the anchor itself): no leaf below it in the file to judge
    if (!chain) return [];
    for (const i of chain.issuers.slice(0, chain.issuers.indexOf(match.certIndex)).reverse()) certs.push({ c: m.certs[i], role: 'issuer' });
    certs.push({ c: m.certs[chain.leaf], role: 'leaf' });
  }
  const now = host.now();
  return certs.map(({ c, role }) => ({ f, file: linked.link.path, role, subject: describeCertificate(c).subject, expiry: expiryOf(c, now, warnDays(host)) }));
}

/** Why renewing a certificate may need no new TLSA record: a DANE-TA record names the trust
 *  anchor, a DANE-EE SPKI record the key, and a renewal under the same anchor, or with the same
 *  key, keeps matching them (RFC 7671 §5.1, §5.2). Undefined where every renewal changes the
 *  record (DANE-EE with selector 0, the whole certificate). */
export function renewalKeepsMatching(e: CertExpiry): string | undefined {
  if (e.f.usage === 2) return 'this 2 x x record names the trust anchor, so a certificate renewed under the same anchor keeps matching it (RFC 7671 §5.2)';
  if (e.f.selector === 1) return 'this 3 1 x record names the key, not the certificate, so a certificate renewed with the same key keeps matching it (RFC 7671 §5.1)';
  return undefined;
}
