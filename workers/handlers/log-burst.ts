import path from "node:path";
import type { LogBurstPayload } from "../../lib/jobs/kinds/log-burst";
import type { JobContext } from "../job-context";

const SCRIPT = path.resolve(import.meta.dirname, "../diagnostics/emit-lines.mjs");

export async function handleLogBurst(ctx: JobContext<LogBurstPayload>) {
  const { lines, intervalMs, exitCode } = ctx.payload;
  const started = Date.now();
  await ctx.run([process.execPath, SCRIPT, String(lines), String(intervalMs), String(exitCode)], {
    failureCode: "selftest_exit",
    hint: "The self-test was asked to exit non-zero; this checks failure reporting.",
  });
  return { lines, durationMs: Date.now() - started };
}
