// Seconds as people write them in zone files (1w2d3h), for rule messages.
// (Hovers use the core's humanTtl: '1 day 2 hours'.)

const UNITS: readonly [number, string][] = [
  [604800, 'w'],
  [86400, 'd'],
  [3600, 'h'],
  [60, 'm'],
  [1, 's'],
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
