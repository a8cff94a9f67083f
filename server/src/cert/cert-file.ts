// Reads a certificate file linked to a TLSA record: PEM (one certificate or a
// chain, leaf first or in reverse, other PEM blocks such as private keys ignored), DER, a
// PEM/DER `PUBLIC KEY`, or a PKCS#10 certificate request (a next key's CSR, whose 3 1 1 is
// published before its certificate exists, RFC 7671 §8.1): with no certificate, only selector 1
// can match. Private keys are never read. Pure: bytes in, the certificates out, or an error
// that says where. Never throws.
import type { X509Certificate } from 'node:crypto';
import { nodeCrypto } from './node-crypto';
import { certSpki, csrNames, csrSpki, spkiShapeError } from './der';

export interface CertMaterial {
  /** how the file was written */
  format: 'pem' | 'der' | 'public-key';
  /** certificates, leaf (end entity) first: file order, or the chain's order when the file
   *  holds it issuer first; empty for a bare public key */
  certs: X509Certificate[];
  /** SubjectPublicKeyInfo DER of the leaf (or of the bare public key) */
  leafSpki: Buffer;
  /** the end-entity certificates (the first is certs[0]; a server with an RSA and an ECDSA
   *  certificate has two), each with the file's certificates that issued it, nearest first;
   *  empty for a bare public key */
  chains: CertChain[];
  /** non-fatal remarks (ignored blocks, suspicious chain order) */
  notes: string[];
  /** for a certificate request: the host names it asks for (requested DNS SANs, subject CNs) */
  requestNames?: { dns: string[]; cn: string[] };
}

