#!/usr/bin/env node
// `npm run bench:ab -- --base <git ref>`: the working tree's build against another commit's,
// interleaved on the same zones (A B B A A B ...), because on a shared machine only a
// comparison taken in the same minutes means anything. Builds the base in a temporary
// git worktree (node_modules linked from this one), then for each size and run:
//   check: `node dist/cli.js check` whole process (wall, CPU, peak RSS);
//   lsp:   a fresh `dist/server.js --stdio`: didOpen -> first publishDiagnostics ("open"),
//          didOpen -> the answer to a hover sent right after it ("ready"), peak RSS; then
//          `--edits N` single characters typed at seeded places, one at a time (didChange ->
//          the publishDiagnostics of its version: "key p50", "key p95"; both sides of a run
//          type the same keys);
//   start: the fixed cost of starting, on the sample zone (samples/example.zone): `dane-zone
//          check` whole process, and a fresh server from its spawn to the answer to initialize
//          and to the first publishDiagnostics (not in the default --what).
// Prints medians per side, the ratio this/base, and the median and range of the ratio
// within each run's pair; nothing is written outside bench/out.
//   node bench/ab.mjs --base HEAD~1 [--sizes 100k,1m] [--runs 3] [--what check,lsp,start] [--edits 30] [--no-build]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { measureProcess } from './lib/proc.mjs';
import { LspClient } from './lib/lsp-client.mjs';
import { hoverProbe } from './lib/lsp-scenario.mjs';
import { table } from './lib/report.mjs';
import { median, percentile } from './lib/stats.mjs';
import { prng } from './genzone.mjs';
import { OUT, workload } from './lib/workload.mjs';
import { flag, opt, ROOT } from './lib/script.mjs';

const base = opt('--base');
if (!base) {
  console.error('usage: node bench/ab.mjs --base <git ref> [--sizes 100k,1m] [--runs 3] [--what check,lsp] [--edits 30] [--no-build]');
  process.exit(2);
}
const sizes = opt('--sizes', '100k').split(',');
const runs = Number(opt('--runs', '3'));
const what = new Set(opt('--what', 'check,lsp').split(','));
const edits = Number(opt('--edits', '30'));
// Characters a user plausibly types into a zone (as lsp-scenario.mjs types them).
const TYPED = 'abcdefghijklmnopqrstuvwxyz0123456789.';

async function lspOpen(serverJs, file, seed) {
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const lines = text.split('\n');
  const at = hoverProbe(lines);
  const client = new LspClient(serverJs, { cwd: OUT });
  try {
    await client.initialize(OUT);
    const t0 = performance.now();
    const opened = client.waitDiagnostics(uri, 1, 300_000);
    await client.didOpen(uri, text, 1);
    const ready = client.hover(uri, at.line, at.character).then(() => performance.now() - t0);
    const first = await opened;
    if (!first) throw new Error(`no diagnostics from ${serverJs}`);
    const result = { open: first.at - t0, ready: await ready, rssMiB: (client.peakRssKiB() ?? NaN) / 1024 };
    // keystrokes after the open: what the model is for (an open made cheaper by leaving out
    // what typing needs would show here)
    const rnd = prng(seed);
    const int = (n) => Math.floor(rnd() * n);
    const keys = [];
    for (let version = 2; version < edits + 2; version++) {
      const line = int(lines.length);
      const col = int(lines[line].length + 1);
      const ch = TYPED[int(TYPED.length)];
      lines[line] = lines[line].slice(0, col) + ch + lines[line].slice(col);
      const t = performance.now();
      const got = client.waitDiagnostics(uri, version, 30_000);
      await client.didChange(uri, version, [{ range: { start: { line, character: col }, end: { line, character: col } }, text: ch }]);
      const r = await got;
      if (!r) throw new Error(`no diagnostics for version ${version} from ${serverJs}`);
      keys.push(r.at - t);
    }
    return { ...result, keyP50: keys.length ? percentile(keys, 50) : NaN, keyP95: keys.length ? percentile(keys, 95) : NaN };
  } finally {
    await client.close();
  }
}

const SAMPLE = join(ROOT, 'samples', 'example.zone');

/** A fresh server on the sample zone: spawn -> initialize answered, and -> first diagnostics. */
async function lspStart(serverJs) {
  const uri = pathToFileURL(SAMPLE).href;
  const t0 = performance.now();
  const client = new LspClient(serverJs, { cwd: OUT });
  try {
    await client.initialize(dirname(SAMPLE));
    const init = performance.now() - t0;
    const opened = client.waitDiagnostics(uri, 1, 30_000);
    await client.didOpen(uri, readFileSync(SAMPLE, 'utf8'), 1);
    const first = await opened;
    if (!first) throw new Error(`no diagnostics from ${serverJs}`);
    return { init, diag: first.at - t0 };
  } finally {
    await client.close();
  }
}

function check(cliJs, file) {
  const r = measureProcess(process.execPath, [cliJs, 'check', file]);
  if (r.code !== 0 && r.code !== 1) throw new Error(`${cliJs} check exited ${r.code}: ${r.stderr}`);
  return { wall: r.wallMs, cpu: r.cpuMs ?? NaN, rssMiB: (r.rssKiB ?? NaN) / 1024 };
}

