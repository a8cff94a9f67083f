// A real LSP client over stdio to dist/server.js, for protocol tests.
//
// Waiting for the server (a publish, a progress event) is event-driven; the limit of a wait is a
// hang guard, not a time the server must keep: it counts only while the server does no work.
// A 210 000-line analysis takes 5 s at load 6 and over 20 s at load 15-20 on two cores, and a
// wall-clock guard of 20 s failed there while the server was busy. A wait fails when the server
// exits, or when its CPU time has not moved in `idleMs` of polls (each poll lets the client read
// what is already in the pipe first), or, if the server loops, after MAX_WAIT_MS.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const POLL_MS = 250;
/** the longest any one wait may take, busy or not: a server in an endless loop */
const MAX_WAIT_MS = 10 * 60_000;

/** The CPU time (user + system, in clock ticks) the process has used so far; undefined where
 *  /proc is not there (then a wait's limit is wall-clock time, as before). */
function cpuTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime, stime (fields 14 and 15)
  } catch {
    return undefined;
  }
}

/** A promise that `register(resolve)` resolves, failing with `what` when the server exits, has done
 *  no work for `idleMs`, or after MAX_WAIT_MS. */
function guardedWait(child, what, idleMs, register) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let ticks = cpuTicks(child.pid);
    let idlePolls = 0;
    const done = () => { clearInterval(poll); child.off('exit', exited); };
    const fail = (why) => { done(); reject(new Error(`${what}: ${why}`)); };
    const exited = (code, signal) => fail(`the server exited (${signal ?? code})`);
    const poll = setInterval(() => {
      const now = cpuTicks(child.pid);
      if (now === undefined || now !== ticks) idlePolls = 0;
      else idlePolls++;
      ticks = now;
      const waited = Date.now() - started;
      if (now === undefined ? waited > idleMs : idlePolls * POLL_MS > idleMs) fail(now === undefined ? `not within ${idleMs} ms` : `the server did no work for ${idleMs} ms`);
      else if (waited > MAX_WAIT_MS) fail(`not within ${MAX_WAIT_MS} ms, the server busy`);
    }, POLL_MS);
    child.once('exit', exited);
    register((value) => { done(); resolve(value); });
  });
}

/** startServer for a node:test test: the server stops when the test ends. */
export async function startServerFor(t, options) {
  const s = await startServer(options);
  t.after(() => s.stop());
  return s;
}

/** `workDoneProgress`: the client takes work-done progress (window/workDoneProgress/create,
 *  answered when `createAnswered` resolves: at once unless given); `textDocument`: more of the
 *  client's textDocument capabilities; `serverJs`: another copy of dist/server.js; `env`: more
 *  environment variables for the server. */
export async function startServer({ rootUri = null, workspaceFolders = null, configuration = {}, workDoneProgress = false, createAnswered = null, textDocument = {}, initializationOptions = undefined, serverJs = join(root, 'dist', 'server.js'), env = {} } = {}) {
  const child = spawn(process.execPath, [...(process.env.DZ_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.DZ_PROF] : []), serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...env } });
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
    /** resolves with the first publishDiagnostics for `uri` (at `version`, if given); `idleMs`: how
     *  long the server may do no work meanwhile (a hang guard) */
    diagnostics(uri, version, idleMs = 20000) {
      const test = (p) => p.uri === uri && (version === undefined || p.version === version);
      const have = latest.get(uri);
      if (have && test(have)) return Promise.resolve(have);
      return guardedWait(child, `no diagnostics for ${uri} v${version}`, idleMs, (resolve) => waiters.push({ test, resolve }));
    },
    /** resolves with the first publishDiagnostics for `uri` that satisfies `pred` (the latest one counts) */
    diagnosticsWhere(uri, pred, idleMs = 20000) {
      const test = (p) => p.uri === uri && pred(p);
      const have = latest.get(uri);
      if (have && test(have)) return Promise.resolve(have);
      return guardedWait(child, `no matching diagnostics for ${uri}`, idleMs, (resolve) => waiters.push({ test, resolve }));
    },
    /** resolves with the first event (of `events`, from now on) that satisfies `pred` */
    eventWhere(pred, idleMs = 20000) {
      return guardedWait(child, 'no matching event', idleMs, (resolve) => eventWaiters.push({ test: pred, resolve }));
    },
    /** resolves with the first `method` notification (from now on) that satisfies `pred`; it
     *  becomes the only handler of `method` */
    notificationWhere(method, pred, idleMs = 20000) {
      return guardedWait(child, `no matching ${method}`, idleMs, (resolve) => conn.onNotification(method, (p) => { if (pred(p)) resolve(p); }));
    },
    /** resolves once the server has published nothing and done no work for `quietMs` (a wait
     *  for the end of work no publish marks, such as re-checks that may or may not come); fails
     *  when it is still busy after `maxMs` (publishing in a loop) */
    async quiet(quietMs = 120, maxMs = 60_000) {
      const started = Date.now();
      for (let n = history.length, ticks = cpuTicks(child.pid); ;) {
        if (Date.now() - started > maxMs) throw new Error(`the server did not go quiet within ${maxMs} ms (still publishing or working)`);
        await new Promise((r) => setTimeout(r, quietMs));
        const now = cpuTicks(child.pid);
        if (history.length === n && now === ticks) return;
        n = history.length;
        ticks = now;
      }
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
