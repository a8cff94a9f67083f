// Renders a validation report as the webview's HTML: a summary, then one row per
// MX host (a card) and address (a row in it) with a colour-coded verdict, expandable steps and
// certificate details, and "Copy fix record" / "Insert into zone" buttons.
// Pure string building; everything from the report is HTML-escaped.
import type { AddressView, CertView, HostView, ReportView, StepView } from './report-types';
import { fixRecord, verdictTone } from './report-types';
import { printable } from '../../../server/src/zone/printable';

// HTML-escaped; control characters from peers (C0, DEL, C1) shown as \DDD, as the CLI shows them,
// instead of vanishing from the text
const esc = (s: unknown) => printable(String(s ?? '')).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const badge = (v: string) => `<span class="badge ${verdictTone(v)}">${esc(v)}</span>`;
const codes = (x: { ndr: string | null; tlsrpt: string | null }) =>
  x.ndr ? `<span class="codes" title="Exchange Online NDR code / RFC 8460 TLS-RPT result type">${esc(x.ndr)} · ${esc(x.tlsrpt)}</span>` : '';

function steps(list: StepView[]): string {
  if (!list.length) return '';
  return `<table class="steps"><tr><th>step</th><th>result</th><th>ms</th><th>detail</th></tr>${list.map((s) =>
    `<tr class="step ${esc(s.status)}"><td>${esc(s.step)}</td><td>${esc(s.status)}</td><td class="num">${esc(s.ms)}</td><td>${esc(s.detail)}</td></tr>`).join('')}</table>`;
}

function cert(c: CertView): string {
  return `<div class="cert"><b>[${esc(c.depth)}] ${esc(c.subject)}</b>${c.ca ? ' (CA)' : ''}${c.selfSigned ? ' (self-signed)' : ''}
    <dl><dt>issuer</dt><dd>${esc(c.issuer)}</dd><dt>valid</dt><dd>${esc(c.notBefore)} → ${esc(c.notAfter)}</dd>
    <dt>names</dt><dd>${esc(c.sans.join(', ') || '(none)')}</dd>
    <dt>SPKI SHA2-256</dt><dd class="hex">${esc(c.spkiSha256)}</dd><dt>cert SHA2-256</dt><dd class="hex">${esc(c.sha256Fingerprint)}</dd></dl></div>`;
}

function fixes(h: HostView, a: AddressView, canInsert: boolean): string {
  if (a.matched || !a.wouldMatch.length) return '';
  return `<div class="fixes"><div>Records that would match what this server presents:</div>${a.wouldMatch.map((rdata) => {
    const rec = fixRecord(h, rdata);
    return `<div class="fix"><code class="record">${esc(rec)}</code>
      <button data-action="copy" data-record="${esc(rec)}">Copy fix record</button>
      ${canInsert ? `<button data-action="insert" data-record="${esc(rec)}">Insert into zone</button>` : ''}</div>`;
  }).join('')}</div>`;
}

function addressRow(h: HostView, a: AddressView, canInsert: boolean): string {
  return `<div class="row address ${verdictTone(a.verdict)}">
    <div class="head"><span class="addr">${esc(a.address)}</span> ${badge(a.verdict)} ${codes(a)}</div>
    <details><summary>${esc(a.detail)}</summary>
      ${a.tlsVersion ? `<div>TLS: ${esc(a.tlsVersion)}</div>` : ''}
      ${a.matched ? `<div>Authenticated by <code>${esc(a.matched)}</code></div>` : ''}
      ${steps(a.steps)}${a.chain.map(cert).join('')}${fixes(h, a, canInsert)}
    </details></div>`;
}

