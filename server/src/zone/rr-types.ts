// The RR type table: one row per type with its code, RFC, summary and fields.
// Parsing, `\#` checking, hover, completion, the README and the grammar (scripts/gen-grammar.mjs)
// all read this table. Adding a type = one row here (+ a field kind in field-kinds.ts if new);
// the other IANA mnemonics, meta types included, are in TYPES_WITHOUT_FIELDS below it.
import type { FieldKind } from './field-kinds';
import { isIpv4At, isIpv6At } from './ip-text';

export interface ValueDoc {
  value: number;
  /** RFC 7218 style acronym, e.g. DANE-EE */
  name: string;
  doc: string;
  /** a caution completion shows next to the value, e.g. that SMTP cannot use it */
  caution?: string;
  /** a zone file must give the number: BIND 9.18 and Knot 3.2 refuse this mnemonic */
  numberOnly?: boolean;
}

export interface FieldDef {
  name: string;
  kind: FieldKind;
  doc: string;
  /** named values of small fields (TLSA usage, DS digest type ...) */
  values?: readonly ValueDoc[];
  /** a flags field: its named bits as masks (hover lists the bits set) */
  bits?: readonly ValueDoc[];
  /** what completion offers where the field has no registry of `values` (common choices) */
  suggest?: readonly Suggestion[];
  /** a number of seconds that is not a zone-file TTL (RRSIG original TTL): hover humanises it */
  seconds?: boolean;
  /** values completion lists first, in this order, preselecting the first (TLSA: what SMTP can use) */
  rank?: readonly number[];
  /** completion snippet placeholder: a default value or a `|a,b|` choice (else the field name) */
  placeholder?: string;
}

/** A completion choice for a field without a numeric registry (CAA tags, common preferences). */
export interface Suggestion {
  text: string;
  name: string;
  doc: string;
}

export interface RRTypeDef {
  name: string;
  code: number;
  rfc: string;
  summary: string;
  fields: readonly FieldDef[];
  /** a check across fields once each parsed (a DS digest's length by its type): the field to blame and why */
  check?(values: readonly unknown[]): { field: number; message: string } | undefined;
  /** values that are valid but that servers or validators refuse or advise against (a DS digest
   *  type nobody knows): the record stands, and the parser reports this at the field under its
   *  own code (a parse-problem code, registry.ts) */
  note?(values: readonly unknown[]): FieldNote | undefined;
}

export interface FieldNote {
  field: number;
  code: string;
  severity: 'error' | 'warning';
  message: string;
}

// The DS digest type (IANA "DS RR Type Digest Algorithms", RFC 8624 §3.3, RFC 9904 §4): 0 is
// reserved and an unassigned number names no algorithm, so validators treat such a DS as absent
// (RFC 4035 §5.2) and Knot refuses the zone ("invalid algorithm in DS"): error. SHA-1 (1) and
// GOST R 34.11-94 (3) MUST NOT be used in new DS records: warning. Only DS: `CDS 0 0 0 00` is the
// delete signal (RFC 8078 §4). Checked while parsing: a rule would make a record of every DS
// row of a big zone (145 ms at 1M records).
function dsDigestNote(values: readonly unknown[]): FieldNote | undefined {
  const t = values[2];
  if (typeof t !== 'number' || t === 2 || t === 4 || t === 5 || t === 6) return undefined;
  const known = DS_DIGESTS.find((d) => d.value === t);
  if (!known) {
    return { field: 2, code: 'ds-digest-type', severity: 'error', message: `DS digest type ${t} ${t === 0 ? 'is reserved' : 'is not assigned'}: validators know no such digest and treat the DS as absent (RFC 4035 §5.2), and Knot refuses the zone; use 2 (SHA-256)` };
  }
  return { field: 2, code: 'ds-digest-type', severity: 'warning', message: `DS digest type ${t} (${known.name}) must not be used in new DS records (RFC 8624 §3.3); publish 2 (SHA-256) instead` };
}

// RFC 4034 §5.1.4, RFC 4509 §2.2, RFC 6605 §2: digest lengths of SHA-1, SHA-256 and SHA-384.
// BIND refuses other lengths for these types; it does not check GOST or unknown types.
const DS_DIGEST_OCTETS: Record<number, [number, string]> = { 1: [20, 'SHA-1'], 2: [32, 'SHA-256'], 4: [48, 'SHA-384'] };
function checkDsDigest(values: readonly unknown[]): { field: number; message: string } | undefined {
  const want = DS_DIGEST_OCTETS[values[2] as number];
  const hex = values[3];
  if (!want || typeof hex !== 'string' || hex.length === want[0] * 2) return undefined;
  return { field: 3, message: `digest: digest type ${values[2]} (${want[1]}) needs ${want[0]} octets (${want[0] * 2} hex digits); this one has ${hex.length / 2}` };
}

// RFC 4025 §2.3-2.6: the gateway is '.' for type 0, an address for 1 and 2, a name for 3; a
// public key is needed (BIND also wants one with algorithm 0, where the RFC allows none).
function checkIpseckey(values: readonly unknown[]): { field: number; message: string } | undefined {
  const [, type, algorithm, gw, key] = values as [number, number, number, string | undefined, string | undefined];
  if (gw === undefined) return undefined; // generic RDATA: the gateway is kept as bytes
  const want = ['"." (no gateway)', 'an IPv4 address', 'an IPv6 address', 'a domain name'][type];
  if (want === undefined) return { field: 1, message: `gatewayType: ${type} is not 0 (none), 1 (IPv4), 2 (IPv6) or 3 (domain name) (RFC 4025 §2.3)` };
  const ok = type === 0 ? gw === '.' : type === 1 ? isIpv4At(gw) : type === 2 ? isIpv6At(gw) : !isIpv4At(gw) && gw !== '.';
  if (!ok) return { field: 3, message: `gateway: gateway type ${type} needs ${want}, found '${gw}' (RFC 4025 §2.5)` };
  if (key === '') {
    return { field: 4, message: algorithm !== 0 ? `publicKey: algorithm ${algorithm} needs a public key (RFC 4025 §2.6)` : 'publicKey: missing: RFC 4025 §2.6 allows none with algorithm 0, but BIND 9.18 refuses the record without one (Knot loads it)' };
  }
  return undefined;
}

