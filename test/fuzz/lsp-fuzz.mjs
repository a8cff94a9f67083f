// Seeded fuzzing of the language server over LSP: the real bundle (dist/server.js) over stdio,
// driven by the protocol tests' client (test/helpers/lsp-client.mjs). Per seed: a zone from the
// fixtures (corpus, rules, DANE with certificate links, ignore comments, $GENERATE, signed
// zones) with an $INCLUDE of a file in a temporary workspace folder, then random edits of the
// zone and of the included file (open in the editor, or changed on disk with a watched-file
// notification), interleaved with the editor's requests (some cancelled, some left in flight
// across edits). Oracles:
// - the server never exits, answers no request with an error, logs no error or stack, and never
//   publishes its "failed to analyse" diagnostic;
// - every range it sends lies inside the text of the document it names, as of a version the
//   client had between sending the request and receiving the answer;
// - no publish for an older version of a document comes after one for a newer version;
// - a quick-fix's edit, applied to the text, gives a text without that diagnostic when opened
//   fresh (in a second server);
// - once the edits settle, the last version's diagnostics are those a freshly started server
//   publishes for the same text (and the same included file).
//
// `npm run fuzz:lsp -- --seeds 200 [--from 1] [--steps 60] [--minutes M] [--verbose]`; the test
// test/protocol/lsp-fuzz.test.mjs runs a few seeds for a few seconds. A failing seed runs again
// alone with `--from S --seeds 1` (the same edits, requests and oracles; timing may differ); its
// texts and steps are written to $TMPDIR/dz-lsp-fuzz-failures/seed-S.json (DZ_FUZZ_FAILURES).
// DZ_FUZZ_BIG=1: every seed's zone has a $GENERATE of 25-35 000 records (read in turns).
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startServer } from '../helpers/lsp-client.mjs';
import { rng } from '../helpers/fuzz-mutate.mjs';
import { makeCerts, opensslTlsaData } from '../fixtures/dane/make-certs.mjs';
import { fillPlaceholders } from '../helpers/dane-expectations.mjs';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const INC = 'fuzz.inc';
const MAIN = 'example.com.zone';
/** error codes an answer may carry: the request was cancelled, or the document changed under it */
const CANCELLED = new Set([-32800, -32801]);
/** where a failing seed's texts and steps are written */
const failuresDir = process.env.DZ_FUZZ_FAILURES ?? join(tmpdir(), 'dz-lsp-fuzz-failures');

// ---------------------------------------------------------------------------------------------
// Material: zones, lines to paste, snippets

function readZones(dir) {
  return readdirSync(dir).filter((n) => n.endsWith('.zone')).sort().map((n) => ({ name: n, text: readFileSync(join(dir, n), 'utf8') }));
}

function material(certDir) {
  const zones = [
    ...readZones(join(fixtures, 'corpus/valid')),
    ...readZones(join(fixtures, 'corpus/broken')),
    ...readZones(join(fixtures, 'rules')),
    ...readZones(join(fixtures, 'ignore')),
    ...readZones(join(fixtures, 'dane')).map((z) => ({ ...z, text: fillPlaceholders(z.text, certDir) })),
  ];
  const lines = zones.flatMap((z) => z.text.split('\n')).filter((l) => l.trim() && !/^;\s*\^|^;\s*test:/.test(l));
  const tlsa = (file, s, m) => opensslTlsaData(certDir, file, s, m);
  const certLines = [
    `; dane-zone: cert=mx1.pem\n_25._tcp.mx1 IN TLSA 3 1 1 ${tlsa('mx1.pem', 1, 1)}\n`,
    `; dane-zone: cert=mx1-chain.pem\n_25._tcp.mx1 IN TLSA 2 1 1 ${tlsa('ca.pem', 1, 1)}\n`,
    `_25._tcp.mx2 IN TLSA 3 1 1 ${tlsa('mx1.pem', 1, 1)} ; dane-zone: cert=mx2.pem\n`,
    `; dane-zone: cert=soon.pem\n_25._tcp.mx1 IN TLSA 3 0 2 ${tlsa('soon.pem', 0, 2)}\n`,
    '; dane-zone: cert=missing.pem\n_25._tcp.mx1 IN TLSA 3 1 1 ' + 'ab'.repeat(32) + '\n',
    '@ IN MX 10 mx1\n@ IN MX 20 mx2\nmx1 IN A 192.0.2.25\n',
  ];
  return { zones, lines, certLines };
}

const IDS = ['hostname-syntax', 'ttl-mismatch', 'duplicate-record', 'target-no-address', 'tlsa-single-record', 'tlsa-cert-mismatch',
  'tlsa-cert-link-unreadable', 'rrsig-expired', 'rrsig-bogus', 'nsec-chain', 'cname-and-other-data', 'no-such-check', 'syntax', 'rdata-invalid'];

function ignoreComment(r) {
  const ids = Array.from({ length: 1 + r.int(2) }, () => r.pick(IDS)).join(',');
  return r.next() < 0.3 ? `; dane-zone: ignore-file=${ids}\n` : `; dane-zone: ignore=${ids}${r.next() < 0.5 ? ' -- reason' : ''}\n`;
}

const GENERATES = ['$GENERATE 1-4 h$ A 192.0.2.$\n', '$GENERATE 1-3 ${0,3,x} IN AAAA 2001:db8::$\n', '$GENERATE 0-2/2 _25._tcp.h$ TLSA 3 1 1 ' + 'cd'.repeat(32) + '\n',
  '$GENERATE 1-2 $.rev PTR host-$.example.com.\n', '$GENERATE 5-1 x$ A 192.0.2.1\n', '$GENERATE 1-3 h$ CNAME h${1}\n'];

const CERT_FILES = ['mx1.pem', 'mx2.pem', 'mx1-chain.pem', 'soon.pem', 'ca.pem', 'next.pem'];

