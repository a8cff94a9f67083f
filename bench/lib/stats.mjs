// Small statistics for benchmark samples: medians and nearest-rank percentiles.
// Medians (not means) because the machine is shared and noisy: one slow run
// caused by a neighbour must not move the figure.

/** Nearest-rank percentile (p in 0..100) of numeric samples; NaN when empty. */
export function percentile(samples, p) {
  const xs = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!xs.length) return NaN;
  const rank = Math.ceil((p / 100) * xs.length);
  return xs[Math.min(xs.length - 1, Math.max(0, rank - 1))];
}

/** Median; the mean of the two middle samples for an even count. */
export function median(samples) {
  const xs = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!xs.length) return NaN;
  const m = xs.length >> 1;
  return xs.length % 2 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
}

export function round(x, digits = 1) {
  if (!Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
