// "Validate DANE for domain" and "Validate DANE against this zone file": ask for
// the domain (prefilled from the server's zoneInfo: the name at the cursor or the
// origin), run daneZone/validateDomain under a cancellable progress notification
// that shows the engine's current step, log the whole run to the Output channel
// and show the result panel. Returns the report, so tests can check it.
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import { WorkDoneProgress, type WorkDoneProgressBegin, type WorkDoneProgressReport } from 'vscode-languageclient/node';
import type { ServerClient } from '../server-client';
import { ValidateDomainParams, ValidateDomainRequest, type ZoneInfo } from '../../../server/src/lsp/protocol';
import { confirmNetworkUse } from '../trust';
import { isZoneEditor, zoneInfo } from '../zone-info';
import { logReport } from '../validation/report-log';
import { failureText } from '../validation/failure-text';
import type { ReportView } from '../validation/report-types';
import { showReport } from '../validation/panel';

export interface ValidateArgs {
  domain?: string;
  /** pre-deployment check: MX/TLSA as edited in the active zone file */
  useZoneRecords?: boolean;
}

let lastDomain = '';

/** The mail domain to offer: the name under the cursor when it can be one, else the origin.
 *  Service names (_25._tcp…, _dmarc…) and MX hosts are not mail domains to validate. */
function defaultDomain(info: ZoneInfo | undefined): string | undefined {
  const name = info?.nameAtCursor;
  const key = (n: string) => n.toLowerCase().replace(/\.?$/, '.');
  if (name && !/(^|\.)_/.test(name) && !info.mxTargets.some((t) => key(t) === key(name))) return name;
  return info?.origin || undefined;
}

async function askDomain(server: ServerClient, editor: vscode.TextEditor | undefined, title: string): Promise<string | undefined> {
  let value = lastDomain;
  if (isZoneEditor(editor) && server.current) {
    value = defaultDomain(await zoneInfo(server.current, editor)) || value;
  }
  const domain = await vscode.window.showInputBox({
    title,
    prompt: 'Mail domain: its MX hosts, their TLSA records and SMTP servers are checked as a DANE sender does (RFC 7672)',
    value: value.replace(/\.$/, ''),
    ignoreFocusOut: true,
    validateInput: (v) => (/^\s*$/.test(v) ? 'Enter a domain name' : /\s/.test(v.trim()) ? 'A domain has no spaces' : undefined),
  });
  return domain?.trim();
}

export async function validateDane(server: ServerClient, args: ValidateArgs | string = {}): Promise<ReportView | undefined> {
  const a: ValidateArgs = typeof args === 'string' ? { domain: args } : args ?? {};
  const editor = vscode.window.activeTextEditor;
  const zoneDoc = isZoneEditor(editor) ? editor.document : undefined;
  if (a.useZoneRecords && !zoneDoc) {
    void vscode.window.showWarningMessage('dane-zone: open the zone file to validate against.');
    return undefined;
  }
  const title = a.useZoneRecords ? 'Validate DANE against this zone file' : 'Validate DANE for domain';
  const domain = a.domain ?? await askDomain(server, editor, title);
  if (!domain) return undefined;
  if (!(await confirmNetworkUse(`Validating DANE for ${domain}`))) return undefined;
  lastDomain = domain;
  const client = await server.ready();
  const out = server.output;
  const workDoneToken = randomUUID();
  const params: ValidateDomainParams & { workDoneToken: string } = {
    domain,
    zoneUri: zoneDoc ? client.code2ProtocolConverter.asUri(zoneDoc.uri) : undefined,
    useZoneRecords: !!a.useZoneRecords,
    workDoneToken,
  };
  out.appendLine(`[client] validating DANE for ${domain}${a.useZoneRecords ? ' with the records of ' + zoneDoc?.uri.fsPath : ''}`);
  let cancelled = false;
  try {
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `DANE ${domain}`, cancellable: true },
      async (progress, token) => {
        progress.report({ message: 'starting…' });
        // the server reports each engine step (MX, TLSA, connect, STARTTLS …) as work-done progress
        const sub = client.onProgress(WorkDoneProgress.type, workDoneToken, (p) => {
          const m = (p as WorkDoneProgressBegin | WorkDoneProgressReport).message;
          if (m) { progress.report({ message: m }); out.appendLine(`[progress] ${m}`); }
        });
        const onCancel = token.onCancellationRequested(() => { cancelled = true; });
        try {
          return await client.sendRequest<ReportView>(ValidateDomainRequest, params, token);
        } finally {
          sub.dispose();
          onCancel.dispose();
        }
      },
    );
    // the server may still answer a cancelled run with what it had: the user asked to stop, so no panel
    if (cancelled) throw new Error('cancelled');
    logReport(out, report);
    showReport(report, zoneDoc?.uri);
    return report;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (cancelled || /cancel/i.test(msg)) {
      out.appendLine(`[client] validation of ${domain} cancelled`);
      return undefined;
    }
    const text = failureText(domain, msg);
    out.error(`[client] ${text}`); // a failure, logged as one (appendLine logs at [info])
    void vscode.window.showErrorMessage(`dane-zone: ${text}`, 'Show log').then((c) => c && out.show(true));
    return undefined;
  }
}
