import { db } from "../db/client";
import { runAttempts, runIdOf, runPoints, type TrainPoint } from "./run-metrics";

/** Fine-tune runs, newest first: one row per run (its first attempt) with its latest attempt's state. */
export async function listRuns(limit = 1000) {
  const jobs = await db.job.findMany({
    where: { kind: "model.finetune" },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true, title: true, status: true, createdAt: true, payload: true, progress: true, progressLabel: true, host: { select: { name: true } } },
  });
  const runs = new Map<string, { first: (typeof jobs)[number]; last: (typeof jobs)[number]; attempts: number }>();
  for (const j of jobs) {
    const runId = runIdOf(j);
    const r = runs.get(runId);
    if (r) {
      r.last = j;
      r.attempts++;
    } else runs.set(runId, { first: j, last: j, attempts: 1 });
  }
  return [...runs.values()].reverse().map(({ first, last, attempts }) => ({
    runId: first.id,
    title: first.title,
    host: first.host.name,
    createdAt: first.createdAt,
    status: last.status,
    progress: last.progress,
    progressLabel: last.progressLabel,
    lastAttemptId: last.id,
    attempts,
  }));
}

export type CompareEntry = { runId: string; title: string; args: Record<string, unknown>; datasetIds: string[]; points: TrainPoint[] };

/** What the compare view shows per run: its curve and its configuration. */
export async function compareRuns(runIds: string[]): Promise<CompareEntry[]> {
  const out: CompareEntry[] = [];
  for (const runId of runIds) {
    const attempts = await runAttempts(runId);
    if (!attempts.length) continue;
    const p = attempts[attempts.length - 1].payload as { args?: Record<string, unknown>; datasetIds?: string[]; extra?: Record<string, unknown> };
    out.push({ runId, title: attempts[0].title, args: { ...(p.args ?? {}), ...(p.extra ?? {}) }, datasetIds: p.datasetIds ?? [], points: await runPoints(runId) });
  }
  return out;
}
