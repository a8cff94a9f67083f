// Matches a TLSA record against linked certificate material the way a DANE
// SMTP sender does (RFC 7672 §3.1, RFC 7671 §5): usage 3/1 (DANE-EE/PKIX-EE)
// against a leaf, usage 2/0 (DANE-TA/PKIX-TA) against a certificate that issued
// one (CertMaterial.chains: names and signatures checked; a CA in the file that
// issued no leaf is no trust anchor for it). Also says which certificate the data would match under another
// usage, so messages and quick-fixes can offer the right correction. Pure.
import type { X509Certificate } from 'node:crypto';
import type { CertMaterial } from './cert-file';
import { associationData, matchBytes, normaliseHex, type MatchingType, type Selector } from './tlsa-data';
import { isCaNotServer } from './describe';

export interface TlsaParams {
  usage: number;
  selector: number;
  matchingType: number;
  /** association data as hex (any case, white space allowed) */
  data: string;
}

export type TlsaMatch =
  /** the record matches certificate `certIndex` of the file (a leaf, or an issuer of one), in the role its usage asks for */
  | { ok: true; certIndex: number }
  | {
      ok: false;
      reason:
        | 'unusable' // usage/selector/matching type a sender does not know
        | 'needs-certificate' // selector 0 against a bare public key
        | 'no-issuer' // usage 0/2 but the file holds no certificate that issued a leaf
        | 'no-match';
      /** the data matches certificate `certIndex` but in the wrong role (e.g. DANE-TA data of the leaf) */
      wrongRole?: { certIndex: number };
      /** the data matches certificate `certIndex`, which is in no chain: it issued no leaf of the file */
      unrelated?: { certIndex: number };
    };

const USAGE_EE = new Set([1, 3]);
const USAGE_TA = new Set([0, 2]);

/** Association data of certificate `i` of the material, or of its bare key. */
function dataOf(m: CertMaterial, i: number, selector: Selector, mtype: MatchingType): string | undefined {
  if (m.certs.length === 0) return i === 0 && selector === 1 ? matchBytes(m.leafSpki, mtype) : undefined;
  const c: X509Certificate | undefined = m.certs[i];
  return c ? associationData(c, selector, mtype) : undefined;
}

/** The first of the certificates `at` whose data equals the record's, or -1. */
function findIn(m: CertMaterial, rec: TlsaParams, at: readonly number[]): number {
  const want = normaliseHex(rec.data);
  for (const i of at) if (dataOf(m, i, rec.selector as Selector, rec.matchingType as MatchingType) === want) return i;
  return -1;
}

/** The leaves of the material (a bare key counts as one), and the issuers of each. */
export function leavesOf(m: CertMaterial): number[] {
  return m.certs.length ? m.chains.map((c) => c.leaf) : [0];
}

export function issuersIn(m: CertMaterial): number[] {
  return [...new Set(m.chains.flatMap((c) => c.issuers))];
}

/** The "leaves" of a file of CA certificates only (an issuing CA's certificate, linked to its
 *  2 1 1, or the next CA's, published before it issues anything: RFC 7671 §5.2, §8.1): trust
 *  anchors, not end entities. */
export function caLeavesIn(m: CertMaterial): number[] {
  return m.chains.map((c) => c.leaf).filter((i) => isCaNotServer(m.certs[i]));
}

export function matchTlsa(rec: TlsaParams, m: CertMaterial): TlsaMatch {
  const { usage, selector, matchingType } = rec;
  if (!(USAGE_EE.has(usage) || USAGE_TA.has(usage)) || (selector !== 0 && selector !== 1) || ![0, 1, 2].includes(matchingType)) {
    return { ok: false, reason: 'unusable' };
  }
  if (m.certs.length === 0 && selector === 0) return { ok: false, reason: 'needs-certificate' };
  const leaves = leavesOf(m);
  const issuers = issuersIn(m);
  const others = m.certs.map((_, i) => i).filter((i) => !leaves.includes(i) && !issuers.includes(i));
  const unrelated = findIn(m, rec, others);
  const extra = unrelated >= 0 ? { unrelated: { certIndex: unrelated } } : {};
  const caLeaves = caLeavesIn(m);
  if (USAGE_EE.has(usage)) {
    // a CA's certificate alone is a trust anchor: no server presents it as its own
    const leaf = findIn(m, rec, leaves.filter((i) => !caLeaves.includes(i)));
    if (leaf >= 0) return { ok: true, certIndex: leaf };
    const anchor = findIn(m, rec, [...issuers, ...caLeaves]);
    return { ok: false, reason: 'no-match', ...(anchor >= 0 ? { wrongRole: { certIndex: anchor } } : {}), ...extra };
  }
  const ta = findIn(m, rec, [...issuers, ...caLeaves]);
  if (ta >= 0) return { ok: true, certIndex: ta };
  const leaf = findIn(m, rec, leaves);
  const wrong = leaf >= 0 ? { wrongRole: { certIndex: leaf } } : {};
  if (!issuers.length && !caLeaves.length) return { ok: false, reason: 'no-issuer', ...wrong, ...extra };
  return { ok: false, reason: 'no-match', ...wrong, ...extra };
}
