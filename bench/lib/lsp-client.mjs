// A minimal LSP client for the benchmark: starts `node dist/server.js --stdio`
// and talks to it through vscode-languageserver-protocol (the same library an
// editor client uses), so the measured path includes JSON-RPC framing and
// (de)serialisation exactly as VS Code would see it. Knows nothing of zones.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  ShutdownRequest,
  ExitNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  PublishDiagnosticsNotification,
  HoverRequest,
  CompletionRequest,
} from 'vscode-languageserver-protocol/node';

export class LspClient {
  /** @param {string} serverJs path of dist/server.js */
  /** @param {{cwd?: string, nodeArgs?: string[], env?: Record<string, string>}} [opts] nodeArgs e.g. ['--cpu-prof']; env: more environment variables */
  constructor(serverJs, { cwd, nodeArgs = [], env = {} } = {}) {
    this.child = spawn(process.execPath, [...nodeArgs, serverJs, '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.stderr = '';
    this.child.stderr.on('data', (d) => {
      // keep only the tail: enough to explain a crash
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    this.exited = new Promise((res) => this.child.on('exit', (code, sig) => res({ code, sig })));
    this.conn = createProtocolConnection(
      new StreamMessageReader(this.child.stdout),
      new StreamMessageWriter(this.child.stdin),
    );
    /** per uri: { last: highest version published, stale: count, publishes, waiters, log: every publish { at, version, count } } */
    this.docs = new Map();
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => this.#onPublish(p));
    this.conn.listen();
  }

  #doc(uri) {
    let d = this.docs.get(uri);
    if (!d) {
      d = { last: -Infinity, stale: 0, publishes: 0, lastCount: 0, waiters: [], log: [] };
      this.docs.set(uri, d);
    }
    return d;
  }

  #onPublish(p) {
    const now = performance.now();
    const d = this.#doc(p.uri);
    d.publishes++;
    d.lastCount = p.diagnostics.length;
    d.log.push({ at: now, version: p.version, count: p.diagnostics.length });
    const v = typeof p.version === 'number' ? p.version : undefined;
    // A publish for an older version after a newer one is the bug the issue
    // forbids ("no stale publish after a newer one"): count it.
    if (v !== undefined) {
      if (v < d.last) d.stale++;
      else d.last = v;
    }
    const keep = [];
    for (const w of d.waiters) {
      // Without a version in the notification we cannot tell; take the first publish.
      if (v === undefined || v >= w.version) w.resolve({ at: now, version: v, count: p.diagnostics.length });
      else keep.push(w);
    }
    d.waiters = keep;
  }

  /** Resolves at the first publishDiagnostics for `uri` with version >= `version`. */
  waitDiagnostics(uri, version, timeoutMs) {
    const d = this.#doc(uri);
    return new Promise((resolve) => {
      const w = { version, resolve: (x) => { clearTimeout(t); resolve(x); } };
      const t = setTimeout(() => {
        d.waiters = d.waiters.filter((x) => x !== w);
        resolve(null);
      }, timeoutMs);
      d.waiters.push(w);
    });
  }

  async initialize(rootDir) {
    const res = await this.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(rootDir).href,
      workspaceFolders: [{ uri: pathToFileURL(rootDir).href, name: 'bench' }],
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown', 'plaintext'] } },
        },
        workspace: { configuration: false, workspaceFolders: true },
      },
      initializationOptions: {},
    });
    this.conn.sendNotification(InitializedNotification.type, {});
    this.capabilities = res.capabilities ?? {};
    return this.capabilities;
  }

  /** 0 none, 1 full, 2 incremental (LSP TextDocumentSyncKind) */
  syncKind() {
    const s = this.capabilities?.textDocumentSync;
    if (typeof s === 'number') return s;
    if (s && typeof s === 'object') return s.change ?? (s.openClose ? 1 : 0);
    return 0;
  }

  didOpen(uri, text, version = 1) {
    return this.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dns-zone', version, text },
    });
  }

  didChange(uri, version, contentChanges) {
    return this.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges,
    });
  }

  hover(uri, line, character) {
    return this.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  completion(uri, line, character) {
    return this.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  /** Peak resident set size of the server process so far (VmHWM), in KiB. */
  peakRssKiB() {
    try {
      const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) : null;
    } catch {
      return null;
    }
  }

  /** Orderly shutdown; kills the server if it does not exit within 5 s. */
  async close() {
    const bye = async () => {
      await this.conn.sendRequest(ShutdownRequest.type);
      await this.conn.sendNotification(ExitNotification.type);
    };
    await Promise.race([bye().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
    this.conn.dispose();
  }
}
