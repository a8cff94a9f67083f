// One language-server session on one zone, the way a user meets it: open the
// file (didOpen -> first publishDiagnostics), type single characters at seeded
// random places one at a time (didChange -> the publishDiagnostics of that
// version), type while the editor asks for the outline between keystrokes, type a
// fast burst (the last version must be published, nothing stale after it), then
// hover and completion on record types, the outline and a format of the whole file.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { LspClient } from './lsp-client.mjs';
import { prng } from '../genzone.mjs';

const TYPE_RE = /^(A|AAAA|MX|TXT|TLSA|SRV|CAA|NS|DS|CNAME|SOA)$/;
// Characters a user plausibly types into a zone: digits, letters, a dot.
const TYPED = 'abcdefghijklmnopqrstuvwxyz0123456789.';

/** Column of the first record-type token on a line, or -1. */
function typeColumn(line) {
  const re = /\S+/g;
  let m;
  while ((m = re.exec(line))) {
    if (m[0].startsWith(';')) return -1;
    if (TYPE_RE.test(m[0])) return m.index;
  }
  return -1;
}

/**
 * @param {object} o
 * @param {string} o.serverJs  dist/server.js
 * @param {string} o.zonePath  zone file
 * @param {string} o.rootDir   workspace folder given to the server
 * @param {number} o.edits     single-character edits typed one at a time
 * @param {number} [o.outlineEdits]  more of them, each sent while an outline request is open
 * @param {number} o.burst     characters typed back to back
 * @param {number} o.queries   hover and completion requests each
 * @param {number} o.seed
 * @param {number} o.openTimeoutMs
 * @param {number} o.editTimeoutMs
 * @param {string[]} [o.nodeArgs]  extra node flags for the server (profiling)
 */
/** Where to hover to see that the server's model is built: the first record type of the zone
 *  (undefined when there is none). */
export function hoverProbe(lines) {
  const line = lines.findIndex((l) => typeColumn(l) >= 0);
  return line < 0 ? undefined : { line, character: typeColumn(lines[line]) };
}

