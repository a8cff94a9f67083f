// Minimal DER reader: just enough ASN.1 structure to find a certificate's
// SubjectPublicKeyInfo bytes exactly as encoded, and to tell whether TLSA
// "Full" (matching type 0) data is a certificate or an SPKI. Pure; never throws
// (returns undefined or an error string instead).

export interface Tlv {
  tag: number;
  /** offset of the tag byte */
  start: number;
  /** offset of the first content byte */
  contentStart: number;
  /** offset just past the content */
  end: number;
}

/** Reads one TLV at `offset` (single-byte tags only, definite lengths only, as DER requires). */
export function readTlv(buf: Uint8Array, offset: number): Tlv | string {
  if (offset + 2 > buf.length) return `truncated DER at byte ${offset}`;
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) return `multi-byte DER tag at byte ${offset}`;
  let len = buf[offset + 1];
  let p = offset + 2;
  if (len === 0x80) return `indefinite length at byte ${offset} (not DER)`;
  if (len > 0x80) {
    const n = len & 0x7f;
    if (n > 4 || p + n > buf.length) return `bad DER length at byte ${offset}`;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p + i];
    p += n;
  }
  if (p + len > buf.length) return `DER value at byte ${offset} runs past the end (${len} bytes declared, ${buf.length - p} left)`;
  return { tag, start: offset, contentStart: p, end: p + len };
}

/** The children of a constructed TLV (SEQUENCE, SET, context tags). */
export function children(buf: Uint8Array, parent: Tlv): Tlv[] | string {
  const out: Tlv[] = [];
  let p = parent.contentStart;
  while (p < parent.end) {
    const t = readTlv(buf, p);
    if (typeof t === 'string') return t;
    if (t.end > parent.end) return `DER value at byte ${p} runs past its parent`;
    out.push(t);
    p = t.end;
  }
  return out;
}

const SEQUENCE = 0x30;
const BIT_STRING = 0x03;

/** Checks the outer shape of a SubjectPublicKeyInfo: SEQUENCE { SEQUENCE algorithm, BIT STRING key }
 *  covering the whole buffer. Returns undefined when it has that shape, else why not. */
export function spkiShapeError(buf: Uint8Array): string | undefined {
  const top = readTlv(buf, 0);
  if (typeof top === 'string') return top;
  if (top.tag !== SEQUENCE) return 'it does not start with a SEQUENCE';
  if (top.end !== buf.length) return afterEnd(buf.length - top.end, 'structure');
  const kids = children(buf, top);
  if (typeof kids === 'string') return kids;
  if (kids.length !== 2 || kids[0].tag !== SEQUENCE || kids[1].tag !== BIT_STRING) {
    return 'it is not SEQUENCE { AlgorithmIdentifier, BIT STRING }';
  }
  return undefined;
}

const afterEnd = (n: number, what: string): string => `${n} byte${n === 1 ? '' : 's'} after the end of the ${what}`;

/** Checks the outer shape of a certificate: SEQUENCE { SEQUENCE tbsCertificate, SEQUENCE
 *  signatureAlgorithm, BIT STRING signature } covering the whole buffer (a parser such as
 *  Node's X509Certificate ignores bytes after it). Undefined when it has that shape, else why not. */
export function certShapeError(buf: Uint8Array): string | undefined {
  const top = readTlv(buf, 0);
  if (typeof top === 'string') return top;
  if (top.tag !== SEQUENCE) return 'it does not start with a SEQUENCE';
  if (top.end !== buf.length) return afterEnd(buf.length - top.end, 'certificate');
  const kids = children(buf, top);
  if (typeof kids === 'string') return kids;
  if (kids.length === 2 && kids[0].tag === SEQUENCE && kids[1].tag === BIT_STRING) return 'it is a SubjectPublicKeyInfo, which is selector 1 (SPKI)';
  if (kids.length !== 3 || kids[0].tag !== SEQUENCE || kids[1].tag !== SEQUENCE || kids[2].tag !== BIT_STRING) {
    return 'it is not SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }';
  }
  return undefined;
}