const CHARS = ['(', ')', '"', ';', '\\', ' ', '\t', '\n', '.', '@', '$', '*', '0', '1', '9', 'a', 'x', 'Z', '-', '_', '#', '=', 'é', '\r\n', '\r', '\uFEFF', '😀', '\u00A0'];
const SNIPPETS = ['(', ')', '"', ' IN ', 'TLSA 3 1 1 ', 'MX 10 ', '\\# 3 abcdef', '$ORIGIN sub\n', '$ORIGIN example.com.\n', '$TTL 1h\n',
  '( 1 2\n 3 ', '"unterminated ', 'x'.repeat(70), '\n\n', '$INCLUDE fuzz.inc\n', '$INCLUDE fuzz.inc sub.example.com.\n', '$INCLUDE nothere.inc\n', '$INCLUDE inc/hosts.inc\n',
  '*.wild IN A 192.0.2.9\n', 'RRSIG A 13 3 300 20300101000000 20200101000000 12345 example.com. AAAA\n'];

/** daneZone settings: mostly none; else a few rules' severities, a small problem or outline limit. */
function randomConfig(r) {
  const c = {};
  if (r.next() < 0.3) c.rules = Object.fromEntries(Array.from({ length: 1 + r.int(3) }, () => [r.pick(IDS), r.pick(['error', 'warning', 'info', 'hint', 'off'])]));
  if (r.next() < 0.25) c.problemLimit = 1 + r.int(8);
  if (r.next() < 0.15) c.outlineLimit = r.int(4);
  if (r.next() < 0.1) c.certificates = { '_25._tcp.mx1.example.com.': 'mx2.pem', '_25._tcp.*': 'missing.pem' };
  return c;
}

// ---------------------------------------------------------------------------------------------
// Texts and edits

/** Keeps an offset off the middle of a '\r\n' (no LSP position is there) and of a surrogate pair. */
function whole(text, o) {
  if (text[o - 1] === '\r' && text[o] === '\n') return o - 1;
  const c = text.charCodeAt(o);
  return c >= 0xdc00 && c <= 0xdfff ? o - 1 : o;
}

/** The lines starts of `text` as LSP counts lines ('\r\n', '\n' or '\r' ends one). */
function lspDoc(text) {
  return TextDocument.create('file:///x', 'dns-zone', 0, text);
}

/** A random edit of `text`: { a, b, insert, what } (a replace of [a, b) by insert). */
function randomEdit(text, r, m, pending) {
  // a third of the edits near a directive, a comment or a parenthesis: where one edit changes
  // what the lines below it mean
  const hot = () => {
    const spots = [];
    for (const m of text.matchAll(/\$|;|\(|\)/g)) { spots.push(m.index); if (spots.length > 400) break; }
    return spots.length ? Math.max(0, Math.min(text.length, r.pick(spots) + r.int(24) - 4)) : r.int(text.length + 1);
  };
  const at = () => whole(text, r.next() < 0.33 ? hot() : r.int(text.length + 1));
  const lineStart = () => { const o = at(); const k = text.lastIndexOf('\n', o - 1) + 1; return k; };
  const roll = r.next();
  if (roll < 0.25) { const a = at(); return { a, b: a, insert: r.pick(CHARS), what: 'char' }; }
  if (roll < 0.35) { const a = at(); return { a, b: whole(text, Math.min(text.length, a + 1)), insert: '', what: 'delete char' }; }
  if (roll < 0.47) { const a = at(); return { a, b: whole(text, Math.min(text.length, a + 1 + r.int(120))), insert: '', what: 'delete across lines' }; }
  if (roll < 0.57) { const a = lineStart(); return { a, b: a, insert: `${r.pick(m.lines)}\n`, what: 'paste line' }; }
  if (roll < 0.64) { const a = at(); return { a, b: a, insert: r.pick(SNIPPETS), what: 'snippet' }; }
  if (roll < 0.69) { const a = lineStart(); return { a, b: a, insert: ignoreComment(r), what: 'ignore comment' }; }
  if (roll < 0.72) { const a = lineStart(); return { a, b: a, insert: r.pick(GENERATES), what: '$GENERATE' }; }
  if (roll < 0.75) { const a = lineStart(); return { a, b: a, insert: r.pick(m.certLines), what: 'TLSA with cert link' }; }
  if (roll < 0.85) {
    // open a parenthesis or quote; a later edit closes it
    const [open, close] = r.pick([['(', ')'], ['"', '"'], ['( ', ' )']]);
    const a = at();
    pending.push(close);
    return { a, b: a, insert: open, what: 'open' };
  }
  if (roll < 0.92 && pending.length) { const a = at(); return { a, b: a, insert: pending.pop(), what: 'close' }; }
  // a word replaced (a token retyped)
  const a = at();
  const b = whole(text, Math.min(text.length, a + r.int(8)));
  return { a, b, insert: r.pick(['A', 'AAAA', 'IN', '3600', 'mx1', 'TLSA', 'NS', '@', '', '192.0.2.1']), what: 'retype' };
}

/** The span of `from` that differs from `to` (common prefix and suffix kept), as an undo. */
function diffEdit(from, to) {
  let p = 0;
  while (p < from.length && p < to.length && from[p] === to[p]) p++;
  let s = 0;
  while (s < from.length - p && s < to.length - p && from[from.length - 1 - s] === to[to.length - 1 - s]) s++;
  let b = from.length - s;
  if (from[b - 1] === '\r' && from[b] === '\n') b++;
  return { a: whole(from, p), b, what: 'revert' };
}

