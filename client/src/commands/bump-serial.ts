// "Bump SOA serial": the server computes the new serial (date-based YYYYMMDDnn when
// the serial looks like a date, else +1) and returns the edit; we apply it so the
// user sees it in the document and can undo it. Returns true when applied.
import * as vscode from 'vscode';
import type { ServerClient } from '../server-client';
import { BumpSerialParams, BumpSerialRequest } from '../../../server/src/lsp/protocol';
import { applyServerEdit } from '../server-edits';
import { isZoneEditor } from '../zone-info';

/** Today as YYYYMMDD on the user's clock (the serial convention is local dates). */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
}

export async function bumpSerial(server: ServerClient): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!isZoneEditor(editor)) {
    void vscode.window.showWarningMessage('dane-zone: open a zone file to bump its SOA serial.');
    return false;
  }
  const client = await server.ready();
  const params: BumpSerialParams = { uri: client.code2ProtocolConverter.asUri(editor.document.uri), today: today() };
  const edit = await client.sendRequest<unknown>(BumpSerialRequest, params);
  const inserted = await applyServerEdit(client, editor.document.uri, edit as never);
  if (inserted === undefined) {
    void vscode.window.showWarningMessage('dane-zone: this zone has no SOA record whose serial could be bumped.');
    return false;
  }
  vscode.window.setStatusBarMessage(`dane-zone: SOA serial is now ${inserted.trim()}`, 4000);
  return true;
}
