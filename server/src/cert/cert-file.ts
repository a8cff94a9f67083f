// Reads a certificate file linked to a TLSA record: PEM (one certificate or a
// chain, leaf first or in reverse, other PEM blocks such as private keys ignored), DER, or a
// PEM/DER `PUBLIC KEY` (only selector 1 can match it). Pure: bytes in, the
// certificates out, or an error that says where. Never throws.
import type { X509Certificate } from 'node:crypto';
import { nodeCrypto } from './node-crypto';
import { certSpki, spkiShapeError } from './der';

export interface CertMaterial {
  /** how the file was written */
  format: 'pem' | 'der' | 'public-key';
  /** certificates, leaf (end entity) first: file order, or the chain's order when the file
   *  holds it issuer first; empty for a bare public key */
  certs: X509Certificate[];
  /** SubjectPublicKeyInfo DER of the leaf (or of the bare public key) */
  leafSpki: Buffer;
  /** non-fatal remarks (ignored blocks, suspicious chain order) */
  notes: string[];
}

export type CertReadResult = CertMaterial | { error: string };

interface PemBlock {
  label: string;
  der: Buffer;
  /** 1-based line of the BEGIN line, for messages */
  line: number;
}

const PEM_RE = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;

function pemBlocks(text: string): PemBlock[] | { error: string } {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(PEM_RE)) {
    const line = text.slice(0, m.index).split('\n').length;
    if (m[1] !== m[3]) return { error: `line ${line}: PEM block BEGIN ${m[1]} ends with END ${m[3]}` };
    // RFC 7468 allows headers only in legacy encrypted blocks; strip "Key: value" lines.
    const body = m[2].split(/\r?\n/).filter((l) => !/^[A-Za-z-]+:/.test(l)).join('');
    if (!/^[A-Za-z0-9+/=\s]*$/.test(body)) return { error: `line ${line}: PEM block ${m[1]} is not valid base64` };
    out.push({ label: m[1], der: Buffer.from(body.replace(/\s+/g, ''), 'base64'), line });
  }
  return out;
}

function parseCert(der: Buffer, where: string): X509Certificate | { error: string } {
  try {
    return new (nodeCrypto().X509Certificate)(der);
  } catch (e) {
    return { error: `${where}: not a valid X.509 certificate (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** SPKI bytes of a certificate as encoded in it; falls back to re-encoding the key. */
export function spkiOf(cert: X509Certificate): Buffer {
  const s = certSpki(cert.raw);
  if (typeof s !== 'string') return Buffer.from(s);
  return cert.publicKey.export({ type: 'spki', format: 'der' });
}

function fromCerts(format: 'pem' | 'der', certs: X509Certificate[], notes: string[]): CertMaterial {
  if (certs.length > 1 && !certs[0].checkIssued(certs[1]) && certs[1].checkIssued(certs[0])) {
    notes.push('the chain looks reversed: the first certificate must be the server (leaf) certificate');
  } else if (certs.length > 1 && !certs[0].checkIssued(certs[1])) {
    notes.push('the second certificate did not issue the first: the chain is not in leaf-first order');
  }
  return { format, certs, leafSpki: spkiOf(certs[0]), notes };
}

/** A file's certificates with the end entity first: when the file holds them in another order
 *  (CA first), the end entity is the one certificate that issued no other in the file, and its
 *  issuers follow it. File order is kept when that is already so, or when no single
 *  certificate is the end entity (unrelated certificates, a bundle too big to sort). */
function fromFileCerts(format: 'pem' | 'der', certs: X509Certificate[], notes: string[]): CertMaterial {
  if (certs.length < 2 || certs.length > 32) return fromCerts(format, certs, notes);
  // checkIssued(x): "this certificate was issued by x"
  const issuesAnother = (c: X509Certificate): boolean => certs.some((o) => o !== c && o.checkIssued(c));
  const ends = certs.filter((c) => !issuesAnother(c));
  if (ends.length !== 1 || ends[0] === certs[0]) return fromCerts(format, certs, notes);
  const ordered = [ends[0]];
  for (let c = ends[0]; ;) {
    const up = certs.find((o) => !ordered.includes(o) && c.checkIssued(o));
    if (!up) break;
    ordered.push(up);
    c = up;
  }
  for (const c of certs) if (!ordered.includes(c)) ordered.push(c);
  const at = certs.indexOf(ends[0]) + 1;
  notes.push(`the chain is reversed (issuer first): the end entity, the certificate that issued no other in the file, is certificate ${at} of ${certs.length}; it is taken as the leaf (a server must send it first)`);
  return { format, certs: ordered, leafSpki: spkiOf(ordered[0]), notes };
}

function publicKeyMaterial(der: Buffer, where: string, notes: string[]): CertReadResult {
  const shape = spkiShapeError(der);
  if (shape) return { error: `${where}: not a SubjectPublicKeyInfo (${shape})` };
  return { format: 'public-key', certs: [], leafSpki: der, notes };
}

/** Material from certificates already parsed (e.g. the chain a server presented, leaf first). */
export function materialFromCerts(certs: X509Certificate[]): CertMaterial | { error: string } {
  if (!certs.length) return { error: 'no certificate' };
  return fromCerts('der', certs, []);
}

/** Reads certificate material from file bytes. `name` is used in messages only. */
export function readCertMaterial(bytes: Uint8Array, name: string): CertReadResult {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length === 0) return { error: `${name} is empty` };
  const text = buf.toString('latin1');
  if (text.includes('-----BEGIN ')) {
    const blocks = pemBlocks(text);
    if ('error' in blocks) return { error: `${name} ${blocks.error}` };
    const certs: X509Certificate[] = [];
    const notes: string[] = [];
    let key: PemBlock | undefined;
    for (const b of blocks) {
      if (b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE' || b.label === 'TRUSTED CERTIFICATE') {
        const c = parseCert(b.der, `${name} line ${b.line}`);
        if ('error' in c) return c;
        certs.push(c);
      } else if (b.label === 'PUBLIC KEY') {
        key ??= b;
      } else if (b.label === 'RSA PUBLIC KEY') {
        try {
          const spki = nodeCrypto().createPublicKey({ key: b.der, format: 'der', type: 'pkcs1' }).export({ type: 'spki', format: 'der' });
          key ??= { ...b, der: spki };
        } catch {
          return { error: `${name} line ${b.line}: not a valid RSA PUBLIC KEY` };
        }
      } else {
        notes.push(`line ${b.line}: ${b.label} block ignored`);
      }
    }
    if (certs.length) return fromFileCerts('pem', certs, notes);
    if (key) return publicKeyMaterial(key.der, `${name} line ${key.line}`, notes);
    const what = blocks.map((b) => b.label).join(', ') || 'no complete PEM block';
    return { error: `${name} holds no CERTIFICATE or PUBLIC KEY block (found: ${what})` };
  }
  if (buf[0] !== 0x30) return { error: `${name} is neither PEM (no -----BEGIN line) nor DER (does not start with a SEQUENCE)` };
  // DER: a certificate, else a bare SubjectPublicKeyInfo.
  if (!spkiShapeError(buf)) return publicKeyMaterial(buf, name, []);
  const c = parseCert(buf, name);
  if ('error' in c) return { error: `${name}: DER data is neither a certificate nor a public key` };
  return fromCerts('der', [c], []);
}
