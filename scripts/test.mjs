// `npm test`: type-check, build, install what the interop tests need (Debian
// packages, via the project's own script), then run every test file with
// node's test runner in one process tree, so the summary counts them all.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`test: '${cmd} ${args.join(' ')}' failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
};

run('npx', ['tsc', '--noEmit', '-p', '.']);
run('node', ['scripts/build.mjs']);
run('bash', ['scripts/setup-test-deps.sh']);

const only = process.argv.slice(2);
const dirs = only.length ? only : ['test/unit', 'test/protocol', 'test/interop', 'test/live', 'test/bench'];
const files = [];
const walk = (d) => {
  let names = [];
  try { names = readdirSync(d); } catch { return; }
  for (const n of names.sort()) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.test\.m?js$/.test(n)) files.push(p);
  }
};
dirs.forEach(walk);
if (!files.length) { console.error('test: no test files found'); process.exit(1); }
run('node', ['--test', '--test-concurrency=2', ...files]);

