#!/usr/bin/env node
// Keystrokes in a big zone where a wildcard lies on an MX target's path, timed in process as the
// editor runs them (reparse + RuleCache.update per edit, on a zone opened with
// buildZone(incremental) + RuleCache.full). `@ MX 50 mx-wild` names a host without records that
// the apex wildcard answers: target-no-address reads the apex's whole subtree for it, so every
// keystroke checks that MX again, and asks which names exist (wildcards answer only names that
// do not).
//   node bench/wildcard-keystrokes.mjs [--size 200000] [--edits 40] [--core other/dist/core.js] [--no-wildcard]
// Kinds, each at `--edits` ordinary host lines spread over the file:
//   digit  a digit appended to an A record's address, then deleted (no name added or removed)
//   owner  a character typed at the start of a host's owner, then deleted (a name goes, one comes)
// Prints JSON: per kind, the median and p95 per keystroke (ms, wall), and the open time.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateZone } from './genzone.mjs';
import { median, percentile } from './lib/stats.mjs';
import { OUT, ORIGIN } from './lib/workload.mjs';
import { loadCore, opt } from './lib/script.mjs';

const size = Number(opt('--size', '200000'));
const edits = Number(opt('--edits', '40'));
const { buildZone, RuleCache, reparse, splitLines, defaultHost } = loadCore(opt('--core', undefined));

const file = join(OUT, `zone-${size}-gen.zone`);
if (!existsSync(file)) generateZone(size, file, { origin: ORIGIN, seed: 42 });
const lines = splitLines(readFileSync(file, 'utf8'));
// after the apex records: the wildcard and the MX whose target only it answers
const at = lines.findIndex((l) => l.startsWith('@\tIN\tMX'));
// (--no-wildcard: the same MX without it, what such keystrokes cost otherwise)
lines.splice(at + 1, 0, '@\tIN\tMX\t50 mx-wild', process.argv.includes('--no-wildcard') ? '; no wildcard' : `*.${ORIGIN}\tIN\tA\t192.0.2.99`);

const PLAIN = /^h\d+\s+(?:\d+\s+)?(?:IN\s+)?A\s+[\d.]+$/;
const plain = [];
for (let k = 0; k < edits; k++) {
  let i = Math.floor(((k + 0.5) * lines.length) / edits);
  while (!PLAIN.test(lines[i])) i++;
  plain.push(i);
}

const opts = { fileId: file, origin: ORIGIN };
let t0 = performance.now();
let zone = buildZone({ id: file, lines, entries: [] }, { ...opts, incremental: true });
const cache = new RuleCache();
cache.full(zone, defaultHost, {});
const open = performance.now() - t0;

const times = { digit: [], owner: [] };
const edit = (kind, i, text) => {
  const oldCount = lines.length;
  lines[i] = text;
  t0 = performance.now();
  const r = reparse(zone, lines, { from: i, to: i }, oldCount, opts);
  cache.update(r.zone, r.removed, r.added, defaultHost, {});
  const ms = performance.now() - t0;
  zone = r.zone;
  if (kind) times[kind].push(ms);
};
const round = (kind) => {
  for (const i of plain) {
    const orig = lines[i];
    edit(kind, i, kind === 'owner' || (kind === null && i === plain[0]) ? 'x' + orig : orig + '1');
    edit(kind, i, orig);
  }
};
round(null); // warm-up (JIT), not recorded
round('digit');
round('owner');
round('digit');
const ms = (x) => Math.round(x * 100) / 100;
const out = { size: zone.records.length, open: ms(open) };
for (const [kind, xs] of Object.entries(times)) out[kind] = { n: xs.length, p50: ms(median(xs)), p95: ms(percentile(xs, 95)) };
console.log(JSON.stringify(out));
