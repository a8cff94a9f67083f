// Zone files VS Code does not hand to extensions: over 50 MB (its model sync limit) a file
// opens as plain text and the language server never sees it. Such a file is checked from
// disk instead (daneZone/checkFile, in the server's worker thread) when a tab shows it, and
// again whenever it changes on disk (a save); its diagnostics go to the Problems panel and
// the editor like an open document's, and go when its last tab closes. The command
// "Check zone file on disk" does the same for any zone file not open in an editor.
import * as vscode from 'vscode';
import type { Diagnostic } from 'vscode-languageclient';
import { CheckFileRequest, type CheckFileParams, type CheckFileResult } from '../../server/src/lsp/protocol';
import type { ServerClient } from './server-client';

/** VS Code's _MODEL_SYNC_LIMIT: a document larger than this is not synced to extensions. */
export const SYNC_LIMIT_BYTES = 50 * 1024 * 1024;

/** The file names package.json gives the dns-zone language: `*.zone` and `db.*`. */
export function isZoneFileName(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.endsWith('.zone') || base.startsWith('db.');
}

const isSynced = (uri: vscode.Uri) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());

function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
  return tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === 'file' ? tab.input.uri : undefined;
}

function shownUris(): Set<string> {
  const out = new Set<string>();
  for (const g of vscode.window.tabGroups.all) for (const t of g.tabs) { const u = tabUri(t); if (u) out.add(u.toString()); }
  return out;
}

/** A file checked from disk: its watcher and the check in flight. */
interface Tracked {
  watcher?: vscode.FileSystemWatcher;
  inFlight?: vscode.CancellationTokenSource;
}

export function registerLargeZones(server: ServerClient): vscode.Disposable {
  const diagnostics = vscode.languages.createDiagnosticCollection('dane-zone (from disk)');
  const tracked = new Map<string, Tracked>();
  const name = (uri: vscode.Uri) => uri.path.slice(uri.path.lastIndexOf('/') + 1);

  const check = async (uri: vscode.Uri): Promise<void> => {
    const key = uri.toString();
    const t = tracked.get(key) ?? {};
    tracked.set(key, t);
    t.inFlight?.cancel(); // the server ends the older check of the file anyway
    const cts = (t.inFlight = new vscode.CancellationTokenSource());
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `dane-zone: checking ${name(uri)} from disk` }, async () => {
      try {
        const client = await server.ready();
        const params: CheckFileParams = { uri: client.code2ProtocolConverter.asUri(uri) };
        const r = await client.sendRequest<CheckFileResult>(CheckFileRequest, params, cts.token);
        if (cts.token.isCancellationRequested || tracked.get(key) !== t) return;
        diagnostics.set(uri, await client.protocol2CodeConverter.asDiagnostics(r.diagnostics as Diagnostic[]));
        server.output.info(`[client] ${uri.fsPath}: checked from disk (not synced to extensions): ${r.records} records, ${r.diagnostics.length} diagnostics, ${r.ms} ms`);
      } catch (e) {
        if (cts.token.isCancellationRequested || tracked.get(key) !== t) return;
        const message = e instanceof Error ? e.message : String(e);
        server.output.error(`[client] ${uri.fsPath}: check from disk failed: ${message}`);
        void vscode.window.showErrorMessage(`dane-zone: could not check ${name(uri)} from disk: ${message}`);
      } finally {
        if (t.inFlight === cts) t.inFlight = undefined;
        cts.dispose();
      }
    });
  };

  const forget = (key: string) => {
    const t = tracked.get(key);
    if (!t) return;
    tracked.delete(key);
    t.inFlight?.cancel();
    t.watcher?.dispose();
    diagnostics.delete(vscode.Uri.parse(key));
  };

  /** Starts checking a file a tab shows when VS Code will not sync it (too large). */
  const consider = async (uri: vscode.Uri) => {
    const key = uri.toString();
    const watched = () => tracked.get(key)?.watcher !== undefined;
    if (watched() || !isZoneFileName(uri.path) || isSynced(uri)) return;
    let size: number;
    try { size = (await vscode.workspace.fs.stat(uri)).size; } catch { return; }
    if (size <= SYNC_LIMIT_BYTES || watched() || !shownUris().has(key)) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), name(uri)));
    tracked.set(key, { ...tracked.get(key), watcher });
    watcher.onDidChange(() => void check(uri));
    watcher.onDidCreate(() => void check(uri));
    watcher.onDidDelete(() => diagnostics.delete(uri));
    server.output.info(`[client] ${uri.fsPath}: ${Math.round(size / 1048576)} MB, over VS Code's 50 MB sync limit for extensions: checking it from disk`);
    await check(uri);
  };

  const subs: vscode.Disposable[] = [
    diagnostics,
    vscode.window.tabGroups.onDidChangeTabs((e) => {
      for (const tab of e.opened) { const u = tabUri(tab); if (u) void consider(u); }
      if (e.closed.length) {
        const shown = shownUris();
        for (const key of [...tracked.keys()]) if (!shown.has(key) && tracked.get(key)?.watcher) forget(key);
      }
    }),
    // a file checked on request that is then opened: the server's diagnostics take over
    vscode.workspace.onDidOpenTextDocument((d) => { if (tracked.has(d.uri.toString())) forget(d.uri.toString()); }),
    vscode.commands.registerCommand('daneZone.checkFileOnDisk', async (arg?: vscode.Uri) => {
      const active = vscode.window.tabGroups.activeTabGroup.activeTab;
      const uri = arg instanceof vscode.Uri ? arg : active ? tabUri(active) : undefined;
      if (!uri || uri.scheme !== 'file') {
        void vscode.window.showInformationMessage('dane-zone: open or select a zone file first.');
        return;
      }
      if (isSynced(uri)) {
        void vscode.window.showInformationMessage(`dane-zone: ${name(uri)} is open in an editor, so it is checked as you type.`);
        return;
      }
      await check(uri);
    }),
    { dispose: () => { for (const key of [...tracked.keys()]) forget(key); } },
  ];
  for (const key of shownUris()) void consider(vscode.Uri.parse(key));
  return vscode.Disposable.from(...subs);
}
