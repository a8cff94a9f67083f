// A real LSP client over stdio to dist/server.js, for protocol tests.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** startServer for a node:test test: the server stops when the test ends. */
export async function startServerFor(t, options) {
  const s = await startServer(options);
  t.after(() => s.stop());
  return s;
}

/** `workDoneProgress`: the client takes work-done progress (window/workDoneProgress/create,
 *  answered when `createAnswered` resolves: at once unless given); `textDocument`: more of the
 *  client's textDocument capabilities. */
export async function startServer({ rootUri = null, workspaceFolders = null, configuration = {}, workDoneProgress = false, createAnswered = null, textDocument = {}, initializationOptions = undefined } = {}) {
  const child = spawn(process.execPath, [...(process.env.DZ_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.DZ_PROF] : []), join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = [];
  const latest = new Map();
  /** every publishDiagnostics, in the order received */
  const history = [];
  /** progress tokens created, progress sent and diagnostics published, in the order received */
  const events = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    history.push(p);
    logEvent({ kind: 'publish', uri: p.uri, version: p.version });
    latest.set(p.uri, p);
    for (const w of [...waiters]) if (w.test(p)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(p); }
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => configuration));
  conn.onRequest('client/registerCapability', () => null);
  const eventWaiters = [];
  const logEvent = (e) => {
    events.push(e);
    for (const w of [...eventWaiters]) if (w.test(e)) { eventWaiters.splice(eventWaiters.indexOf(w), 1); w.resolve(e); }
  };
  conn.onRequest('window/workDoneProgress/create', async (p) => {
    logEvent({ kind: 'create', token: p.token });
    await createAnswered;
    return null;
  });
  conn.onNotification('$/progress', (p) => logEvent({ kind: 'progress', token: p.token, value: p.value }));
  conn.listen();
  const init = await conn.sendRequest('initialize', {
    processId: process.pid, rootUri, workspaceFolders, initializationOptions,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true }, ...textDocument }, ...(workDoneProgress ? { window: { workDoneProgress: true } } : {}) },
  });
  await conn.sendNotification('initialized', {});
  return {
    conn, child, init, latest, history, events,
    /** resolves with the first publishDiagnostics for `uri` (at `version`, if given) */
    diagnostics(uri, version, timeoutMs = 20000) {
      const test = (p) => p.uri === uri && (version === undefined || p.version === version);
      const have = latest.get(uri);
      if (have && test(have)) return Promise.resolve(have);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ test, resolve: (p) => { clearTimeout(t); resolve(p); } });
      });
    },
    /** resolves with the first publishDiagnostics for `uri` that satisfies `pred` (the latest one counts) */
    diagnosticsWhere(uri, pred, timeoutMs = 20000) {
      const test = (p) => p.uri === uri && pred(p);
      const have = latest.get(uri);
      if (have && test(have)) return Promise.resolve(have);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ test, resolve: (p) => { clearTimeout(t); resolve(p); } });
      });
    },
    /** resolves with the first event (of `events`, from now on) that satisfies `pred` */
    eventWhere(pred, timeoutMs = 20000) {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms`)), timeoutMs);
        eventWaiters.push({ test: pred, resolve: (e) => { clearTimeout(t); resolve(e); } });
      });
    },
    open(uri, text, version = 1) {
      return conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dns-zone', version, text } });
    },
    change(uri, version, contentChanges) {
      return conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    },
    async stop() {
      try {
        await conn.sendRequest('shutdown');
        await conn.sendNotification('exit');
      } catch { /* already gone */ }
      conn.dispose();
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    },
  };
}
