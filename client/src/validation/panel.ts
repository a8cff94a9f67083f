// The "DANE validation" webview panel: one panel, reused for each run, beside
// the editor. Buttons in it post messages: copy a fix record to the clipboard,
// or insert it at the end of the zone the run was started from (an edit the
// user sees and can undo; nothing is saved for them).
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { ReportView } from './report-types';
import { renderReport } from './panel-html';

let panel: vscode.WebviewPanel | undefined;
let zoneUri: vscode.Uri | undefined;

async function insertIntoZone(record: string): Promise<void> {
  if (!zoneUri) return;
  const doc = await vscode.workspace.openTextDocument(zoneUri);
  const end = doc.lineAt(doc.lineCount - 1).range.end;
  const lead = doc.lineAt(doc.lineCount - 1).text.length ? '\n' : '';
  const edit = new vscode.WorkspaceEdit();
  edit.insert(zoneUri, end, `${lead}${record}\n`);
  if (await vscode.workspace.applyEdit(edit)) {
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    const line = doc.lineCount - 2;
    editor.revealRange(doc.lineAt(Math.max(0, line)).range);
  }
}

export function showReport(report: ReportView, fromZone: vscode.Uri | undefined): void {
  zoneUri = fromZone;
  if (!panel) {
    panel = vscode.window.createWebviewPanel('daneZone.validation', 'DANE validation', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [],
      retainContextWhenHidden: true,
    });
    panel.onDidDispose(() => { panel = undefined; });
    panel.webview.onDidReceiveMessage(async (m: { action?: string; record?: string }) => {
      if (!m.record) return;
      if (m.action === 'copy') {
        await vscode.env.clipboard.writeText(m.record);
        vscode.window.setStatusBarMessage('dane-zone: TLSA record copied', 3000);
      } else if (m.action === 'insert') {
        await insertIntoZone(m.record);
      }
    });
  }
  panel.title = `DANE: ${report.domain}`;
  panel.webview.html = renderReport(report, {
    nonce: randomBytes(16).toString('base64'),
    cspSource: panel.webview.cspSource,
    canInsert: !!fromZone,
  });
  panel.reveal(vscode.ViewColumn.Beside, true);
}
