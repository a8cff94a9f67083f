// Language server entry: `node dist/server.js --stdio` (or ipc from the VS Code
// client). A thin router: documents in, analyses out, features from lsp/*.
import { isAbsolute } from 'node:path';
import { format } from 'node:util';
import {
  createConnection, DidChangeConfigurationNotification, ProposedFeatures, StreamMessageReader, StreamMessageWriter, TextDocumentSyncKind,
  type ClientCapabilities, type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { ZoneStore, uriToPath } from './lsp/zone-store';
import { DiagnosticsPublisher, diagnosticsFor } from './lsp/diagnostics';
import { SettingsCache } from './lsp/settings';
import { registerCodeActions } from './lsp/code-actions';
import { editorCapabilities, registerEditorFeatures } from './lsp/editor-features';
import { registerValidateHandler } from './lsp/validate-handler';
import { registerGenerateTlsa } from './lsp/generate-tlsa-handler';
import { registerCertWatch } from './lsp/cert-watch';
import { includeWatch, type IncludeWatch } from './lsp/include-watch';
import { registerCheckFile } from './lsp/check-file-handler';
import { jsonDecoder, OVERSIZED_MESSAGE, type OversizedMessage } from './lsp/oversized-messages';
import { oversizedDocuments } from './lsp/oversized-documents';
import { analysisProgress } from './lsp/analysis-progress';
import { VERSION } from './version';
import { BYTE_ORDER_MARK, diskByteOrderMark } from './lsp/disk-byte-order-mark';

/** Over stdio, a reader whose decoder turns a message too long for one string into an
 *  OversizedMessage (oversized-messages.ts); it then does what createConnection does for
 *  --stdio on its own: console output to the client, exit when the input ends. */
function connect(): Connection {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const reader = new StreamMessageReader(process.stdin, { charset: 'utf-8', contentTypeDecoder: jsonDecoder() });
  const c = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  let shutdown = false;
  c.onShutdown(() => { shutdown = true; });
  const end = (): never => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', end);
  process.stdin.on('close', end);
  // stdout carries the protocol: anything written to the console goes to the client's log
  for (const m of ['log', 'info', 'debug', 'dir', 'trace', 'table'] as const) console[m] = (...a: unknown[]) => c.console.log(format(...a));
  console.warn = (...a: unknown[]) => c.console.warn(format(...a));
  console.error = (...a: unknown[]) => c.console.error(format(...a));
  return c;
}

const connection = connect();
const store = new ZoneStore();
const settings = new SettingsCache(connection);
const publisher = new DiagnosticsPublisher(connection, store, (uri) => settings.known(uri));
store.settingsFor = (uri) => settings.get(uri);
// settings that came after the 3 s fallback (a loaded machine): check the document again with them
settings.onLateAnswer = (uri) => {
  if (!store.docs.has(uri)) return;
  store.invalidate(uri);
  publisher.schedule(uri);
};
store.observer = analysisProgress(connection, store);
store.onIncluderChanged = (uri) => publisher.schedule(uri);

// Keep the server up whatever happens in a handler: log, never exit.
process.on('uncaughtException', (e) => connection.console.error(`dane-zone: uncaught ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`dane-zone: unhandled ${String(e)}`));

let watchFilesDynamic = false;
let includes: IncludeWatch | undefined;
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
  // the VS Code client's copy of the sample zone and its certificates (in its global storage)
  const sample = (params.initializationOptions as { sampleFolder?: unknown } | undefined)?.sampleFolder;
  store.readRoots = typeof sample === 'string' && isAbsolute(sample) ? [sample] : [];
  settings.supported = !!params.capabilities.workspace?.configuration;
  return {
    capabilities: {
      // saves: a document too long to be sent is checked again from disk (oversized-documents.ts)
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      ...editorCapabilities(params.capabilities),
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'dane-zone', version: VERSION },
  };
});

connection.onInitialized(() => {
  const watching = clientCapabilities?.workspace?.didChangeWatchedFiles;
  includes = includeWatch(connection, store, publisher, watchFilesDynamic, !!watching?.relativePatternSupport);
  registerCertWatch(connection, store, publisher, watchFilesDynamic, (uris) => includes?.changed(uris));
  if (settings.supported) void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
  // only a client that sends folder changes takes this handler (others refuse it with an error)
  if (clientCapabilities?.workspace?.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders((e) => {
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
  includes?.changed([uri]);
  // Settings first (one quick round trip), so a big zone is not analysed twice on open; the
  // publisher holds the document back until they come, whatever schedules it meanwhile.
  await settings.refresh(uri);
  if (!store.docs.has(uri)) return;
  checkDiskByteOrderMark(uri);
  publisher.schedule(uri);
});

/** A byte order mark the editor hides (disk-byte-order-mark.ts), looked for on open and save. */
function checkDiskByteOrderMark(uri: string): void {
  const doc = store.docs.get(uri);
  if (!doc) return;
  const rules = settings.get(uri).rules.severities ?? {};
  const found = diskByteOrderMark(uri, doc.lines[0] ?? '', rules[BYTE_ORDER_MARK] ?? 'error');
  if (found.length || publisher.extraOf(uri, BYTE_ORDER_MARK).length) publisher.setExtra(uri, BYTE_ORDER_MARK, found);
}

connection.onDidChangeTextDocument((p) => {
  const uri = p.textDocument.uri;
  store.change(uri, p.contentChanges, p.textDocument.version);
  includes?.changed([uri]);
  publisher.dropExtra(uri, 'live-validation');
  publisher.schedule(uri);
});

connection.onDidCloseTextDocument((p) => {
  oversized.closed(p.textDocument.uri);
  store.close(p.textDocument.uri);
  settings.forget(p.textDocument.uri);
  publisher.clear(p.textDocument.uri);
  includes?.changed([p.textDocument.uri]);
});

connection.onDidChangeConfiguration(async () => {
  for (const uri of store.docs.keys()) {
    await settings.refresh(uri);
    // not answered in time (a loaded machine): the document keeps its analysis and settings until
    // the answer comes (onLateAnswer), rather than being checked again with the same ones
    if (settings.awaited(uri)) continue;
    store.invalidate(uri);
    checkDiskByteOrderMark(uri);
    publisher.schedule(uri);
  }
});

// a long document's whole analysis is not started for a light bulb: its fixes come with the next ask
// once it is done (the diagnostics of a version are those its publish made)
registerCodeActions(connection, (uri) => store.docs.get(uri)?.eol, (uri) => (store.longAnalysisAhead(uri) ? undefined : store.zone(uri)), (uri) => {
  if (store.longAnalysisAhead(uri)) return undefined;
  try {
    return diagnosticsFor(store, uri);
  } catch {
    return undefined; // the publish says what failed
  }
});
registerEditorFeatures(connection, async (uri) => {
  // Wait for a long analysis without holding the event loop (again if new settings restarted
  // it); then take the analysis of the document as it is now (an edit may have come meanwhile:
  // that re-parse is incremental; a failed analysis runs again here, so the error is reported).
  for (let restarts = 0; restarts < 3 && store.longAnalysisAhead(uri); restarts++) await store.analysisInTurns(uri);
  const a = store.analysis(uri);
  return a && {
    zone: a.zone, findings: a.findings, host: store.hostFor(uri), eol: store.docs.get(uri)?.eol, changed: () => store.docs.get(uri)?.version !== a.version,
    keepsOwners: (zone) => store.keepsOwners(uri, zone),
    outlineLimit: settings.get(uri).outlineLimit,
    certFolder: (dir, hidden) => store.certFolder(uri, dir, hidden),
  };
}, () => clientCapabilities);
registerGenerateTlsa(connection, { zone: (uri) => store.zone(uri), eol: (uri) => store.docs.get(uri)?.eol, readFile: (from, p) => store.readFile(from, p) });
registerValidateHandler(connection, {
  getZone: (uri) => store.zone(uri),
  publishExtra: (uri, diagnostics) => publisher.setExtra(uri, 'live-validation', diagnostics),
});

const checkFromDisk = registerCheckFile(connection, {
  insideWorkspace: (path) => store.insideWorkspace(path),
  workspaceFolders: () => store.workspaceFolders,
  settingsFor: async (uri) => {
    await settings.refresh(uri);
    return settings.get(uri);
  },
});
const oversized = oversizedDocuments(connection, checkFromDisk);
connection.onNotification(OVERSIZED_MESSAGE, (m: OversizedMessage) => oversized.received(m));
connection.onDidSaveTextDocument((p) => {
  oversized.saved(p.textDocument.uri);
  checkDiskByteOrderMark(p.textDocument.uri);
});

connection.listen();
