// DKIM key record at `<selector>._domainkey.<domain>` (RFC 6376 §3.6.1): `v=DKIM1; k=rsa; p=…`.
// What a verifier does with it: v= optional but first and DKIM1, p= required (empty: revoked),
// k= rsa (default) or ed25519 (RFC 8463), the key itself usable (RSA of 1024 bits or more,
// RFC 8301 §3.2; Ed25519 as its bare 32 octets, RFC 8463 §4.2), h= and s= leaving it usable for
// mail (no SHA-1 only, RFC 8301 §3.1). The key is read with a small DER walker, not a crypto
// library: a zone holds thousands of these. Pure.
import { readTlv, spkiShapeError, type Tlv } from '../cert/der';
import { endsInEscape } from '../zone/names';
import { duplicateTags, tagList, type PolicyProblem, type PolicyTerm, type Tag } from './policy-types';

/** True for the owner of a DKIM key record: a selector below a `_domainkey` label. A selector is
 *  a host-like name (RFC 6376 §3.1), so `_adsp._domainkey` (RFC 5617) and `_report._domainkey`
 *  (RFC 6651) hold other records; an escaped dot (`sel\._domainkey`) ends no label. */
export function isDkimKeyName(ownerKey: string): boolean {
  if (ownerKey.charCodeAt(0) === 95) return false; // '_'
  for (let at = ownerKey.indexOf('._domainkey.'); at > 0; at = ownerKey.indexOf('._domainkey.', at + 1)) {
    if (!endsInEscape(ownerKey, at)) return true;
  }
  return false;
}

/** The public key a record's p= holds, as far as a verifier needs to know it. */
export type DkimKey =
  | { type: 'rsa'; bits: number; form: 'spki' | 'pkcs1' }
  | { type: 'ed25519' }
  | { type: 'revoked' };

export interface ParsedDkim {
  kind: 'dkim';
  terms: PolicyTerm[];
  problems: PolicyProblem[];
  /** the key, when p= holds one a verifier can use */
  key?: DkimKey;
}

const RFC = 'RFC 6376 §3.6.1';
const RSA_OID = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]; // 1.2.840.113549.1.1.1
const ED25519_OID = [0x2b, 0x65, 0x70]; // 1.3.101.112
/** The SubjectPublicKeyInfo header of an Ed25519 key, before its 32 octets (RFC 8410 §4). */
const ED25519_SPKI_HEAD = '302a300506032b6570032100';

const EXPLAIN: Record<string, string> = {
  v: '**v** — version; `DKIM1` when present, and then the first tag.',
  k: '**k** — key type: `rsa` (the default) or `ed25519` (RFC 8463).',
  p: '**p** — the public key, base64; empty when the key is revoked.',
  h: '**h** — hash algorithms the key may be used with (`sha256`; `sha1` is no longer accepted, RFC 8301 §3.1); absent: any.',
  s: '**s** — service types: `email` or `*` (the default).',
  t: '**t** — flags: `y` testing (verifiers may treat failures as unsigned), `s` the signing domain must be exactly the i= domain.',
  n: '**n** — notes for people; verifiers ignore it.',
  g: '**g** — granularity (RFC 4871, removed by RFC 6376); verifiers ignore it.',
};

const isBase64Char = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
const isFws = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 10;
const hasFws = (s: string): boolean => s.indexOf(' ') >= 0 || s.indexOf('\t') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;

/** The octets of a base64 value that may hold folding white space (RFC 6376 §2.4, §3.6.1),
 *  or where it stops being base64. Decoded by Node, and read character by character only when
 *  that gives fewer octets than the characters make (a loop over each key of a zone took 2-7 µs). */
function base64Octets(value: string): { octets: Buffer; padding?: string } | { at: number; why: string } {
  const compact = hasFws(value) ? value.replace(/[ \t\r\n]+/g, '') : value;
  const octets = Buffer.from(compact, 'base64');
  // it skips or stops at what is not base64 (and reads base64url's - and _): fewer octets
  const pad = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  if (compact.length % 4 === 0 && octets.length === (compact.length / 4) * 3 - pad && compact.indexOf('-') < 0 && compact.indexOf('_') < 0) return { octets };
  return base64Problem(value, compact, octets);
}