// RFC 4255 §3.1.2, RFC 6594 §4: SSHFP SHA-1 and SHA-256 fingerprints; BIND refuses other
// lengths for these types and does not check other types.
const SSHFP_OCTETS: Record<number, [number, string]> = { 1: [20, 'SHA-1'], 2: [32, 'SHA-256'] };
function checkSshfp(values: readonly unknown[]): { field: number; message: string } | undefined {
  const want = SSHFP_OCTETS[values[1] as number];
  const hex = values[2];
  if (!want || typeof hex !== 'string' || hex.length === want[0] * 2) return undefined;
  return { field: 2, message: `fingerprint: fingerprint type ${values[1]} (${want[1]}) needs ${want[0]} octets (${want[0] * 2} hex digits); this one has ${hex.length / 2}` };
}

// RFC 8976 §2.2.4: ZONEMD SHA-384 and SHA-512 digests; BIND refuses other lengths for these
// hash algorithms and does not check other algorithms.
const ZONEMD_OCTETS: Record<number, [number, string]> = { 1: [48, 'SHA-384'], 2: [64, 'SHA-512'] };
function checkZonemd(values: readonly unknown[]): { field: number; message: string } | undefined {
  const want = ZONEMD_OCTETS[values[2] as number];
  const hex = values[3];
  if (!want || typeof hex !== 'string' || hex.length === want[0] * 2) return undefined;
  return { field: 3, message: `digest: hash algorithm ${values[2]} (${want[1]}) needs ${want[0]} octets (${want[0] * 2} hex digits); this one has ${hex.length / 2}` };
}

// RFC 5155 §3.3, RFC 3174: hash algorithm 1 (SHA-1) gives 20 octets; BIND refuses other
// lengths ("out of range"). The value here is base32hex text: 8 characters per 5 octets.
function checkNsec3(values: readonly unknown[]): { field: number; message: string } | undefined {
  const next = values[4];
  if (values[0] !== 1 || typeof next !== 'string') return undefined;
  const octets = Math.floor((next.length * 5) / 8);
  if (octets === 20) return undefined;
  return { field: 4, message: `nextHashed: hash algorithm 1 (SHA-1) gives 20 octets (32 base32hex characters); this one has ${octets}` };
}

const f = (name: string, kind: FieldKind, doc: string, values?: ValueDoc[], more: Partial<FieldDef> = {}): FieldDef => ({ name, kind, doc, values, ...more });
const v = (value: number, name: string, doc: string, more: Partial<ValueDoc> = {}): ValueDoc => ({ value, name, doc, ...more });
const sg = (text: string, name: string, doc: string): Suggestion => ({ text, name, doc });

