/**
 * Pure helpers behind LineChart: smoothing, aligning several point lists on one x axis the way
 * uPlot wants them, and number formatting. No DOM, so they run in unit tests.
 */

export type XY = { x: number; y: number | null };

/** A value uPlot draws (number), breaks the line at (null), or skips over to the next point (undefined). */
export type Cell = number | null | undefined;

export type Aligned = { xs: number[]; ys: Cell[][] };

/** Colour-blind-friendly enough and distinct on white; runs and segments take them in order. */
export const PALETTE = ["#4f46e5", "#059669", "#d97706", "#e11d48", "#0284c7", "#7c3aed", "#65a30d", "#c026d3"] as const;

export function paletteColor(i: number): string {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length];
}

/** "#rrggbb" → "rgba(r, g, b, a)"; anything else is returned unchanged. */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  const [r, g, b] = m.slice(1).map((h) => parseInt(h, 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

const finite = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * Exponential moving average with TensorBoard's debiasing, so the first points are not pulled
 * towards zero. Missing values stay missing and do not advance the average.
 */
export function ema(values: (number | null)[], weight: number): (number | null)[] {
  const w = Math.min(Math.max(weight, 0), 0.999);
  let last = 0;
  let n = 0;
  return values.map((v) => {
    if (!finite(v)) return null;
    last = last * w + (1 - w) * v;
    n += 1;
    return w === 0 ? v : last / (1 - w ** n);
  });
}

export function emaPoints(points: XY[], weight: number): XY[] {
  const ys = ema(points.map((p) => p.y), weight);
  return points.map((p, i) => ({ x: p.x, y: ys[i] }));
}

/**
 * One shared, sorted x array for all series. A series with no point at some x gets `undefined`
 * there (uPlot draws straight across it, so sparse eval points still join up); a point whose y is
 * null, NaN or ±Infinity gets `null` (uPlot leaves a gap). A repeated x within a series keeps the
 * last value.
 */
export function alignSeries(series: XY[][]): Aligned {
  const maps = series.map((pts) => {
    const m = new Map<number, number | null>();
    for (const p of pts) if (Number.isFinite(p.x)) m.set(p.x, finite(p.y) ? p.y : null);
    return m;
  });
  const xs = [...new Set(maps.flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  return { xs, ys: maps.map((m) => xs.map((x) => m.get(x))) };
}

export function hasValues(series: XY[][]): boolean {
  return series.some((pts) => pts.some((p) => Number.isFinite(p.x) && finite(p.y)));
}

/** Short, locale-free numbers for legends, axes and the data table: 0.6931, 2e-5, 12346. */
export function formatValue(v: Cell): string {
  if (!finite(v)) return "—";
  if (v === 0) return "0";
  const abs = Math.abs(v);
  if (abs < 1e-3 || abs >= 1e7) return v.toExponential(2).replace(/\.?0+e/, "e").replace("e+", "e");
  if (abs >= 1000) return String(Math.round(v));
  return String(Number(v.toPrecision(4)));
}

/** The last `count` rows of aligned data, oldest first, for the accessible table. */
export function tailRows(data: Aligned, count: number): { x: number; cells: Cell[] }[] {
  const from = Math.max(0, data.xs.length - count);
  return data.xs.slice(from).map((x, i) => ({ x, cells: data.ys.map((col) => col[from + i]) }));
}