/** The SubjectPublicKeyInfo bytes of a DER certificate, exactly as encoded in it
 *  (Certificate -> tbsCertificate -> 7th field, or 6th without the [0] version). */
export function certSpki(der: Uint8Array): Uint8Array | string {
  const top = readTlv(der, 0);
  if (typeof top === 'string') return top;
  if (top.tag !== SEQUENCE) return 'certificate does not start with a SEQUENCE';
  const kids = children(der, top);
  if (typeof kids === 'string') return kids;
  if (kids.length !== 3 || kids[0].tag !== SEQUENCE) return 'is not a Certificate (tbsCertificate, algorithm, signature)';
  const tbs = children(der, kids[0]);
  if (typeof tbs === 'string') return tbs;
  // version [0] EXPLICIT is optional (absent = v1)
  const idx = tbs[0]?.tag === 0xa0 ? 6 : 5;
  const spki = tbs[idx];
  if (!spki || spki.tag !== SEQUENCE) return 'tbsCertificate has no SubjectPublicKeyInfo';
  return der.subarray(spki.start, spki.end);
}

/** The SubjectPublicKeyInfo bytes of a DER PKCS#10 certificate request (RFC 2986 §4:
 *  CertificationRequest -> certificationRequestInfo -> its 3rd field), exactly as encoded. */
export function csrSpki(der: Uint8Array): Uint8Array | string {
  const top = readTlv(der, 0);
  if (typeof top === 'string') return top;
  if (top.tag !== SEQUENCE || top.end !== der.length) return 'is not one DER SEQUENCE';
  const kids = children(der, top);
  if (typeof kids === 'string') return kids;
  if (kids.length !== 3 || kids[0].tag !== SEQUENCE) return 'is not a CertificationRequest (info, algorithm, signature)';
  const info = children(der, kids[0]);
  if (typeof info === 'string') return info;
  // version INTEGER, subject Name, subjectPKInfo, attributes [0]
  const spki = info[2];
  if (info.length !== 4 || info[0].tag !== 0x02 || spki.tag !== SEQUENCE || info[3].tag !== 0xa0) {
    return 'certificationRequestInfo is not (version, subject, subjectPKInfo, attributes)';
  }
  const bytes = der.subarray(spki.start, spki.end);
  const shape = spkiShapeError(bytes);
  return shape ? `its subjectPKInfo is no SubjectPublicKeyInfo (${shape})` : bytes;
}

const OID_CN = '550403'; // 2.5.4.3
const OID_EXTENSION_REQUEST = '2a864886f70d01090e'; // 1.2.840.113549.1.9.14 (PKCS#9)
const OID_SUBJECT_ALT_NAME = '551d11'; // 2.5.29.17
const latin1 = (buf: Uint8Array, t: Tlv): string => Buffer.from(buf.subarray(t.contentStart, t.end)).toString('latin1');

/** The children of `t` with the tag given (any tag: -1); none when it is malformed. */
function kidsOf(buf: Uint8Array, t: Tlv, tag: number): Tlv[] {
  const k = children(buf, t);
  return typeof k === 'string' ? [] : k.filter((c) => tag < 0 || c.tag === tag);
}

/** The names a DER PKCS#10 certificate request asks for (RFC 2986 §4.1): the DNS names of its
 *  requested subjectAltName extension (RFC 2985 §5.4.2), then its subject's CNs. Empty when it
 *  names none or is malformed (its key is read by csrSpki, which says what is wrong). */
