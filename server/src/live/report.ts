// The validation report: plain JSON-serialisable data, the same for the CLI
// (`--json`), the LSP request and the tests. Also the verdict vocabulary and
// its mapping to Exchange Online NDR codes and RFC 8460 result types.
// Types and small pure helpers only: no I/O.

export type StepStatus = 'ok' | 'fail' | 'warn' | 'skip';
export interface Step {
  /** machine name: mx, address, tlsa, connect, banner, ehlo, starttls, tls, quit, match */
  step: string;
  status: StepStatus;
  ms: number;
  detail: string;
  /** DNS steps: the resolver that answered; absent when none did */
  server?: string;
}

/** What a DANE sender concludes for one address of one MX host. */
export type AddressVerdict =
  | 'valid' // authenticated by a usable TLSA record
  | 'invalid' // TLSA present, the server failed to authenticate
  | 'tls-only' // only unusable TLSA: TLS done, not authenticated
  | 'no-dane' // no TLSA for this host: opportunistic TLS
  | 'smtp-failure'; // the server could not be talked to (refused, stalled, flooded, dropped)

export type HostVerdict = AddressVerdict | 'dnssec-invalid' | 'dns-failure';
export type DomainVerdict = 'valid' | 'partial' | 'invalid' | 'tls-only' | 'not-applicable' | 'dns-failure';

/** Exchange Online NDR codes (enhanced status codes), matched by meaning. */
export type NdrCode = '5.7.321' | '5.7.322' | '5.7.323' | '5.7.324' | '5.7.325' | '4.4.312' | '4.4.316';
/** RFC 8460 §4.3 result types used here. */
export type TlsRptResult = 'starttls-not-supported' | 'certificate-expired' | 'certificate-host-mismatch' | 'certificate-not-trusted'
  | 'tlsa-invalid' | 'dnssec-invalid' | 'validation-failure';

/** Why an address or host failed, and the two codes that go with it. */
export type Reason = 'starttls-not-supported' | 'certificate-expired' | 'tlsa-mismatch' | 'chain-invalid' | 'certificate-host-mismatch'
  | 'dnssec-invalid' | 'dns-failure' | 'smtp-unreachable' | 'tls-handshake' | 'resolver-not-validating' | 'resolver-unreachable';

export const REASON_CODES: Record<Reason, { ndr: NdrCode | null; tlsrpt: TlsRptResult | null }> = {
  'starttls-not-supported': { ndr: '5.7.321', tlsrpt: 'starttls-not-supported' },
  'certificate-expired': { ndr: '5.7.322', tlsrpt: 'certificate-expired' },
  'tlsa-mismatch': { ndr: '5.7.323', tlsrpt: 'tlsa-invalid' },
  'chain-invalid': { ndr: '5.7.323', tlsrpt: 'certificate-not-trusted' },
  'certificate-host-mismatch': { ndr: '5.7.325', tlsrpt: 'certificate-host-mismatch' },
  'dnssec-invalid': { ndr: '5.7.324', tlsrpt: 'dnssec-invalid' },
  // a transient DNS failure (4.4.312); RFC 8460 has no DNS-timeout type, so the generic one
  'dns-failure': { ndr: '4.4.312', tlsrpt: 'validation-failure' },
  // connection refused/stalled/flooded before TLS (Exchange: 4.4.316 connection failure)
  'smtp-unreachable': { ndr: '4.4.316', tlsrpt: 'validation-failure' },
  'tls-handshake': { ndr: '5.7.321', tlsrpt: 'validation-failure' },
  // our resolver passed on RRSIGs without validating them: a fault of this check, not of the
  // domain; a sender with a validating resolver sees the real answer, so no code applies
  'resolver-not-validating': { ndr: null, tlsrpt: null },
  // our resolver does not answer at all (not even for the root): the check's fault again
  'resolver-unreachable': { ndr: null, tlsrpt: null },
};

/** Reasons for which DANE cannot be judged: the fault is this check's (its resolver), not the
 *  domain's. No NDR or TLS-RPT code applies, the domain verdict says so whatever the other hosts
 *  show, and the zone's lines get warnings, not errors. */
