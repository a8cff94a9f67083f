// Status bar item on zone files: the zone's origin and its error count, from the
// server's daneZone/zoneInfo plus the live-validation results shown on the file. Refreshed when the editor, the document's
// diagnostics or the server change. A click opens the Problems panel.
import * as vscode from 'vscode';
import type { ServerClient } from './server-client';
import { isZoneEditor, zoneInfo } from './zone-info';
import { statusCounts } from './status-counts';

export function registerStatusBar(server: ServerClient): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('daneZone.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'dane-zone';
  item.command = 'workbench.actions.view.problems';
  let seq = 0;
  let timer: NodeJS.Timeout | undefined;

  const refresh = async () => {
    const editor = vscode.window.activeTextEditor;
    const client = server.current;
    if (!isZoneEditor(editor) || !client) { item.hide(); return; }
    const mine = ++seq;
    const info = await zoneInfo(client, editor);
    if (mine !== seq) return; // a newer refresh started meanwhile
    if (!info) { item.hide(); return; }
    const origin = info.origin || '(no origin)';
    const c = statusCounts(info, vscode.languages.getDiagnostics(editor.document.uri));
    const live = c.liveErrors || c.liveWarnings ? ` (live validation: ${c.liveErrors} error${c.liveErrors === 1 ? '' : 's'}, ${c.liveWarnings} warning${c.liveWarnings === 1 ? '' : 's'})` : '';
    const errs = `${c.errors} error${c.errors === 1 ? '' : 's'}`;
    item.text = `$(globe) ${origin}  $(${c.errors ? 'error' : 'check'}) ${c.errors}`;
    item.tooltip = `dane-zone: zone ${origin}\n${errs}, ${c.warnings} warning${c.warnings === 1 ? '' : 's'}${live}` +
      (info.mxTargets.length ? `\nMX: ${info.mxTargets.join(', ')}` : '') + '\nClick for the Problems panel';
    item.accessibilityInformation = { label: `Zone ${origin}, ${errs}` };
    item.backgroundColor = c.errors ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    item.show();
  };
  // diagnostics arrive in bursts while typing: one request per quiet moment
  const soon = () => { clearTimeout(timer); timer = setTimeout(() => void refresh(), 150); };

  const subs = [
    item,
    vscode.window.onDidChangeActiveTextEditor(soon),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const uri = vscode.window.activeTextEditor?.document.uri.toString();
      if (uri && e.uris.some((u) => u.toString() === uri)) soon();
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) soon();
    }),
    server.onStarted(soon),
  ];
  soon();
  return { dispose: () => { clearTimeout(timer); subs.forEach((s) => s.dispose()); } };
}
