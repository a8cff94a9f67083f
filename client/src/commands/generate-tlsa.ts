// "Generate TLSA record from certificate…": pick a certificate file and the MX
// host (from the server's zoneInfo.mxTargets), the server builds the record and
// the edit that inserts it; we apply it. Arguments let tests skip the pickers.
import * as vscode from 'vscode';
import type { ServerClient } from '../server-client';
import { GenerateTlsaParams, GenerateTlsaRequest, type GenerateTlsaResult } from '../../../server/src/lsp/protocol';
import { isZoneEditor, zoneInfo } from '../zone-info';

export interface GenerateTlsaArgs {
  certPath?: string;
  host?: string;
  /** the record's owner name instead of `_25._tcp.<host>` (a quick-fix's RRset reached through a
   *  CNAME or a wildcard): no host is asked for */
  owner?: string;
  usage?: number;
  selector?: number;
  matchingType?: number;
}

const PARAMS: { label: string; description: string; value: [number, number, number] }[] = [
  { label: '3 1 1', description: 'DANE-EE(3) SPKI(1) SHA2-256(1): the server\'s own key; survives renewals with the same key (recommended, RFC 7672 §3.1.1)', value: [3, 1, 1] },
  { label: '2 1 1', description: 'DANE-TA(2) SPKI(1) SHA2-256(1): the issuing CA\'s key; the server must send that CA in its chain', value: [2, 1, 1] },
  { label: '3 0 1', description: 'DANE-EE(3) Cert(0) SHA2-256(1): the whole certificate; changes with every renewal', value: [3, 0, 1] },
];

async function pickHost(mxTargets: string[]): Promise<string | undefined> {
  const other = '$(edit) Other host…';
  const picked = mxTargets.length
    ? await vscode.window.showQuickPick([...mxTargets, other], { title: 'TLSA record for which MX host?', ignoreFocusOut: true })
    : other;
  if (picked !== other) return picked;
  return vscode.window.showInputBox({ title: 'MX host name (fully qualified)', prompt: 'The record goes to _25._tcp.<host>', ignoreFocusOut: true });
}

export async function generateTlsa(server: ServerClient, args: GenerateTlsaArgs = {}): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!isZoneEditor(editor)) {
    void vscode.window.showWarningMessage('dane-zone: open the zone file the TLSA record belongs in.');
    return undefined;
  }
  const client = await server.ready();
  let certPath = args.certPath;
  if (!certPath) {
    const picked = await vscode.window.showOpenDialog({
      title: 'Certificate of the mail server (PEM or DER; a chain file, a public key or a next key\'s certificate request work too)',
      canSelectMany: false,
      filters: { 'Certificates, public keys, certificate requests': ['pem', 'crt', 'cer', 'der', 'pub', 'csr', 'req'], 'All files': ['*'] },
    });
    if (!picked?.length) return undefined;
    certPath = picked[0].fsPath;
  }
  const owner = args.owner;
  const host = owner === undefined ? args.host ?? await pickHost((await zoneInfo(client, editor))?.mxTargets ?? []) : undefined;
  if (!host && !owner) return undefined;
  let [usage, selector, matchingType] = [args.usage, args.selector, args.matchingType];
  if (usage === undefined) {
    const p = await vscode.window.showQuickPick(PARAMS, { title: 'TLSA parameters', ignoreFocusOut: true });
    if (!p) return undefined;
    [usage, selector, matchingType] = p.value;
  }
  const params: GenerateTlsaParams = {
    uri: client.code2ProtocolConverter.asUri(editor.document.uri), certPath, ...(owner === undefined ? { host } : { owner }), usage, selector, matchingType,
  };
  try {
    const res = await client.sendRequest<GenerateTlsaResult>(GenerateTlsaRequest, params);
    if ('error' in res) throw new Error(res.error);
    // the server chose the place (after the owner's TLSA or the host's other records) and the link comment
    const we = new vscode.WorkspaceEdit();
    we.insert(client.protocol2CodeConverter.asUri(res.edit.uri), new vscode.Position(res.edit.line, res.edit.character), res.edit.newText);
    if (!(await vscode.workspace.applyEdit(we))) throw new Error('the editor refused the edit');
    return res.record;
  } catch (e) {
    void vscode.window.showErrorMessage(`dane-zone: could not generate a TLSA record: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}