/** Why a value Node's decoder did not take whole is no base64; or its octets, when only the
 *  unused bits of its last character are set (decoders ignore them), or only its '=' padding is
 *  missing (`padding`: strict decoders refuse it; a key cut short reads as one then). */
function base64Problem(value: string, compact: string, octets: Buffer): { octets: Buffer; padding?: string } | { at: number; why: string } {
  let pad = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (isFws(c)) continue;
    if (c === 61 && pad < 2) pad++;
    else if (pad || !isBase64Char(c)) return { at: i, why: pad ? "characters after '='" : `'${value[i]}' is not a base64 character` };
  }
  if (compact.length % 4 === 0) return { octets };
  if (compact.length % 4 !== 1 && !pad) return { octets, padding: '='.repeat(4 - (compact.length % 4)) };
  return { at: value.length, why: `${compact.length - pad} base64 characters${pad ? ` and ${pad} '='` : ''} is not a whole number of octets: part of the key is missing (cut when it was split into strings?)` };
}

/** Bits of a DER INTEGER's value (a positive one: leading zero octets not counted). */
function integerBits(der: Uint8Array, t: Tlv): number {
  let i = t.contentStart;
  while (i < t.end && der[i] === 0) i++;
  if (i === t.end) return 0;
  return (t.end - i - 1) * 8 + (32 - Math.clz32(der[i]));
}

/** The modulus size of the DER RSAPublicKey (RFC 8017 §A.1.1) at `der[from, to)`, or why it is
 *  none. Walked by offsets: a zone's keys are read one after the other (no arrays, no copies). */
function rsaPublicKeyBits(der: Uint8Array, from: number, to: number): number | string {
  const top = readTlv(der, from);
  if (typeof top === 'string') return top;
  if (top.tag !== 0x30 || top.end !== to) return 'not one DER SEQUENCE';
  const n = readTlv(der, top.contentStart);
  const e = typeof n === 'string' ? n : readTlv(der, n.end);
  if (typeof e === 'string') return e;
  if (typeof n === 'string' || n.tag !== 0x02 || e.tag !== 0x02 || e.end !== top.end) return 'not SEQUENCE { modulus, exponent }';
  return integerBits(der, n);
}

/** True when the OID whose TLV is `t` is `oid` (its content octets). */
function isOid(der: Uint8Array, t: Tlv, oid: readonly number[]): boolean {
  if (t.tag !== 0x06 || t.end - t.contentStart !== oid.length) return false;
  for (let i = 0; i < oid.length; i++) if (der[t.contentStart + i] !== oid[i]) return false;
  return true;
}

/** The AlgorithmIdentifier and the key's BIT STRING of a SubjectPublicKeyInfo filling `der`. */
function spkiParts(der: Uint8Array): { oid: Tlv | undefined; key: Tlv } | undefined {
  const top = readTlv(der, 0);
  if (typeof top === 'string' || top.tag !== 0x30 || top.end !== der.length) return undefined;
  const alg = readTlv(der, top.contentStart);
  if (typeof alg === 'string' || alg.tag !== 0x30) return undefined;
  const key = readTlv(der, alg.end);
  if (typeof key === 'string' || key.tag !== 0x03 || key.end !== top.end) return undefined;
  const oid = readTlv(der, alg.contentStart);
  return { oid: typeof oid === 'string' || oid.end > alg.end ? undefined : oid, key };
}

/** What p= holds: an RSA or Ed25519 key in SubjectPublicKeyInfo form, a bare RSAPublicKey, or
 *  why it is neither. */
function readKey(der: Buffer): { type: 'rsa'; bits: number; form: 'spki' | 'pkcs1' } | { type: 'ed25519-spki' } | { type: 'other-spki' } | { error: string } {
  const spki = spkiParts(der);
  if (spki) {
    if (spki.oid && isOid(der, spki.oid, ED25519_OID)) return { type: 'ed25519-spki' };
    if (!spki.oid || !isOid(der, spki.oid, RSA_OID)) return { type: 'other-spki' };
    // past the BIT STRING's unused-bits octet
    const n = rsaPublicKeyBits(der, spki.key.contentStart + 1, spki.key.end);
    return typeof n === 'string' ? { error: `the RSAPublicKey inside its SubjectPublicKeyInfo frame: ${n}` } : { type: 'rsa', bits: n, form: 'spki' };
  }
  const pkcs1 = rsaPublicKeyBits(der, 0, der.length);
  if (typeof pkcs1 === 'number') return { type: 'rsa', bits: pkcs1, form: 'pkcs1' };
  return { error: spkiShapeError(der) ?? 'not a SubjectPublicKeyInfo' };
}

