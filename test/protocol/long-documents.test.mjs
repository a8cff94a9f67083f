// A long zone over the real server bundle: its first analysis runs in turns, so
// requests that need no analysis are answered meanwhile, a preview check on a worker
// thread (dist/preview-worker.js) may publish first, and every publish of a version
// carries that version's full findings. Also: the preview worker alone gives the
// diagnostics the server publishes for the same text (rule, message, range, data).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../helpers/lsp-client.mjs';
import { makeCerts } from '../fixtures/dane/make-certs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WORKER = join(root, 'dist', 'preview-worker.js');
const LINES = 30_000; // over the server's SLICED_MIN_LINES (20 000)

/** A long zone: SOA, NS, hosts, MX with TLSA, and faults at known lines. */
function longZone() {
  const lines = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster ( 2026112801 7200 3600 1209600 300 )', '  IN NS ns1', 'ns1 IN A 192.0.2.1', '  IN MX 10 mx1', 'mx1 IN A 192.0.2.25'];
  const faults = {};
  while (lines.length < LINES) {
    const i = lines.length;
    if (i % 5000 === 0) { faults[i] = 'rdata-invalid'; lines.push(`bad${i} IN A 192.0.2.300`); continue; }
    if (i % 7001 === 0) { faults[i] = 'tlsa-usage-unusable-for-smtp'; lines.push(`_25._tcp.mx1 IN TLSA 1 1 1 ${i.toString(16).padStart(64, 'a')}`); continue; }
    lines.push(`h${i} IN A 192.0.2.${(i % 250) + 1}`);
  }
  return { text: lines.join('\n') + '\n', faults };
}

const keyOf = (d) => JSON.stringify([d.range, d.code, d.severity, d.message, d.data ?? null, d.relatedInformation ?? null]);
const sortedKeys = (ds) => ds.map(keyOf).sort();

let certs, dir;
before(() => {
  certs = makeCerts();
  dir = realpathSync(certs.dir);
});
after(() => certs?.cleanup());

test('a long zone: other requests are answered while it is analysed, and every publish is the full result of its version', async (t) => {
  const uri = pathToFileURL(join(dir, 'long.example.com.zone')).toString();
  const s = await startServer();
  t.after(() => s.stop());
  const { text, faults } = longZone();
  await s.open(uri, text, 1);
  const order = [];
  const symbols = s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }).then((r) => { order.push('symbols'); return r; });
  // code actions come from the diagnostic's data alone: no analysis to wait for
  const actions = s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } })
    .then((r) => { order.push('actions'); return r; });
  const [syms] = await Promise.all([symbols, actions]);
  assert.deepEqual(order, ['actions', 'symbols'], 'the code action request waited for the analysis');
  assert.ok(syms.length > 1000, `document symbols: ${syms.length}`);

  // fix the first fault: version 2 has one diagnostic less
  const first = Number(Object.keys(faults)[0]);
  const col = text.split('\n')[first].indexOf('.300');
  await s.change(uri, 2, [{ range: { start: { line: first, character: col + 1 }, end: { line: first, character: col + 4 } }, text: '30' }]);
  const v2 = await s.diagnostics(uri, 2);
  const v1s = s.history.filter((p) => p.uri === uri && p.version === 1);
  assert.ok(v1s.length >= 1);
  for (const p of v1s) assert.deepEqual(sortedKeys(p.diagnostics), sortedKeys(v1s.at(-1).diagnostics), 'a publish of version 1 differs from its full result');
  const at = (p) => p.diagnostics.map((d) => `${d.range.start.line} ${d.code}`).sort();
  const want = Object.entries(faults).map(([line, code]) => `${line} ${code}`).sort();
  assert.deepEqual(at(v1s[0]), want);
  assert.deepEqual(at(v2), want.filter((w) => w !== `${first} rdata-invalid`));
  const versions = s.history.filter((p) => p.uri === uri).map((p) => p.version);
  assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `publishes went back a version: ${versions}`);
});

