import type { TrainPoint } from "@/lib/training/run-metrics";

export type RunAttempt = { id: string; status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED"; title: string; progress: number | null; progressLabel: string | null };
export type RunMetrics = { runId: string; attempts: RunAttempt[]; points: TrainPoint[] };

export type RunSummary = { step: number; totalSteps?: number; epoch?: number; loss?: number; evalLoss?: number; lr?: number; throughput?: number };

/** The newest value of each metric (eval loss and train loss are logged on different lines). */
export function latestOf(points: readonly (TrainPoint & { totalSteps?: number })[]): RunSummary | null {
  if (!points.length) return null;
  const out: RunSummary = { step: points[points.length - 1].step };
  for (const p of points) {
    if (p.totalSteps !== undefined) out.totalSteps = p.totalSteps;
    if (p.epoch !== undefined) out.epoch = p.epoch;
    if (p.loss !== undefined) out.loss = p.loss;
    if (p.evalLoss !== undefined) out.evalLoss = p.evalLoss;
    if (p.lr !== undefined) out.lr = p.lr;
    if (p.throughput !== undefined) out.throughput = p.throughput;
  }
  return out;
}