/** Applies edits given in document order of application; returns { text, changes } (LSP changes). */
function toChanges(text, edits) {
  const changes = [];
  for (const e of edits) {
    if (e.full) { changes.push({ text: e.full }); text = e.full; continue; }
    const d = lspDoc(text);
    changes.push({ range: { start: d.positionAt(e.a), end: d.positionAt(e.b) }, text: e.insert });
    text = text.slice(0, e.a) + e.insert + text.slice(e.b);
  }
  return { text, changes };
}

/** `text` with LSP TextEdits applied (ranges in the original text, as a WorkspaceEdit's). */
function applyTextEdits(text, edits) {
  const d = lspDoc(text);
  const spans = edits.map((e) => ({ a: d.offsetAt(e.range.start), b: d.offsetAt(e.range.end), t: e.newText })).sort((x, y) => y.a - x.a || y.b - x.b);
  for (const s of spans) text = text.slice(0, s.a) + s.t + text.slice(s.b);
  return text;
}

// ---------------------------------------------------------------------------------------------
// Range oracle

/** Why `range` is not a range of `text` (undefined when it is). */
function badRange(text, range) {
  const d = lspDoc(text);
  const lines = d.lineCount;
  const lineLength = (n) => {
    const s = d.offsetAt({ line: n, character: 0 });
    const e = n + 1 < lines ? d.offsetAt({ line: n + 1, character: 0 }) : text.length;
    return text.slice(s, e).replace(/\r?\n$|\r$/, '').length;
  };
  const badPos = (p, what) => {
    if (!p || !Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `${what} ${JSON.stringify(p)} is no position`;
    if (p.line >= lines) return `${what} line ${p.line} is past the last line ${lines - 1}`;
    if (p.character > lineLength(p.line)) return `${what} ${p.line}:${p.character} is past the end of its line (${lineLength(p.line)})`;
    return undefined;
  };
  const why = badPos(range?.start, 'start') ?? badPos(range?.end, 'end');
  if (why) return why;
  if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character)) return `start after end ${JSON.stringify(range)}`;
  return undefined;
}

const contains = (outer, inner) => {
  const le = (p, q) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
};

/** Why a list of edits of one document cannot be applied (two overlap), or undefined. */
function overlapping(edits) {
  const before = (p, q) => p.line < q.line || (p.line === q.line && p.character < q.character);
  const sorted = [...edits].sort((x, y) => (before(x.range.start, y.range.start) ? -1 : before(y.range.start, x.range.start) ? 1 : 0));
  for (let k = 1; k < sorted.length; k++) {
    if (before(sorted[k].range.start, sorted[k - 1].range.end)) return `edits overlap: ${JSON.stringify(sorted[k - 1].range)} and ${JSON.stringify(sorted[k].range)}`;
  }
  return undefined;
}