test('a long zone edited before its first analysis is done: the last version is published, nothing older after it', async (t) => {
  const uri = pathToFileURL(join(dir, 'typed.example.com.zone')).toString();
  const s = await startServer();
  t.after(() => s.stop());
  const { text } = longZone();
  await s.open(uri, text, 1);
  // three edits at once: each finishes the analysis in progress before it applies
  await s.change(uri, 2, [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: 'x1 IN A 192.0.2.999\n' }]);
  await s.change(uri, 3, [{ range: { start: { line: 20, character: 0 }, end: { line: 20, character: 0 } }, text: 'x2 IN AAAA 192.0.2.1\n' }]);
  await s.change(uri, 4, [{ range: { start: { line: 10, character: 0 }, end: { line: 11, character: 0 } }, text: '' }]);
  const last = await s.diagnostics(uri, 4);
  const fresh = pathToFileURL(join(dir, 'fresh.example.com.zone')).toString();
  const lines = text.split('\n');
  lines.splice(19, 0, 'x2 IN AAAA 192.0.2.1');
  await s.open(fresh, lines.join('\n'), 1);
  // the same text opened afresh: the same findings (by line and code; the owner names differ by file name)
  const want = await s.diagnosticsWhere(fresh, (p) => p.version === 1 && s.history.some((h) => h.uri === fresh));
  const named = (ds, u) => ds.map((d) => keyOf(d).replaceAll(u, 'URI')).sort();
  assert.deepEqual(named(last.diagnostics, uri), named(want.diagnostics, fresh));
  assert.ok(last.diagnostics.some((d) => d.range.start.line === 19 && d.code === 'rdata-invalid'));
  const versions = s.history.filter((p) => p.uri === uri).map((p) => p.version);
  assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `publishes went back a version: ${versions}`);
  assert.equal(versions.at(-1), 4);
});

/** Runs the preview worker on `text` as `uri`. */
function preview(uri, text, settings, workspaceFolders) {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { workerData: { uri, version: 7, text, settings, workspaceFolders } });
    w.once('message', resolve);
    w.once('error', reject);
  });
}

test('the preview worker gives the diagnostics the server publishes, for every fixture, with settings and linked certificates', async (t) => {
  const config = { rules: { 'soa-timers': 'error', 'tlsa-single-record': 'off' }, certificates: { '_25._tcp.mx9.example.com.': 'mx1.pem' }, certificateExpiryWarningDays: 30 };
  // the server's DocSettings for that configuration (lsp/settings.ts toDocSettings)
  const settings = { rules: { severities: config.rules }, options: { certificates: config.certificates, certificateExpiryWarningDays: 30 } };
  const wsUri = pathToFileURL(dir).toString();
  const s = await startServer({ rootUri: wsUri, workspaceFolders: [{ uri: wsUri, name: 'ws' }], configuration: config });
  t.after(() => s.stop());
  const dirs = ['test/fixtures/rules', 'test/fixtures/dane', 'test/fixtures/corpus/valid', 'test/fixtures/corpus/broken', 'samples'];
  let compared = 0, withFindings = 0;
  for (const d of dirs) {
    for (const name of readdirSync(join(root, d)).filter((f) => f.endsWith('.zone'))) {
      const text = readFileSync(join(root, d, name), 'utf8');
      // beside the certificates, so `cert=` links resolve to real files (the folder keeps
      // same-named fixtures apart; the file name gives the default origin)
      const sub = join(dir, d.replaceAll('/', '_'));
      mkdirSync(sub, { recursive: true });
      for (const f of readdirSync(dir)) if (/\.(pem|der)$/.test(f)) copyFileSync(join(dir, f), join(sub, f));
      const path = join(sub, name);
      writeFileSync(path, text);
      const uri = pathToFileURL(path).toString();
      const out = await preview(uri, text, settings, [dir]);
      if (/^\s*\$INCLUDE/im.test(text)) {
        assert.equal(out.skipped, '$INCLUDE', name);
        continue;
      }
      await s.open(uri, text, 7);
      const published = await s.diagnostics(uri, 7);
      assert.equal(out.version, 7);
      assert.deepEqual(sortedKeys(out.diagnostics), sortedKeys(published.diagnostics), `${d}/${name}`);
      compared++;
      if (out.diagnostics.length) withFindings++;
    }
  }
  assert.ok(compared > 40 && withFindings > 30, `compared ${compared}, with findings ${withFindings}`);
});