export type NotJudgedReason = Extract<Reason, 'resolver-not-validating' | 'resolver-unreachable'>;
const NOT_JUDGED: ReadonlySet<Reason> = new Set<NotJudgedReason>(['resolver-not-validating', 'resolver-unreachable']);
export function cannotBeJudged(reason: Reason | null): reason is NotJudgedReason {
  return reason !== null && NOT_JUDGED.has(reason);
}

export interface CertInfo {
  depth: number;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  sans: string[];
  selfSigned: boolean;
  ca: boolean;
  /** SHA2-256 of the SubjectPublicKeyInfo, i.e. the data of an x 1 1 record */
  spkiSha256: string;
  sha256Fingerprint: string;
  /** the certificate itself (DER, base64), so clients can match other records or save it */
  derBase64: string;
}

export interface AddressReport {
  address: string;
  family: 4 | 6;
  verdict: AddressVerdict;
  reason: Reason | null;
  ndr: NdrCode | null;
  tlsrpt: TlsRptResult | null;
  /** one sentence for people */
  detail: string;
  steps: Step[];
  tlsVersion?: string;
  chain: CertInfo[];
  /** the record that authenticated the server */
  matched: string | null;
  /** records that would match what the server presents: `3 1 1 <leaf SPKI>` and, when the
   *  server sends an issuer, `2 1 1 <issuer SPKI>` */
  wouldMatch: string[];
}

export interface HostReport {
  name: string;
  preference: number;
  /** the TLSA base domain used (CNAME-expanded when the chain is secure) */
  tlsaBase: string;
  cnames: [string, string][];
  /** TLSA RRset as found (presentation), empty when none */
  tlsa: string[];
  /** present | none (secure denial) | insecure | unvalidated (RRSIGs, no AD: the resolver does not
   *  validate) | bogus | failed */
  tlsaStatus: 'present' | 'none' | 'insecure' | 'unvalidated' | 'bogus' | 'failed' | 'not-looked-up';
  addressesSecure: boolean;
  verdict: HostVerdict;
  reason: Reason | null;
  ndr: NdrCode | null;
  tlsrpt: TlsRptResult | null;
  detail: string;
  steps: Step[];
  addresses: AddressReport[];
}

export interface ValidationReport {
  /** names in the report (domain, host name, tlsaBase, cnames) have no trailing dot */
  domain: string;
  verdict: DomainVerdict;
  /** the decisive reason (the codes below follow from it); null when mail flows or DANE does not apply */
  reason: Reason | null;
  ndr: NdrCode | null;
  tlsrpt: TlsRptResult | null;
  /** one paragraph for people */
  summary: string;
  /** 'dns' = published records; 'zone' = MX/TLSA as edited in a zone file (pre-deployment) */
  source: 'dns' | 'zone';
  /** the resolver(s) configured; the AD bit is trusted from them, so they must validate and be
   *  reached over a trusted path (loopback or a network you control) */
  resolver: string;
  /** the resolvers that actually answered during this run */
  answeredBy: string[];
  smtpPort: number;
  startedAt: string;
  durationMs: number;
  /** domain-level steps (the MX lookup) */
  steps: Step[];
  /** MX RRset status: secure | insecure | unvalidated (RRSIGs, no AD: the resolver does not
   *  validate) | null-mx | implicit | bogus | failed */
  mx: { status: 'secure' | 'insecure' | 'unvalidated' | 'null-mx' | 'implicit' | 'bogus' | 'failed'; records: string[] };
  hosts: HostReport[];
}

/** Sentences for people, joined with one space: each ends with one full stop unless it ends with
 *  '?', '!' or an ellipsis (no '…' + '.'), the ones after the first begin with a capital letter,
 *  empty parts are left out. Details are built from parts that may or may not end a sentence. */
export function sentences(...parts: (string | undefined)[]): string {
  return parts.map((p) => (p ?? '').trim()).filter(Boolean).map((p, i) => {
    const s = /[.!?…]$/.test(p) ? p.replace(/\.+$/, '.') : p + '.';
    return i ? s.charAt(0).toUpperCase() + s.slice(1) : s;
  }).join(' ');
}

export function codesFor(reason: Reason | null): { ndr: NdrCode | null; tlsrpt: TlsRptResult | null } {
  return reason ? REASON_CODES[reason] : { ndr: null, tlsrpt: null };
}