export function csrNames(der: Uint8Array): { dns: string[]; cn: string[] } {
  const out = { dns: [] as string[], cn: [] as string[] };
  const top = readTlv(der, 0);
  if (typeof top === 'string') return out;
  const info = kidsOf(der, top, -1)[0];
  const fields = info ? kidsOf(der, info, -1) : [];
  if (fields.length !== 4) return out;
  for (const rdn of kidsOf(der, fields[1], 0x31)) {
    for (const atv of kidsOf(der, rdn, SEQUENCE)) {
      const [oid, value] = kidsOf(der, atv, -1);
      if (oid?.tag === 0x06 && value && hex(der, oid) === OID_CN) out.cn.push(latin1(der, value));
    }
  }
  for (const attr of kidsOf(der, fields[3], SEQUENCE)) {
    const [oid, values] = kidsOf(der, attr, -1);
    if (oid?.tag !== 0x06 || hex(der, oid) !== OID_EXTENSION_REQUEST || !values) continue;
    for (const exts of kidsOf(der, values, SEQUENCE)) {
      for (const ext of kidsOf(der, exts, SEQUENCE)) {
        const parts = kidsOf(der, ext, -1);
        const value = parts[parts.length - 1];
        if (parts[0]?.tag !== 0x06 || hex(der, parts[0]) !== OID_SUBJECT_ALT_NAME || value?.tag !== 0x04) continue;
        const names = readTlv(der, value.contentStart);
        if (typeof names === 'string' || names.tag !== SEQUENCE) continue;
        for (const gn of kidsOf(der, names, 0x82)) out.dns.push(latin1(der, gn));
      }
    }
  }
  return out;
}

const OID_BASIC_CONSTRAINTS = '551d13'; // 2.5.29.19
const OID_KEY_USAGE = '551d0f'; // 2.5.29.15
const hex = (buf: Uint8Array, t: Tlv): string => Buffer.from(buf.subarray(t.contentStart, t.end)).toString('hex');

/** What a certificate says about issuing others (RFC 5280 §4.2.1.3, §4.2.1.9): basicConstraints
 *  (absent = undefined), its pathLenConstraint, keyUsage (absent = undefined) and the version. */
export interface CaFacts { v1: boolean; basicCa?: boolean; pathLen?: number; keyCertSign?: boolean }

export function caFacts(der: Uint8Array): CaFacts | string {
  const top = readTlv(der, 0);
  if (typeof top === 'string') return top;
  const kids = children(der, top);
  if (typeof kids === 'string') return kids;
  if (kids.length !== 3 || kids[0].tag !== SEQUENCE) return 'is not a Certificate';
  const tbs = children(der, kids[0]);
  if (typeof tbs === 'string') return tbs;
  const out: CaFacts = { v1: tbs[0]?.tag !== 0xa0 };
  const extsWrap = tbs.find((t) => t.tag === 0xa3);
  if (!extsWrap) return out;
  const seq = children(der, extsWrap);
  if (typeof seq === 'string') return seq;
  if (seq.length !== 1 || seq[0].tag !== SEQUENCE) return 'malformed extensions';
  const exts = children(der, seq[0]);
  if (typeof exts === 'string') return exts;
  for (const e of exts) {
    const f = children(der, e);
    if (typeof f === 'string') return f;
    if (f.length < 2 || f[0].tag !== 0x06) return 'malformed extension';
    const oid = hex(der, f[0]);
    const value = f[f.length - 1];
    if (value.tag !== 0x04) return 'malformed extension value';
    const inner = readTlv(der, value.contentStart);
    if (typeof inner === 'string') return inner;
    if (oid === OID_BASIC_CONSTRAINTS) {
      if (inner.tag !== SEQUENCE) return 'malformed basicConstraints';
      const bc = children(der, inner);
      if (typeof bc === 'string') return bc;
      out.basicCa = false;
      for (const b of bc) {
        if (b.tag === 0x01) out.basicCa = der[b.contentStart] !== 0;
        else if (b.tag === 0x02) {
          let n = 0;
          for (let i = b.contentStart; i < b.end; i++) n = n * 256 + der[i];
          out.pathLen = n;
        }
      }
    } else if (oid === OID_KEY_USAGE) {
      if (inner.tag !== BIT_STRING) return 'malformed keyUsage';
      // first content byte = unused bits; keyCertSign is bit 5 of the first byte
      out.keyCertSign = inner.end - inner.contentStart > 1 && (der[inner.contentStart + 1] & 0x04) !== 0;
    }
  }
  return out;
}