/** Indices into CertMaterial.certs: an end entity and its issuers, each signed by the next. */
export interface CertChain {
  leaf: number;
  issuers: number[];
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

/** "`child` was issued by `parent`": names and key identifiers (checkIssued) and the signature.
 *  A name match alone would take any CA of the same name, or a sibling intermediate, for the
 *  issuer; a sender's chain check would not. */
function issuedBy(child: X509Certificate, parent: X509Certificate): boolean {
  if (child === parent || !child.checkIssued(parent)) return false;
  try {
    return child.verify(parent.publicKey);
  } catch {
    return false; // a key type node cannot verify with: not shown to be the issuer
  }
}

const cnOf = (c: X509Certificate): string => /(?:^|\n)CN=([^\n]*)/.exec(c.subject)?.[1] ?? c.subject.replace(/\n/g, ', ');

/** The issuers of certs[leaf] among `certs`, nearest first, each used once. */
function issuersOf(certs: readonly X509Certificate[], leaf: number, issued: (child: number, parent: number) => boolean): number[] {
  const out: number[] = [];
  for (let at = leaf; ;) {
    const up = certs.findIndex((_, j) => j !== leaf && !out.includes(j) && issued(at, j));
    if (up < 0) return out;
    out.push(up);
    at = up;
  }
}

/** A presented chain: the first certificate is the leaf (the server sends it first). */
function fromCerts(format: 'pem' | 'der', certs: X509Certificate[], notes: string[]): CertMaterial {
  const issuers = issuersOf(certs, 0, (c, p) => issuedBy(certs[c], certs[p]));
  noteUnrelated(certs, [{ leaf: 0, issuers }], notes);
  return { format, certs, leafSpki: spkiOf(certs[0]), chains: [{ leaf: 0, issuers }], notes };
}

/** Certificates that are in no chain: not the leaf's issuers, so no use to a sender's check. */
function noteUnrelated(certs: readonly X509Certificate[], chains: readonly CertChain[], notes: string[]): void {
  const used = new Set(chains.flatMap((c) => [c.leaf, ...c.issuers]));
  const leaves = chains.map((c) => cnOf(certs[c.leaf])).join(', ');
  certs.forEach((c, i) => {
    if (!used.has(i)) notes.push(`certificate ${i + 1} of ${certs.length} (${cnOf(c)}) did not issue ${chains.length > 1 ? 'any end-entity certificate of the file' : 'the leaf'} (${leaves}) nor any of its issuers: it is no part of the chain, and a DANE-TA(2) record for it matches nothing`);
  });
}

/** A file's certificates: its end entities (the certificates that issued no other in the file;
 *  CA certificates among them only when no other is left) each followed by its issuers, the
 *  file's first end entity first, then any certificate in no chain. A file may hold several
 *  end entities (Postfix's smtpd_tls_chain_files: an RSA and an ECDSA key, each with its
 *  certificate) and certificates in any order. */
function fromFileCerts(format: 'pem' | 'der', given: X509Certificate[], notes: string[]): CertMaterial {
  // a CA written twice (each end entity's chain in full) is one certificate
  const certs = given.filter((c, i) => given.findIndex((o) => o.raw.equals(c.raw)) === i);
  if (certs.length === 1) return { format, certs, leafSpki: spkiOf(certs[0]), chains: [{ leaf: 0, issuers: [] }], notes };
  // a bundle too big to sort (a CA bundle by mistake): file order, the first certificate the leaf
  if (certs.length > 32) return fromCerts(format, certs, notes);
  const memo = new Map<number, boolean>();
  const issued = (c: number, p: number): boolean => {
    const k = c * 64 + p;
    let v = memo.get(k);
    if (v === undefined) memo.set(k, (v = issuedBy(certs[c], certs[p])));
    return v;
  };
  const all = certs.map((_, i) => i);
  let ends = all.filter((i) => !all.some((o) => issued(o, i)));
  if (ends.length > 1 && ends.some((i) => !certs[i].ca)) ends = ends.filter((i) => !certs[i].ca);
  // a file of certificates that all issue one another (a cross-signed loop): file order
  if (!ends.length) return fromCerts(format, certs, notes);
  const order: number[] = [];
  const chains: CertChain[] = [];
  for (const e of ends) {
    const issuers = issuersOf(certs, e, issued);
    const at = (i: number): number => {
      const k = order.indexOf(i);
      if (k >= 0) return k; // a CA shared by two end entities
      order.push(i);
      return order.length - 1;
    };
    const leaf = at(e);
    chains.push({ leaf, issuers: issuers.map(at) });
  }
  for (const i of all) if (!order.includes(i)) order.push(i);
  const ordered = order.map((i) => certs[i]);
  if (ends[0] !== 0) {
    notes.push(`${ends[0] === certs.length - 1 ? 'the chain is reversed (issuer first)' : 'the chain is not in leaf-first order'}: the end entity, the certificate that issued no other in the file, is certificate ${ends[0] + 1} of ${certs.length}; it is taken as the leaf (a server must send it first)`);
  }
  if (chains.length > 1) {
    notes.push(`the file holds ${chains.length} end-entity certificates (${chains.map((c) => cnOf(ordered[c.leaf])).join(', ')}; say, an RSA and an ECDSA certificate): a server presents one of them to each sender, so each needs its own matching TLSA record`);
  }
  noteUnrelated(ordered, chains, notes);
  return { format, certs: ordered, leafSpki: spkiOf(ordered[0]), chains, notes };
}

function publicKeyMaterial(der: Buffer, where: string, notes: string[]): CertReadResult {
  const shape = spkiShapeError(der);
  if (shape) return { error: `${where}: not a SubjectPublicKeyInfo (${shape})` };
  return { format: 'public-key', certs: [], leafSpki: der, chains: [], notes };
}

function withNames(r: CertReadResult, names: CertMaterial['requestNames']): CertReadResult {
  return names && !('error' in r) ? { ...r, requestNames: names } : r;
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
    let badRequest: string | undefined;
    let requestNames: CertMaterial['requestNames'];
    for (const b of blocks) {
      if (b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE' || b.label === 'TRUSTED CERTIFICATE') {
        const c = parseCert(b.der, `${name} line ${b.line}`);
        if ('error' in c) return c;
        certs.push(c);
      } else if (b.label === 'PUBLIC KEY') {
        key ??= b;
      } else if (b.label === 'CERTIFICATE REQUEST' || b.label === 'NEW CERTIFICATE REQUEST') {
        const spki = csrSpki(b.der);
        // an error only where the file holds nothing else to read (below)
        if (typeof spki === 'string') badRequest ??= `${name} line ${b.line}: not a valid certificate request (${spki})`;
        else if (!key) {
          key = { ...b, der: Buffer.from(spki) };
          requestNames = csrNames(b.der);
        }
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
    if (badRequest && (certs.length || key)) notes.push(`${badRequest.slice(name.length + 1)}: ignored`);
    if (certs.length) return fromFileCerts('pem', certs, notes);
    if (badRequest && !key) return { error: badRequest };
    if (key?.label.endsWith('REQUEST')) notes.unshift(`the public key of the certificate request at line ${key.line}`);
    if (key) return withNames(publicKeyMaterial(key.der, `${name} line ${key.line}`, notes), key.label.endsWith('REQUEST') ? requestNames : undefined);
    const what = blocks.map((b) => b.label).join(', ') || 'no complete PEM block';
    const keyOnly = blocks.length > 0 && blocks.every((b) => b.label.endsWith('PRIVATE KEY'));
    const hint = keyOnly ? `: dane-zone does not read private keys; link the certificate, or the public key (openssl pkey -in ${name} -pubout) or a certificate request of it` : '';
    return { error: `${name} holds no CERTIFICATE, PUBLIC KEY or CERTIFICATE REQUEST block (found: ${what})${hint}` };
  }
  if (buf[0] !== 0x30) return { error: `${name} is neither PEM (no -----BEGIN line) nor DER (does not start with a SEQUENCE)` };
  // DER: a certificate, else a bare SubjectPublicKeyInfo.
  if (!spkiShapeError(buf)) return publicKeyMaterial(buf, name, []);
  const c = parseCert(buf, name);
  if (!('error' in c)) return fromCerts('der', [c], []);
  const csr = csrSpki(buf);
  if (typeof csr !== 'string') return withNames(publicKeyMaterial(Buffer.from(csr), name, ['the public key of the certificate request']), csrNames(buf));
  return { error: `${name}: DER data is neither a certificate, a public key nor a certificate request` };
}
