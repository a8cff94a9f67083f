// Runs one command as a whole process and measures its wall time and peak RSS.
// Peak RSS comes from GNU time (`/usr/bin/time -f %M`, in KiB), written to a
// side file so it never mixes with the program's own stderr. Wall time is taken
// here around the spawn; the few hundred microseconds GNU time adds are the
// same for every tool, so ratios between tools are unaffected.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export const GNU_TIME = '/usr/bin/time';

export function haveGnuTime() {
  return existsSync(GNU_TIME);
}

/**
 * @returns {{wallMs: number, rssKiB: number|null, code: number|null, stderr: string}}
 */
export function measureProcess(cmd, args, { cwd, timeoutMs = 600_000 } = {}) {
  const side = join(tmpdir(), `dane-zone-bench-${process.pid}-${Date.now()}.rss`);
  const useTime = haveGnuTime();
  const argv = useTime ? ['-f', '%M', '-o', side, cmd, ...args] : args;
  const t0 = process.hrtime.bigint();
  // stdout goes to /dev/null: peers like ldns-read-zone print the whole zone and
  // the terminal or a pipe must not be what we measure.
  const r = spawnSync(useTime ? GNU_TIME : cmd, argv, {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
    timeout: timeoutMs,
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  let rssKiB = null;
  if (useTime && existsSync(side)) {
    // GNU time prints "Command exited with non-zero status N" before the format line.
    const lines = readFileSync(side, 'utf8').trim().split('\n');
    const v = Number(lines[lines.length - 1]);
    rssKiB = Number.isFinite(v) ? v : null;
    rmSync(side, { force: true });
  }
  const stderr = (r.stderr ?? Buffer.alloc(0)).toString('utf8');
  return { wallMs, rssKiB, code: r.status, stderr: stderr.slice(-2000) };
}

/** First line of `<cmd> <versionFlag>` output, or null when the tool is absent. */
export function toolVersion(cmd, flag) {
  const r = spawnSync(cmd, [flag], { encoding: 'utf8' });
  if (r.error) return null;
  return ((r.stdout || '') + (r.stderr || '')).trim().split('\n')[0] || '';
}
