// The language server under seeded random editing: fuzzed corpus documents
// (test/helpers/fuzz-mutate.mjs) opened over LSP, then random incremental edits.
// After each edit the diagnostics for that version must arrive and hover and
// completion must answer; every few edits (and at the end) the diagnostics of the
// edited document must equal those of the same text opened fresh, so incremental
// re-parsing and re-checking cannot drift from a full parse. Bounded: DOCS x EDITS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../helpers/lsp-client.mjs';
import { mutate, rng } from '../helpers/fuzz-mutate.mjs';

const SEED = Number(process.env.DZ_FUZZ_SEED ?? 4242);
const DOCS = 8;
const EDITS = 20;
const COMPARE_EVERY = 5;
const TIMEOUT_MS = 15000;

const validDir = fileURLToPath(new URL('../fixtures/corpus/valid/', import.meta.url));
const corpus = readdirSync(validDir).filter((n) => n.endsWith('.zone')).sort().map((n) => [n, readFileSync(join(validDir, n), 'utf8')]);

// what a typist (or a paste) puts in: syntax that opens or closes things, record
// fragments, whole lines, line breaks
const SNIPPETS = [
  '(', ')', '"', ';', '\\', '\\#', '\\065', '\n', '\n\n', ' ', '\t', '$', '@', '.', '..',
  ' IN TLSA 3 1 1 ', 'ab12', '3600', ' IN ', 'MX 10 ', '\\# 3 abcdef', '$ORIGIN ', '$TTL 1h\n',
  '$GENERATE 1-3 h$ A 192.0.2.$\n', '_25._tcp.mail IN TLSA 3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
  '"unterminated ', '( 1 2\n 3 ', 'x'.repeat(70), '\u00e9\u20ac', '\r\n',
];

function lineStarts(text) {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') out.push(i + 1);
  return out;
}

/** offset -> LSP position (UTF-16 units, the JS string's own). '\r' counts as a character
 *  of its line here and the edits never split '\r\n', so both sides count lines alike. */
function position(text, off) {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= off) line++;
  return { line, character: off - starts[line] };
}

/** A random edit: replace [a, b) by a snippet or a line from the corpus. */
function randomEdit(text, r) {
  let a = r.int(text.length + 1);
  let b = Math.min(text.length, a + (r.next() < 0.5 ? 0 : r.int(40)));
  // keep '\r\n' whole so line counting stays unambiguous
  if (text[a - 1] === '\r' && text[a] === '\n') a--;
  if (text[b - 1] === '\r' && text[b] === '\n') b++;
  const insert = r.next() < 0.8 ? r.pick(SNIPPETS) : `${r.pick(r.pick(corpus)[1].split('\n'))}\n`;
  return { a, b, insert, next: text.slice(0, a) + insert + text.slice(b) };
}

const key = (d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`;

test('random incremental edits on fuzzed documents: versioned diagnostics, hover and completion keep answering, incremental = full', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const r = rng(SEED);
  let fresh = 0;
  for (let n = 0; n < DOCS; n++) {
    const [name, base] = corpus[(n * 7) % corpus.length];
    const m = mutate(base, r);
    let text = m ? m.text : base;
    const uri = `file:///tmp/dane-zone-robust/${n}/${name}`;
    let version = 1;
    await s.open(uri, text, version);
    await s.diagnostics(uri, version, TIMEOUT_MS);
    for (let k = 1; k <= EDITS; k++) {
      const e = randomEdit(text, r);
      const range = { start: position(text, e.a), end: position(text, e.b) };
      const what = `${name} (seed ${SEED}) edit ${k}: replace ${JSON.stringify(text.slice(e.a, e.b))} at ${range.start.line}:${range.start.character} with ${JSON.stringify(e.insert)}`;
      text = e.next;
      version++;
      await s.change(uri, version, [{ range, text: e.insert }]);
      const d = await s.diagnostics(uri, version, TIMEOUT_MS).catch((err) => assert.fail(`${what}: ${err.message}`));
      assert.ok(Array.isArray(d.diagnostics), what);
      const p = position(text, r.int(text.length + 1));
      // answers of any shape are fine; what matters is that an answer comes, not an error
      await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: p }).catch((err) => assert.fail(`${what}: hover at ${p.line}:${p.character}: ${err.message}`));
      await s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: p }).catch((err) => assert.fail(`${what}: completion at ${p.line}:${p.character}: ${err.message}`));
      if (k % COMPARE_EVERY === 0) {
        // same file name: the origin hint comes from it
        const other = `file:///tmp/dane-zone-robust/fresh-${fresh++}/${name}`;
        await s.open(other, text, 1);
        const full = await s.diagnostics(other, 1, TIMEOUT_MS);
        await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: other } });
        assert.deepEqual(d.diagnostics.map(key).sort(), full.diagnostics.map(key).sort(), `${what}: incremental diagnostics differ from a fresh open of the same text\n--- text ---\n${text}`);
      }
    }
  }
  assert.equal(fresh, DOCS * (EDITS / COMPARE_EVERY));
});
