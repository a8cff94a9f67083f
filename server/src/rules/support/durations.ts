// Seconds as people write them in zone files (1w2d3h), for messages and hovers.

const UNITS: readonly [number, string, string][] = [
  [604800, 'w', 'week'],
  [86400, 'd', 'day'],
  [3600, 'h', 'hour'],
  [60, 'm', 'minute'],
  [1, 's', 'second'],
];

/** 93600 -> '1d2h' (BIND's TTL unit syntax); 0 -> '0s'. */
export function compactDuration(seconds: number): string {
  if (seconds <= 0) return `${seconds}s`;
  let rest = seconds;
  let out = '';
  for (const [n, u] of UNITS) {
    if (rest >= n) {
      out += `${Math.floor(rest / n)}${u}`;
      rest %= n;
    }
  }
  return out;
}

/** 93600 -> '1 day 2 hours'. */
export function longDuration(seconds: number): string {
  if (seconds <= 0) return `${seconds} seconds`;
  let rest = seconds;
  const parts: string[] = [];
  for (const [n, , word] of UNITS) {
    if (rest >= n) {
      const k = Math.floor(rest / n);
      parts.push(`${k} ${word}${k === 1 ? '' : 's'}`);
      rest %= n;
    }
  }
  return parts.join(' ');
}
