// `npm run test:e2e`: the real-editor layer. Installs what it needs (scripts/setup-e2e.sh:
// Debian chromium/neovim/build tools, Node 24 + code-server in a cache outside
// node_modules), builds, then runs the e2e test files one after another (they share
// the machine's 2 cores with a code-server and a browser), with node's test runner.
// DANE_ZONE_SKIP_E2E=1 (developers only; ignored when CI=true) skips what is missing.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, RUNS, optedOut, timer } from './lib/env.mjs';

const elapsed = timer();
// scratch folders of earlier runs (workspaces, browser profiles, code-server user data)
rmSync(RUNS, { recursive: true, force: true });
const step = (what, cmd, args, opts = {}) => {
  const t = timer();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  console.log(`test:e2e: ${what} ${r.status === 0 ? 'done' : 'FAILED'} in ${t().toFixed(1)} s`);
  return r.status === 0;
};

if (optedOut()) {
  console.log('test:e2e: DANE_ZONE_SKIP_E2E=1: no setup; tests whose tools are missing are skipped');
} else if (!step('setup (scripts/setup-e2e.sh)', 'bash', ['scripts/setup-e2e.sh'])) {
  console.error('test:e2e: the real-editor tools could not be installed; see the message above (set DANE_ZONE_SKIP_E2E=1 to skip on a developer machine)');
  process.exit(1);
}
if (!step('build', process.execPath, ['scripts/build.mjs'])) process.exit(1);

const only = process.argv.slice(2);
const files = (only.length ? only : readdirSync(join(ROOT, 'test', 'e2e')).filter((f) => f.endsWith('.e2e.test.mjs')).sort()
  .map((f) => join('test', 'e2e', f)));
const ok = step('tests', process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files]);
console.log(`test:e2e: total ${(elapsed() / 60).toFixed(1)} min; screenshots and logs in .test-state/e2e/out`);
process.exit(ok ? 0 : 1);