const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
const baseSha = git('rev-parse', '--short', base);
const tree = mkdtempSync(join(tmpdir(), 'dane-zone-ab-'));
git('worktree', 'add', '--detach', tree, baseSha);
try {
  symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: tree, stdio: 'inherit' });
  if (!flag('--no-build')) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const sides = [
    { name: 'this', dist: join(ROOT, 'dist') },
    { name: `base ${baseSha}`, dist: join(tree, 'dist') },
  ];
  const rows = [];
  const pairSamples = new Map();
  const starts = new Map(sides.map((s) => [s.name, []]));
  for (let run = 0; what.has('start') && run < runs; run++) {
    for (const side of run % 2 ? [...sides].reverse() : sides) {
      const c = check(join(side.dist, 'cli.js'), SAMPLE);
      starts.get(side.name).push({ checkWall: c.wall, checkCpu: c.cpu, ...(await lspStart(join(side.dist, 'server.js'))) });
      console.error(`ab: start run ${run + 1}/${runs} ${side.name} done`);
    }
  }
  for (const size of what.has('check') || what.has('lsp') ? sizes : []) {
    const file = workload(size).file;
    const samples = new Map(sides.map((s) => [s.name, { check: [], lsp: [] }]));
    for (let run = 0; run < runs; run++) {
      // alternate which side goes first, so a drift in machine speed hits both alike
      for (const side of run % 2 ? [...sides].reverse() : sides) {
        const s = samples.get(side.name);
        if (what.has('check')) s.check.push(check(join(side.dist, 'cli.js'), file));
        if (what.has('lsp')) s.lsp.push(await lspOpen(join(side.dist, 'server.js'), file, 1000 + run));
        console.error(`ab: ${size} run ${run + 1}/${runs} ${side.name} done`);
      }
    }
    const [own, other] = sides.map((side) => samples.get(side.name));
    pairSamples.set(size, { check: own.check.map((x, i) => [x, other.check[i]]), lsp: own.lsp.map((x, i) => [x, other.lsp[i]]) });
    for (const side of sides) {
      const s = samples.get(side.name);
      const m = (list, k) => median(list.map((x) => x[k]));
      rows.push({
        size, side: side.name,
        checkWall: m(s.check, 'wall'), checkCpu: m(s.check, 'cpu'), checkRss: m(s.check, 'rssMiB'),
        open: m(s.lsp, 'open'), ready: m(s.lsp, 'ready'), lspRss: m(s.lsp, 'rssMiB'), keyP50: m(s.lsp, 'keyP50'), keyP95: m(s.lsp, 'keyP95'),
      });
    }
  }
  const f = (x) => (Number.isFinite(x) ? Math.round(x).toString() : '-');
  const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
  const cols = ['size', 'side', 'check ms', 'check cpu', 'check MiB', 'open ms', 'ready ms', 'server MiB', 'key p50', 'key p95'];
  const out = rows.map((r) => [r.size, r.side, f(r.checkWall), f(r.checkCpu), f(r.checkRss), f(r.open), f(r.ready), f(r.lspRss), f1(r.keyP50), f1(r.keyP95)]);
  for (const size of rows.length ? sizes : []) {
    const [a, b] = rows.filter((r) => r.size === size);
    const ratio = (k) => (Number.isFinite(a[k] / b[k]) ? (a[k] / b[k]).toFixed(2) : '-');
    out.push([size, 'this/base', ratio('checkWall'), ratio('checkCpu'), ratio('checkRss'), ratio('open'), ratio('ready'), ratio('lspRss'), ratio('keyP50'), ratio('keyP95')]);
    // The ratio within each run's pair (measured minutes apart at most): a drift of the
    // machine moves both sides of a pair, so the spread of these says how far to trust the
    // ratio of medians above (identical builds gave 0.79-1.10 here).
    const pairs = pairSamples.get(size);
    const spread = (list, k) => {
      const r = list.map(([x, y]) => x[k] / y[k]).filter(Number.isFinite);
      return r.length ? `${median(r).toFixed(2)} ${Math.min(...r).toFixed(2)}-${Math.max(...r).toFixed(2)}` : '-';
    };
    out.push([size, 'pairs: med min-max', spread(pairs.check, 'wall'), spread(pairs.check, 'cpu'), spread(pairs.check, 'rssMiB'),
      spread(pairs.lsp, 'open'), spread(pairs.lsp, 'ready'), spread(pairs.lsp, 'rssMiB'), spread(pairs.lsp, 'keyP50'), spread(pairs.lsp, 'keyP95')]);
  }
  console.log(`medians of ${runs} interleaved runs, ${new Date().toISOString()}`);
  if (rows.length) console.log(table(cols, out));
  if (what.has('start')) {
    const keys = ['checkWall', 'checkCpu', 'init', 'diag'];
    const [a, b] = sides.map((side) => starts.get(side.name));
    const startRows = sides.map((side) => ['sample', side.name, ...keys.map((k) => f(median(starts.get(side.name).map((x) => x[k]))))]);
    startRows.push(['sample', 'this/base', ...keys.map((k) => (median(a.map((x) => x[k])) / median(b.map((x) => x[k]))).toFixed(2))]);
    startRows.push(['sample', 'pairs: med min-max', ...keys.map((k) => {
      const r = a.map((x, i) => x[k] / b[i][k]).filter(Number.isFinite);
      return `${median(r).toFixed(2)} ${Math.min(...r).toFixed(2)}-${Math.max(...r).toFixed(2)}`;
    })]);
    console.log(`\nstarting, on samples/example.zone: \`dane-zone check\` (wall, CPU) and a server's spawn to initialize answered and to the first diagnostics`);
    console.log(table(['zone', 'side', 'check ms', 'check cpu', 'initialize ms', 'first diag ms'], startRows));
  }
} finally {
  git('worktree', 'remove', '--force', tree);
  rmSync(tree, { recursive: true, force: true });
}
