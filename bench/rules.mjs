#!/usr/bin/env node
// `npm run bench:rules`: what each rule costs in a whole-file check, in process. The zone is
// scanned once (the check's column store); every rule then runs alone on it, --runs times, after
// two runs of all rules (the first builds the record views and warms the JIT, so what is left
// is the rule's own work). Prints CPU ms per rule (median), biggest first, and the all-rules
// figures: the sum over rules alone is more than all together, since each run alone pays the
// walk over owners and records once more. Last, the engine's own share, each on a zone scanned
// afresh (as `dane-zone check` has it) with the JIT warm: all rules, then every check() a no-op
// (what is left is the record and owner loops, the rules' answers by name, the zone-cut sets
// and the record views the rules are handed).
//   node bench/rules.mjs [--size 1m] [--runs 3] [--top 20]
import { readFileSync } from 'node:fs';
import { median } from './lib/stats.mjs';
import { workload, ORIGIN } from './lib/workload.mjs';
import { loadCore, opt } from './lib/script.mjs';

const size = opt('--size', '1m');
const runs = Number(opt('--runs', '3'));
const top = Number(opt('--top', '20'));
const core = loadCore();
const file = workload(size).file;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const timed = (fn) => { const t = cpu(); fn(); return cpu() - t; };

const text = readFileSync(file, 'latin1');
const scan = () => core.scanZone(text, { fileId: file, origin: ORIGIN, keepValues: core.typesReadByRules() });
let zone;
const scanMs = timed(() => {
  zone = scan();
});
const first = timed(() => core.runRules(zone));
const all = [];
for (let i = 0; i < runs; i++) all.push(timed(() => core.runRules(zone)));
const perRule = core.RULES.map((rule) => {
  const ms = [];
  for (let i = 0; i < runs; i++) ms.push(timed(() => core.runRules(zone, core.defaultHost, {}, [rule])));
  return { id: rule.id, scope: rule.scope, ms: median(ms) };
}).sort((a, b) => b.ms - a.ms);
const sum = perRule.reduce((n, r) => n + r.ms, 0);

console.log(`${size}: ${zone.records.length} records; CPU ms (medians of ${runs}): scan ${scanMs.toFixed(0)}, all rules first run ${first.toFixed(0)}, then ${median(all).toFixed(0)}; ${perRule.length} rules alone, sum ${sum.toFixed(0)}`);
for (const r of perRule.slice(0, top)) console.log(`${r.ms.toFixed(0).padStart(7)}  ${r.scope.padEnd(6)}  ${r.id}`);

// the engine alone: fresh zones, since a zone keeps the record views its first run made
const fresh = [], engine = [];
for (let i = 0; i < runs; i++) {
  const z = scan();
  fresh.push(timed(() => core.runRules(z)));
}
const checks = core.RULES.map((r) => r.check);
for (const r of core.RULES) r.check = () => {};
try {
  for (let i = 0; i < runs; i++) {
    const z = scan();
    engine.push(timed(() => core.runRules(z)));
  }
} finally {
  core.RULES.forEach((r, i) => { r.check = checks[i]; });
}
console.log(`a zone scanned afresh (medians of ${runs}): all rules ${median(fresh).toFixed(0)}, the engine alone (every check() a no-op) ${median(engine).toFixed(0)}`);
