#!/usr/bin/env node
// `npm run bench:wasm-floor`: what the check's scan could cost outside JavaScript. Builds
// bench/wasm-floor/scan.c (the per-record core of a zone reader, see its header) to WebAssembly
// with clang and times, in this process, medians of --runs:
//   wasm words    every byte of the zone looked at once in WebAssembly
//   wasm scan     entries, names interned, rows written (TurboFan code: Liftoff is turned off)
//   name strings  a JavaScript string for every interned name (rules read names as strings)
//   js scanZone   dane-zone's own scan into its column store (all fields, positions, problems)
// The zone is copied into WebAssembly memory first ("copy in"). Needs clang and wasm-ld
// (Debian: clang-14 lld-14); without them it says so and exits 2.
//   node bench/wasm-floor.mjs [--size 1m] [--runs 3]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import v8 from 'node:v8';
import { median } from './lib/stats.mjs';
import { OUT, ORIGIN, workload } from './lib/workload.mjs';
import { ROOT, loadCore, opt } from './lib/script.mjs';

v8.setFlagsFromString('--no-liftoff'); // a single long call never leaves baseline code otherwise

const size = opt('--size', '1m');
const runs = Number(opt('--runs', '3'));
const file = workload(size).file;
const wasmFile = join(OUT, 'wasm-floor.wasm');

const clang = ['clang-14', 'clang'].find((c) => !spawnSync(c, ['--version'], { stdio: 'ignore' }).error);
if (!clang) {
  console.error('bench:wasm-floor needs clang with wasm-ld (Debian: apt-get install clang-14 lld-14)');
  process.exit(2);
}
const built = spawnSync(clang, ['--target=wasm32', '-O2', '-nostdlib', '-fno-builtin', '-Wl,--no-entry', '-Wl,--export-all',
  '-Wl,--max-memory=2147483648', '-o', wasmFile, join(ROOT, 'bench', 'wasm-floor', 'scan.c')], { encoding: 'utf8' });
if (built.status !== 0) {
  console.error(`bench:wasm-floor: ${clang} failed (is lld installed?):\n${built.stderr}`);
  process.exit(2);
}
const module = new WebAssembly.Module(readFileSync(wasmFile));
const core = loadCore();
const bytes = readFileSync(file);
const text = bytes.latin1Slice(0, bytes.length);
const wall = (fn) => { const t = performance.now(); const r = fn(); return [performance.now() - t, r]; };

const rows = new Map();
const add = (k, ms) => { if (!rows.has(k)) rows.set(k, []); rows.get(k).push(ms); };
let counts;
for (let r = 0; r < runs; r++) {
  const x = new WebAssembly.Instance(module).exports; // a fresh memory each run
  const [copyMs, at] = wall(() => {
    const p = x.input_alloc(bytes.length);
    new Uint8Array(x.memory.buffer, p, bytes.length).set(bytes);
    return p;
  });
  const [wordsMs, words] = wall(() => x.count_words(at, bytes.length));
  const [scanMs, records] = wall(() => x.scan(at, bytes.length));
  const [stringsMs, names] = wall(() => {
    const n = x.names(), mem = Buffer.from(x.memory.buffer), base = x.name_text();
    const start = new Uint32Array(x.memory.buffer, x.name_start(), n), len = new Uint32Array(x.memory.buffer, x.name_len(), n);
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = mem.latin1Slice(base + start[i], base + start[i] + len[i]);
    return out;
  });
  const [jsMs, zone] = wall(() => core.scanZone(text, { fileId: file, origin: ORIGIN, keepValues: core.typesReadByRules() }));
  add('copy in', copyMs); add('wasm words', wordsMs); add('wasm scan', scanMs); add('name strings', stringsMs); add('js scanZone', jsMs);
  counts = { words, records, names: names.length, jsRecords: zone.records.length, unread: x.err_count() };
}
console.log(`${size}: ${counts.records} rows (scanZone: ${counts.jsRecords}), ${counts.names} names, ${counts.words} words, ${counts.unread} entries the floor scanner could not read; wall ms, medians of ${runs}`);
for (const [k, v] of rows) console.log(`  ${k.padEnd(13)} ${median(v).toFixed(0).padStart(6)}   (${v.map((x) => x.toFixed(0)).join(', ')})`);
