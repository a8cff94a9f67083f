#!/usr/bin/env node
// `npm run bench`: the speed benchmark of issue 6. Generates the workloads into
// bench/out/ when missing, then measures, each several times in the same run:
//   - `dane-zone check` and the Debian peers (kzonecheck, named-checkzone -i local,
//     ldns-read-zone) on each zone: median wall time and peak RSS, ratio vs kzonecheck;
//   - the language server over stdio: didOpen -> first diagnostics, single-character
//     edits typed one at a time (p50/p95), edits typed while an outline request is
//     open (p50/p95), a burst, hover and completion (p50), an outline, the folding ranges, a format of the
//     whole file and, after one more key, of 20 lines.
// Writes a table to the terminal and everything to bench/out/results.json.
//   - the same tools on 1000 small zones (100-499 records each, one file per domain, as a
//     hosting operator keeps them): dane-zone checks them all in one process, each peer is run
//     once per zone by a shell loop, as it must be (one zone per run);
// Options: --sizes 10k,100k,1m[,10m]  --many 1000 (0: none)  --runs 5  --lsp-runs 3  --lsp-sizes 100k,1m
//   --edits 50  --outline-edits 20  --burst 10  --queries 20  --seed 42  --no-peers  --no-check
//   --no-lsp  --no-build  --quick (10k,100k, 200 small zones; 3 runs; 1 LSP run)  --json FILE
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { cpus, loadavg, release, availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureProcess, toolVersion, haveGnuTime } from './lib/proc.mjs';
import { runLspScenario } from './lib/lsp-scenario.mjs';
import { median, percentile, round } from './lib/stats.mjs';
import { checkTable, lspTable, targets, targetsText } from './lib/report.mjs';
import { LSP_SIZES, OUT, ORIGIN, SIZES, manyZones, workload } from './lib/workload.mjs';
import { ROOT } from './lib/script.mjs';


function parseArgs(argv) {
  const o = { sizes: ['10k', '100k', '1m'], runs: 5, lspRuns: 3, lspSizes: null, edits: 50, outlineEdits: 20, burst: 10,
    queries: 20, seed: 42, many: 1000, peers: true, check: true, lsp: true, build: true, json: join(OUT, 'results.json') };
  const list = (v) => v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--sizes') o.sizes = list(next());
    else if (a === '--lsp-sizes') o.lspSizes = list(next());
    else if (a === '--runs') o.runs = Number(next());
    else if (a === '--many') o.many = Number(next());
    else if (a === '--lsp-runs') o.lspRuns = Number(next());
    else if (a === '--edits') o.edits = Number(next());
    else if (a === '--outline-edits') o.outlineEdits = Number(next());
    else if (a === '--burst') o.burst = Number(next());
    else if (a === '--queries') o.queries = Number(next());
    else if (a === '--seed') o.seed = Number(next());
    else if (a === '--json') o.json = resolve(next());
    else if (a === '--no-peers') o.peers = false;
    else if (a === '--no-check') o.check = false;
    else if (a === '--no-lsp') o.lsp = false;
    else if (a === '--no-build') o.build = false;
    else if (a === '--quick') Object.assign(o, { sizes: ['10k', '100k'], many: 200, runs: 3, lspRuns: 1 });
    else if (a === '--help' || a === '-h') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 15).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  for (const s of [...o.sizes, ...(o.lspSizes ?? [])]) if (!SIZES[s]) throw new Error(`unknown size ${s} (${Object.keys(SIZES).join(', ')})`);
  // The issue measures the server on the 100k and 1M zones.
  if (!o.lspSizes) o.lspSizes = o.sizes.filter((s) => s !== '10k' && LSP_SIZES.includes(s));
  // 10m is longer than any string: no client can send it as a document
  for (const s of o.lspSizes) if (!LSP_SIZES.includes(s)) throw new Error(`the language server is measured at ${LSP_SIZES.join(', ')}, not ${s}`);
  if (!(o.runs >= 1 && o.lspRuns >= 1)) throw new Error('--runs and --lsp-runs must be >= 1');
  if (!(Number.isInteger(o.many) && o.many >= 0)) throw new Error('--many takes a number of zones (0: none)');
  return o;
}

const log = (s) => process.stderr.write(s + '\n');

function machine() {
  const cpu = cpus()[0]?.model ?? 'unknown';
  return {
    nproc: availableParallelism(),
    cpu,
    node: process.version,
    kernel: release(),
    gnuTime: haveGnuTime(),
    loadavgStart: loadavg().map((x) => round(x, 2)),
  };
}

