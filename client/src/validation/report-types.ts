// The parts of the server's validation report (server/src/live/report.ts,
// ValidationReport) that the panel and the log show. Structural subset, so the
// client does not depend on the engine's module; every field is plain JSON.
export type StepStatus = 'ok' | 'fail' | 'warn' | 'skip';
export interface StepView { step: string; status: StepStatus; ms: number; detail: string }

export interface CertView {
  depth: number;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  sans: string[];
  selfSigned: boolean;
  ca: boolean;
  spkiSha256: string;
  sha256Fingerprint: string;
}

interface Codes { ndr: string | null; tlsrpt: string | null; detail: string; steps: StepView[] }

export interface AddressView extends Codes {
  address: string;
  family: 4 | 6;
  verdict: string;
  reason: string | null;
  tlsVersion?: string;
  chain: CertView[];
  matched: string | null;
  wouldMatch: string[];
}

export interface HostView extends Codes {
  name: string;
  preference: number;
  tlsaBase: string;
  tlsa: string[];
  tlsaStatus: string;
  verdict: string;
  reason: string | null;
  addresses: AddressView[];
}

export interface ReportView {
  domain: string;
  verdict: string;
  ndr: string | null;
  tlsrpt: string | null;
  summary: string;
  source: 'dns' | 'zone';
  resolver: string;
  smtpPort: number;
  startedAt: string;
  durationMs: number;
  steps: StepView[];
  mx: { status: string; records: string[] };
  hosts: HostView[];
}

/** green / amber / red / grey class for a verdict word of the engine */
export function verdictTone(verdict: string): 'good' | 'warn' | 'bad' | 'none' {
  if (verdict === 'valid') return 'good';
  if (verdict === 'partial' || verdict === 'tls-only' || verdict === 'no-dane') return 'warn';
  if (verdict === 'not-applicable') return 'none';
  return 'bad';
}

/** The TLSA record line a fix would publish for a host: absolute owner, so it fits anywhere. */
export function fixRecord(host: HostView, rdata: string): string {
  const base = host.tlsaBase || host.name;
  return `_25._tcp.${base.endsWith('.') ? base : base + '.'} IN TLSA ${rdata}`;
}
