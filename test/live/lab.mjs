// Test helper: start the project's DANE lab (test/lab/up.sh, idempotent) and
// stop it (down.sh). Lab state lives under .test-state/dane-lab (gitignored).
// The lab binds fixed loopback addresses (port 25 of 127.0.0.31-48, [::1]:25,
// 5310, 5363), so only one lab can run on a machine: every checkout of the
// project takes one machine-wide lock for as long as its tests use the lab.
// The lock is held by a child `flock` whose stdin is our pipe: if this process
// dies, the pipe closes and the lock goes with it.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LAB = join(ROOT, 'test', 'lab');
const LOCK = process.env.DANE_LAB_GLOBAL_LOCK ?? '/tmp/dane-zone-lab.lock';
const WAIT_S = 900;
let holder;

function takeLock() {
  return new Promise((resolve, reject) => {
    holder = spawn('flock', ['-w', String(WAIT_S), LOCK, 'sh', '-c', 'echo locked; exec cat >/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
    holder.stdout.once('data', () => resolve());
    holder.once('exit', (code) => reject(new Error(`could not take the lab lock ${LOCK} within ${WAIT_S} s (flock exit ${code})`)));
    holder.once('error', reject);
  });
}

export async function labUp() {
  await takeLock();
  // a lab started by an older checkout (without this lock) may still hold the ports: wait for it to go
  const deadline = Date.now() + 300_000;
  for (;;) {
    const r = spawnSync('bash', [join(LAB, 'up.sh')], { encoding: 'utf8', timeout: 120_000 });
    if (r.status === 0) break;
    if (!/already in use/.test(r.stderr) || Date.now() > deadline) {
      throw new Error(`lab up.sh failed (exit ${r.status}):\n${r.stderr}\n${r.stdout}`);
    }
    await new Promise((res) => setTimeout(res, 2000)); // poll: a port becoming free has no event to wait on
  }
  const state = process.env.DANE_LAB_STATE ?? join(ROOT, '.test-state', 'dane-lab');
  return JSON.parse(readFileSync(join(state, 'lab.json'), 'utf8'));
}

export function labDown() {
  spawnSync('bash', [join(LAB, 'down.sh'), '--quiet'], { encoding: 'utf8', timeout: 60_000 });
  holder?.stdin.end();
}
