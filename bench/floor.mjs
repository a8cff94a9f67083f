#!/usr/bin/env node
// `npm run bench:floor`: what the least a JavaScript check of a zone must do costs here,
// next to kzonecheck doing all of its work, in the same minutes. It bounds what any
// rewrite of the scanner in JavaScript could reach (bench/RESULTS.md, "Why the remaining targets are out of reach").
//   start       `node -e 0`, whole process (wall)
//   read        the file into a string (as `dane-zone check` reads it)
//   line ends   every line end found (indexOf)
//   characters  every character looked at once (word starts counted)
//   owner ids   the first word of each line hashed into an id table (no strings made)
// then dane-zone's own scan and rules in process, and kzonecheck (wall) when installed.
// Medians of --runs (default 5). Options: --size 100k|1m (default 1m).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { median } from './lib/stats.mjs';
import { workload } from './lib/workload.mjs';
import { loadCore, opt } from './lib/script.mjs';

const size = opt('--size', '1m');
const runs = Number(opt('--runs', '5'));
const file = workload(size).file;
const core = loadCore();

const wall = (fn) => { const t = performance.now(); const r = fn(); return [performance.now() - t, r]; };

function lineEnds(text) {
  let n = 0;
  for (let i = 0; ;) {
    const j = text.indexOf('\n', i);
    if (j < 0) return n;
    n++;
    i = j + 1;
  }
}

function characters(text) {
  let words = 0, inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const w = c > 32 && c !== 59;
    if (w && !inWord) words++;
    inWord = w;
  }
  return words;
}

function ownerIds(text) {
  const cap = 1 << 22, mask = cap - 1;
  const ids = new Int32Array(cap).fill(-1), hashes = new Int32Array(cap);
  let names = 0;
  for (let i = 0; ;) {
    const j = text.indexOf('\n', i);
    if (j < 0) return names;
    let h = 0x811c9dc5, k = i;
    for (; k < j; k++) {
      const c = text.charCodeAt(k);
      if (c === 32 || c === 9) break;
      h = Math.imul(h ^ (c | 32), 16777619);
    }
    if (k > i) {
      let s = h & mask;
      while (ids[s] >= 0 && hashes[s] !== h) s = (s + 1) & mask;
      if (ids[s] < 0) { ids[s] = names++; hashes[s] = h; }
    }
    i = j + 1;
  }
}

const rows = new Map();
const add = (k, ms) => { if (!rows.has(k)) rows.set(k, []); rows.get(k).push(ms); };
let counts;
const haveKzc = !spawnSync('kzonecheck', ['--version'], { stdio: 'ignore' }).error;
for (let r = 0; r < runs; r++) {
  add('start (node -e 0)', wall(() => spawnSync(process.execPath, ['-e', '0']))[0]);
  const [readMs, text] = wall(() => readFileSync(file, 'utf8'));
  add('read', readMs);
  const [a, lines] = wall(() => lineEnds(text));
  const [b, words] = wall(() => characters(text));
  const [c, names] = wall(() => ownerIds(text));
  add('line ends', a); add('characters', b); add('owner ids', c);
  counts = { lines, words, names };
  const [scanMs, zone] = wall(() => core.scanZone(text, { fileId: file, origin: 'example.com.', keepValues: core.typesReadByRules() }));
  add('dane-zone scan', scanMs);
  add('dane-zone rules', wall(() => core.runRules(zone))[0]);
  if (haveKzc) add('kzonecheck (whole process)', wall(() => spawnSync('kzonecheck', ['-o', 'example.com.', file], { stdio: 'ignore' }))[0]);
}

const m = (k) => median(rows.get(k) ?? [NaN]);
console.log(`${size}: ${counts.lines} lines, ${counts.words} words, ${counts.names} owner names; medians of ${runs} runs (wall ms)`);
for (const k of rows.keys()) console.log(`  ${k.padEnd(28)} ${m(k).toFixed(0).padStart(6)}`);
const floor = m('start (node -e 0)') + m('read') + m('characters') + m('owner ids');
console.log(`  ${'floor: start+read+chars+ids'.padEnd(28)} ${floor.toFixed(0).padStart(6)}`);
if (rows.has('kzonecheck (whole process)')) {
  const left = m('kzonecheck (whole process)') - floor;
  if (left <= 0) console.log('kzonecheck finishes within the floor: Node start-up alone outweighs it at this size');
  else console.log(`kzonecheck's whole check minus the floor: ${left.toFixed(0)} ms (${(1000 * left / counts.lines).toFixed(2)} us a line) for every field parsed and every rule, to be as quick`);
}
