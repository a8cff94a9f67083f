// Writes a validation report to the Output channel as plain text: every step of
// every host and address, so a user can copy the whole run into a ticket.
import type { OutputChannel } from 'vscode';
import type { ReportView, StepView } from './report-types';

const mark: Record<string, string> = { ok: '✓', fail: '✗', warn: '!', skip: '-' };
const stepLine = (indent: string, s: StepView) => `${indent}${mark[s.status] ?? '?'} ${s.step.padEnd(9)} ${String(s.ms).padStart(5)} ms  ${s.detail}`;
const codes = (x: { ndr: string | null; tlsrpt: string | null }) => (x.ndr ? `  [NDR ${x.ndr}, TLS-RPT ${x.tlsrpt}]` : '');

export function logReport(out: OutputChannel, r: ReportView): void {
  out.appendLine(`=== DANE validation of ${r.domain} (${r.source === 'zone' ? 'records from the zone file' : 'published DNS'}) at ${r.startedAt}`);
  out.appendLine(`resolver ${r.resolver}, SMTP port ${r.smtpPort}, ${r.durationMs} ms`);
  out.appendLine(`verdict: ${r.verdict.toUpperCase()}${codes(r)}`);
  out.appendLine(r.summary);
  out.appendLine(`MX (${r.mx.status}): ${r.mx.records.join(', ') || '(none)'}`);
  r.steps.forEach((s) => out.appendLine(stepLine('  ', s)));
  for (const h of r.hosts) {
    out.appendLine(`- host ${h.name} (preference ${h.preference}): ${h.verdict}${codes(h)} — ${h.detail}`);
    out.appendLine(`  TLSA at _25._tcp.${h.tlsaBase} (${h.tlsaStatus}): ${h.tlsa.join(' | ') || '(none)'}`);
    h.steps.forEach((s) => out.appendLine(stepLine('    ', s)));
    for (const a of h.addresses) {
      out.appendLine(`  - ${a.address}: ${a.verdict}${codes(a)} — ${a.detail}`);
      a.steps.forEach((s) => out.appendLine(stepLine('      ', s)));
      a.chain.forEach((c) => out.appendLine(`      cert[${c.depth}] ${c.subject} (issuer ${c.issuer}) until ${c.notAfter}; SPKI SHA2-256 ${c.spkiSha256}`));
      if (a.matched) out.appendLine(`      matched: ${a.matched}`);
      if (!a.matched && a.wouldMatch.length) out.appendLine(`      would match: ${a.wouldMatch.join(' | ')}`);
    }
  }
}