function tools(o) {
  // `f`: one file, or the many zones' files (dane-zone takes them all; a peer runs once per file,
  // its origin from the file's name <domain>.zone, and the loop stops at its first failure)
  const loop = (body) => (f) => ['-c', `for f in "$@"; do o=\${f##*/}; o=\${o%.zone}.; ${body} >/dev/null || exit $?; done`, 'sh', ...f];
  const list = [{ tool: 'dane-zone', cmd: process.execPath, args: (f) => [join(ROOT, 'dist', 'cli.js'), 'check', ...[f].flat()],
    version: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version }];
  if (!o.peers) return list;
  const peers = [
    { tool: 'kzonecheck', cmd: 'kzonecheck', args: (f) => ['-o', ORIGIN, f], many: loop('kzonecheck -o "$o" "$f"'), vflag: '-V' },
    { tool: 'named-checkzone', cmd: 'named-checkzone', args: (f) => ['-i', 'local', ORIGIN, f], many: loop('named-checkzone -i local "$o" "$f"'), vflag: '-v' },
    // -E SOA: parse everything but print only the SOA, so we time reading, not printing.
    { tool: 'ldns-read-zone', cmd: 'ldns-read-zone', args: (f) => ['-E', 'SOA', f], many: loop('ldns-read-zone -E SOA "$f"'), vflag: '-v' },
  ];
  for (const p of peers) {
    const v = toolVersion(p.cmd, p.vflag);
    if (v === null) log(`bench: ${p.tool} not installed (scripts/setup-test-deps.sh installs it); skipped`);
    else list.push({ ...p, version: v });
  }
  return list;
}

