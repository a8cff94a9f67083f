// Starts the project's loopback DANE lab (test/lab/up.sh: knotd + unbound + SMTP
// servers on 127.0.0.x) for the validation checks, and stops it afterwards only
// if this run started it. Returns { info } (lab.json) or { error }.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './env.mjs';

export function startLab() {
  const dir = join(ROOT, 'test', 'lab');
  const up = join(dir, 'up.sh');
  if (!existsSync(up)) return { error: 'test/lab/up.sh is missing (the live-validation lab)', stop() {} };
  const r = spawnSync('bash', [up], { encoding: 'utf8', timeout: 180000 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) return { error: `test/lab/up.sh failed (exit ${r.status}): ${out.trim().split('\n').slice(-5).join(' | ')}`, stop() {} };
  const state = process.env.DANE_LAB_STATE || join(ROOT, '.test-state', 'dane-lab');
  const info = JSON.parse(readFileSync(join(state, 'lab.json'), 'utf8'));
  const startedHere = !/already up/.test(out);
  return {
    info,
    stop() { if (startedHere) spawnSync('bash', [join(dir, 'down.sh')], { stdio: 'ignore', timeout: 60000 }); },
  };
}