function hostRows(h: HostView, canInsert: boolean): string {
  const tlsa = h.tlsa.length ? h.tlsa.map((t) => `<code class="record">${esc(t)}</code>`).join('') : '(none)';
  return `<section class="row host ${verdictTone(h.verdict)}">
    <div class="head"><b class="name">${esc(h.name)}</b> <span class="muted">MX ${esc(h.preference)}</span> ${badge(h.verdict)} ${codes(h)}</div>
    <details><summary>${esc(h.detail)}</summary>
      <div>TLSA at <code>_25._tcp.${esc(h.tlsaBase)}</code> (${esc(h.tlsaStatus)}):<br>${tlsa}</div>${steps(h.steps)}
    </details>
    ${h.addresses.map((a) => addressRow(h, a, canInsert)).join('')}</section>`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 12px; }
h1 { font-size: 1.3em; } .summary { margin: .5em 0 1em; }
section.host { border: 1px solid var(--vscode-panel-border); border-left-width: 6px; border-radius: 4px; padding: 6px 10px; margin: 10px 0; }
section.host.good { border-left-color: #2e7d32; } section.host.warn { border-left-color: #b26a00; } section.host.bad { border-left-color: #c62828; } section.host.none { border-left-color: #616161; }
.address { margin: 6px 0 0 14px; padding-top: 6px; border-top: 1px dashed var(--vscode-panel-border); }
.head { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; } .addr { font-family: var(--vscode-editor-font-family); font-weight: 600; }
details > summary { cursor: pointer; margin: 3px 0; }
.badge { padding: 1px 8px; border-radius: 8px; font-weight: 600; white-space: nowrap; }
.badge.good { background: #2e7d32; color: #fff; } .badge.warn { background: #b26a00; color: #fff; }
.badge.bad { background: #c62828; color: #fff; } .badge.none { background: #616161; color: #fff; }
.codes { font-family: var(--vscode-editor-font-family); white-space: nowrap; }
.muted { opacity: .7; font-size: .9em; } code, .hex { font-family: var(--vscode-editor-font-family); word-break: break-all; }
/* A record gets one box: VS Code's inline code background, drawn per wrapped line, covered the
   underscores of the line above (_25._tcp showed as " 25. tcp"). */
code.record { display: block; line-height: 1.5; padding: 2px 4px; margin: 2px 0; white-space: pre-wrap; word-break: break-all; overflow-wrap: anywhere; }
table.steps { margin: 4px 0; font-size: .92em; } table.steps th { text-align: left; } table.steps td, table.steps th { padding: 1px 6px; }
tr.step.fail td { color: var(--vscode-errorForeground); } tr.step.warn td { color: var(--vscode-editorWarning-foreground); }
.cert { margin: 6px 0; } .cert dl { display: grid; grid-template-columns: max-content auto; gap: 0 8px; margin: 2px 0 0 12px; } .cert dd { margin: 0; }
.fix { margin: 4px 0; } button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: 0; padding: 2px 8px; cursor: pointer; }
`;

export function renderReport(r: ReportView, opts: { nonce: string; cspSource: string; canInsert: boolean }): string {
  const mx = r.mx.records.length ? r.mx.records.map(esc).join(', ') : '(none)';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${opts.cspSource} 'unsafe-inline'; script-src 'nonce-${opts.nonce}';">
<title>DANE ${esc(r.domain)}</title><style>${STYLE}</style></head><body>
<h1>DANE for <span id="domain">${esc(r.domain)}</span>: ${badge(r.verdict)} ${codes(r)}</h1>
<div class="summary" id="summary">${esc(r.summary)}</div>
<div class="muted">${r.source === 'zone' ? 'MX/TLSA from the zone file as edited' : 'Published DNS'} · resolver ${esc(r.resolver)} · SMTP port ${esc(r.smtpPort)} · ${esc(r.durationMs)} ms · MX (${esc(r.mx.status)}): ${mx}</div>
${steps(r.steps)}
<div class="hosts">${r.hosts.map((h) => hostRows(h, opts.canInsert)).join('')}</div>
<script nonce="${opts.nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', (e) => {
  const b = e.target.closest('button[data-action]');
  if (b) vscode.postMessage({ action: b.dataset.action, record: b.dataset.record });
});
</script></body></html>`;
}
