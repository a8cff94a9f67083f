#!/usr/bin/env node
// `npm run bench:profile`: CPU profiles for the two hot paths of issue 6, written
// to bench/out/profiles/ (open them in Chrome DevTools or VS Code), with the top
// self-time functions printed here:
//   check   `dane-zone check` on the 1M zone (or --size), whole process;
//   server  the language server on the 100k zone: open, then the typed edits.
// Builds with source maps so function locations point into server/src.
// Options: --only check|server  --size 1m (check)  --lsp-size 100k  --edits 50
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runLspScenario } from './lib/lsp-scenario.mjs';
import { topSelf, formatTop } from './lib/cpuprofile-summary.mjs';
import { OUT, workload } from './lib/workload.mjs';
import { opt, ROOT } from './lib/script.mjs';

const only = opt('--only', null);
const checkSize = opt('--size', '1m');
const lspSize = opt('--lsp-size', '100k');
const edits = Number(opt('--edits', '50'));

const zone = (size) => workload(size).file;

/** The newest .cpuprofile in dir, after clearing it before the run. */
function freshDir(name) {
  const d = join(OUT, 'profiles', name);
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d, { recursive: true });
  return d;
}
const only1 = (d) => join(d, readdirSync(d).filter((f) => f.endsWith('.cpuprofile')).sort().pop() ?? '');

mkdirSync(OUT, { recursive: true });
spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], {
  cwd: ROOT, stdio: 'inherit', env: { ...process.env, DANE_ZONE_SOURCEMAP: '1' },
});

if (!only || only === 'check') {
  const d = freshDir('check');
  const f = zone(checkSize);
  const t = Date.now();
  const r = spawnSync(process.execPath, ['--enable-source-maps', '--cpu-prof', '--cpu-prof-dir', d,
    join(ROOT, 'dist', 'cli.js'), 'check', f], { stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`\ncheck ${checkSize}: exit ${r.status}, ${Date.now() - t} ms (profiled)\nprofile: ${only1(d)}`);
  console.log(formatTop(topSelf(only1(d))));
}

if (!only || only === 'server') {
  const d = freshDir('server');
  const r = await runLspScenario({
    serverJs: join(ROOT, 'dist', 'server.js'), zonePath: zone(lspSize), rootDir: OUT, edits, burst: 10,
    queries: 20, seed: 43, openTimeoutMs: 120_000, editTimeoutMs: 10_000,
    nodeArgs: ['--enable-source-maps', '--cpu-prof', '--cpu-prof-dir', d],
  });
  console.log(`\nserver ${lspSize}: ${r.error ?? `open ${Math.round(r.openMs)} ms, ${r.editsMs.length} edits`}`);
  const p = only1(d);
  if (p.endsWith('.cpuprofile')) console.log(`profile: ${p}\n${formatTop(topSelf(p))}`);
  else console.log('no profile written (did the server exit normally?)');
}
