import { JobError } from "../../../lib/errors";
import type { ToolEnd, ToolFailure } from "../../../lib/tools/llama-cpp/failures";
import type { Progress } from "../../../lib/tools/llama-cpp/progress";
import { AbortedError, type JobContext } from "../../job-context";
import { runProcess, type LineSink, type RunResult } from "../../runner/run-process";
import { childEnv } from "../../runner/child-env";

const TAIL = 400;

export type ToolRun = { result: RunResult; tail: string[] };

export type RunToolOptions = {
  /** Shown in messages ("convert_hf_to_gguf.py"). */
  tool: string;
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
  /** Maps a line to progress in [0, 1] of this step; scaled into [from, to] of the job. */
  progress?: (line: string) => Progress | null;
  range?: [number, number];
  /** Recognises the tool's failures; null = generic tool_failed with the exit status. */
  classify?: (lines: readonly string[], end: ToolEnd) => ToolFailure | null;
};

/**
 * Runs a llama.cpp tool like JobContext.run (argv array in its own process group, output
 * streamed into the job log, cancel = signal the group) and additionally feeds every line to a
 * progress parser and keeps a tail for the failure classifier.
 */
export async function runTool(ctx: JobContext<unknown>, argv: [string, ...string[]], opts: RunToolOptions): Promise<ToolRun> {
  ctx.log(`$ ${argv.map((a) => (/^[\w./:=@%+-]+$/.test(a) ? a : JSON.stringify(a))).join(" ")}`);
  const tail: string[] = [];
  const [from, to] = opts.range ?? [0, 1];
  const sink: LineSink = {
    push(stream, line) {
      tail.push(line);
      if (tail.length > TAIL) tail.shift();
      if (opts.progress) {
        try {
          const p = opts.progress(line);
          if (p) ctx.progress(from + (to - from) * Math.max(0, Math.min(1, p.value)), p.label);
        } catch {
          // a progress parser must never break the run
        }
      }
      return ctx.sink.push(stream, line);
    },
    drained: () => ctx.sink.drained(),
  };
  let result: RunResult;
  try {
    result = await runProcess({ argv, sink, signal: ctx.signal, cwd: opts.cwd, timeoutMs: opts.timeoutMs, env: childEnv(ctx.job, opts.env) });
  } catch (err) {
    throw new JobError("tool_missing", `${opts.tool} could not be started: ${(err as Error).message}`, `Install the llama.cpp toolchain on host ${ctx.host.name} (npm run toolchain).`);
  }
  if (result.stopped === "aborted") throw new AbortedError();
  if (result.stopped === "timeout") throw new JobError("timeout", `${opts.tool} ran longer than its time limit`, "Raise the limit or use a smaller input.");
  if (result.exitCode !== 0) {
    const known = opts.classify?.(tail, { exitCode: result.exitCode, signal: result.signal });
    if (known) throw new JobError(known.code, known.message, known.hint);
    throw new JobError("tool_failed", `${opts.tool} exited with ${result.exitCode ?? result.signal}`, "See the log tail for the tool's own message.");
  }
  return { result, tail };
}
