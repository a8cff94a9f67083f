// Describes a certificate for hovers and CLI output: subject, issuer, SANs,
// key algorithm and size, validity dates, and the TLSA values it would publish.
// Pure; the live-validation engine reuses it for certificates seen on the wire.
import type { X509Certificate, KeyObject } from 'node:crypto';
import { nodeCrypto } from './node-crypto';
import { associationData, matchBytes } from './tlsa-data';
import { spkiOf } from './cert-file';
import { caFacts } from './der';

export interface KeyFacts {
  /** 'RSA', 'RSA-PSS', 'ECDSA', 'Ed25519', 'Ed448', 'DSA' or the raw type */
  algorithm: string;
  /** key size in bits (RSA modulus, curve size), when known */
  bits?: number;
  /** named curve for ECDSA keys ('P-256', 'P-384', 'P-521' or the OpenSSL name) */
  curve?: string;
}

export interface CertFacts {
  /** distinguished names as one line, `C=DE, O=Example, CN=mx.example.com` */
  subject: string;
  issuer: string;
  /** subjectAltName entries, e.g. `DNS:mx.example.com` */
  sans: string[];
  key: KeyFacts;
  notBefore: Date;
  notAfter: Date;
  serial: string;
  /** basicConstraints CA:TRUE */
  ca: boolean;
  selfSigned: boolean;
  /** TLSA RDATA this certificate publishes: `3 1 1 …` (DANE-EE SPKI SHA2-256),
   *  `3 0 1 …` (DANE-EE Cert SHA2-256), `2 1 1 …` (DANE-TA SPKI SHA2-256, for an issuer) */
  tlsa: { ee311: string; ee301: string; ta211: string; ta201: string };
}

const CURVES: Record<string, { name: string; bits: number }> = {
  prime256v1: { name: 'P-256', bits: 256 },
  secp384r1: { name: 'P-384', bits: 384 },
  secp521r1: { name: 'P-521', bits: 521 },
};

export function describeKey(key: KeyObject): KeyFacts {
  const d = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { algorithm: 'RSA', bits: d.modulusLength };
    case 'rsa-pss':
      return { algorithm: 'RSA-PSS', bits: d.modulusLength };
    case 'dsa':
      return { algorithm: 'DSA', bits: d.modulusLength };
    case 'ec': {
      const c = d.namedCurve ? CURVES[d.namedCurve] : undefined;
      return { algorithm: 'ECDSA', bits: c?.bits, curve: c?.name ?? d.namedCurve };
    }
    case 'ed25519':
      return { algorithm: 'Ed25519', bits: 256 };
    case 'ed448':
      return { algorithm: 'Ed448', bits: 456 };
    default:
      return { algorithm: key.asymmetricKeyType ?? 'unknown' };
  }
}

/** Key facts of a bare SubjectPublicKeyInfo (DER); algorithm 'unknown' when Node cannot read it. */
export function describeSpki(spki: Uint8Array): KeyFacts {
  try {
    return describeKey(nodeCrypto().createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }));
  } catch {
    return { algorithm: 'unknown' };
  }
}

export function keyLabel(k: KeyFacts): string {
  if (k.curve) return `${k.algorithm} ${k.curve}`;
  return k.bits && k.algorithm.startsWith('RSA') ? `${k.algorithm} ${k.bits} bits` : k.algorithm;
}

const oneLine = (dn: string): string => dn.split('\n').filter(Boolean).join(', ');

export function describeCertificate(cert: X509Certificate): CertFacts {
  let key: KeyFacts;
  try {
    key = describeKey(cert.publicKey);
  } catch {
    key = describeSpki(spkiOf(cert));
  }
  return {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    sans: cert.subjectAltName ? cert.subjectAltName.split(/,\s*/).filter(Boolean) : [],
    key,
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    serial: cert.serialNumber,
    ca: cert.ca,
    selfSigned: cert.checkIssued(cert),
    tlsa: {
      ee311: `3 1 1 ${associationData(cert, 1, 1)}`,
      ee301: `3 0 1 ${associationData(cert, 0, 1)}`,
      ta211: `2 1 1 ${associationData(cert, 1, 1)}`,
      ta201: `2 0 1 ${associationData(cert, 0, 1)}`,
    },
  };
}

/** A name shaped like a host name: two or more LDH labels (letters, digits, hyphens inside),
 *  at most 63 characters each and 253 in all, optionally with the root's dot. */
export function isHostName(name: string): boolean {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  // an all-numeric last label is an IPv4 address, not a host name (RFC 3696 §2)
  return n.length <= 253 && n.includes('.') && n.split('.').every((l) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(l)) && !/\.[0-9]+$/.test(n);
}

/** The host a certificate is for, to name its TLSA owner: its first host-name-shaped DNS SAN;
 *  the CN only when there is no DNS SAN (RFC 6125 §6.4.4), and only a host-name-shaped one.
 *  Otherwise `why` says what the certificate names instead. */
export function certHostName(cert: X509Certificate): { host: string } | { why: string } {
  const dns = describeCertificate(cert).sans.filter((s) => s.startsWith('DNS:'));
  if (dns.length) {
    const host = dns.map((s) => s.slice(4)).find(isHostName);
    return host ? { host } : { why: `its DNS names (${dns.join(', ')}) are not host names` };
  }
  const cn = cert.subject.split('\n').filter((l) => l.startsWith('CN=')).pop()?.slice(3);
  if (cn === undefined) return { why: 'it has no DNS name and no CN' };
  return isHostName(cn) ? { host: cn } : { why: `CN=${cn} is not one` };
}

/** A CA certificate that is no server's own: an issuing CA (or a root) linked or given alone is the
 *  trust anchor of a DANE-TA(2) record, which a server sends above its leaf (RFC 7671 §5.2). A
 *  self-signed certificate is a root only when it names no host and its keyUsage says it signs
 *  certificates: `openssl req -x509` writes CA:TRUE and no keyUsage into a self-signed server
 *  certificate, whatever its CN (`CN=mail` too), and DANE-EE(3) records commonly name such. */
export function isCaNotServer(cert: X509Certificate): boolean {
  if (!cert.ca) return false;
  if (cert.subject !== cert.issuer) return true;
  if ('host' in certHostName(cert)) return false;
  const facts = caFacts(cert.raw);
  return typeof facts !== 'string' && facts.keyCertSign === true;
}

/** `3 1 1` data of a bare key (the only TLSA form a public key can publish besides 3 1 2). */
export function publicKeyTlsa(spki: Uint8Array): string {
  return `3 1 1 ${matchBytes(spki, 1)}`;
}
