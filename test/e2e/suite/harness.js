// A tiny test runner for the extension host (no mocha needed): named async tests
// run in order, each with a time limit; results are printed and run() rejects
// when any failed, which is how VS Code's test runners report failure.
// Also: waiting helpers driven by VS Code events (no fixed sleeps).
const vscode = require('vscode');

function createSuite() {
  const tests = [];
  const test = (name, fn, timeoutMs = 60000) => tests.push({ name, fn, timeoutMs });
  async function runAll() {
    let passed = 0;
    const failed = [];
    for (const t of tests) {
      const t0 = Date.now();
      let timer;
      try {
        await Promise.race([t.fn(), new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`timed out after ${t.timeoutMs} ms`)), t.timeoutMs); })]);
        passed++;
        console.log(`[suite] ok - ${t.name} (${Date.now() - t0} ms)`);
      } catch (e) {
        failed.push(t.name);
        console.log(`[suite] not ok - ${t.name} (${Date.now() - t0} ms)\n${String(e && e.stack || e).split('\n').slice(0, 12).join('\n')}`);
      } finally {
        clearTimeout(timer);
      }
    }
    console.log(`[suite] ${passed} passed, ${failed.length} failed`);
    if (failed.length) throw new Error(`${failed.length} extension-host test(s) failed: ${failed.join('; ')}`);
  }
  return { test, runAll };
}

/** Resolves when check() returns a truthy value, re-checking on each event (and every 250 ms for
 *  state that has no event, like activation); rejects after timeoutMs. */
function waitFor(what, check, events, timeoutMs = 30000) {
  return new Promise((resolve, reject) => {
    const subs = [];
    let timer;
    const done = (fn, v) => { clearTimeout(timer); subs.forEach((s) => s.dispose()); fn(v); };
    const probe = async () => {
      try { const v = await check(); if (v) done(resolve, v); } catch (e) { done(reject, e); }
    };
    for (const ev of events) subs.push(ev(() => void probe()));
    const poll = setInterval(() => void probe(), 250);
    subs.push({ dispose: () => clearInterval(poll) });
    timer = setTimeout(() => done(reject, new Error(`timed out waiting for ${what}`)), timeoutMs);
    void probe();
  });
}

/** Waits until the document's diagnostics satisfy pred (from the server's publishDiagnostics). */
function waitForDiagnostics(uri, pred, what = 'diagnostics', timeoutMs) {
  return waitFor(what, () => { const d = vscode.languages.getDiagnostics(uri); return pred(d) ? d : undefined; },
    [vscode.languages.onDidChangeDiagnostics], timeoutMs);
}

/** Expectations written under the records in a fixture: `;   ^^^ rule-id` or `;<--- rule-id`. */
function expectations(text) {
  const out = [];
  let target = -1;
  text.split(/\r?\n/).forEach((line, i) => {
    const m = /^;(\s*)(\^+|<-+)\s+([a-z0-9-]+)\s*$/.exec(line);
    if (!m) { target = i; return; }
    const from = m[2].startsWith('<') ? 0 : 1 + m[1].length;
    out.push({ line: target, from, to: m[2].startsWith('<') ? m[2].length - 1 : from + m[2].length, code: m[3] });
  });
  return out;
}

const codeOf = (d) => (d.code && typeof d.code === 'object' ? String(d.code.value) : String(d.code));

module.exports = { createSuite, waitFor, waitForDiagnostics, expectations, codeOf };