export const TLSA_USAGES: ValueDoc[] = [
  v(0, 'PKIX-TA', 'CA constraint: a public CA in the chain, validated with PKIX. Unusable for SMTP (RFC 7672 §3.1.3).', { caution: 'unusable for SMTP (RFC 7672 §3.1.3)' }),
  v(1, 'PKIX-EE', 'Service certificate constraint: the end-entity, also PKIX-validated. Unusable for SMTP (RFC 7672 §3.1.3).', { caution: 'unusable for SMTP (RFC 7672 §3.1.3)' }),
  v(2, 'DANE-TA', 'Trust anchor assertion: a CA (often your own) that issued the server chain; names and dates are checked (RFC 7672 §3.1.2).'),
  v(3, 'DANE-EE', 'Domain-issued certificate: the server key itself; no name or date checks (RFC 7672 §3.1.1). Recommended for SMTP.'),
  v(255, 'PrivCert', 'Reserved for private use.'),
];
// SMIMEA shares TLSA's format (RFC 8162 §2) but not its SMTP guidance (RFC 7672 is for SMTP).
export const SMIMEA_USAGES: ValueDoc[] = [
  v(0, 'PKIX-TA', 'CA constraint: a CA in the chain, validated with PKIX (RFC 6698 §2.1.1).'),
  v(1, 'PKIX-EE', 'Service certificate constraint: the end-entity certificate, also PKIX-validated (RFC 6698 §2.1.1).'),
  v(2, 'DANE-TA', 'Trust anchor assertion: a CA that issued the certificate, used as the trust anchor (RFC 6698 §2.1.1).'),
  v(3, 'DANE-EE', 'Domain-issued certificate: the end-entity certificate or key itself (RFC 6698 §2.1.1).'),
  v(255, 'PrivCert', 'Reserved for private use.'),
];
export const TLSA_SELECTORS: ValueDoc[] = [
  v(0, 'Cert', 'The full certificate (DER).'),
  v(1, 'SPKI', 'The SubjectPublicKeyInfo (DER): survives certificate renewal with the same key. Recommended.'),
  v(255, 'PrivSel', 'Reserved for private use.'),
];
export const TLSA_MATCHING: ValueDoc[] = [
  v(0, 'Full', 'The selected data itself, not hashed (discouraged, RFC 7671 §10.1.2).'),
  v(1, 'SHA2-256', 'SHA-256 digest (64 hex digits). Must be published (RFC 7672 §5).'),
  v(2, 'SHA2-512', 'SHA-512 digest (128 hex digits).'),
  v(255, 'PrivMatch', 'Reserved for private use.'),
];
// IANA "DNS Security Algorithm Numbers" (the mnemonics rr-codes.ts reads), with the signing and
// validation requirements of RFC 8624 §3.1 where it gives them. RFC 9904 obsoletes RFC 8624 and
// moved these requirements into the IANA registry unchanged (its §3 Table 2), adding 17 and 23.
export const DNSSEC_ALGORITHMS: ValueDoc[] = [
  v(1, 'RSAMD5', 'RSA/MD5 (RFC 3110), deprecated (RFC 6725): MUST NOT be used for signing or validation (RFC 8624 §3.1).'),
  v(2, 'DH', 'Diffie-Hellman (RFC 2539): a key-exchange key, not for zone signing.'),
  v(3, 'DSA', 'DSA/SHA-1 (RFC 2536): MUST NOT be used for signing or validation (RFC 8624 §3.1).'),
  v(5, 'RSASHA1', 'RSA/SHA-1 (RFC 3110): NOT RECOMMENDED for signing; validators MUST support it (RFC 8624 §3.1).'),
  v(6, 'DSA-NSEC3-SHA1', 'DSA/SHA-1 for NSEC3 zones (RFC 5155): MUST NOT be used for signing or validation (RFC 8624 §3.1).'),
  v(7, 'RSASHA1-NSEC3-SHA1', 'RSA/SHA-1 for NSEC3 zones (RFC 5155): NOT RECOMMENDED for signing; validators MUST support it (RFC 8624 §3.1).'),
  v(8, 'RSASHA256', 'RSA/SHA-256 (RFC 5702): MUST be supported for signing and validation (RFC 8624 §3.1).'),
  v(10, 'RSASHA512', 'RSA/SHA-512 (RFC 5702): NOT RECOMMENDED for signing; validators MUST support it (RFC 8624 §3.1).'),
  v(12, 'ECC-GOST', 'GOST R 34.10-2001 (RFC 5933): MUST NOT be used for signing; validators MAY support it (RFC 8624 §3.1).'),
  v(13, 'ECDSAP256SHA256', 'ECDSA P-256 with SHA-256 (RFC 6605): MUST be supported for signing and validation (RFC 8624 §3.1). Recommended.'),
  v(14, 'ECDSAP384SHA384', 'ECDSA P-384 with SHA-384 (RFC 6605): MAY be used for signing; validation RECOMMENDED (RFC 8624 §3.1).'),
  v(15, 'ED25519', 'Ed25519 (RFC 8080): RECOMMENDED for signing and validation (RFC 8624 §3.1).'),
  v(16, 'ED448', 'Ed448 (RFC 8080): MAY be used for signing; validation RECOMMENDED (RFC 8624 §3.1).'),
  v(17, 'SM2SM3', 'SM2 signatures with SM3 hashing (RFC 9563, Informational): MAY be used and implemented for signing and validation (RFC 9904 §3). Written as 17: BIND 9.18 and Knot 3.2 do not read the mnemonic.', { numberOnly: true }),
  v(23, 'ECC-GOST12', 'GOST R 34.10-2012 (RFC 9558, Informational): MAY be used and implemented for signing and validation (RFC 9904 §3). Written as 23: BIND 9.18 and Knot 3.2 do not read the mnemonic.', { numberOnly: true }),
  v(252, 'INDIRECT', 'Reserved for indirect keys (RFC 4034 Appendix A.1): not for zone signing.'),
  v(253, 'PRIVATEDNS', 'Private algorithm, named by a domain name at the start of the key or signature (RFC 4034 Appendix A.1.1).'),
  v(254, 'PRIVATEOID', 'Private algorithm, named by an OID at the start of the key or signature (RFC 4034 Appendix A.1.1).'),
];
// RFC 4398 §2.1: CERT's algorithm field is DNSSEC's, except that 0 means the algorithm is unknown.
export const CERT_ALGORITHMS: ValueDoc[] = [
  v(0, 'unknown', 'The algorithm is unknown to DNSSEC, perhaps not standardised for it (RFC 4398 §2.1).'),
  ...DNSSEC_ALGORITHMS,
];
// IANA "DS RR Type Digest Algorithms", requirements from RFC 8624 §3.3 (for 5 and 6, which it
// predates: RFC 9904 §4 Table 3).
export const DS_DIGESTS: ValueDoc[] = [
  v(1, 'SHA-1', 'SHA-1 (40 hex digits, RFC 4034): MUST NOT be used in new DS records; validators MUST support it (RFC 8624 §3.3).'),
  v(2, 'SHA-256', 'SHA-256 (64 hex digits, RFC 4509): MUST be supported (RFC 8624 §3.3). Recommended.'),
  v(3, 'GOST R 34.11-94', 'GOST R 34.11-94 (64 hex digits, RFC 5933): MUST NOT be used in new DS records; validators MAY support it (RFC 8624 §3.3).'),
  v(4, 'SHA-384', 'SHA-384 (96 hex digits, RFC 6605): MAY be used; validation RECOMMENDED (RFC 8624 §3.3).'),
  v(5, 'GOST R 34.11-2012', 'GOST R 34.11-2012 (RFC 9558, Informational): MAY be used and implemented for delegation and validation (RFC 9904 §4).'),
  v(6, 'SM3', 'SM3 (RFC 9563, Informational): MAY be used and implemented for delegation and validation (RFC 9904 §4).'),
];
// IANA "Certificate Types" as RFC 4398 §2.1 assigns them.
export const CERT_TYPE_VALUES: ValueDoc[] = [
  v(1, 'PKIX', 'X.509 as per PKIX (RFC 4398 §2.1).'),
  v(2, 'SPKI', 'SPKI certificate (RFC 4398 §2.1).'),
  v(3, 'PGP', 'OpenPGP packet (RFC 4398 §2.1).'),
  v(4, 'IPKIX', 'The URL of an X.509 data object (RFC 4398 §2.1).'),
  v(5, 'ISPKI', 'The URL of an SPKI certificate (RFC 4398 §2.1).'),
  v(6, 'IPGP', 'The fingerprint and URL of an OpenPGP packet (RFC 4398 §2.1).'),
  v(7, 'ACPKIX', 'Attribute Certificate (RFC 4398 §2.1).'),
  v(8, 'IACPKIX', 'The URL of an Attribute Certificate (RFC 4398 §2.1).'),
  v(253, 'URI', 'URI private (RFC 4398 §2.1).'),
  v(254, 'OID', 'OID private (RFC 4398 §2.1).'),
];
// RFC 4034 §2.1.1 (Zone Key, SEP), RFC 5011 §7 (REVOKE).
export const DNSKEY_FLAG_BITS: ValueDoc[] = [
  v(256, 'Zone Key', 'bit 7: a DNSSEC zone key (RFC 4034 §2.1.1)'),
  v(128, 'REVOKE', 'bit 8: the key is revoked as a trust anchor (RFC 5011 §7)'),
  v(1, 'SEP', 'bit 15: Secure Entry Point, by convention a key-signing key (RFC 4034 §2.1.1)'),
];
const DNSKEY_FLAG_CHOICES = [
  sg('256', 'ZSK', 'Zone-signing key: Zone Key bit (RFC 4034 §2.1.1).'),
  sg('257', 'KSK', 'Key-signing key: Zone Key and SEP bits (RFC 4034 §2.1.1).'),
];
// IANA "DNSSEC NSEC3 Hash Algorithms" (RFC 5155 §11).
const NSEC3_HASHES: ValueDoc[] = [v(1, 'SHA-1', 'SHA-1 (RFC 5155 §11), the only NSEC3 hash algorithm.')];
export const SSHFP_ALGORITHMS: ValueDoc[] = [
  v(1, 'RSA', 'RSA key (RFC 4255).'), v(2, 'DSA', 'DSA key (RFC 4255).'), v(3, 'ECDSA', 'ECDSA key (RFC 6594).'),
  v(4, 'Ed25519', 'Ed25519 key (RFC 7479).'), v(6, 'Ed448', 'Ed448 key (RFC 8709).'),
];
export const SSHFP_TYPES: ValueDoc[] = [
  v(1, 'SHA-1', 'SHA-1 fingerprint (40 hex digits).'), v(2, 'SHA-256', 'SHA-256 fingerprint (64 hex digits). Recommended.'),
];

