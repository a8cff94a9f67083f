#!/usr/bin/env node
// `npm run bench:phases`: in one process, times the phases of `dane-zone check`
// (read, parse + model, rules, findings -> ranges) on a zone several times and
// prints the minimum and median of each (CPU ms of this thread's process). For
// judging one optimisation quickly on a loaded machine: the minimum of several
// in-process runs moves far less than whole-process wall time. `--editor` times the
// editor's object model (parseZone) instead of the check's column store (scanZone).
//   node bench/phases.mjs [--size 100k] [--runs 5] [--editor]
import { readFileSync } from 'node:fs';
import { median } from './lib/stats.mjs';
import { workload } from './lib/workload.mjs';
import { flag, loadCore, opt } from './lib/script.mjs';

const size = opt('--size', '100k');
const runs = Number(opt('--runs', '5'));
const editor = flag('--editor');
const file = workload(size).file;
const core = loadCore();

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const phases = { parse: [], rules: [], ranges: [], total: [] };
let records = 0, findings = 0;
for (let i = 0; i < runs; i++) {
  const text = readFileSync(file, 'utf8');
  const t0 = cpu();
  const zone = editor ? core.parseZone(text, { fileId: file, origin: 'example.com.' })
    : core.scanZone(text, { fileId: file, origin: 'example.com.', keepValues: core.typesReadByRules() });
  const t1 = cpu();
  const f = [...core.problemFindings(zone), ...core.runRules(zone)];
  const t2 = cpu();
  for (const x of f) core.absRange(x.loc);
  const t3 = cpu();
  phases.parse.push(t1 - t0); phases.rules.push(t2 - t1); phases.ranges.push(t3 - t2); phases.total.push(t3 - t0);
  records = zone.records.length; findings = f.length;
}
console.log(`${size} (${editor ? 'parseZone, editor model' : 'scanZone, column store'}): ${records} records, ${findings} findings, ${runs} runs (CPU ms: min / median)`);
for (const [k, v] of Object.entries(phases)) console.log(`  ${k.padEnd(7)} ${Math.min(...v).toFixed(0).padStart(7)} / ${median(v).toFixed(0).padStart(7)}`);
