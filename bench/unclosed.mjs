#!/usr/bin/env node
// `npm run bench:unclosed`: typing near a '(' left open, timed in process as the editor runs it
// (reparse + RuleCache.update per key, on a zone opened with buildZone(incremental) +
// RuleCache.full). An unclosed entry ends before the next line that reads as a record; a ')'
// typed up to 10 000 lines below can still close it, so the editor lexes from the '(' down at
// each key below it (issue 6: keystrokes under 20 / 50 ms p50 / p95 at 100k).
//   node bench/unclosed.mjs [--size 100k] [--keys 40] [--below 5000] [--core other/dist/core.js]
// Prints p50 / p95 (ms, wall) of: keys typed in a comment at a host line `--below` lines under
// the '(' before it is typed ("plain"), the '(' typed ("open"), the same keys with it open
// ("unclosed"), and keys 20 000 lines further down ("far").
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { median, percentile } from './lib/stats.mjs';
import { workload, ORIGIN } from './lib/workload.mjs';
import { loadCore, opt } from './lib/script.mjs';

const size = opt('--size', '100k');
const keys = Number(opt('--keys', '40'));
const below = Number(opt('--below', '5000'));
const core = loadCore(opt('--core', undefined));
const { buildZone, reparse, splitLines, RuleCache, problemFindings, withoutIgnored, whyNotIgnorable } = core;
const file = workload(size).file;
const opts = { fileId: file, origin: ORIGIN, ignorable: whyNotIgnorable };
const host = { now: () => new Date(), options: {} };
const lines = splitLines(readFileSync(file, 'utf8'));
let zone = buildZone({ id: file, lines, entries: [] }, { ...opts, incremental: true });
const cache = new RuleCache();
cache.full(zone, host, {});

/** Replaces line `at` and runs what the editor runs for it; returns the ms it took. */
function edit(at, text) {
  const t0 = performance.now();
  const oldCount = lines.length;
  lines[at] = text;
  const r = reparse(zone, lines, { from: at, to: at }, oldCount, opts);
  zone = r.zone;
  withoutIgnored(zone, [...problemFindings(zone), ...cache.update(zone, r.removed, r.added, host, {})]);
  return performance.now() - t0;
}

/** `keys` characters typed one at a time into a comment at the end of line `at`, then removed. */
function typeAt(at) {
  const orig = lines[at];
  const times = [];
  for (let i = 1; i <= keys; i++) times.push(edit(at, `${orig} ; ${'x'.repeat(i)}`));
  edit(at, orig);
  return times;
}

// a host line (owner at the start, an A record) near 40% of the file
let open = Math.floor(lines.length * 0.4);
while (!/^\S+\s+(\d+\s+)?IN\s+A\s/.test(lines[open] ?? 'A')) open++;
let target = open + below;
while (!/^\S/.test(lines[target])) target++;
const row = (name, ms) => console.log(`${name.padEnd(9)} p50 ${median(ms).toFixed(2).padStart(7)}  p95 ${percentile(ms, 95).toFixed(2).padStart(7)} ms  (${ms.length})`);
console.log(`${size}: '(' at line ${open + 1}, keys at line ${target + 1} and ${target + 20001}`);
row('plain', typeAt(target));
const orig = lines[open];
row('open', [edit(open, `${orig} ( "x"`)]);
row('unclosed', typeAt(target));
row('far', typeAt(Math.min(target + 20000, lines.length - 2)));
edit(open, orig);
