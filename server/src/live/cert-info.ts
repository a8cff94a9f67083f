// What the report shows of a presented chain: subject, issuer, dates, SANs,
// and the TLSA records that would match it (3 1 1 for the leaf key, 2 1 1 for
// the issuer the server sends). Pure: DER in, plain data out. The facts come from
// cert/describe.ts, the same description the editor's hovers show.
import { X509Certificate } from 'node:crypto';
import { describeCertificate } from '../cert/describe';
import type { CertInfo } from './report';

export function describeChain(chainDer: Uint8Array[]): { chain: CertInfo[]; wouldMatch: string[] } {
  const chain: CertInfo[] = [];
  const wouldMatch: string[] = [];
  chainDer.forEach((der, depth) => {
    let c: X509Certificate;
    try { c = new X509Certificate(der); } catch (e) {
      chain.push({ depth, subject: `(unparsable certificate: ${(e as Error).message})`, issuer: '', notBefore: '', notAfter: '', sans: [], selfSigned: false, ca: false, spkiSha256: '', sha256Fingerprint: '', derBase64: Buffer.from(der).toString('base64') });
      return;
    }
    const facts = describeCertificate(c);
    const spki = facts.tlsa.ee311.slice('3 1 1 '.length);
    chain.push({
      depth,
      subject: facts.subject,
      issuer: facts.issuer,
      notBefore: facts.notBefore.toISOString(),
      notAfter: facts.notAfter.toISOString(),
      sans: facts.sans,
      selfSigned: facts.selfSigned,
      ca: facts.ca,
      spkiSha256: spki,
      sha256Fingerprint: c.fingerprint256.replace(/:/g, '').toLowerCase(),
      derBase64: Buffer.from(der).toString('base64'),
    });
    if (depth === 0) wouldMatch.push(`3 1 1 ${spki}`);
    else if (c.ca) wouldMatch.push(`2 1 1 ${spki}`);
  });
  return { chain, wouldMatch };
}
