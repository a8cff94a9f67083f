// Test helper: start the project's DANE lab (test/lab/up.sh, idempotent) and
// stop it (down.sh). Lab state lives under .test-state/dane-lab (gitignored).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LAB = join(ROOT, 'test', 'lab');

export function labUp() {
  const r = spawnSync('bash', [join(LAB, 'up.sh')], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`lab up.sh failed (exit ${r.status}):\n${r.stderr}\n${r.stdout}`);
  const state = process.env.DANE_LAB_STATE ?? join(ROOT, '.test-state', 'dane-lab');
  return JSON.parse(readFileSync(join(state, 'lab.json'), 'utf8'));
}

export function labDown() {
  spawnSync('bash', [join(LAB, 'down.sh'), '--quiet'], { encoding: 'utf8', timeout: 60_000 });
}
