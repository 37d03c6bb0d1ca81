import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { getFinetuneJob, runAttempts, runIdOf, runPoints } from "@/lib/training/run-metrics";

export const GET = apiRoute(operations.runMetrics, async ({ params }) => {
  const runId = runIdOf(await getFinetuneJob(params.id));
  return { runId, attempts: await runAttempts(runId), points: await runPoints(runId) };
});
