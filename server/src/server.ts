// Language server entry: `node dist/server.js --stdio` (or ipc from the VS Code
// client). A thin router: documents in, analyses out, features from lsp/*.
import { createConnection, DidChangeConfigurationNotification, ProposedFeatures, TextDocumentSyncKind, type ClientCapabilities, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { ZoneStore, uriToPath } from './lsp/zone-store';
import { DiagnosticsPublisher } from './lsp/diagnostics';
import { SettingsCache } from './lsp/settings';
import { registerCodeActions } from './lsp/code-actions';
import { EDITOR_CAPABILITIES, registerEditorFeatures } from './lsp/editor-features';
import { registerValidateHandler } from './lsp/validate-handler';
import { registerGenerateTlsa } from './lsp/generate-tlsa-handler';
import { registerCertWatch } from './lsp/cert-watch';
import { registerCheckFile } from './lsp/check-file-handler';
import { analysisProgress } from './lsp/analysis-progress';
import { VERSION } from './version';

const connection = createConnection(ProposedFeatures.all);
const store = new ZoneStore();
const publisher = new DiagnosticsPublisher(connection, store);
const settings = new SettingsCache(connection);
store.settingsFor = (uri) => settings.get(uri);
store.observer = analysisProgress(connection, store);

// Keep the server up whatever happens in a handler: log, never exit.
process.on('uncaughtException', (e) => connection.console.error(`dane-zone: uncaught ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`dane-zone: unhandled ${String(e)}`));

let watchFilesDynamic = false;
let clientCapabilities: ClientCapabilities | undefined;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  clientCapabilities = params.capabilities;
  watchFilesDynamic = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  const folders = params.workspaceFolders?.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p) ?? [];
  if (!folders.length && params.rootUri) {
    const p = uriToPath(params.rootUri);
    if (p) folders.push(p);
  }
  store.workspaceFolders = folders;
  settings.supported = !!params.capabilities.workspace?.configuration;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      ...EDITOR_CAPABILITIES,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'dane-zone', version: VERSION },
  };
});

connection.onInitialized(() => {
  registerCertWatch(connection, store, publisher, watchFilesDynamic);
  if (settings.supported) void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
  connection.workspace.onDidChangeWorkspaceFolders((e) => {
    const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
    store.workspaceFolders = store.workspaceFolders.filter((f) => !removed.has(f));
    for (const f of e.added) {
      const p = uriToPath(f.uri);
      if (p) store.workspaceFolders.push(p);
    }
    store.invalidate();
    for (const uri of store.docs.keys()) publisher.schedule(uri);
  });
});

connection.onDidOpenTextDocument(async (p) => {
  const uri = p.textDocument.uri;
  store.open(uri, p.textDocument.text, p.textDocument.version);
  // Settings first (one quick round trip), so a big zone is not analysed twice on open.
  await settings.refresh(uri);
  if (store.docs.has(uri)) publisher.schedule(uri);
});

connection.onDidChangeTextDocument((p) => {
  store.change(p.textDocument.uri, p.contentChanges, p.textDocument.version);
  publisher.dropExtra(p.textDocument.uri);
  publisher.schedule(p.textDocument.uri);
});

connection.onDidCloseTextDocument((p) => {
  store.close(p.textDocument.uri);
  settings.forget(p.textDocument.uri);
  publisher.clear(p.textDocument.uri);
});

connection.onDidChangeConfiguration(async () => {
  for (const uri of store.docs.keys()) {
    await settings.refresh(uri);
    store.invalidate(uri);
    publisher.schedule(uri);
  }
});

registerCodeActions(connection);
registerEditorFeatures(connection, async (uri) => {
  // Wait for a long analysis without holding the event loop (again if new settings restarted
  // it); then take the analysis of the document as it is now (an edit may have come meanwhile:
  // that re-parse is incremental; a failed analysis runs again here, so the error is reported).
  for (let restarts = 0; restarts < 3 && store.longAnalysisAhead(uri); restarts++) await store.analysisInTurns(uri);
  const a = store.analysis(uri);
  return a && {
    zone: a.zone, findings: a.findings, host: store.hostFor(uri), changed: () => store.docs.get(uri)?.version !== a.version,
    outlineLimit: settings.get(uri).outlineLimit,
  };
}, () => clientCapabilities);
registerGenerateTlsa(connection, { zone: (uri) => store.zone(uri), readFile: (from, p) => store.readFile(from, p) });
registerValidateHandler(connection, {
  getZone: (uri) => store.zone(uri),
  publishExtra: (uri, diagnostics) => publisher.setExtra(uri, 'live-validation', diagnostics),
});

registerCheckFile(connection, {
  insideWorkspace: (path) => store.insideWorkspace(path),
  workspaceFolders: () => store.workspaceFolders,
  settingsFor: async (uri) => {
    await settings.refresh(uri);
    return settings.get(uri);
  },
});

connection.listen();
