// TLSA association data from a certificate, as a DANE sender computes it
// (RFC 6698 §2.1): selector 0 = the certificate DER, 1 = SubjectPublicKeyInfo DER;
// matching type 0 = Full, 1 = SHA2-256, 2 = SHA2-512. Pure: bytes in, hex out.
import type { X509Certificate } from 'node:crypto';
import { nodeCrypto } from './node-crypto';
import { spkiOf } from './cert-file';

export type Selector = 0 | 1;

/** Octets of the digest of each digest matching type (RFC 6698 §2.1.3): 1 SHA2-256, 2 SHA2-512.
 *  Data of another length is malformed, and senders drop the record as unusable. */
export const DIGEST_OCTETS: Readonly<Record<number, number>> = { 1: 32, 2: 64 };
export type MatchingType = 0 | 1 | 2;

/** SubjectPublicKeyInfo DER of a certificate (the bytes as encoded in the certificate). */
export function spkiDer(cert: X509Certificate): Buffer {
  return spkiOf(cert);
}

/** SubjectPublicKeyInfo DER of a PEM/DER `PUBLIC KEY`. */
export function spkiFromPublicKey(key: string | Buffer): Buffer {
  const { createPublicKey } = nodeCrypto();
  const k = typeof key === 'string' ? createPublicKey(key) : createPublicKey({ key, format: 'der', type: 'spki' });
  return k.export({ type: 'spki', format: 'der' });
}

export function selectBytes(cert: X509Certificate, selector: Selector): Buffer {
  return selector === 0 ? cert.raw : spkiDer(cert);
}

export function matchBytes(bytes: Uint8Array, mtype: MatchingType): string {
  if (mtype === 0) return Buffer.from(bytes).toString('hex');
  return nodeCrypto().createHash(mtype === 1 ? 'sha256' : 'sha512').update(bytes).digest('hex');
}

/** The association data (lowercase hex) a TLSA record with this selector/matching type needs. */
export function associationData(cert: X509Certificate, selector: Selector, mtype: MatchingType): string {
  return matchBytes(selectBytes(cert, selector), mtype);
}

/** Presentation RDATA `usage selector mtype hex` for a certificate. */
export function tlsaRdata(cert: X509Certificate, usage: number, selector: Selector, mtype: MatchingType): string {
  return `${usage} ${selector} ${mtype} ${associationData(cert, selector, mtype)}`;
}

/** Normalises association data as written (any case, white space) for comparison. */
export function normaliseHex(data: string): string {
  return data.replace(/\s+/g, '').toLowerCase();
}