const tlsaFields = [
  f('usage', 'u8', 'Certificate usage: which certificate of the chain the data names, and how it is validated.', TLSA_USAGES, { placeholder: '|3,2|', rank: [3, 2] }),
  f('selector', 'u8', 'Selector: which part of the certificate is matched.', TLSA_SELECTORS, { placeholder: '|1,0|', rank: [1, 0] }),
  f('matchingType', 'u8', 'Matching type: how the selected data is presented.', TLSA_MATCHING, { placeholder: '|1,2,0|', rank: [1, 2, 0] }),
  f('data', 'hex-rest', 'Certificate association data, hexadecimal (white space allowed).', undefined, { placeholder: 'digest' }),
];
// SMIMEA: TLSA's fields with neutral value docs (RFC 8162 §2; the SMTP advice of RFC 7672 does not apply).
const smimeaFields = [
  f('usage', 'u8', 'Certificate usage: which certificate of the chain the data names, and how it is validated.', SMIMEA_USAGES, { placeholder: '|3,2|' }),
  f('selector', 'u8', 'Selector: which part of the certificate is matched.', [v(0, 'Cert', 'The full certificate (DER).'), v(1, 'SPKI', 'The SubjectPublicKeyInfo (DER).'), v(255, 'PrivSel', 'Reserved for private use.')], { placeholder: '|0,1|' }),
  f('matchingType', 'u8', 'Matching type: how the selected data is presented.', [v(0, 'Full', 'The selected data itself, not hashed.'), v(1, 'SHA2-256', 'SHA-256 digest (64 hex digits).'), v(2, 'SHA2-512', 'SHA-512 digest (128 hex digits).'), v(255, 'PrivMatch', 'Reserved for private use.')], { placeholder: '|1,2,0|' }),
  f('data', 'hex-rest', 'Certificate association data, hexadecimal (white space allowed).', undefined, { placeholder: 'digest' }),
];
const dsFields = [
  f('keyTag', 'u16', 'Key tag of the DNSKEY this DS points to.'),
  f('algorithm', 'algorithm', 'DNSSEC algorithm of that DNSKEY.', DNSSEC_ALGORITHMS),
  f('digestType', 'u8', 'Digest algorithm.', DS_DIGESTS, { placeholder: '|2,4|' }),
  f('digest', 'hex-rest', 'Digest of the DNSKEY, hexadecimal.'),
];
const dnskeyFields = [
  f('flags', 'u16', 'Flags: 256 = zone-signing key, 257 = key-signing key (SEP bit).', undefined, { bits: DNSKEY_FLAG_BITS, suggest: DNSKEY_FLAG_CHOICES, placeholder: '|257,256|' }),
  f('protocol', 'u8', 'Protocol: always 3 (RFC 4034 §2.1.2).', undefined, { placeholder: '3' }),
  f('algorithm', 'algorithm', 'DNSSEC algorithm.', DNSSEC_ALGORITHMS),
  f('publicKey', 'base64-rest', 'Public key, base64.'),
];
const svcbFields = [
  f('priority', 'u16', 'SvcPriority: 0 = alias mode, otherwise service mode (lower is preferred).'),
  f('target', 'name', 'TargetName (. = the owner itself in service mode).'),
  f('params', 'svc-params', 'SvcParams: key=value pairs (alpn, port, ipv4hint, ipv6hint, ech, mandatory, ...).'),
];

