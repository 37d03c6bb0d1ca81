import { JobError } from "../../lib/errors";
import { runProcess, type LineSink, type RunResult } from "./run-process";

const TAIL = 400;

/** How a tool ended, for a classifier that reads its output. */
export type ToolEnd = { exitCode: number | null; signal: NodeJS.Signals | string | null };
export type ToolFailure = { code: string; message: string; hint?: string };

export type ToolRun = { result: RunResult; tail: string[] };

/** What a handler may say about one tool run (`JobContext.run` supplies the rest). */
export type ToolRunOptions = {
  /** Named in messages ("convert_hf_to_gguf.py"); defaults to argv[0]. */
  tool?: string;
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
  killGraceMs?: number;
  gracefulSignal?: NodeJS.Signals;
  /** Maps a line to progress in [0, 1] of this step; scaled into `range` of the job. */
  progress?: (line: string) => { value: number; label?: string } | null;
  range?: [number, number];
  /** Recognises the tool's own failures from its output tail; null falls back to `failureCode`. */
  classify?: (lines: readonly string[], end: ToolEnd) => ToolFailure | null;
  /** Code and hint for a non-zero exit nothing recognised. */
  failureCode?: string;
  hint?: string;
  /** Stops the tool like a cancel does (graceful signal, then kill), for reasons of the handler's own. */
  stop?: AbortSignal;
};

export type ToolRunSpec = Omit<ToolRunOptions, "env"> & {
  argv: [string, ...string[]];
  /** Already the child's whole environment (see child-env.ts): nothing is added here. */
  env?: NodeJS.ProcessEnv;
  sink: LineSink;
  signal?: AbortSignal;
  /** Named in the hint when the tool cannot be started. */
  hostName: string;
  onProgress?: (value: number, label?: string) => void;
  onSpawn?: (pid: number) => void;
};

/** The one code for "the tool could not be started", whichever check notices it (locate.ts, the classifier, here). */
export const TOOL_MISSING = "tool_missing";

/** Cancelled: the job ends CANCELLED, not FAILED. */
export class AbortedError extends Error {
  constructor() {
    super("aborted");
    this.name = "AbortedError";
  }
}

export const quoteArgv = (argv: readonly string[]) => argv.map((a) => (/^[\w./:=@%+-]+$/.test(a) ? a : JSON.stringify(a))).join(" ");

/**
 * The runner every handler goes through (via `JobContext.run`): an argv array in its own process
 * group, output streamed into the sink, a tail kept for the classifier, progress parsed from the
 * lines, and every way it can end turned into one outcome: the result, `AbortedError`, or a
 * `JobError` (`tool_missing`, `timeout`, the classifier's code, `failureCode` or `tool_failed`).
 */
export async function runTool(spec: ToolRunSpec): Promise<ToolRun> {
  const tool = spec.tool ?? spec.argv[0];
  const tail: string[] = [];
  const [from, to] = spec.range ?? [0, 1];
  const sink: LineSink = {
    push(stream, line) {
      tail.push(line);
      if (tail.length > TAIL) tail.shift();
      if (spec.progress && spec.onProgress) {
        try {
          const p = spec.progress(line);
          if (p) spec.onProgress(from + (to - from) * Math.max(0, Math.min(1, p.value)), p.label);
        } catch {
          // a progress parser must never break the run
        }
      }
      return spec.sink.push(stream, line);
    },
    drained: () => spec.sink.drained(),
  };
  let result: RunResult;
  try {
    result = await runProcess({
      argv: spec.argv,
      sink,
      signal: spec.signal,
      cwd: spec.cwd,
      env: spec.env,
      timeoutMs: spec.timeoutMs,
      killGraceMs: spec.killGraceMs,
      gracefulSignal: spec.gracefulSignal,
      onSpawn: spec.onSpawn,
    });
  } catch (err) {
    throw new JobError(
      TOOL_MISSING,
      `${tool} could not be started: ${(err as Error).message}`,
      `Install it on host ${spec.hostName} or fix its configured path (llama.cpp tools: npm run toolchain).`,
    );
  }
  if (result.stopped === "aborted") throw new AbortedError();
  if (result.stopped === "timeout") throw new JobError("timeout", `${tool} ran longer than its time limit`, "Raise the limit or use a smaller input.");
  if (result.exitCode !== 0) {
    const known = spec.classify?.(tail, { exitCode: result.exitCode, signal: result.signal });
    if (known) throw new JobError(known.code, known.message, known.hint);
    throw new JobError(spec.failureCode ?? "tool_failed", `${tool} exited with ${result.exitCode ?? result.signal}`, spec.hint ?? "See the log tail for the tool's own message.");
  }
  return { result, tail };
}
