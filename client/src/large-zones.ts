// Zone files VS Code does not hand to extensions: over 50 MB (its model sync limit) a file
// opens as plain text and the language server never sees it. Such a file is checked from
// disk instead (daneZone/checkFile, in the server's worker thread) when a tab shows it, and
// again whenever it changes on disk (a save); its diagnostics go to the Problems panel and
// the editor like an open document's, and go when its last tab closes. The command
// "Check zone file on disk" does the same for any zone file not open in an editor.
import * as vscode from 'vscode';
import type { Diagnostic } from 'vscode-languageclient';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CheckFileEarlyNotification, CheckFileRequest, type CheckFileEarlyParams, type CheckFileParams, type CheckFileResult } from '../../server/src/lsp/protocol';
import type { ServerClient } from './server-client';
import { serverMessage } from './validation/failure-text';
import { isZoneFileName } from '../../server/src/zone/origin-hint';
import { fromDiskStatus, type DiskCounts } from './from-disk-status';

/** VS Code's _MODEL_SYNC_LIMIT: a document larger than this is not synced to extensions. */
export const SYNC_LIMIT_BYTES = 50 * 1024 * 1024;

const isSynced = (uri: vscode.Uri) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());

function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
  return tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === 'file' ? tab.input.uri : undefined;
}

function shownUris(): Set<string> {
  const out = new Set<string>();
  for (const g of vscode.window.tabGroups.all) for (const t of g.tabs) { const u = tabUri(t); if (u) out.add(u.toString()); }
  return out;
}

/** A file checked from disk: its watcher, the check in flight with what reading found when that
 *  came early, the last result's counts. */
interface Tracked {
  watcher?: vscode.FileSystemWatcher;
  inFlight?: vscode.CancellationTokenSource;
  early?: DiskCounts;
  counts?: DiskCounts & { records: number };
}

const countsOf = (shown: readonly vscode.Diagnostic[]): DiskCounts => ({
  errors: shown.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length,
  warnings: shown.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length,
});

export function registerLargeZones(server: ServerClient): vscode.Disposable {
  const diagnostics = vscode.languages.createDiagnosticCollection('dane-zone (from disk)');
  const tracked = new Map<string, Tracked>();
  const name = (uri: vscode.Uri) => uri.path.slice(uri.path.lastIndexOf('/') + 1);
  // says, for the active tab's file, that its problems are those of the file on disk
  const item = vscode.window.createStatusBarItem('daneZone.fromDisk', vscode.StatusBarAlignment.Left, 50);
  item.name = 'dane-zone (from disk)';
  item.command = 'workbench.actions.view.problems';
  const showItem = () => {
    const active = vscode.window.tabGroups.activeTabGroup.activeTab;
    const uri = active && tabUri(active);
    const t = uri && tracked.get(uri.toString());
    const status = t ? fromDiskStatus(name(uri), { overLimit: t.watcher !== undefined, checking: t.inFlight !== undefined, early: t.early, done: t.counts }) : undefined;
    if (!status) { item.hide(); return; }
    item.text = status.text;
    item.tooltip = status.tooltip;
    item.backgroundColor = status.error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    item.show();
  };

  // What reading a file found, sent while its check goes on (the rules of a TLD zone take as long
  // again): shown until the answer, for a file whose check is still in flight. Once per client
  // (a restarted server comes with a new one).
  const hearing = new WeakSet<LanguageClient>();
  const hearEarly = (client: LanguageClient) => {
    if (hearing.has(client)) return;
    hearing.add(client);
    client.onNotification(CheckFileEarlyNotification, async (p: CheckFileEarlyParams) => {
      const uri = client.protocol2CodeConverter.asUri(p.uri);
      if (!tracked.get(uri.toString())?.inFlight) return;
      const shown = await client.protocol2CodeConverter.asDiagnostics(p.diagnostics as Diagnostic[]);
      const t = tracked.get(uri.toString());
      if (!t?.inFlight) return;
      diagnostics.set(uri, shown);
      t.early = countsOf(shown);
      showItem();
    });
  };

  const check = async (uri: vscode.Uri): Promise<void> => {
    const key = uri.toString();
    const t = tracked.get(key) ?? {};
    tracked.set(key, t);
    t.inFlight?.cancel(); // the server ends the older check of the file anyway
    const cts = (t.inFlight = new vscode.CancellationTokenSource());
    t.early = undefined;
    showItem();
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `dane-zone: checking ${name(uri)} from disk` }, async () => {
      try {
        const client = await server.ready();
        hearEarly(client);
        const params: CheckFileParams = { uri: client.code2ProtocolConverter.asUri(uri), early: true };
        const r = await client.sendRequest<CheckFileResult>(CheckFileRequest, params, cts.token);
        if (cts.token.isCancellationRequested || tracked.get(key) !== t) return;
        const shown = await client.protocol2CodeConverter.asDiagnostics(r.diagnostics as Diagnostic[]);
        diagnostics.set(uri, shown);
        t.counts = { records: r.records, ...countsOf(shown) };
        server.output.info(`[client] ${uri.fsPath}: checked from disk (not synced to extensions): ${r.records} records, ${r.diagnostics.length} diagnostics, ${r.ms} ms`);
      } catch (e) {
        if (cts.token.isCancellationRequested || tracked.get(key) !== t) return;
        const message = serverMessage(e instanceof Error ? e.message : String(e));
        server.output.error(`[client] ${uri.fsPath}: check from disk failed: ${message}`);
        void vscode.window.showErrorMessage(`dane-zone: could not check ${name(uri)} from disk: ${message}`);
      } finally {
        if (t.inFlight === cts) {
          t.inFlight = undefined;
          t.early = undefined;
          showItem();
        }
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
    showItem();
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
    watcher.onDidDelete(() => { diagnostics.delete(uri); const t = tracked.get(key); if (t) t.counts = undefined; showItem(); });
    server.output.info(`[client] ${uri.fsPath}: ${Math.round(size / 1048576)} MB, over VS Code's 50 MB sync limit for extensions: checking it from disk`);
    await check(uri);
  };

  const subs: vscode.Disposable[] = [
    diagnostics,
    item,
    vscode.window.tabGroups.onDidChangeTabGroups(showItem),
    vscode.window.tabGroups.onDidChangeTabs((e) => {
      showItem();
      for (const tab of e.opened) { const u = tabUri(tab); if (u) void consider(u); }
      if (e.closed.length) {
        const shown = shownUris();
        for (const key of [...tracked.keys()]) if (!shown.has(key) && tracked.get(key)?.watcher) forget(key);
      }
    }),
    // after a restart of the server, a shown file whose check it never answered is checked again
    server.onStarted(() => {
      for (const [key, t] of tracked) if (t.watcher && !t.inFlight && !t.counts) void check(vscode.Uri.parse(key));
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
        // its problems are the server's, of the text in the editor: a second set from disk for the
        // same file would show each problem twice
        const dirty = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && d.isDirty);
        void vscode.window.showInformationMessage(dirty
          ? `dane-zone: ${name(uri)} is open with unsaved changes, and its problems are those of the text you see; save it, and the file on disk is the same.`
          : `dane-zone: ${name(uri)} is open in an editor and saved: it is checked as you type, the same as on disk.`);
        return;
      }
      await check(uri);
    }),
    { dispose: () => { for (const key of [...tracked.keys()]) forget(key); } },
  ];
  for (const key of shownUris()) void consider(vscode.Uri.parse(key));
  return vscode.Disposable.from(...subs);
}
