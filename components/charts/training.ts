import type { TrainerPoint } from "@/lib/tools/llamafactory/trainer-log";
import type { XY } from "./series";

/** One parsed row of LLaMA-Factory's trainer_log.jsonl; `segment` grows each time the run resumes. */
export type TrainingPoint = TrainerPoint;

export type Metric = "loss" | "evalLoss" | "lr" | "throughput" | "vramGiB";

export type Segment = { segment: number; points: TrainingPoint[] };

/** Points grouped by segment, segments in ascending order, each group in file order. */
export function splitSegments(points: TrainingPoint[]): Segment[] {
  const groups = new Map<number, TrainingPoint[]>();
  for (const p of points) {
    const g = groups.get(p.segment);
    if (g) g.push(p);
    else groups.set(p.segment, [p]);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([segment, pts]) => ({ segment, points: pts }));
}

/**
 * The rows that carry `metric`, as chart points. Rows without it are left out rather than made
 * null: LLaMA-Factory logs eval rows and train rows separately, and neither should break the
 * other's line. A logged NaN stays, so the chart shows a gap there.
 */
export function metricPoints(points: TrainingPoint[], metric: Metric): XY[] {
  const out: XY[] = [];
  for (const p of points) {
    const v = p[metric];
    if (typeof v === "number") out.push({ x: p.step, y: v });
  }
  return out;
}

export function hasMetric(points: TrainingPoint[], metric: Metric): boolean {
  return points.some((p) => typeof p[metric] === "number" && Number.isFinite(p[metric]));
}

/** Where each segment after the first begins, for the "resumed" markers. */
export function resumeSteps(segments: Segment[]): number[] {
  return segments.slice(1).flatMap((s) => (s.points.length ? [Math.min(...s.points.map((p) => p.step))] : []));
}

/**
 * The history the final weights actually went through: when a segment resumes at step s, the
 * earlier segments' points from s on were trained over again and are dropped.
 */
export function latestCurve(points: TrainingPoint[]): TrainingPoint[] {
  let out: TrainingPoint[] = [];
  for (const { points: seg } of splitSegments(points)) {
    if (seg.length === 0) continue;
    const start = Math.min(...seg.map((p) => p.step));
    out = out.filter((p) => p.step < start).concat(seg);
  }
  return out;
}
