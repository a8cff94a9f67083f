// What the report shows of a presented chain: subject, issuer, dates, SANs,
// and the TLSA records that would match it (3 1 1 for the leaf key, 2 1 1 for
// the issuer the server sends). Pure: DER in, plain data out.
import { X509Certificate } from 'node:crypto';
import { associationData } from '../cert/tlsa-data';
import type { CertInfo } from './report';

const oneLine = (dn: string): string => dn.split('\n').filter(Boolean).join(', ');

export function describeChain(chainDer: Uint8Array[]): { chain: CertInfo[]; wouldMatch: string[] } {
  const chain: CertInfo[] = [];
  const wouldMatch: string[] = [];
  chainDer.forEach((der, depth) => {
    let c: X509Certificate;
    try { c = new X509Certificate(der); } catch (e) {
      chain.push({ depth, subject: `(unparsable certificate: ${(e as Error).message})`, issuer: '', notBefore: '', notAfter: '', sans: [], selfSigned: false, ca: false, spkiSha256: '', sha256Fingerprint: '', derBase64: Buffer.from(der).toString('base64') });
      return;
    }
    const spki = associationData(c, 1, 1);
    chain.push({
      depth,
      subject: oneLine(c.subject),
      issuer: oneLine(c.issuer),
      notBefore: new Date(c.validFrom).toISOString(),
      notAfter: new Date(c.validTo).toISOString(),
      sans: c.subjectAltName ? c.subjectAltName.split(/,\s*/) : [],
      selfSigned: c.subject === c.issuer,
      ca: c.ca,
      spkiSha256: spki,
      sha256Fingerprint: c.fingerprint256.replace(/:/g, '').toLowerCase(),
      derBase64: Buffer.from(der).toString('base64'),
    });
    if (depth === 0) wouldMatch.push(`3 1 1 ${spki}`);
    else if (c.ca) wouldMatch.push(`2 1 1 ${spki}`);
  });
  return { chain, wouldMatch };
}