export async function runLspScenario(o) {
  const text = readFileSync(o.zonePath, 'utf8');
  const lines = text.split('\n');
  const uri = pathToFileURL(o.zonePath).href;
  const rnd = prng(o.seed);
  const int = (n) => Math.floor(rnd() * n);
  const client = new LspClient(o.serverJs, { cwd: o.rootDir, nodeArgs: o.nodeArgs });
  const result = { supported: {}, openMs: null, readyMs: null, openDiagnostics: null, editsMs: [], editTimeouts: 0,
    outlineEditsMs: [], burst: null, hoverMs: [], hoverEmpty: 0, completionMs: [], completionEmpty: 0, outlineMs: null, foldingMs: null, rangeFormatMs: null, formatMs: null, formatEdits: null, diskCheckMs: null, diskCheckRecords: null, stale: 0, peakRssKiB: null, peakRssFormatKiB: null,
    error: null };
  try {
    const caps = await client.initialize(o.rootDir);
    const sync = client.syncKind();
    result.supported = { sync, hover: !!caps.hoverProvider, completion: !!caps.completionProvider };
    if (sync === 0) {
      result.error = 'server has no textDocumentSync capability';
      return result;
    }

    // 1. didOpen -> first publishDiagnostics; and a hover sent right after didOpen (as an
    // editor asks for symbols and folding ranges at once) -> its answer: the model is ready
    let version = 1;
    const t0 = performance.now();
    const opened = client.waitDiagnostics(uri, version, o.openTimeoutMs);
    await client.didOpen(uri, text, version);
    const probe = hoverProbe(lines);
    const ready = result.supported.hover && probe ? client.hover(uri, probe.line, probe.character).then(() => performance.now()) : undefined;
    const first = await opened;
    if (!first) {
      result.error = `no diagnostics within ${o.openTimeoutMs} ms of didOpen`;
      return result;
    }
    result.openMs = first.at - t0;
    result.openDiagnostics = first.count;
    if (ready) result.readyMs = (await ready) - t0;

    // Applies one single-character insertion to our copy and describes it for didChange;
    // at a random place, or at `at` (a burst types a word at one place, as people do).
    const typeOne = (at) => {
      const ln = at ? at.line : int(lines.length);
      const col = at ? at.col++ : int(lines[ln].length + 1);
      const ch = TYPED[int(TYPED.length)];
      lines[ln] = lines[ln].slice(0, col) + ch + lines[ln].slice(col);
      if (sync === 2) {
        return [{ range: { start: { line: ln, character: col }, end: { line: ln, character: col } }, text: ch }];
      }
      return [{ text: lines.join('\n') }];
    };

    // 2. typed one at a time, each waits for the diagnostics of its version;
    // three timeouts in a row mean the server cannot keep up: stop typing.
    let timeoutsInRow = 0;
    // One key typed: didChange -> the publishDiagnostics of its version, into `samples`;
    // `afterSend` runs once the change is sent.
    const typeKey = async (samples, afterSend) => {
      const change = typeOne();
      version++;
      const t = performance.now();
      const got = client.waitDiagnostics(uri, version, o.editTimeoutMs);
      await client.didChange(uri, version, change);
      afterSend?.();
      const r = await got;
      if (r) {
        samples.push(r.at - t);
        timeoutsInRow = 0;
      } else {
        result.editTimeouts++;
        timeoutsInRow++;
      }
    };
    for (let i = 0; i < o.edits && timeoutsInRow < 3; i++) await typeKey(result.editsMs);

    // 2b. typing while the editor asks for the outline: VS Code's breadcrumbs ask after each
    // pause in typing and cancel the question when the next key comes. Here each key comes
    // while the outline is being made: its diagnostics should not wait for it.
    if ((o.outlineEdits ?? 0) > 0 && caps.documentSymbolProvider) {
      for (let i = 0; i < o.outlineEdits && timeoutsInRow < 3; i++) {
        const source = new CancellationTokenSource();
        client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }, source.token).catch(() => undefined);
        await typeKey(result.outlineEditsMs, () => source.cancel());
      }
    }

    // 3. a burst: a word typed at one place with no pause between characters;
    // only the last version's diagnostics matter
    if (o.burst > 0) {
      const before = client.docs.get(uri)?.publishes ?? 0;
      const changes = [];
      const at = { line: int(lines.length), col: 0 };
      at.col = int(lines[at.line].length + 1);
      for (let i = 0; i < o.burst; i++) changes.push(typeOne(at));
      const lastVersion = version + o.burst;
      const got = client.waitDiagnostics(uri, lastVersion, o.editTimeoutMs);
      const t = performance.now();
      for (const c of changes) await client.didChange(uri, ++version, c);
      const r = await got;
      result.burst = {
        chars: o.burst,
        lastVersionPublished: !!r && r.version !== undefined ? r.version === lastVersion : !!r,
        msAfterLastChange: r ? r.at - t : null,
        publishes: (client.docs.get(uri)?.publishes ?? 0) - before,
      };
    }

    // 4. hover and completion at record types of random lines
    const targets = [];
    for (let guard = 0; targets.length < o.queries && guard < o.queries * 50; guard++) {
      const ln = int(lines.length);
      const col = typeColumn(lines[ln]);
      if (col >= 0) targets.push([ln, col]);
    }
    if (result.supported.hover) {
      for (const [ln, col] of targets) {
        const t = performance.now();
        const h = await client.hover(uri, ln, col);
        result.hoverMs.push(performance.now() - t);
        if (!h) result.hoverEmpty++;
      }
    }
    if (result.supported.completion) {
      for (const [ln, col] of targets) {
        const t = performance.now();
        const c = await client.completion(uri, ln, col + 1);
        result.completionMs.push(performance.now() - t);
        const n = Array.isArray(c) ? c.length : c?.items?.length ?? 0;
        if (!n) result.completionEmpty++;
      }
    }
    // peak RSS of opening, typing and asking (step 5 builds whole-file answers on top of that)
    result.peakRssKiB = client.peakRssKiB();
    // 5. the whole-document requests an editor sends after changes: the outline (VS Code's
    // breadcrumbs ask after each pause in typing), the folding ranges (asked then too, here
    // without a rangeLimit: every fold), a format of the whole file, and after one more
    // key a format of 20 lines in the middle (the first of that version: the columns are
    // measured again where the key changed the file)
    if (caps.documentSymbolProvider) {
      const t = performance.now();
      await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
      result.outlineMs = performance.now() - t;
    }
    if (caps.foldingRangeProvider) {
      const t = performance.now();
      await client.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri } });
      result.foldingMs = performance.now() - t;
    }
    if (caps.documentFormattingProvider) {
      const t = performance.now();
      const edits = await client.conn.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 8, insertSpaces: true } });
      result.formatMs = performance.now() - t;
      result.formatEdits = edits?.length ?? 0;
    }
    if (caps.documentRangeFormattingProvider) {
      await typeKey([]);
      const mid = lines.length >> 1;
      const t = performance.now();
      await client.conn.sendRequest('textDocument/rangeFormatting', { textDocument: { uri }, range: { start: { line: mid, character: 0 }, end: { line: mid + 20, character: 0 } }, options: { tabSize: 8, insertSpaces: true } });
      result.rangeFormatMs = performance.now() - t;
    }
    result.stale = client.docs.get(uri)?.stale ?? 0;
    result.peakRssFormatKiB = client.peakRssKiB();
    // 6. the file checked from disk in the server's worker thread (daneZone/checkFile: what
    // VS Code users get for a zone over its 50 MB sync limit); last, so that the worker's
    // heap is not in the RSS figures above
    const t = performance.now();
    const disk = await client.conn.sendRequest('daneZone/checkFile', { uri });
    result.diskCheckMs = performance.now() - t;
    result.diskCheckRecords = disk.records;
  } catch (e) {
    result.error = `${e instanceof Error ? e.message : String(e)}; server stderr: ${client.stderr.slice(-500)}`;
  } finally {
    if (result.peakRssKiB === null) result.peakRssKiB = client.peakRssKiB();
    await client.close();
  }
  return result;
}