const CAA_TAGS = [
  sg('issue', 'issue', 'CAs that may issue certificates for this name (RFC 8659 §4.2).'),
  sg('issuewild', 'issuewild', 'CAs that may issue wildcard certificates for this name (RFC 8659 §4.3).'),
  sg('iodef', 'iodef', 'Where CAs report requests that violate the policy (RFC 8659 §4.4).'),
  sg('issuemail', 'issuemail', 'CAs that may issue S/MIME certificates for addresses at this name (RFC 9495).'),
  sg('issuevmc', 'issuevmc', 'CAs that may issue Verified Mark Certificates (BIMI; CA/B Forum VMC requirements).'),
];

export const RR_TYPES: readonly RRTypeDef[] = [
  { name: 'A', code: 1, rfc: 'RFC 1035 §3.4.1', summary: 'IPv4 address', fields: [f('address', 'ipv4', 'IPv4 address.')] },
  { name: 'NS', code: 2, rfc: 'RFC 1035 §3.3.11', summary: 'Authoritative name server', fields: [f('nsdname', 'name', 'Name server host name.')] },
  { name: 'CNAME', code: 5, rfc: 'RFC 1035 §3.3.1', summary: 'Canonical name (alias)', fields: [f('target', 'name', 'Canonical name the owner is an alias for.')] },
  {
    name: 'SOA', code: 6, rfc: 'RFC 1035 §3.3.13', summary: 'Start of authority',
    fields: [
      f('mname', 'name', 'Primary name server.'),
      f('rname', 'name', 'Mailbox of the person responsible (the first dot is the @).'),
      f('serial', 'u32', 'Serial number: must increase on every change (often YYYYMMDDnn).'),
      f('refresh', 'ttl', 'Refresh: how often secondaries check the serial.'),
      f('retry', 'ttl', 'Retry: how long a secondary waits after a failed refresh.'),
      f('expire', 'ttl', 'Expire: when secondaries stop answering without a refresh.'),
      f('minimum', 'ttl', 'Negative-caching TTL (RFC 2308 §4).'),
    ],
  },
  { name: 'PTR', code: 12, rfc: 'RFC 1035 §3.3.12', summary: 'Domain name pointer', fields: [f('target', 'name', 'The name this address maps to.')] },
  { name: 'HINFO', code: 13, rfc: 'RFC 1035 §3.3.2', summary: 'Host information', fields: [f('cpu', 'text', 'CPU type.'), f('os', 'text', 'Operating system.')] },
  {
    name: 'MX', code: 15, rfc: 'RFC 1035 §3.3.9', summary: 'Mail exchange',
    fields: [
      f('preference', 'u16', 'Preference: lower values are tried first.', undefined, {
        placeholder: '10',
        suggest: [sg('10', 'first choice', 'A common preference for the main mail server (lower is tried first, RFC 5321 §5.1).'), sg('20', 'backup', 'A common preference for a backup mail server, tried after 10.')],
      }),
      f('exchange', 'name', 'Mail server host name ("." with preference 0 = null MX, RFC 7505).', undefined, { placeholder: 'mail' }),
    ],
  },
  { name: 'TXT', code: 16, rfc: 'RFC 1035 §3.3.14', summary: 'Text strings', fields: [f('strings', 'text-rest', 'One or more character-strings (each at most 255 octets).')] },
  {
    name: 'AAAA', code: 28, rfc: 'RFC 3596 §2.2', summary: 'IPv6 address', fields: [f('address', 'ipv6', 'IPv6 address.')],
  },
  {
    name: 'LOC', code: 29, rfc: 'RFC 1876 §3', summary: 'Location', fields: [f('location', 'loc', 'Latitude, longitude, altitude, size and precision.')],
  },
  {
    name: 'SRV', code: 33, rfc: 'RFC 2782', summary: 'Service locator',
    fields: [
      f('priority', 'u16', 'Priority: lower values are tried first.'),
      f('weight', 'u16', 'Weight among records of the same priority.'),
      f('port', 'u16', 'TCP or UDP port of the service.'),
      f('target', 'name', 'Host providing the service ("." = not available).'),
    ],
  },
  {
    name: 'NAPTR', code: 35, rfc: 'RFC 3403 §4.1', summary: 'Naming authority pointer',
    fields: [
      f('order', 'u16', 'Order: lower first.'), f('preference', 'u16', 'Preference among equal order.'),
      f('flags', 'text', 'Flags (S, A, U, P).'), f('services', 'text', 'Service parameters.'),
      f('regexp', 'naptr-regexp', 'Substitution expression.'), f('replacement', 'name', 'Replacement name.'),
    ],
  },
  {
    name: 'CERT', code: 37, rfc: 'RFC 4398 §2', summary: 'Certificate',
    fields: [
      f('certType', 'cert-type', 'Certificate type (PKIX, PGP, ...).', CERT_TYPE_VALUES), f('keyTag', 'u16', 'Key tag.'),
      f('algorithm', 'algorithm', 'Algorithm (0 = unknown, RFC 4398 §2.1).', CERT_ALGORITHMS), f('certificate', 'base64-rest', 'Certificate, base64.'),
    ],
  },
  // Types of older or narrower use that BIND 9.18 and Knot 3.2 load: an error for them would be a
  // false alarm on a zone that serves.
  {
    name: 'MINFO', code: 14, rfc: 'RFC 1035 §3.3.7', summary: 'Mailbox or mail list information',
    fields: [f('rmailbx', 'name', 'Mailbox responsible for the mailing list or mailbox.'), f('emailbx', 'name', 'Mailbox to receive error messages.')],
  },
  {
    name: 'RP', code: 17, rfc: 'RFC 1183 §2.2', summary: 'Responsible person',
    fields: [f('mbox', 'name', 'Mailbox of the person, written as a name (hostmaster.example.com.); "." for none.'), f('txt', 'name', 'Name with TXT records about the person; "." for none.')],
  },
  {
    name: 'AFSDB', code: 18, rfc: 'RFC 1183 §1', summary: 'AFS database location',
    fields: [f('subtype', 'u16', 'Subtype: 1 AFS cell database server, 2 DCE authenticated name server.'), f('hostname', 'name', 'Host of the server.')],
  },
  {
    name: 'RT', code: 21, rfc: 'RFC 1183 §3.1', summary: 'Route through',
    fields: [f('preference', 'u16', 'Preference: lower values first.'), f('intermediate', 'name', 'Intermediate host.')],
  },
  {
    name: 'KX', code: 36, rfc: 'RFC 2230 §3', summary: 'Key exchanger',
    fields: [f('preference', 'u16', 'Preference: lower values first.'), f('exchanger', 'name', 'Key exchanger host.')],
  },
  {
    name: 'APL', code: 42, rfc: 'RFC 3123 §4', summary: 'Address prefix list',
    fields: [f('items', 'apl', 'Address prefixes, [!]afi:address/prefix (afi 1 IPv4, 2 IPv6; ! negates); none is allowed.')],
  },
  {
    name: 'IPSECKEY', code: 45, rfc: 'RFC 4025 §3', summary: 'IPsec keying material',
    fields: [
      f('precedence', 'u8', 'Precedence: lower values first.'),
      f('gatewayType', 'u8', 'Gateway type: 0 none, 1 IPv4, 2 IPv6, 3 domain name.'),
      f('algorithm', 'u8', 'Public key algorithm: 0 none, 1 DSA, 2 RSA, 3 ECDSA.'),
      f('gateway', 'gateway', 'Gateway: "." (type 0), an IPv4 or IPv6 address (1, 2) or a domain name (3).'),
      f('publicKey', 'base64-opt', 'Public key, base64 (may be absent).'),
    ],
    check: checkIpseckey,
  },
  { name: 'DHCID', code: 49, rfc: 'RFC 4701 §3', summary: 'DHCP client identifier', fields: [f('digest', 'base64-rest', 'Identifier type, digest type and digest, base64.')] },
  {
    name: 'CSYNC', code: 62, rfc: 'RFC 7477 §2.1', summary: 'Child-to-parent synchronisation',
    fields: [f('serial', 'u32', 'SOA serial of the child zone.'), f('flags', 'u16', 'Flags: 1 immediate, 2 soaminimum.'), f('types', 'type-bitmap', 'Types to copy to the parent.')],
  },
  { name: 'NID', code: 104, rfc: 'RFC 6742 §2.1', summary: 'ILNP node identifier', fields: [f('preference', 'u16', 'Preference: lower values first.'), f('nodeId', 'ilnp64', 'Node identifier, four groups of hex digits.')] },
  { name: 'L32', code: 105, rfc: 'RFC 6742 §2.2', summary: 'ILNP 32-bit locator', fields: [f('preference', 'u16', 'Preference: lower values first.'), f('locator32', 'ipv4', 'Locator, written as an IPv4 address.')] },
  { name: 'L64', code: 106, rfc: 'RFC 6742 §2.3', summary: 'ILNP 64-bit locator', fields: [f('preference', 'u16', 'Preference: lower values first.'), f('locator64', 'ilnp64', 'Locator, four groups of hex digits.')] },
  { name: 'LP', code: 107, rfc: 'RFC 6742 §2.4', summary: 'ILNP locator pointer', fields: [f('preference', 'u16', 'Preference: lower values first.'), f('fqdn', 'name', 'Name with the L32 or L64 records.')] },
  { name: 'EUI48', code: 108, rfc: 'RFC 7043 §3', summary: 'EUI-48 address', fields: [f('address', 'eui48', 'Six groups of two hex digits joined by "-".')] },
  { name: 'EUI64', code: 109, rfc: 'RFC 7043 §4', summary: 'EUI-64 address', fields: [f('address', 'eui64', 'Eight groups of two hex digits joined by "-".')] },
  { name: 'DNAME', code: 39, rfc: 'RFC 6672 §2.1', summary: 'Delegation name (subtree alias)', fields: [f('target', 'name', 'Name the subtree is mapped to.')] },
  { name: 'DS', code: 43, rfc: 'RFC 4034 §5', summary: 'Delegation signer', fields: dsFields, check: checkDsDigest, note: dsDigestNote },
  {
    name: 'SSHFP', code: 44, rfc: 'RFC 4255 §3', summary: 'SSH key fingerprint',
    fields: [
      f('algorithm', 'u8', 'Key algorithm.', SSHFP_ALGORITHMS), f('fpType', 'u8', 'Fingerprint type.', SSHFP_TYPES),
      f('fingerprint', 'hex-rest', 'Fingerprint, hexadecimal.'),
    ],
    check: checkSshfp,
  },
  {
    name: 'RRSIG', code: 46, rfc: 'RFC 4034 §3', summary: 'DNSSEC signature',
    fields: [
      f('typeCovered', 'type', 'Type of the RRset signed.'), f('algorithm', 'algorithm', 'Algorithm.', DNSSEC_ALGORITHMS),
      f('labels', 'u8', 'Number of labels in the owner.'), f('originalTtl', 'u32', 'TTL of the signed RRset.', undefined, { seconds: true }),
      f('expiration', 'time', 'Signature expiration: YYYYMMDDHHmmSS in UTC, or seconds since 1970 (RFC 4034 §3.2).'),
      f('inception', 'time', 'Signature inception: YYYYMMDDHHmmSS in UTC, or seconds since 1970 (RFC 4034 §3.2).'),
      f('keyTag', 'u16', 'Key tag of the signing key.'), f('signer', 'name', "Signer's name (the zone)."),
      f('signature', 'base64-rest', 'Signature, base64.'),
    ],
  },
  { name: 'NSEC', code: 47, rfc: 'RFC 4034 §4', summary: 'Next secure (authenticated denial)', fields: [f('next', 'name', 'Next owner name in canonical order.'), f('types', 'nsec-bitmap', 'Types present at the owner.')] },
  { name: 'DNSKEY', code: 48, rfc: 'RFC 4034 §2', summary: 'DNSSEC public key', fields: dnskeyFields },
  {
    name: 'NSEC3', code: 50, rfc: 'RFC 5155 §3', summary: 'Hashed next secure',
    fields: [
      f('hashAlgorithm', 'u8', 'Hash algorithm: 1 = SHA-1.', NSEC3_HASHES), f('flags', 'u8', 'Flags: 1 = opt-out.', undefined, { bits: [v(1, 'Opt-Out', 'bit 7: unsigned delegations may be left out of the chain (RFC 5155 §3.1.2.1)')] }),
      f('iterations', 'u16', 'Extra hash iterations (RFC 9276: use 0).'), f('salt', 'salt', "Salt, hex or '-' (RFC 9276: use '-')."),
      f('nextHashed', 'base32hex', 'Next hashed owner name, base32hex.'), f('types', 'type-bitmap', 'Types present at the original owner.'),
    ],
    check: checkNsec3,
  },
  {
    name: 'NSEC3PARAM', code: 51, rfc: 'RFC 5155 §4', summary: 'NSEC3 parameters',
    fields: [
      f('hashAlgorithm', 'u8', 'Hash algorithm: 1 = SHA-1.', NSEC3_HASHES, { placeholder: '1' }),
      f('flags', 'u8', 'Flags: 0 (the Opt-Out flag is not used here, RFC 5155 §4.1.2).', undefined, { placeholder: '0', suggest: [sg('0', 'no flags', 'NSEC3PARAM flags are 0; records with other flags are ignored (RFC 5155 §4.1.2).')] }),
      f('iterations', 'u16', 'Extra hash iterations (RFC 9276: use 0).', undefined, { placeholder: '0', suggest: [sg('0', 'no extra iterations', 'An iterations count of 0 MUST be used (RFC 9276 §3.1).')] }),
      f('salt', 'salt', "Salt, hex or '-'.", undefined, { placeholder: '-', suggest: [sg('-', 'no salt', "No salt (length 0): operators SHOULD NOT use a salt (RFC 9276 §3.1).")] }),
    ],
  },
  { name: 'TLSA', code: 52, rfc: 'RFC 6698 §2', summary: 'TLS certificate association (DANE)', fields: tlsaFields },
  { name: 'SMIMEA', code: 53, rfc: 'RFC 8162 §2', summary: 'S/MIME certificate association', fields: smimeaFields },
  { name: 'CDS', code: 59, rfc: 'RFC 7344 §3.1', summary: 'Child DS (for the parent to publish)', fields: dsFields, check: checkDsDigest },
  { name: 'CDNSKEY', code: 60, rfc: 'RFC 7344 §3.2', summary: 'Child DNSKEY (for the parent to publish)', fields: dnskeyFields },
  { name: 'OPENPGPKEY', code: 61, rfc: 'RFC 7929 §2', summary: 'OpenPGP public key', fields: [f('key', 'base64-rest', 'Transferable public key, base64.')] },
  {
    name: 'ZONEMD', code: 63, rfc: 'RFC 8976 §2', summary: 'Message digest of the zone',
    fields: [
      f('serial', 'u32', 'SOA serial the digest belongs to.'), f('scheme', 'u8', 'Scheme: 1 = SIMPLE.'),
      f('hashAlgorithm', 'u8', 'Hash: 1 = SHA-384, 2 = SHA-512.'), f('digest', 'hex-rest', 'Digest, hexadecimal.'),
    ],
    check: checkZonemd,
  },
  { name: 'SVCB', code: 64, rfc: 'RFC 9460 §2', summary: 'Service binding', fields: svcbFields },
  { name: 'HTTPS', code: 65, rfc: 'RFC 9460 §9', summary: 'HTTPS service binding', fields: svcbFields },
  { name: 'SPF', code: 99, rfc: 'RFC 7208 §3.1', summary: 'SPF (obsolete type: publish SPF as TXT)', fields: [f('strings', 'text-rest', 'SPF policy text.')] },
  {
    name: 'URI', code: 256, rfc: 'RFC 7553 §4', summary: 'Uniform resource identifier',
    fields: [f('priority', 'u16', 'Priority.'), f('weight', 'u16', 'Weight.'), f('target', 'uri', 'The URI, in double quotes (the rest of the RDATA: no 255-octet limit).')],
  },
  {
    name: 'CAA', code: 257, rfc: 'RFC 8659 §4', summary: 'Certification authority authorization',
    fields: [
      f('flags', 'u8', 'Flags: 128 = critical.', undefined, {
        placeholder: '0',
        bits: [v(128, 'Issuer Critical', 'bit 0: a CA that does not understand the tag MUST NOT issue (RFC 8659 §4.1)')],
        suggest: [sg('0', 'not critical', 'No flags (RFC 8659 §4.1).'), sg('128', 'critical', 'Issuer Critical: a CA that does not understand this property MUST NOT issue (RFC 8659 §4.1).')],
      }),
      f('tag', 'caa-tag', 'Property tag: issue, issuewild, iodef, issuemail, issuevmc.', undefined, { placeholder: '|issue,issuewild,iodef|', suggest: CAA_TAGS }),
      f('value', 'long-text', 'Property value (quoted; the rest of the RDATA: no 255-octet limit).'),
    ],
  },
];

