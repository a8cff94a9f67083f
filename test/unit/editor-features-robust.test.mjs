// The editor features answer at every position of every fixture (and of binary
// junk) without throwing, and their ranges stay inside the document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as core from '../../dist/core.js';
import { fixtureFiles, fixtureOrigin, fsReadInclude } from '../helpers/expectations.mjs';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

function inside(lines, r, what) {
  assert.ok(r.startLine >= 0 && r.endLine < lines.length, `${what}: line out of the document`);
  assert.ok(r.startCol <= lines[r.startLine].length && r.endCol <= lines[r.endLine].length, `${what}: column out of its line`);
}

function probe(text, file) {
  const zone = core.parseZone(text, { fileId: file, origin: fixtureOrigin(text), readInclude: fsReadInclude });
  const lines = zone.file.lines;
  let answered = 0;
  // every 4th column of every line and each line's end: bounded (fixtures are small)
  for (let l = 0; l < lines.length; l++) {
    const cols = [];
    for (let c = 0; c < lines[l].length; c += 4) cols.push(c);
    cols.push(lines[l].length);
    for (const c of cols) {
      const h = core.hoverAt(zone, l, c);
      if (h) { inside(lines, h.range, `hover ${l}:${c}`); answered++; }
      core.completionsAt(zone, l, c);
      for (const loc of core.definitionAt(zone, l, c)) if (loc.file === zone.file) inside(lines, core.absRange(loc), `definition ${l}:${c}`);
      core.referencesAt(zone, l, c, true);
      core.zoneInfo(zone, [], l, c);
    }
  }
  for (const s of core.documentSymbols(zone)) inside(lines, s.range, 'symbol');
  for (const f of core.foldingRanges(zone)) assert.ok(f.endLine < lines.length);
  for (const e of core.formatEdits(zone)) inside(lines, e.range, 'format edit');
  core.bumpSerialEdit(zone, '20260101');
  return answered;
}

test('every position of every fixture', () => {
  let answered = 0;
  for (const file of fixtureFiles(fixtures)) answered += probe(readFileSync(file, 'utf8'), file);
  assert.ok(answered > 500, `hovers answered: ${answered}`);
});

test('binary junk, unclosed quotes and parentheses', () => {
  const junk = Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 7919 + (i >> 3)) % 256)).toString('latin1');
  probe(junk, '/tmp/junk.zone');
  probe('$ORIGIN example.com.\nwww IN TXT "open\nx IN MX ( 10\n$TTL\n$INCLUDE\n\t\t(\n)', '/tmp/open.zone');
});
