// Human-readable table of a validation report for `dane-zone validate`:
// one block per MX host, one row per address, the steps that failed, and the
// records that would match. Colour only when asked (a TTY). Pure formatting.
// Much of the report comes from peers (SMTP replies, RFC 8914 EDE text, certificate
// names): every string is made printable before it reaches a terminal.
import type { ValidationReport } from '../live/report';
import { printable } from '../zone/printable';

// The SMTP prober reads bytes as latin1, so a peer's \DDD is the byte received.
function safeCopy<T>(v: T): T {
  if (typeof v === 'string') return printable(v) as T;
  if (Array.isArray(v)) return v.map(safeCopy) as T;
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = safeCopy(x);
    return o as T;
  }
  return v;
}

const C = { red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', dim: '\x1b[2m', bold: '\x1b[1m', off: '\x1b[0m' };
const COLOUR: Record<string, string> = {
  valid: C.green, partial: C.yellow, 'tls-only': C.yellow, 'no-dane': C.dim, 'not-applicable': C.dim,
  invalid: C.red, 'dnssec-invalid': C.red, 'dns-failure': C.red, 'smtp-failure': C.red,
};

export function formatReport(report: ValidationReport, colour: boolean): string {
  const r = safeCopy(report);
  const paint = (v: string, s = v): string => (colour ? `${COLOUR[v] ?? ''}${s}${C.off}` : s);
  const out: string[] = [];
  out.push(`${colour ? C.bold : ''}${r.domain}${colour ? C.off : ''}  ${paint(r.verdict, r.verdict.toUpperCase())}${r.ndr ? `  NDR ${r.ndr} (TLS-RPT ${r.tlsrpt})` : ''}`);
  out.push(`  ${r.summary}`);
  out.push(`  resolver ${r.resolver}${r.answeredBy.length ? ` (answered: ${r.answeredBy.join(', ')})` : ''}; SMTP port ${r.smtpPort}; ${r.durationMs} ms${r.source === 'zone' ? '; MX/TLSA from the zone file' : ''}`);
  out.push(`  MX: ${r.mx.status}${r.mx.records.length ? ' — ' + r.mx.records.join(', ') : ''}`);
  const mark = (s: { status: string }): string => (s.status === 'ok' ? '✓' : s.status === 'fail' ? paint('invalid', '✗') : s.status === 'warn' ? paint('partial', '!') : '-');
  // DNS steps that did not simply succeed: failures with rcode/EDE/CD=1 retry/server, and warnings
  const dnsStep = (s: ValidationReport['steps'][number]): string => `${mark(s)} ${s.detail}${s.server && !s.detail.includes(s.server) ? ` (${s.server})` : ''}`;
  for (const s of r.steps) if (s.status !== 'ok') out.push(`  ${dnsStep(s)}`);
  for (const h of r.hosts) {
    out.push('');
    out.push(`  ${h.preference} ${h.name}  ${paint(h.verdict)}${h.ndr ? `  ${h.ndr} ${h.tlsrpt}` : ''}`);
    if (h.tlsaBase !== h.name) out.push(`      TLSA base ${h.tlsaBase} (via CNAME)`);
    out.push(`      TLSA: ${h.tlsaStatus}${h.tlsa.length ? '' : ''}`);
    for (const t of h.tlsa) out.push(`        ${t.length > 80 ? t.slice(0, 77) + '…' : t}`);
    if (h.detail) out.push(`      ${h.detail}`);
    for (const s of h.steps) if (s.status !== 'ok' && !h.detail.includes(s.detail.replace(/^\S+ \S+: /, ''))) out.push(`      ${dnsStep(s)}`);
    for (const a of h.addresses) {
      out.push(`      ${a.address.padEnd(16)} ${paint(a.verdict, a.verdict.padEnd(13))} ${a.ndr ?? ''}`);
      for (const s of a.steps) {
        out.push(`        ${mark(s)} ${s.step.padEnd(8)} ${String(s.ms).padStart(5)} ms  ${s.detail}`);
      }
      if (a.chain.length) {
        for (const c of a.chain) out.push(`        [${c.depth}] ${c.subject}  (issuer ${c.issuer}; ${c.notBefore.slice(0, 10)} – ${c.notAfter.slice(0, 10)})`);
      }
      if (a.verdict !== 'valid' && a.wouldMatch.length) {
        out.push('        records that would match this server:');
        for (const w of a.wouldMatch) out.push(`          _25._tcp.${h.tlsaBase}. IN TLSA ${w}`);
      }
    }
  }
  return out.join('\n') + '\n';
}
