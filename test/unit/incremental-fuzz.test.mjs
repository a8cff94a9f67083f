// The zone core's incremental re-parse (reparse) under seeded random edits of
// fuzzed corpus files: after every edit its records (owner, type, line) and parse
// problems equal those of a full parse of the same text. The LSP-level twin is
// test/protocol/robustness.test.mjs; this one is in-process, so it can check every edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { absRange, buildZone, entryLine, makeSourceFile, reparse, splitLines } from '../../dist/core.js';
import { mutate, position, randomEdit, rng } from '../helpers/fuzz-mutate.mjs';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 34];
const DOCS = 8;
const EDITS = 20;

const validDir = fileURLToPath(new URL('../fixtures/corpus/valid/', import.meta.url));
const corpus = readdirSync(validDir).filter((n) => n.endsWith('.zone')).sort().map((n) => [n, readFileSync(join(validDir, n), 'utf8')]);

/** Applies LSP-style changes to lines and widens the dirty range, as the server's document does. */
function applyChanges(lines, changes) {
  let dirty;
  for (const c of changes) {
    const sl = Math.min(c.range.start.line, lines.length - 1);
    const el = Math.min(c.range.end.line, lines.length - 1);
    const repl = splitLines((lines[sl] ?? '').slice(0, c.range.start.character) + c.text + (lines[el] ?? '').slice(c.range.end.character));
    lines.splice(sl, el - sl + 1, ...repl);
    const to = sl + repl.length - 1;
    const shift = repl.length - (el - sl + 1);
    const map = (l) => (l > el ? l + shift : l >= sl ? to : l);
    dirty = dirty ? { from: Math.min(map(dirty.from), sl), to: Math.max(map(dirty.to), to) } : { from: sl, to };
  }
  return dirty;
}

const records = (z) => z.records.map((r) => `${entryLine(r.entry) + 1}: ${r.ownerKey} ${r.ttl} ${r.type}`);
const problems = (z) => z.problems.map((p) => `${absRange(p.loc).startLine + 1}: ${p.code} ${p.message}`).sort();

for (const seed of SEEDS) {
  test(`incremental reparse equals a full parse after every random edit (seed ${seed})`, () => {
    const r = rng(seed);
    let edits = 0;
    for (let n = 0; n < DOCS; n++) {
      const [name, base] = corpus[r.int(corpus.length)];
      const m = mutate(base, r);
      let text = m ? m.text : base;
      // every other document: an origin guessed from the file name, which a $ORIGIN overrides
      const opts = n % 2 ? { fileId: `/tmp/${name}`, origin: 'guess.example.', originGuessed: true, incremental: true } : { fileId: `/tmp/${name}`, origin: 'example.com.', incremental: true };
      let zone = buildZone(makeSourceFile(opts.fileId, text), opts);
      for (let k = 1; k <= EDITS; k++) {
        const changes = [];
        for (let j = 0; j < (r.next() < 0.2 ? 2 : 1); j++) {
          const e = randomEdit(text, r, corpus);
          changes.push({ range: { start: position(text, e.a), end: position(text, e.b) }, text: e.insert });
          text = e.next;
        }
        const lines = splitLines(text);
        const before = zone.file.lines.length;
        const work = zone.file.lines.slice();
        const dirty = applyChanges(work, changes);
        assert.deepEqual(work, lines, 'the test applies changes as the editor does');
        zone = reparse(zone, work, dirty, before, opts).zone;
        const full = buildZone(makeSourceFile(opts.fileId, text), opts);
        const what = `${name} seed ${seed} edit ${k}: ${JSON.stringify(changes)}`;
        assert.deepEqual(records(zone), records(full), `records drift: ${what}`);
        assert.deepEqual(problems(zone), problems(full), `problems drift: ${what}`);
        assert.equal(zone.origin, full.origin, `origin drift: ${what}`);
        edits++;
      }
    }
    assert.equal(edits, DOCS * EDITS);
  });
}