/** A type known by its mnemonic and code only. */
export interface TypeWithoutFields {
  name: string;
  code: number;
  /** a question or meta type: it exists only in DNS messages, never as a record in a zone
   *  (RFC 6895 §3.1), so the parser refuses it */
  meta?: true;
  /** a meta type that an NSEC type bitmap may list by its mnemonic (NXNAME): the bitmap
   *  parser takes it, with what the hover says of it */
  inBitmap?: { rfc: string; summary: string };
}

// The other mnemonics of IANA's "Resource Record (RR) TYPEs": records of these types are read in
// the generic form only (`\# <length> <hex>`, RFC 3597 §5), as BIND reads any type it knows.
const named = (code: number, name: string): TypeWithoutFields => ({ name, code });
const meta = (code: number, name: string, inBitmap?: TypeWithoutFields['inBitmap']): TypeWithoutFields => ({ name, code, meta: true, ...(inBitmap && { inBitmap }) });
export const TYPES_WITHOUT_FIELDS: readonly TypeWithoutFields[] = [
  named(3, 'MD'), named(4, 'MF'), named(7, 'MB'), named(8, 'MG'), named(9, 'MR'), named(10, 'NULL'), named(11, 'WKS'),
  named(19, 'X25'), named(20, 'ISDN'), 
  named(22, 'NSAP'), named(23, 'NSAP-PTR'), named(24, 'SIG'), named(25, 'KEY'), named(26, 'PX'), named(27, 'GPOS'),
  named(30, 'NXT'), named(31, 'EID'), named(32, 'NIMLOC'), named(34, 'ATMA'), named(38, 'A6'),
  named(40, 'SINK'), meta(41, 'OPT'), named(55, 'HIP'),
  named(56, 'NINFO'), named(57, 'RKEY'), named(58, 'TALINK'), named(66, 'DSYNC'),
  named(100, 'UINFO'), named(101, 'UID'), named(102, 'GID'), named(103, 'UNSPEC'), 
  
  // Compact Denial of Existence: an online signer's NSEC for a name that does not exist lists
  // RRSIG NSEC NXNAME (RFC 9824 §3.1), the one pseudo-type a bitmap may hold (its update to RFC
  // 4034 §4.1.2); text copied from such answers carries the mnemonic
  meta(128, 'NXNAME', {
    rfc: 'RFC 9824 §2',
    summary: 'a meta type that stores no data: set only in the NSEC record an online signer makes for a name that does not exist (Compact Denial of Existence), which then answers NOERROR with this NSEC instead of NXDOMAIN. A zone\'s own NSEC records leave pseudo-type bits clear (RFC 4034 §4.1.2).',
  }),
  meta(249, 'TKEY'), meta(250, 'TSIG'), meta(251, 'IXFR'), meta(252, 'AXFR'), meta(253, 'MAILB'), meta(254, 'MAILA'), meta(255, 'ANY'),
  named(258, 'AVC'), named(259, 'DOA'), named(260, 'AMTRELAY'), named(261, 'RESINFO'), named(262, 'WALLET'),
  named(32768, 'TA'), named(32769, 'DLV'),
];

