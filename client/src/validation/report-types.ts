// The server's validation report as the panel and the log read it: the engine's
// own types (server/src/live/report.ts), imported as types only, so nothing of
// the engine is bundled into the client and the two cannot drift apart.
export type {
  ValidationReport as ReportView,
  HostReport as HostView,
  AddressReport as AddressView,
  CertInfo as CertView,
  Step as StepView,
} from '../../../server/src/live/report';
import type { HostReport } from '../../../server/src/live/report';

/** green / amber / red / grey class for a verdict word of the engine */
export function verdictTone(verdict: string): 'good' | 'warn' | 'bad' | 'none' {
  if (verdict === 'valid') return 'good';
  if (verdict === 'partial' || verdict === 'tls-only' || verdict === 'no-dane') return 'warn';
  if (verdict === 'not-applicable') return 'none';
  return 'bad';
}

/** The TLSA record line a fix would publish for a host: absolute owner, so it fits anywhere. */
export function fixRecord(host: HostReport, rdata: string): string {
  const base = host.tlsaBase || host.name;
  return `_25._tcp.${base.endsWith('.') ? base : base + '.'} IN TLSA ${rdata}`;
}
