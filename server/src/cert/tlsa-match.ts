// Matches a TLSA record against linked certificate material the way a DANE
// SMTP sender does (RFC 7672 §3.1, RFC 7671 §5): usage 3/1 (DANE-EE/PKIX-EE)
// against the leaf, usage 2/0 (DANE-TA/PKIX-TA) against an issuer certificate
// of the chain. Also says which certificate the data would match under another
// usage, so messages and quick-fixes can offer the right correction. Pure.
import type { X509Certificate } from 'node:crypto';
import type { CertMaterial } from './cert-file';
import { associationData, matchBytes, normaliseHex, type MatchingType, type Selector } from './tlsa-data';

export interface TlsaParams {
  usage: number;
  selector: number;
  matchingType: number;
  /** association data as hex (any case, white space allowed) */
  data: string;
}

export type TlsaMatch =
  /** the record matches certificate `certIndex` of the file (0 = leaf), in the role its usage asks for */
  | { ok: true; certIndex: number }
  | {
      ok: false;
      reason:
        | 'unusable' // usage/selector/matching type a sender does not know
        | 'needs-certificate' // selector 0 against a bare public key
        | 'no-issuer' // usage 0/2 but the file holds no issuer certificate
        | 'no-match';
      /** the data matches certificate `certIndex` but in the wrong role (e.g. DANE-TA data of the leaf) */
      wrongRole?: { certIndex: number };
    };

const USAGE_EE = new Set([1, 3]);
const USAGE_TA = new Set([0, 2]);

/** Association data of certificate `i` of the material, or of its bare key. */
function dataOf(m: CertMaterial, i: number, selector: Selector, mtype: MatchingType): string | undefined {
  if (m.certs.length === 0) return i === 0 && selector === 1 ? matchBytes(m.leafSpki, mtype) : undefined;
  const c: X509Certificate | undefined = m.certs[i];
  return c ? associationData(c, selector, mtype) : undefined;
}

/** Index of the first certificate (within [from, to)) whose data equals the record's. */
function findIndex(m: CertMaterial, rec: TlsaParams, from: number, to: number): number {
  const want = normaliseHex(rec.data);
  for (let i = from; i < to; i++) {
    if (dataOf(m, i, rec.selector as Selector, rec.matchingType as MatchingType) === want) return i;
  }
  return -1;
}

export function matchTlsa(rec: TlsaParams, m: CertMaterial): TlsaMatch {
  const { usage, selector, matchingType } = rec;
  if (!(USAGE_EE.has(usage) || USAGE_TA.has(usage)) || (selector !== 0 && selector !== 1) || ![0, 1, 2].includes(matchingType)) {
    return { ok: false, reason: 'unusable' };
  }
  const count = Math.max(1, m.certs.length);
  if (m.certs.length === 0 && selector === 0) return { ok: false, reason: 'needs-certificate' };
  if (USAGE_EE.has(usage)) {
    if (findIndex(m, rec, 0, 1) === 0) return { ok: true, certIndex: 0 };
    const other = findIndex(m, rec, 1, count);
    return { ok: false, reason: 'no-match', ...(other > 0 ? { wrongRole: { certIndex: other } } : {}) };
  }
  const ta = findIndex(m, rec, 1, count);
  if (ta > 0) return { ok: true, certIndex: ta };
  const leaf = findIndex(m, rec, 0, 1) === 0;
  if (count < 2) return { ok: false, reason: 'no-issuer', ...(leaf ? { wrongRole: { certIndex: 0 } } : {}) };
  return { ok: false, reason: 'no-match', ...(leaf ? { wrongRole: { certIndex: 0 } } : {}) };
}
