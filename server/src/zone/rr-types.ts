// The RR type table: one row per type with its code, RFC, summary and fields.
// Parsing, `\#` checking, hover, completion and the README all read this table.
// Adding a type = one row here (+ a field kind in field-kinds.ts if new).
import type { FieldKind } from './field-kinds';

export interface ValueDoc {
  value: number;
  /** RFC 7218 style acronym, e.g. DANE-EE */
  name: string;
  doc: string;
}

export interface FieldDef {
  name: string;
  kind: FieldKind;
  doc: string;
  /** named values of small fields (TLSA usage, DS digest type ...) */
  values?: readonly ValueDoc[];
}

export interface RRTypeDef {
  name: string;
  code: number;
  rfc: string;
  summary: string;
  fields: readonly FieldDef[];
  /** a check across fields once each parsed (a DS digest's length by its type): the field to blame and why */
  check?(values: readonly unknown[]): { field: number; message: string } | undefined;
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

// RFC 4255 §3.1.2, RFC 6594 §4: SSHFP SHA-1 and SHA-256 fingerprints; BIND refuses other
// lengths for these types and does not check other types.
const SSHFP_OCTETS: Record<number, [number, string]> = { 1: [20, 'SHA-1'], 2: [32, 'SHA-256'] };
function checkSshfp(values: readonly unknown[]): { field: number; message: string } | undefined {
  const want = SSHFP_OCTETS[values[1] as number];
  const hex = values[2];
  if (!want || typeof hex !== 'string' || hex.length === want[0] * 2) return undefined;
  return { field: 2, message: `fingerprint: fingerprint type ${values[1]} (${want[1]}) needs ${want[0]} octets (${want[0] * 2} hex digits); this one has ${hex.length / 2}` };
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

const f = (name: string, kind: FieldKind, doc: string, values?: ValueDoc[]): FieldDef => ({ name, kind, doc, values });
const v = (value: number, name: string, doc: string): ValueDoc => ({ value, name, doc });

export const TLSA_USAGES: ValueDoc[] = [
  v(0, 'PKIX-TA', 'CA constraint: a public CA in the chain, validated with PKIX. Unusable for SMTP (RFC 7672 §3.1.3).'),
  v(1, 'PKIX-EE', 'Service certificate constraint: the end-entity, also PKIX-validated. Unusable for SMTP (RFC 7672 §3.1.3).'),
  v(2, 'DANE-TA', 'Trust anchor assertion: a CA (often your own) that issued the server chain; names and dates are checked (RFC 7672 §3.1.2).'),
  v(3, 'DANE-EE', 'Domain-issued certificate: the server key itself; no name or date checks (RFC 7672 §3.1.1). Recommended for SMTP.'),
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
export const DNSSEC_ALGORITHMS: ValueDoc[] = [
  v(5, 'RSASHA1', 'RSA/SHA-1: must not be used for signing (RFC 8624).'),
  v(7, 'RSASHA1-NSEC3-SHA1', 'RSA/SHA-1 with NSEC3: must not be used for signing (RFC 8624).'),
  v(8, 'RSASHA256', 'RSA/SHA-256 (RFC 5702).'),
  v(10, 'RSASHA512', 'RSA/SHA-512 (RFC 5702).'),
  v(13, 'ECDSAP256SHA256', 'ECDSA P-256 with SHA-256 (RFC 6605). Recommended.'),
  v(14, 'ECDSAP384SHA384', 'ECDSA P-384 with SHA-384 (RFC 6605).'),
  v(15, 'ED25519', 'Ed25519 (RFC 8080).'),
  v(16, 'ED448', 'Ed448 (RFC 8080).'),
];
export const DS_DIGESTS: ValueDoc[] = [
  v(1, 'SHA-1', 'SHA-1 (40 hex digits): must not be used (RFC 8624).'),
  v(2, 'SHA-256', 'SHA-256 (64 hex digits, RFC 4509). Recommended.'),
  v(4, 'SHA-384', 'SHA-384 (96 hex digits, RFC 6605).'),
];
export const SSHFP_ALGORITHMS: ValueDoc[] = [
  v(1, 'RSA', 'RSA key (RFC 4255).'), v(2, 'DSA', 'DSA key (RFC 4255).'), v(3, 'ECDSA', 'ECDSA key (RFC 6594).'),
  v(4, 'Ed25519', 'Ed25519 key (RFC 7479).'), v(6, 'Ed448', 'Ed448 key (RFC 8709).'),
];
export const SSHFP_TYPES: ValueDoc[] = [
  v(1, 'SHA-1', 'SHA-1 fingerprint (40 hex digits).'), v(2, 'SHA-256', 'SHA-256 fingerprint (64 hex digits). Recommended.'),
];

const tlsaFields = [
  f('usage', 'u8', 'Certificate usage: which certificate of the chain the data names, and how it is validated.', TLSA_USAGES),
  f('selector', 'u8', 'Selector: which part of the certificate is matched.', TLSA_SELECTORS),
  f('matchingType', 'u8', 'Matching type: how the selected data is presented.', TLSA_MATCHING),
  f('data', 'hex-rest', 'Certificate association data, hexadecimal (white space allowed).'),
];
const dsFields = [
  f('keyTag', 'u16', 'Key tag of the DNSKEY this DS points to.'),
  f('algorithm', 'algorithm', 'DNSSEC algorithm of that DNSKEY.', DNSSEC_ALGORITHMS),
  f('digestType', 'u8', 'Digest algorithm.', DS_DIGESTS),
  f('digest', 'hex-rest', 'Digest of the DNSKEY, hexadecimal.'),
];
const dnskeyFields = [
  f('flags', 'u16', 'Flags: 256 = zone-signing key, 257 = key-signing key (SEP bit).'),
  f('protocol', 'u8', 'Protocol: always 3 (RFC 4034 §2.1.2).'),
  f('algorithm', 'algorithm', 'DNSSEC algorithm.', DNSSEC_ALGORITHMS),
  f('publicKey', 'base64-rest', 'Public key, base64.'),
];
const svcbFields = [
  f('priority', 'u16', 'SvcPriority: 0 = alias mode, otherwise service mode (lower is preferred).'),
  f('target', 'name', 'TargetName (. = the owner itself in service mode).'),
  f('params', 'svc-params', 'SvcParams: key=value pairs (alpn, port, ipv4hint, ipv6hint, ech, mandatory, ...).'),
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
  { name: 'HINFO', code: 13, rfc: 'RFC 8482 §4.2', summary: 'Host information', fields: [f('cpu', 'text', 'CPU type.'), f('os', 'text', 'Operating system.')] },
  {
    name: 'MX', code: 15, rfc: 'RFC 1035 §3.3.9', summary: 'Mail exchange',
    fields: [f('preference', 'u16', 'Preference: lower values are tried first.'), f('exchange', 'name', 'Mail server host name ("." with preference 0 = null MX, RFC 7505).')],
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
      f('certType', 'cert-type', 'Certificate type (PKIX, PGP, ...).'), f('keyTag', 'u16', 'Key tag.'),
      f('algorithm', 'algorithm', 'Algorithm.', DNSSEC_ALGORITHMS), f('certificate', 'base64-rest', 'Certificate, base64.'),
    ],
  },
  { name: 'DNAME', code: 39, rfc: 'RFC 6672 §2.1', summary: 'Delegation name (subtree alias)', fields: [f('target', 'name', 'Name the subtree is mapped to.')] },
  { name: 'DS', code: 43, rfc: 'RFC 4034 §5', summary: 'Delegation signer', fields: dsFields, check: checkDsDigest },
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
      f('labels', 'u8', 'Number of labels in the owner.'), f('originalTtl', 'u32', 'TTL of the signed RRset.'),
      f('expiration', 'time', 'Signature expiration (YYYYMMDDHHmmSS).'), f('inception', 'time', 'Signature inception (YYYYMMDDHHmmSS).'),
      f('keyTag', 'u16', 'Key tag of the signing key.'), f('signer', 'name', "Signer's name (the zone)."),
      f('signature', 'base64-rest', 'Signature, base64.'),
    ],
  },
  { name: 'NSEC', code: 47, rfc: 'RFC 4034 §4', summary: 'Next secure (authenticated denial)', fields: [f('next', 'name', 'Next owner name in canonical order.'), f('types', 'nsec-bitmap', 'Types present at the owner.')] },
  { name: 'DNSKEY', code: 48, rfc: 'RFC 4034 §2', summary: 'DNSSEC public key', fields: dnskeyFields },
  {
    name: 'NSEC3', code: 50, rfc: 'RFC 5155 §3', summary: 'Hashed next secure',
    fields: [
      f('hashAlgorithm', 'u8', 'Hash algorithm: 1 = SHA-1.'), f('flags', 'u8', 'Flags: 1 = opt-out.'),
      f('iterations', 'u16', 'Extra hash iterations (RFC 9276: use 0).'), f('salt', 'salt', "Salt, hex or '-' (RFC 9276: use '-')."),
      f('nextHashed', 'base32hex', 'Next hashed owner name, base32hex.'), f('types', 'type-bitmap', 'Types present at the original owner.'),
    ],
    check: checkNsec3,
  },
  {
    name: 'NSEC3PARAM', code: 51, rfc: 'RFC 5155 §4', summary: 'NSEC3 parameters',
    fields: [
      f('hashAlgorithm', 'u8', 'Hash algorithm: 1 = SHA-1.'), f('flags', 'u8', 'Flags: 0.'),
      f('iterations', 'u16', 'Extra hash iterations (RFC 9276: use 0).'), f('salt', 'salt', "Salt, hex or '-'."),
    ],
  },
  { name: 'TLSA', code: 52, rfc: 'RFC 6698 §2', summary: 'TLS certificate association (DANE)', fields: tlsaFields },
  { name: 'SMIMEA', code: 53, rfc: 'RFC 8162 §2', summary: 'S/MIME certificate association', fields: tlsaFields },
  { name: 'CDS', code: 59, rfc: 'RFC 7344 §3.1', summary: 'Child DS (for the parent to publish)', fields: dsFields, check: checkDsDigest },
  { name: 'CDNSKEY', code: 60, rfc: 'RFC 7344 §3.2', summary: 'Child DNSKEY (for the parent to publish)', fields: dnskeyFields },
  { name: 'OPENPGPKEY', code: 61, rfc: 'RFC 7929 §2', summary: 'OpenPGP public key', fields: [f('key', 'base64-rest', 'Transferable public key, base64.')] },
  {
    name: 'ZONEMD', code: 63, rfc: 'RFC 8976 §2', summary: 'Message digest of the zone',
    fields: [
      f('serial', 'u32', 'SOA serial the digest belongs to.'), f('scheme', 'u8', 'Scheme: 1 = SIMPLE.'),
      f('hashAlgorithm', 'u8', 'Hash: 1 = SHA-384, 2 = SHA-512.'), f('digest', 'hex-rest', 'Digest, hexadecimal.'),
    ],
  },
  { name: 'SVCB', code: 64, rfc: 'RFC 9460 §2', summary: 'Service binding', fields: svcbFields },
  { name: 'HTTPS', code: 65, rfc: 'RFC 9460 §9', summary: 'HTTPS service binding', fields: svcbFields },
  { name: 'SPF', code: 99, rfc: 'RFC 7208 §3.1', summary: 'SPF (obsolete type: publish SPF as TXT)', fields: [f('strings', 'text-rest', 'SPF policy text.')] },
  {
    name: 'URI', code: 256, rfc: 'RFC 7553 §4', summary: 'Uniform resource identifier',
    fields: [f('priority', 'u16', 'Priority.'), f('weight', 'u16', 'Weight.'), f('target', 'long-text', 'The URI, quoted (the rest of the RDATA: no 255-octet limit).')],
  },
  {
    name: 'CAA', code: 257, rfc: 'RFC 8659 §4', summary: 'Certification authority authorization',
    fields: [
      f('flags', 'u8', 'Flags: 128 = critical.'), f('tag', 'caa-tag', 'Property tag: issue, issuewild, iodef, issuemail, issuevmc.'),
      f('value', 'long-text', 'Property value (quoted; the rest of the RDATA: no 255-octet limit).'),
    ],
  },
];

export const RR_TYPE_BY_NAME: ReadonlyMap<string, RRTypeDef> = new Map(RR_TYPES.map((t) => [t.name, t]));
export const RR_TYPE_BY_CODE: ReadonlyMap<number, RRTypeDef> = new Map(RR_TYPES.map((t) => [t.code, t]));

/** The table row for a mnemonic or TYPEnnn of a known type (case-insensitive). */
export function rrTypeByName(name: string): RRTypeDef | undefined {
  const up = name.toUpperCase();
  const def = RR_TYPE_BY_NAME.get(up);
  if (def) return def;
  const m = /^TYPE([0-9]{1,5})$/.exec(up);
  return m ? RR_TYPE_BY_CODE.get(Number(m[1])) : undefined;
}

/** The mnemonic for a code (TYPEnnn when unknown). */
export function typeName(code: number): string {
  return RR_TYPE_BY_CODE.get(code)?.name ?? `TYPE${code}`;
}
