export type Dist = { min: number; max: number; mean: number; p50: number; p95: number };

/** Nearest-rank percentiles; all zeros for no values so the UI never sees NaN. */
export function distribution(values: number[]): Dist {
  if (values.length === 0) return { min: 0, max: 0, mean: 0, p50: 0, p95: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  const sum = sorted.reduce((a, b) => a + b, 0);
  return { min: sorted[0], max: sorted[sorted.length - 1], mean: Math.round((sum / sorted.length) * 100) / 100, p50: rank(0.5), p95: rank(0.95) };
}