/** Every range in a response, as [uri, range, what] (uri undefined: the request's document). */
function rangesOf(method, result) {
  const out = [];
  if (result == null) return out;
  const loc = (l, what) => out.push([l.uri, l.range, what]);
  switch (method) {
    case 'textDocument/hover': if (result.range) out.push([undefined, result.range, 'hover range']); break;
    case 'textDocument/completion':
      for (const i of Array.isArray(result) ? result : result.items) {
        if (i.textEdit?.range) out.push([undefined, i.textEdit.range, `completion ${i.label}`]);
        if (i.textEdit?.insert) out.push([undefined, i.textEdit.insert, `completion ${i.label}`]);
        for (const e of i.additionalTextEdits ?? []) out.push([undefined, e.range, `completion extra ${i.label}`]);
      }
      break;
    case 'textDocument/definition': case 'textDocument/references':
      for (const l of Array.isArray(result) ? result : [result]) loc(l, method);
      break;
    case 'textDocument/documentSymbol': {
      const walk = (s, parent) => {
        out.push([undefined, s.range, `symbol ${s.name}`]);
        out.push([undefined, s.selectionRange, `symbol ${s.name} selection`]);
        if (!contains(s.range, s.selectionRange)) out.push([undefined, null, `symbol ${s.name}: selectionRange ${JSON.stringify(s.selectionRange)} outside range ${JSON.stringify(s.range)}`]);
        if (parent && !contains(parent.range, s.range)) out.push([undefined, null, `symbol ${s.name}: range outside its parent ${parent.name}`]);
        for (const c of s.children ?? []) walk(c, s);
      };
      for (const s of result) walk(s);
      break;
    }
    case 'textDocument/foldingRange':
      for (const f of result) out.push([undefined, { start: { line: f.startLine, character: 0 }, end: { line: f.endLine, character: 0 } }, `fold ${f.startLine}-${f.endLine}`]);
      break;
    case 'textDocument/formatting': case 'textDocument/rangeFormatting': case 'daneZone/bumpSerial': {
      const edits = (Array.isArray(result) ? result : result.edits ?? [result]).filter((e) => e?.range);
      for (const e of edits) out.push([undefined, e.range, method]);
      const why = overlapping(edits);
      if (why) out.push([undefined, null, why]);
      break;
    }
    case 'textDocument/codeAction':
      for (const a of result) {
        for (const [uri, edits] of Object.entries(a.edit?.changes ?? {})) {
          for (const e of edits) out.push([uri, e.range, `action ${a.title}`]);
          const why = overlapping(edits);
          if (why) out.push([uri, null, `action ${a.title}: ${why}`]);
        }
        // a.diagnostics are the client's own (maybe of an earlier version): not looked at
      }
      break;
    default: break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// One fuzzing session

class Failure extends Error {}

const key = (d) => JSON.stringify([d.range, d.severity, d.code, d.message, d.relatedInformation ?? null]);
const keys = (list) => list.map(key).sort();

/** Waits until `s` has published nothing new and done no work for `quietMs` (and its last publish
 *  for `uri` is `version`): on a loaded machine a publish may come long after the one before. */
async function settle(s, uri, version, quietMs = 120) {
  await s.diagnostics(uri, version, 30000);
  await s.quiet(quietMs);
  return s.latest.get(uri);
}

function watch(s, problems) {
  s.conn.onNotification('window/logMessage', (p) => {
    if (p.type === 1 || /uncaught|unhandled|\n\s+at /i.test(p.message)) problems.push(`server logged: ${p.message}`);
  });
  s.conn.onNotification('window/showMessage', (p) => { if (p.type === 1) problems.push(`server showed an error: ${p.message}`); });
  s.child.on('exit', (code, signal) => problems.push(`server exited (${signal ?? code})`));
}

/** `progress`: log the totals every so many seeds (0: never). */
export async function fuzzLsp({ from = 1, seeds = 10, steps = 60, deadline = Infinity, verbose = false, progress = 0, log = console.log } = {}) {
  const certs = makeCerts();
  const root = realpathSync(mkdtempDir());
  const m = material(certs.dir);
  const rootUri = pathToFileURL(root).toString();
  // DZ_FUZZ_SERVER: another copy of dist/server.js (a long run beside a rebuild)
  // the daneZone settings every server gets: one object, changed in place per seed (and mid-seed)
  const config = {};
  const serverOptions = { configuration: config, rootUri, workspaceFolders: [{ uri: rootUri, name: 'fuzz' }], ...(process.env.DZ_FUZZ_SERVER ? { serverJs: process.env.DZ_FUZZ_SERVER } : {}) };
  const problems = [];
  let s = await startServer(serverOptions);
  watch(s, problems);
  let oracle = await startServer(serverOptions);
  // publishes are looked at in order, across seeds: a late one for an earlier seed's document counts
  /** documents the client has closed; those whose clear came: no publish may follow */
  const closed = new Set(), cleared = new Set();
  /** per document, closes whose clear has not come yet (a clear answers the close before it) */
  const clearsDue = new Map();
  const lastVersion = new Map();
  let seen = 0;
  const totals = { seeds: 0, steps: 0, requests: 0, cancelled: 0, fixesChecked: 0, formatsChecked: 0, diskChecks: 0, generatesChecked: 0, failures: [] };
  try {
    for (let seed = from; seed < from + seeds && Date.now() < deadline; seed++) {
      try {
        await runSeed(seed);
      } catch (e) {
        const message = e instanceof Failure ? e.message : `${e.stack ?? e}`;
        totals.failures.push({ seed, message });
        log(`seed ${seed}: FAIL ${message}`);
        // a fresh pair of servers for the next seed
        await s.stop().catch(() => {});
        await oracle.stop().catch(() => {});
        problems.length = 0;
        closed.clear();
        cleared.clear();
        clearsDue.clear();
        lastVersion.clear();
        seen = 0;
        s = await startServer(serverOptions);
        watch(s, problems);
        oracle = await startServer(serverOptions);
      }
      totals.seeds++;
      if (progress && totals.seeds % progress === 0) log(`... ${totals.seeds} seeds, ${totals.steps} steps, ${totals.failures.length} failures`);
    }
  } finally {
    await s.stop().catch(() => {});
    await oracle.stop().catch(() => {});
    certs.cleanup();
    rmSync(root, { recursive: true, force: true });
  }
  return totals;

  async function runSeed(seed) {
    const r = rng(seed);
    const setConfig = async () => {
      for (const k of Object.keys(config)) delete config[k];
      Object.assign(config, randomConfig(r));
      for (const srv of [s, oracle]) await srv.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    };
    await setConfig();
    const dir = join(root, `s${seed}`);
    mkdirSync(dir);
    for (const f of readdirSync(certs.dir)) if (f.endsWith('.pem')) copyFileSync(join(certs.dir, f), join(dir, f));
    cpSync(join(fixtures, 'corpus/valid/inc'), join(dir, 'inc'), { recursive: true });
    const mainUri = pathToFileURL(join(dir, MAIN)).toString();
    const incUri = pathToFileURL(join(dir, INC)).toString();
    const incPath = join(dir, INC);

    // the zone: a fixture, with an $INCLUDE of fuzz.inc, and maybe ignore comments, a $GENERATE and a cert link
    const base = r.pick(m.zones);
    const lines = base.text.split('\n');
    const insertLine = (t) => lines.splice(r.int(lines.length + 1), 0, t.replace(/\n$/, ''));
    insertLine(r.next() < 0.7 ? `$INCLUDE ${INC}` : `$INCLUDE ${INC} sub.example.com.`);
    for (let k = r.int(3); k > 0; k--) insertLine(ignoreComment(r));
    if (r.next() < 0.4) insertLine(r.pick(GENERATES));
    // a $GENERATE of 30 000 records: the document is read in turns (and checked in a worker first)
    if (r.next() < (process.env.DZ_FUZZ_BIG ? 1 : 0.08)) insertLine(`$GENERATE 1-${25000 + r.int(10000)} g$ A 192.0.2.${r.int(256)}`);
    if (r.next() < 0.4) insertLine(r.pick(m.certLines));
    const text = { [mainUri]: lines.join('\n') };
    /** every text the included file had on disk (a publish may come from any) */
    const diskTexts = [];
    let incDisk = Array.from({ length: 1 + r.int(4) }, () => r.pick(m.lines)).join('\n') + '\n';
    writeFileSync(incPath, incDisk);
    diskTexts.push(incDisk);
    writeFileSync(join(dir, MAIN), text[mainUri]);
    const incExists = () => incDisk !== null;
    const version = { [mainUri]: 1, [incUri]: 0 };
    /** the texts each document had, by version (a response may speak of any since its request) */
    const texts = { [mainUri]: new Map([[1, text[mainUri]]]), [incUri]: new Map() };
    let incOpen = false;
    const pending = { [mainUri]: [], [incUri]: [] };
    const undo = { [mainUri]: [], [incUri]: [] };
    const said = [`seed ${seed}: ${base.name}, settings ${JSON.stringify(config)}`];
    const fail = (why) => {
      // the whole case, for a reproduction
      mkdirSync(failuresDir, { recursive: true });
      writeFileSync(join(failuresDir, `seed-${seed}.json`), JSON.stringify({ seed, base: base.name, why, steps: said, main: text[mainUri], mainVersion: version[mainUri], inc: incOpen ? text[incUri] : incDisk, incOpen }, null, 1));
      throw new Failure(`${why}\n  steps: ${said.slice(-12).join('\n    ')}\n  text v${version[mainUri]}: ${JSON.stringify(text[mainUri]).slice(0, 3000)}\n  ${INC}${incOpen ? ` (open, v${version[incUri]})` : ' (disk)'}: ${JSON.stringify(incOpen ? text[incUri] : incDisk)?.slice(0, 1500)}\n  (whole case in ${join(failuresDir, `seed-${seed}.json`)})`);
    };
    const checkProblems = () => { if (problems.length) fail(problems.join('\n')); };
    const close = async (uri) => {
      closed.add(uri);
      clearsDue.set(uri, (clearsDue.get(uri) ?? 0) + 1);
      await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    };

    /** the included file's text as the server should see it */
    const incText = () => (incOpen ? text[incUri] : incDisk);

    /** Publish order and ranges of every publish received since the last look. */
    const checkPublishes = () => {
      for (; seen < s.history.length; seen++) {
        const p = s.history[seen];
        if (p.version === undefined) {
          lastVersion.delete(p.uri);
          const due = (clearsDue.get(p.uri) ?? 0) - 1;
          clearsDue.set(p.uri, Math.max(0, due));
          if (due === 0 && closed.has(p.uri)) cleared.add(p.uri);
          continue;
        }
        // the clear a close sends is the last word on a closed document
        if (cleared.has(p.uri)) fail(`publish for ${p.uri.replace(/.*\/(s\d+\/)/, '$1')} v${p.version} after it was closed and cleared`);
        if (!texts[p.uri]) continue; // a document of an earlier seed
        const before = lastVersion.get(p.uri);
        if (before !== undefined && p.version < before) fail(`publish for ${p.uri.replace(/.*\//, '')} v${p.version} after v${before}`);
        lastVersion.set(p.uri, p.version);
        const t = texts[p.uri]?.get(p.version);
        if (t === undefined) fail(`publish for ${p.uri} v${p.version}, a version never sent`);
        for (const d of p.diagnostics) {
          if (d.code === 'internal') fail(`internal error diagnostic: ${d.message}`);
          const why = badRange(t, d.range);
          if (why) fail(`diagnostic ${d.code} "${d.message}" of v${p.version}: ${why}`);
          for (const ri of d.relatedInformation ?? []) {
            if (ri.location.uri !== incUri) continue;
            // the included file as it was then: open text of some version, or on disk
            const cands = [...texts[incUri].values(), ...diskTexts].filter((x) => typeof x === 'string');
            if (!cands.some((c) => !badRange(c, ri.location.range))) fail(`diagnostic ${d.code}: related range ${JSON.stringify(ri.location.range)} not in any text of ${INC}`);
          }
        }
      }
    };

    const inFlight = new Set();
    /** Sends a request; its answer is checked against the texts the document had meanwhile. */
    const request = (method, params, { cancel = false } = {}) => {
      totals.requests++;
      const uri = params.textDocument?.uri ?? params.uri;
      const sentAt = { [mainUri]: version[mainUri], [incUri]: version[incUri] };
      const src = new CancellationTokenSource();
      const p = s.conn.sendRequest(method, params, src.token).then((result) => {
        for (const [u, range, what] of rangesOf(method, result)) {
          if (range === null) fail(`${method}: ${what}`);
          const doc = u ?? uri;
          if (doc !== mainUri && doc !== incUri) fail(`${method}: ${what} names ${doc}`);
          const cands = [];
          if (doc === incUri && !incOpen) cands.push(incDisk);
          for (let v = sentAt[doc]; v <= version[doc]; v++) if (texts[doc].has(v)) cands.push(texts[doc].get(v));
          if (doc === incUri) cands.push(...diskTexts, ...texts[incUri].values());
          const whys = cands.filter((c) => typeof c === 'string').map((c) => badRange(c, range));
          if (!whys.includes(undefined)) fail(`${method} ${JSON.stringify(params).slice(0, 200)} (sent at v${sentAt[doc]}, now v${version[doc]}): ${what}: ${whys[whys.length - 1] ?? 'no text'}`);
        }
        return result;
      }, (err) => {
        if (CANCELLED.has(err.code)) { totals.cancelled++; return undefined; }
        if (err instanceof Failure) throw err;
        fail(`${method} ${JSON.stringify(params).slice(0, 300)} answered with an error: ${err.code} ${err.message}`);
      });
      if (cancel) {
        if (r.next() < 0.5) src.cancel();
        else setImmediate(() => src.cancel());
      }
      const tracked = p.catch((e) => { throw e; }).finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      tracked.catch(() => {});
      return tracked;
    };

    const drain = async () => { for (const p of [...inFlight]) await p; };

    const sendEdit = async (uri) => {
      const edits = [];
      const roll = r.next();
      const u = undo[uri];
      if (roll < 0.1 && u.length) {
        const back = u[Math.max(0, u.length - 1 - r.int(4))];
        const e = diffEdit(text[uri], back);
        edits.push({ ...e, insert: back.slice(e.a, back.length - (text[uri].length - e.b)) });
      } else if (roll < 0.13) {
        edits.push({ full: text[uri].replace(/\n[^\n]*$/, '\n') + r.pick(m.lines) + '\n', what: 'whole text' });
      } else {
        let t = text[uri];
        for (let k = roll > 0.9 ? 3 : roll > 0.8 ? 2 : 1; k > 0; k--) {
          const e = randomEdit(t, r, m, pending[uri]);
          edits.push(e);
          t = t.slice(0, e.a) + e.insert + t.slice(e.b);
        }
      }
      u.push(text[uri]);
      if (u.length > 8) u.shift();
      const { text: next, changes } = toChanges(text[uri], edits);
      text[uri] = next;
      const v = ++version[uri];
      texts[uri].set(v, next);
      said.push(`${uri === incUri ? INC : 'zone'} v${v}: ${changes.map((c) => (c.range ? `${c.range.start.line}:${c.range.start.character}-${c.range.end.line}:${c.range.end.character}` : 'all') + ` ${JSON.stringify(c.text).slice(0, 80)}`).join(' | ')}`);
      await s.change(uri, v, changes);
    };

    const randomPos = (uri) => {
      const t = text[uri] ?? incDisk ?? '';
      const d = lspDoc(t);
      // now and then where the text was a few edits ago: past a line's end, or past the last line
      if (r.next() < 0.04) return { line: r.int(d.lineCount + 3), character: r.int(300) };
      return d.positionAt(whole(t, r.int(t.length + 1)));
    };

    const randomRequest = (uri, diags) => {
      const textDocument = { uri };
      const position = randomPos(uri);
      const roll = r.next();
      const cancel = r.next() < 0.15;
      if (roll < 0.2) return request('textDocument/hover', { textDocument, position }, { cancel });
      if (roll < 0.35) return request('textDocument/completion', { textDocument, position }, { cancel });
      if (roll < 0.42) return request('textDocument/definition', { textDocument, position }, { cancel });
      if (roll < 0.48) return request('textDocument/references', { textDocument, position, context: { includeDeclaration: r.next() < 0.5 } }, { cancel });
      if (roll < 0.58) return request('textDocument/documentSymbol', { textDocument }, { cancel });
      if (roll < 0.66) return request('textDocument/foldingRange', { textDocument }, { cancel });
      if (roll < 0.73) return request('textDocument/formatting', { textDocument, options: { tabSize: r.pick([2, 4, 8]), insertSpaces: r.next() < 0.5 } }, { cancel });
      if (roll < 0.8) {
        const a = randomPos(uri), b = randomPos(uri);
        const range = a.line < b.line || (a.line === b.line && a.character <= b.character) ? { start: a, end: b } : { start: b, end: a };
        return request('textDocument/rangeFormatting', { textDocument, range, options: { tabSize: 8, insertSpaces: r.next() < 0.5 } }, { cancel });
      }
      if (roll < 0.93) {
        const d = diags.length ? r.pick(diags) : undefined;
        const range = d ? d.range : { start: position, end: position };
        return request('textDocument/codeAction', { textDocument, range, context: { diagnostics: d ? [d] : [] } }, { cancel });
      }
      if (roll < 0.97) return request('daneZone/zoneInfo', { uri, line: position.line, character: position.character }, { cancel });
      return request('daneZone/bumpSerial', { uri, today: '20260101' }, { cancel });
    };

    /** Opens `main` (and the included file's open text) in the oracle server; its settled diagnostics. */
    let oracleVersion = 0;
    const fresh = async (srv, mainText, incOpenText, whileOpen) => {
      const v = ++oracleVersion;
      // the zone first, as an editor opens it, then the included file (read with the zone's origin)
      await srv.open(mainUri, mainText, v);
      if (incOpenText !== undefined) {
        await srv.open(incUri, incOpenText, v);
        await srv.diagnostics(incUri, v, 30000);
      }
      const p = await settle(srv, mainUri, v, 60);
      const incP = incOpenText !== undefined ? srv.latest.get(incUri) : undefined;
      const extra = whileOpen && (await whileOpen());
      await srv.conn.sendNotification('textDocument/didClose', { textDocument: { uri: mainUri } });
      if (incOpenText !== undefined) await srv.conn.sendNotification('textDocument/didClose', { textDocument: { uri: incUri } });
      return { main: p.diagnostics, inc: incP?.diagnostics, extra };
    };

    /** daneZone/generateTlsa's edit, applied, gives a record that matches the certificate it links. */
    const checkGenerateTlsa = async () => {
      const certFile = r.pick(CERT_FILES);
      const host = r.pick(['mx1.example.com', 'mx2.example.com.', 'h1.sub.example.com', 'new.example.com']);
      const res = await request('daneZone/generateTlsa', { uri: mainUri, certPath: join(dir, certFile), host });
      if (!res?.edit || s.latest.get(mainUri)?.version !== version[mainUri]) return;
      const at = { line: res.edit.line, character: res.edit.character };
      const before = text[mainUri];
      const why = badRange(before, { start: at, end: at });
      if (why) fail(`daneZone/generateTlsa: ${why}`);
      const after = applyTextEdits(before, [{ range: { start: at, end: at }, newText: res.edit.newText }]);
      // the record's line and its link's, above it
      const doc = lspDoc(before);
      const recordLine = lspDoc(after).positionAt(doc.offsetAt(at) + res.edit.newText.indexOf(' IN TLSA ')).line;
      const got = await fresh(oracle, after, incOpen ? text[incUri] : undefined);
      totals.generatesChecked++;
      // (a certificate that expires soon is what it is)
      const wrong = got.main.filter((d) => d.code?.startsWith('tlsa-cert') && d.code !== 'tlsa-cert-expiring' && (d.range.start.line === recordLine || d.range.start.line === recordLine - 1) && !/^in \S+:\d+: /.test(d.message));
      if (wrong.length) fail(`daneZone/generateTlsa ${certFile} for ${host}: the record it inserts at ${at.line}:${at.character} (${JSON.stringify(res.edit.newText)}) does not match its certificate:\n  ${wrong.map((d) => `${d.code} ${d.message}`).join('\n  ')}`);
    };

    /** Formatting keeps the meaning (a fresh open finds the same problems on the same lines) and
     *  is done in one go (formatting its result changes nothing). */
    const checkFormatting = async () => {
      const range = r.next() < 0.5 ? undefined : (() => { const a = randomPos(mainUri), b = randomPos(mainUri); return a.line <= b.line ? { start: a, end: b } : { start: b, end: a }; })();
      const method = range ? 'textDocument/rangeFormatting' : 'textDocument/formatting';
      const options = { tabSize: r.pick([4, 8]), insertSpaces: r.next() < 0.5 };
      const edits = await request(method, { textDocument: { uri: mainUri }, options, ...(range ? { range } : {}) });
      if (!edits?.length || s.latest.get(mainUri)?.version !== version[mainUri]) return;
      const before = text[mainUri];
      const after = applyTextEdits(before, edits);
      const inc = incOpen ? text[incUri] : undefined;
      const meaning = (list) => list.filter((d) => d.code !== 'ignore-invalid').map((d) => `${d.range.start.line} ${d.severity} ${d.code} ${d.message}`).sort();
      const a = await fresh(oracle, before, inc);
      const b = await fresh(oracle, after, inc, () => oracle.conn.sendRequest('textDocument/formatting', { textDocument: { uri: mainUri }, options }));
      totals.formatsChecked++;
      const [x, y] = [meaning(a.main), meaning(b.main)];
      if (JSON.stringify(x) !== JSON.stringify(y)) fail(`${method} ${JSON.stringify(range ?? '')} changed the problems found:\n  before: ${x.filter((k) => !y.includes(k)).join('\n    ')}\n  after: ${y.filter((k) => !x.includes(k)).join('\n    ')}\n  edits: ${JSON.stringify(edits).slice(0, 1500)}`);
      if (!range && b.extra?.length) fail(`formatting twice: the second changes ${JSON.stringify(b.extra).slice(0, 1500)}\n  after the first: ${JSON.stringify(after).slice(0, 3000)}`);
    };

    /** Quick-fixes of a current diagnostic: each edit applied, the diagnostic is gone in a fresh open. */
    const checkFixes = async (d) => {
      const actions = await request('textDocument/codeAction', { textDocument: { uri: mainUri }, range: d.range, context: { diagnostics: [d] } });
      for (const a of actions ?? []) {
        if (!a.edit || a.command) continue;
        const uris = Object.keys(a.edit.changes ?? {});
        if (uris.some((u) => u !== mainUri)) continue;
        const edits = a.edit.changes[mainUri];
        const before = text[mainUri];
        const after = applyTextEdits(before, edits);
        // where the diagnostic's start is after the edits
        const doc = lspDoc(before);
        let off = doc.offsetAt(d.range.start);
        const spans = edits.map((e) => ({ a: doc.offsetAt(e.range.start), b: doc.offsetAt(e.range.end), n: e.newText.length }));
        let moved = off;
        for (const sp of spans) {
          if (sp.b <= off && !(sp.a === sp.b && sp.a === off && false)) moved += sp.n - (sp.b - sp.a);
          else if (sp.a < off) moved = moved - (off - sp.a);
        }
        const at = lspDoc(after).positionAt(moved);
        const line = at.line;
        const got = await fresh(oracle, after, incOpen ? text[incUri] : undefined);
        totals.fixesChecked++;
        const still = got.main.filter((x) => x.code === d.code && x.range.start.line === line && x.range.start.character === at.character && (x.message === d.message || !a.title.startsWith('Ignore')));
        if (still.length) fail(`quick-fix "${a.title}" for ${d.code} "${d.message}" at ${d.range.start.line}:${d.range.start.character}: still there at ${line}:${at.character} after its edit ${JSON.stringify(edits)}:\n  ${still.map((x) => x.message).join('\n  ')}`);
      }
    };

    await s.open(mainUri, text[mainUri], 1);
    await s.diagnostics(mainUri, 1, 30000);
    for (let step = 0; step < steps; step++) {
      totals.steps++;
      const roll = r.next();
      if (roll < 0.5) await sendEdit(mainUri);
      else if (roll < 0.53) {
        // saved: the text goes to disk (the server looks for a byte order mark there)
        writeFileSync(join(dir, MAIN), text[mainUri]);
        said.push('zone saved');
        await s.conn.sendNotification('textDocument/didSave', { textDocument: { uri: mainUri } });
        // the file on disk, checked in a worker (daneZone/checkFile), has the open document's problems
        if (!incOpen && r.next() < 0.8) {
          const open = await settle(s, mainUri, version[mainUri]).catch((e) => fail(e.message));
          const got = await request('daneZone/checkFile', { uri: mainUri });
          totals.diskChecks++;
          const [a, b] = [keys(open.diagnostics), keys(got.diagnostics)];
          if (JSON.stringify(a) !== JSON.stringify(b)) fail(`daneZone/checkFile of the saved zone differs from its open document's diagnostics:\n  only open: ${a.filter((x) => !b.includes(x)).join('\n    ')}\n  only checkFile: ${b.filter((x) => !a.includes(x)).join('\n    ')}`);
        }
      } else if (roll < 0.55) {
        // closed (a request or two to the closed document), then opened again
        await close(mainUri);
        for (let k = r.int(3); k > 0; k--) await randomRequest(mainUri, []);
        const v = ++version[mainUri];
        texts[mainUri].set(v, text[mainUri]);
        pending[mainUri] = [];
        closed.delete(mainUri);
        cleared.delete(mainUri);
        said.push(`zone closed, opened again v${v}`);
        await s.open(mainUri, text[mainUri], v);
      }
      else if (roll < 0.7 && incOpen) await sendEdit(incUri);
      else if (roll < 0.76) {
        // open or close the included file in the editor
        if (incOpen) {
          await close(incUri);
          incOpen = false;
          said.push(`${INC} closed`);
        } else if (incExists()) {
          const v = ++version[incUri];
          text[incUri] = incDisk;
          texts[incUri].set(v, incDisk);
          pending[incUri] = [];
          closed.delete(incUri);
          cleared.delete(incUri);
          await s.open(incUri, incDisk, v);
          incOpen = true;
          said.push(`${INC} opened v${v}`);
        }
      } else if (roll < 0.775) {
        await setConfig();
        said.push(`settings: ${JSON.stringify(config)}`);
      } else if (roll < 0.785) {
        // a certificate renewed on disk: one of the seed's files takes another's content
        const [to, fromFile] = [r.pick(CERT_FILES), r.pick(CERT_FILES)];
        copyFileSync(join(certs.dir, fromFile), join(dir, to));
        said.push(`${to} on disk: now ${fromFile}`);
        const changes = [{ uri: pathToFileURL(join(dir, to)).toString(), type: 2 }];
        for (const srv of [s, oracle]) await srv.conn.sendNotification('workspace/didChangeWatchedFiles', { changes });
      } else if (roll < 0.84) {
        // the included file changed on disk (created, changed or deleted)
        const kind = r.next();
        let type;
        if (kind < 0.1 && incExists()) { unlinkSync(incPath); incDisk = null; type = 3; }
        else {
          type = incExists() ? 2 : 1;
          const lines2 = (incDisk ?? '').split('\n');
          lines2.splice(r.int(lines2.length + 1), r.int(2), r.pick(m.lines));
          incDisk = r.next() < 0.2 ? r.pick(m.certLines) : lines2.join('\n');
          writeFileSync(incPath, incDisk);
          diskTexts.push(incDisk);
        }
        said.push(`${INC} on disk: ${type === 3 ? 'deleted' : JSON.stringify(incDisk).slice(0, 120)}`);
        await s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: incUri, type }] });
        await oracle.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: incUri, type }] });
      }
      // requests: some awaited, some left in flight across the next edits
      const latest = s.latest.get(mainUri);
      const diags = latest?.diagnostics ?? [];
      for (let k = r.int(4); k > 0; k--) {
        // now and then the included file while it is closed (the server knows no such document)
        const uri = r.next() < (incOpen ? 0.2 : 0.03) ? incUri : mainUri;
        const p = randomRequest(uri, uri === mainUri ? diags : s.latest.get(incUri)?.diagnostics ?? []);
        if (r.next() < 0.6) await p;
      }
      // now and then: wait for this version's diagnostics, and check a quick-fix
      if (r.next() < 0.35) {
        const p = await s.diagnostics(mainUri, version[mainUri], 30000).catch((e) => fail(e.message));
        await drain();
        checkPublishes();
        if (r.next() < 0.3) {
          const d = p.diagnostics.filter((x) => x.source === 'dane-zone');
          if (d.length && s.latest.get(mainUri)?.version === version[mainUri]) await checkFixes(r.pick(d));
        } else if (r.next() < 0.3) await checkFormatting();
        else if (r.next() < 0.15) await checkGenerateTlsa();
      }
      checkProblems();
    }

    // settled: the last version's diagnostics are a fresh server's
    await drain();
    const last = await settle(s, mainUri, version[mainUri]).catch((e) => fail(e.message));
    checkPublishes();
    checkProblems();
    const incLast = incOpen ? s.latest.get(incUri) : undefined;
    const freshServer = await startServer(serverOptions);
    let got;
    try {
      got = await fresh(freshServer, text[mainUri], incOpen ? text[incUri] : undefined);
    } finally {
      await freshServer.stop();
    }
    const [a, b] = [keys(last.diagnostics), keys(got.main)];
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      fail(`settled diagnostics differ from a fresh server's:\n  only edited: ${a.filter((x) => !b.includes(x)).join('\n    ')}\n  only fresh: ${b.filter((x) => !a.includes(x)).join('\n    ')}`);
    }
    if (incLast && incLast.version === version[incUri] && got.inc) {
      const [c, e] = [keys(incLast.diagnostics), keys(got.inc)];
      if (JSON.stringify(c) !== JSON.stringify(e)) fail(`settled diagnostics of the open ${INC} differ from a fresh server's:\n  only edited: ${c.filter((x) => !e.includes(x)).join('\n    ')}\n  only fresh: ${e.filter((x) => !c.includes(x)).join('\n    ')}`);
    }
    await close(mainUri);
    if (incOpen) await close(incUri);
    if (verbose) log(`seed ${seed}: ok (${base.name}, v${version[mainUri]}, ${INC} v${version[incUri]})`);
  }
}

function mkdtempDir() {
  const d = join(tmpdir(), `dz-lsp-fuzz-${process.pid}-${Date.now()}`);
  mkdirSync(d, { recursive: true });
  return d;
}

// the command line: npm run fuzz:lsp -- --seeds N
if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i < 0 ? dflt : Number(process.argv[i + 1]); };
  const minutes = arg('minutes', 0);
  const started = Date.now();
  const t = await fuzzLsp({ from: arg('from', 1), seeds: arg('seeds', 50), steps: arg('steps', 60), verbose: process.argv.includes('--verbose'), progress: 25, deadline: minutes ? started + minutes * 60000 : Infinity });
  console.log(`lsp fuzz: ${t.seeds} seeds, ${t.steps} steps, ${t.requests} requests (${t.cancelled} cancelled), ${t.fixesChecked} quick-fixes checked, ${t.formatsChecked} formattings checked, ${t.diskChecks} checkFile compared, ${t.generatesChecked} generated TLSA checked, ${t.failures.length} failures, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const f of t.failures) console.log(`- seed ${f.seed}: ${f.message.split('\n')[0]}`);
  process.exitCode = t.failures.length ? 1 : 0;
}
