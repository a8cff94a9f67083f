#!/usr/bin/env node
// `npm run bench:first`: how soon a long zone shows its problems in the language server, with the
// check in a worker thread (the default) against without it (DANE_ZONE_FIRST_CHECK=off), the two
// interleaved in every run. The bench zone of --size with --typos addresses made invalid
// (x.x.x.300) at evenly spaced A records: what reading the zone finds, which the worker publishes
// before its rules run. Per server: didOpen -> the first publish ("first", with how many
// diagnostics), -> the first publish with as many as the last one ("whole"), -> the answer to a
// hover sent after didOpen ("ready": the model built; typing re-checks incrementally from then on).
// Then the same file checked from disk (daneZone/checkFile with `early`, as VS Code asks for a zone
// over its 50 MB sync limit): the early notification against the answer, in the same runs.
//   node bench/first-diagnostics.mjs [--size 1m] [--runs 3] [--typos 20]
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lib/lsp-client.mjs';
import { median } from './lib/stats.mjs';
import { workload } from './lib/workload.mjs';
import { ROOT, opt } from './lib/script.mjs';

const size = opt('--size', '1m');
const runs = Number(opt('--runs', '3'));
const typos = Number(opt('--typos', '20'));
const { file } = workload(size);

/** The zone's text with `count` A-record addresses made invalid, evenly spaced. */
function withTypos(text, count) {
  const lines = text.split('\n');
  const step = Math.floor(lines.length / (count + 1));
  let made = 0;
  for (let at = step; made < count && at < lines.length; at += step) {
    for (let i = at; i < Math.min(lines.length, at + step); i++) {
      const m = /^(\S*\s+(?:\d+\s+)?(?:IN\s+)?A\s+\d+\.\d+\.\d+\.)\d+\s*$/.exec(lines[i]);
      if (m) {
        lines[i] = `${m[1]}300`;
        made++;
        break;
      }
    }
  }
  if (made !== count) throw new Error(`only ${made} of ${count} typos placed`);
  return lines.join('\n');
}

const text = withTypos(readFileSync(file, 'utf8'), typos);
const sides = [
  { name: 'worker', env: {} },
  { name: 'no worker', env: { DANE_ZONE_FIRST_CHECK: 'off' } },
];

async function openOnce(side, run) {
  const client = new LspClient(join(ROOT, 'dist', 'server.js'), { cwd: ROOT, env: side.env });
  try {
    await client.initialize(ROOT);
    const uri = pathToFileURL(join(ROOT, 'bench', 'out', `first-${run}.zone`)).href;
    const t0 = performance.now();
    const opened = client.waitDiagnostics(uri, 1, 600_000);
    await client.didOpen(uri, text, 1);
    const ready = client.hover(uri, 0, 0).then(() => performance.now() - t0);
    if (!(await opened)) throw new Error(`${side.name}: no diagnostics within 600 s`);
    const readyMs = await ready;
    // the analysis publishes when it ends, about when the hover is answered: let that arrive
    // (its time is taken on arrival; this pause is not measured)
    await new Promise((r) => setTimeout(r, 300));
    const log = client.docs.get(uri).log;
    const whole = log.at(-1).count;
    return { first: log[0].at - t0, firstCount: log[0].count, whole: log.find((p) => p.count === whole).at - t0, wholeCount: whole, ready: readyMs };
  } finally {
    await client.close();
  }
}

const results = new Map(sides.map((s) => [s.name, []]));
for (let run = 0; run < runs; run++) {
  // interleaved, the order turning each run
  for (const side of run % 2 ? [...sides].reverse() : sides) {
    const r = await openOnce(side, run);
    results.get(side.name).push(r);
    process.stderr.write(`bench:first ${size} run ${run + 1}/${runs} ${side.name}: first ${r.first.toFixed(0)} ms (${r.firstCount}), whole ${r.whole.toFixed(0)} ms (${r.wholeCount}), ready ${r.ready.toFixed(0)} ms\n`);
  }
}

// from disk: the file as saved, as for a document the editor does not sync
const diskFile = join(ROOT, 'bench', 'out', `first-disk-${size}.zone`);
writeFileSync(diskFile, text);
const disk = [];
try {
  for (let run = 0; run < runs; run++) {
    const client = new LspClient(join(ROOT, 'dist', 'server.js'), { cwd: ROOT });
    try {
      await client.initialize(ROOT);
      let early;
      const t0 = performance.now();
      client.conn.onNotification('daneZone/checkFileEarly', (p) => { early ??= { at: performance.now() - t0, count: p.diagnostics.length }; });
      const r = await client.conn.sendRequest('daneZone/checkFile', { uri: pathToFileURL(diskFile).href, early: true });
      const answer = performance.now() - t0;
      if (!early) throw new Error('no early notification from the check from disk');
      disk.push({ early: early.at, earlyCount: early.count, answer, answerCount: r.diagnostics.length });
      process.stderr.write(`bench:first ${size} run ${run + 1}/${runs} from disk: early ${early.at.toFixed(0)} ms (${early.count}), answer ${answer.toFixed(0)} ms (${r.diagnostics.length})\n`);
    } finally {
      await client.close();
    }
  }
} finally {
  rmSync(diskFile, { force: true });
}

const med = (name, key) => median(results.get(name).map((r) => r[key]));
console.log(`${size} zone with ${typos} typos, medians of ${runs} interleaved runs (ms):`);
console.log('side        first  (diags)   whole  (diags)   ready');
for (const { name } of sides) {
  const rs = results.get(name);
  console.log(`${name.padEnd(10)} ${med(name, 'first').toFixed(0).padStart(6)}  (${rs[0].firstCount})${' '.repeat(Math.max(1, 8 - String(rs[0].firstCount).length))}${med(name, 'whole').toFixed(0).padStart(6)}  (${rs[0].wholeCount})${' '.repeat(Math.max(1, 8 - String(rs[0].wholeCount).length))}${med(name, 'ready').toFixed(0).padStart(6)}`);
}
const ratio = (key) => (med('worker', key) / med('no worker', key)).toFixed(2);
console.log(`worker / no worker: first ${ratio('first')}, whole ${ratio('whole')}, ready ${ratio('ready')}`);
const diskMed = (key) => median(disk.map((r) => r[key]));
console.log(`from disk (daneZone/checkFile, early): early ${diskMed('early').toFixed(0)} ms (${disk[0].earlyCount}), answer ${diskMed('answer').toFixed(0)} ms (${disk[0].answerCount}); early / answer ${(diskMed('early') / diskMed('answer')).toFixed(2)}`);