function runChecks(o, zones, toolList) {
  // samples[zone][tool] = [{wallMs, rssKiB, code}]
  const samples = {};
  for (let run = 1; run <= o.runs; run++) {
    // Tools interleaved inside each run so a noisy neighbour hits all of them alike.
    for (const z of zones) {
      for (const t of toolList) {
        const r = z.files ? (t.many ? measureProcess('sh', t.many(z.files), { cwd: ROOT }) : measureProcess(t.cmd, t.args(z.files), { cwd: ROOT }))
          : measureProcess(t.cmd, t.args(z.file), { cwd: ROOT });
        ((samples[z.zone] ??= {})[t.tool] ??= []).push(r);
        log(`bench: run ${run}/${o.runs} ${z.zone} ${t.tool}: ${r.wallMs.toFixed(0)} ms, ` +
          `${r.rssKiB === null ? '?' : (r.rssKiB / 1024).toFixed(0)} MiB, exit ${r.code}`);
        if (run === 1 && r.code !== 0 && r.stderr) log(`  stderr: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      }
    }
  }
  return zones.map((z) => {
    const per = toolList.map((t) => {
      const s = samples[z.zone][t.tool];
      const ms = s.map((x) => x.wallMs);
      return {
        tool: t.tool,
        medianMs: median(ms),
        minMs: Math.min(...ms),
        maxMs: Math.max(...ms),
        medianCpuMs: median(s.map((x) => x.cpuMs ?? NaN)),
        medianRssMiB: median(s.map((x) => (x.rssKiB ?? NaN) / 1024)),
        exitCodes: [...new Set(s.map((x) => x.code))],
        samplesMs: ms.map((x) => round(x, 1)),
      };
    });
    const kzc = per.find((t) => t.tool === 'kzonecheck');
    for (const t of per) {
      t.ratioVsKzonecheck = kzc ? t.medianMs / kzc.medianMs : null;
      t.cpuRatioVsKzonecheck = kzc ? t.medianCpuMs / kzc.medianCpuMs : null;
    }
    return { zone: z.zone, records: z.records, bytes: z.bytes, tools: per };
  });
}

async function runLsp(o, zones) {
  const serverJs = join(ROOT, 'dist', 'server.js');
  const out = [];
  for (const z of zones.filter((x) => o.lspSizes.includes(x.zone))) {
    const sessions = [];
    for (let run = 1; run <= o.lspRuns; run++) {
      log(`bench: LSP ${z.zone} session ${run}/${o.lspRuns}`);
      const r = await runLspScenario({
        serverJs, zonePath: z.file, rootDir: OUT, edits: o.edits, outlineEdits: o.outlineEdits, burst: o.burst, queries: o.queries,
        seed: o.seed + run, openTimeoutMs: 120_000, editTimeoutMs: 10_000,
      });
      log(`bench:   ${r.error ? 'error: ' + r.error : `open ${r.openMs?.toFixed(0)} ms, ready ${r.readyMs?.toFixed(0)} ms, edit p50 ${percentile(r.editsMs, 50).toFixed(1)} ms`}`);
      sessions.push(r);
      if (r.error && r.openMs === null) break; // the server cannot do it; no point repeating
    }
    const edits = sessions.flatMap((s) => s.editsMs);
    const bursts = sessions.map((s) => s.burst).filter(Boolean);
    out.push({
      zone: z.zone,
      records: z.records,
      error: sessions.find((s) => s.error)?.error ?? null,
      supported: sessions[0]?.supported ?? {},
      openMedianMs: median(sessions.map((s) => s.openMs ?? NaN)),
      openSamplesMs: sessions.map((s) => round(s.openMs ?? NaN, 1)),
      // didOpen -> the answer to a hover sent right after it: the editor's model is built
      readyMedianMs: median(sessions.map((s) => s.readyMs ?? NaN)),
      openDiagnostics: sessions[0]?.openDiagnostics ?? null,
      edits: { wanted: o.edits * sessions.length, samples: edits.length, timeouts: sessions.reduce((n, s) => n + s.editTimeouts, 0),
        p50: percentile(edits, 50), p95: percentile(edits, 95), max: edits.length ? Math.max(...edits) : NaN },
      burst: bursts.length ? {
        chars: o.burst,
        lastVersionPublished: bursts.every((b) => b.lastVersionPublished),
        msAfterLastChangeMedian: median(bursts.map((b) => b.msAfterLastChange ?? NaN)),
        publishesMedian: median(bursts.map((b) => b.publishes)),
      } : null,
      stale: sessions.reduce((n, s) => n + s.stale, 0),
      hoverP50: percentile(sessions.flatMap((s) => s.hoverMs), 50),
      completionP50: percentile(sessions.flatMap((s) => s.completionMs), 50),
      hoverEmpty: sessions.reduce((n, s) => n + s.hoverEmpty, 0),
      completionEmpty: sessions.reduce((n, s) => n + s.completionEmpty, 0),
      outlineEdits: (() => {
        const ms = sessions.flatMap((s) => s.outlineEditsMs);
        return { samples: ms.length, p50: percentile(ms, 50), p95: percentile(ms, 95) };
      })(),
      outlineMedianMs: median(sessions.map((s) => s.outlineMs ?? NaN)),
      foldingMedianMs: median(sessions.map((s) => s.foldingMs ?? NaN)),
      rangeFormatMedianMs: median(sessions.map((s) => s.rangeFormatMs ?? NaN)),
      diskCheckMedianMs: median(sessions.map((s) => s.diskCheckMs ?? NaN)),
      formatMedianMs: median(sessions.map((s) => s.formatMs ?? NaN)),
      formatEdits: sessions[0]?.formatEdits ?? null,
      peakRssMiB: median(sessions.map((s) => (s.peakRssKiB ?? NaN) / 1024)),
      // the same after the outline and the whole-file format (a 1M format: 150k edits, 73 MB)
      peakRssFormatMiB: median(sessions.map((s) => (s.peakRssFormatKiB ?? NaN) / 1024)),
    });
  }
  return out;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  mkdirSync(OUT, { recursive: true });
  if (o.build) {
    const b = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('build failed');
  }
  if (!haveGnuTime()) log('bench: /usr/bin/time missing (Debian package "time"); peak RSS of processes not measured');
  const allSizes = [...new Set([...o.sizes, ...(o.lsp ? o.lspSizes : [])])].sort((a, b) => SIZES[a] - SIZES[b]);
  const zones = allSizes.map((s) => workload(s, o.seed));
  const results = { date: new Date().toISOString(), machine: machine(), config: { ...o, json: undefined },
    workloads: zones.map(({ zone, records, bytes }) => ({ zone, records, bytes })), tools: [], check: [], lsp: [] };
  if (o.check) {
    const toolList = tools(o);
    results.tools = toolList.map((t) => ({ tool: t.tool, version: t.version }));
    const many = o.many ? [manyZones(o.many, o.seed)] : [];
    results.workloads.push(...many.map(({ zone, records, bytes }) => ({ zone, records, bytes, files: o.many })));
    results.check = runChecks(o, [...zones.filter((z) => o.sizes.includes(z.zone)), ...many], toolList);
  }
  if (o.lsp) results.lsp = await runLsp(o, zones);
  results.machine.loadavgEnd = loadavg().map((x) => round(x, 2));
  results.targets = targets(results);

  const m = results.machine;
  const lines = [
    `dane-zone benchmark ${results.date}`,
    `machine: ${m.nproc} cores, ${m.cpu}, Node ${m.node}, Linux ${m.kernel}, load ${m.loadavgStart.join(' ')} -> ${m.loadavgEnd.join(' ')}`,
    `runs: ${o.runs} per tool and zone (medians), LSP sessions: ${o.lspRuns}, edits per session: ${o.edits}`,
  ];
  if (results.check.length) lines.push('', 'Whole-process check (wall time, peak RSS):', checkTable(results));
  if (results.lsp.length) lines.push('', 'Language server over stdio (ms):', lspTable(results));
  lines.push('', 'Targets (issue 6):', targetsText(results.targets));
  console.log(lines.join('\n'));
  writeFileSync(o.json, JSON.stringify(results, (k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
  log(`bench: results written to ${o.json}`);
}

main().catch((e) => {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