/** The first tag of that name (a repeated one is an error of its own). */
function tagNamed(tags: readonly Tag[], name: string): Tag | undefined {
  for (let i = 0; i < tags.length; i++) if (tags[i].name === name) return tags[i];
  return undefined;
}

/** Parses the text of a TXT record at a DKIM selector (its strings joined). `explain`: with each
 *  tag's explanation for a hover (the rule, over every key of a zone, goes without). */
export function parseDkim(text: string, explain = true): ParsedDkim {
  const problems: PolicyProblem[] = [];
  const terms: PolicyTerm[] = [];
  const tags = tagList(text, problems);
  duplicateTags(tags, problems, `: a repeated tag makes the whole record invalid (RFC 6376 §3.2), so verifiers fail every signature with this selector`, true);
  const err = (t: Tag, message: string, severity: PolicyProblem['severity'] = 'error', from = t.valueStart, to = t.end): void => {
    problems.push({ start: from, end: Math.max(to, from + 1), severity, message });
  };
  for (const t of tags) {
    const own = Object.hasOwn(EXPLAIN, t.name);
    if (explain) terms.push({ ...t, explain: own ? EXPLAIN[t.name] : `**${t.name}** — not a DKIM key tag; verifiers ignore it.` });
    if (own) continue;
    const known = Object.hasOwn(EXPLAIN, t.name.toLowerCase());
    if (known) {
      const lower = t.name.toLowerCase();
      // no fix beside a tag of that name: it would make a repeated tag of it
      const replace = tags.some((x) => x.name === lower) ? undefined : { title: `Write '${lower}='`, text: lower };
      problems.push({ start: t.start, end: t.start + t.name.length, severity: 'error', replace,
        message: `'${t.name}=': DKIM tag names are case-sensitive (RFC 6376 §3.2), so verifiers ignore this tag; write '${lower}='` });
    } else err(t, `unknown DKIM key tag '${t.name}' is ignored by verifiers`, 'warning', t.start, t.end);
  }
  const v = tagNamed(tags, 'v');
  if (v && v.value !== 'DKIM1') err(v, `v=${v.value}: must be DKIM1; verifiers discard a key record with another version (${RFC})`);
  else if (v && tags[0] !== v) err(v, `v=DKIM1 must be the first tag (${RFC}); some verifiers discard the record otherwise`, 'warning', v.start, v.end);
  const k = tagNamed(tags, 'k');
  const keyType = k ? k.value.toLowerCase() : 'rsa';
  if (k && keyType !== 'rsa' && keyType !== 'ed25519') err(k, `k=${k.value}: verifiers know rsa and ed25519 (RFC 8463) and ignore a key of another type (${RFC})`);
  const h = tagNamed(tags, 'h');
  if (h) {
    const hashes = h.value.split(':').map((x) => x.trim().toLowerCase());
    if (!hashes.includes('sha256')) {
      err(h, `h=${h.value}: ${hashes.includes('sha1') ? 'SHA-1 only, which verifiers no longer accept (RFC 8301 §3.1)' : 'no hash verifiers use'}: every signature with this key fails; write h=sha256 or leave h= out`);
    }
  }
  const s = tagNamed(tags, 's');
  if (s && !s.value.split(':').some((x) => ['*', 'email'].includes(x.trim().toLowerCase()))) {
    err(s, `s=${s.value}: the key is not for email (s=email or s=*, ${RFC}), so verifiers do not use it for mail`);
  }
  const t = tagNamed(tags, 't');
  if (t && t.value.split(':').some((x) => x.trim() === 'y')) {
    err(t, `t=y: the domain is testing DKIM; verifiers may treat failed signatures as unsigned (${RFC}): remove it once signing works`, 'info');
  }
  const p = tagNamed(tags, 'p');
  if (!p) {
    problems.push({ start: 0, end: Math.max(1, text.length), severity: 'error', message: `no p= tag: the public key is required (${RFC}); verifiers fail every signature with this selector` });
    return { kind: 'dkim', terms, problems };
  }
  if (p.value === '') {
    err(p, `p= is empty: the key is revoked (${RFC}); signatures with this selector fail. Remove the record once no mail is signed with it`, 'info', p.start, p.end);
    return { kind: 'dkim', terms, problems, key: { type: 'revoked' } };
  }
  const decoded = base64Octets(p.value);
  if ('why' in decoded) {
    err(p, `p= is not base64: ${decoded.why}; verifiers cannot read the key`, 'error', p.valueStart + Math.min(decoded.at, p.value.length - 1), p.end);
    return { kind: 'dkim', terms, problems };
  }
  const key = keyOf(p, k, keyType, decoded.octets, problems);
  if (key && decoded.padding) {
    // a key whole but for its '=': the fix appends it, an edit of the key's last character
    problems.push({ start: p.end - 1, end: p.end, severity: 'error', replace: { title: `Add the '${decoded.padding}' padding`, text: `${text[p.end - 1]}${decoded.padding}` },
      message: `p= ends without its '${decoded.padding}' padding (RFC 6376 §3.6.1 writes base64 whole), and strict decoders (dkimpy's among them) refuse the key without it` });
  }
  return { kind: 'dkim', terms, problems, key };
}