export const RR_TYPE_BY_CODE: ReadonlyMap<number, RRTypeDef> = new Map(RR_TYPES.map((t) => [t.code, t]));
/** Every mnemonic (upper case): the rows of RR_TYPES and TYPES_WITHOUT_FIELDS. */
export const TYPE_BY_MNEMONIC: ReadonlyMap<string, RRTypeDef | TypeWithoutFields> = new Map([...RR_TYPES, ...TYPES_WITHOUT_FIELDS].map((t) => [t.name, t]));
// a meta type's code has no mnemonic here: typeName(252) is TYPE252, which reads back as 252
const MNEMONIC_BY_CODE: ReadonlyMap<number, string> = new Map([...RR_TYPES, ...TYPES_WITHOUT_FIELDS.filter((t) => !t.meta)].map((t) => [t.code, t.name]));

/** The code of a type written as its mnemonic (any case) or as TYPEnnn, or undefined. A meta
 *  type's mnemonic is no record type (undefined); TYPEnnn reads any code from 0 to 65535. */
export function typeCodeOfText(text: string): number | undefined {
  const up = text.toUpperCase();
  const t = TYPE_BY_MNEMONIC.get(up);
  if (t) return 'meta' in t ? undefined : t.code;
  const m = /^TYPE([0-9]{1,5})$/.exec(up);
  return m && Number(m[1]) <= 65535 ? Number(m[1]) : undefined;
}

/** The question and meta types (TYPES_WITHOUT_FIELDS with `meta`) by code. */
export const META_TYPE_BY_CODE: ReadonlyMap<number, TypeWithoutFields> = new Map(TYPES_WITHOUT_FIELDS.filter((t) => t.meta).map((t) => [t.code, t]));

/** The meta type a type bitmap may list (NXNAME), by its mnemonic or TYPEnnn (any case). */
export function bitmapMetaType(text: string): TypeWithoutFields | undefined {
  const up = text.toUpperCase();
  const t = TYPE_BY_MNEMONIC.get(up) ?? META_TYPE_BY_CODE.get(typeCodeOfText(up) ?? -1);
  return t && 'inBitmap' in t && t.inBitmap ? t : undefined;
}

/** The table row for a mnemonic or TYPEnnn of a type with fields (case-insensitive). */
export function rrTypeByName(name: string): RRTypeDef | undefined {
  const code = typeCodeOfText(name);
  return code === undefined ? undefined : RR_TYPE_BY_CODE.get(code);
}

/** The mnemonic for a code (TYPEnnn when it has none, or names a meta type). */
export function typeName(code: number): string {
  return MNEMONIC_BY_CODE.get(code) ?? `TYPE${code}`;
}
