// Runs one command as a whole process and measures its wall time, CPU time and peak RSS.
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
 * @returns {{wallMs: number, cpuMs: number|null, rssKiB: number|null, code: number|null, stderr: string}}
 */
export function measureProcess(cmd, args, { cwd, timeoutMs = 600_000 } = {}) {
  const side = join(tmpdir(), `dane-zone-bench-${process.pid}-${Date.now()}.rss`);
  const useTime = haveGnuTime();
  const argv = useTime ? ['-f', '%M %U %S', '-o', side, cmd, ...args] : args;
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
  let cpuMs = null;
  if (useTime && existsSync(side)) {
    // GNU time prints "Command exited with non-zero status N" before the format line.
    const lines = readFileSync(side, 'utf8').trim().split('\n');
    const [m, u, sys] = lines[lines.length - 1].split(' ').map(Number);
    rssKiB = Number.isFinite(m) ? m : null;
    // CPU time (user + system) is far less disturbed by other load than wall time.
    if (Number.isFinite(u) && Number.isFinite(sys)) cpuMs = (u + sys) * 1000;
    rmSync(side, { force: true });
  }
  const stderr = (r.stderr ?? Buffer.alloc(0)).toString('utf8');
  return { wallMs, cpuMs, rssKiB, code: r.status, stderr: stderr.slice(-2000) };
}

/** First line of `<cmd> <versionFlag>` output, or null when the tool is absent. */
export function toolVersion(cmd, flag) {
  const r = spawnSync(cmd, [flag], { encoding: 'utf8' });
  if (r.error) return null;
  return ((r.stdout || '') + (r.stderr || '')).trim().split('\n')[0] || '';
}