/** The key p= holds as a verifier reads it for `keyType` (k=), its problems added; undefined
 *  when a verifier cannot use it. */
function keyOf(p: Tag, k: Tag | undefined, keyType: string, octets: Buffer, problems: PolicyProblem[]): DkimKey | undefined {
  const err = (message: string, severity: PolicyProblem['severity'] = 'error'): void => {
    problems.push({ start: p.valueStart, end: Math.max(p.end, p.valueStart + 1), severity, message });
  };
  if (keyType === 'ed25519') {
    if (octets.length === 32) return { type: 'ed25519' };
    const spki = octets.length === 44 && octets.subarray(0, 12).toString('hex') === ED25519_SPKI_HEAD;
    if (spki) {
      const bare = octets.subarray(12).toString('base64');
      problems.push({ start: p.valueStart, end: p.end, severity: 'error', replace: { title: 'Publish the bare 32-octet key', text: bare },
        message: `p= holds the Ed25519 key in SubjectPublicKeyInfo form; RFC 8463 §4.2 publishes the bare 32-octet key, so verifiers reject this one: p=${bare}` });
    } else err(`p= holds ${octets.length} octets; an Ed25519 key is 32 (RFC 8463 §4.2), so verifiers cannot use it`);
    return undefined;
  }
  if (keyType !== 'rsa') return undefined; // k= itself is the error
  const key = readKey(octets);
  if ('error' in key) {
    const cut = /runs past|truncated/.test(key.error) ? ': part of it is missing (cut when it was split into strings?)' : '';
    err(`p= is not an RSA public key (${key.error}, ${octets.length} octets)${cut}; verifiers fail every signature with this selector`);
    return undefined;
  }
  const said = k ? `k=${k.value}` : 'no k=, which means rsa';
  if (key.type === 'ed25519-spki') {
    err(`p= holds an Ed25519 key, but the record says ${said}: write k=ed25519 and the bare 32-octet key, p=${octets.subarray(12).toString('base64')} (RFC 8463 §4.2)`);
    return undefined;
  }
  if (key.type === 'other-spki') {
    err(`p= holds a public key that is not RSA, but the record says ${said}: verifiers cannot use it`);
    return undefined;
  }
  if (key.bits < 1024) {
    err(`p= is a ${key.bits}-bit RSA key: verifiers reject keys under 1024 bits (RFC 8301 §3.2), so every signature with this selector fails; publish a 2048-bit key`);
    return undefined;
  }
  if (key.bits < 2048) {
    err(`p= is a ${key.bits}-bit RSA key: RFC 8301 §3.2 says signers should use 2048 bits or more, and some receivers score shorter keys down`, 'warning');
  } else if (key.bits > 4096) {
    err(`p= is a ${key.bits}-bit RSA key: verifiers must handle keys up to 4096 bits only (RFC 8301 §3.2), and some fail larger ones`, 'warning');
  }
  if (key.form === 'pkcs1') {
    err('p= holds a bare RSAPublicKey; verifiers such as OpenDKIM read only the SubjectPublicKeyInfo form that `openssl rsa -pubout` writes, and fail every signature with this selector', 'warning');
  }
  return key;
}
