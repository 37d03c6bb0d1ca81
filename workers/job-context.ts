import type { Job } from "../lib/db/client";
import { setJobProgress } from "../lib/jobs/lifecycle";
import { JobError } from "../lib/errors";
import { JobEventSink } from "./job-event-sink";
import { childEnv } from "./runner/child-env";
import { runProcess, type RunResult, type RunSpec } from "./runner/run-process";

export type WorkerHost = { id: string; name: string; storageRoots: string[] };

const PROGRESS_EVERY_MS = 250;

/** What a handler gets: its parsed payload, the host, logging, progress and a process runner. */
export class JobContext<P = unknown> {
  readonly sink: JobEventSink;
  private lastProgressAt = 0;

  constructor(
    readonly job: Job,
    readonly payload: P,
    readonly host: WorkerHost,
    readonly workerInstance: string,
    readonly signal: AbortSignal,
  ) {
    this.sink = new JobEventSink(job.id);
  }

  log(line: string): void {
    this.sink.push("system", line);
  }

  /** Throttled: the DB row and the event stream get at most a few updates a second. */
  progress(value: number, label?: string, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastProgressAt < PROGRESS_EVERY_MS && value < 1) return;
    this.lastProgressAt = now;
    this.sink.event({ type: "PROGRESS", payload: { value, label: label ?? null } });
    void setJobProgress(this.job.id, this.workerInstance, value, label).catch(() => undefined);
  }

  /** Runs a tool; a non-zero exit becomes a JobError unless `allowFailure`. */
  async run(argv: RunSpec["argv"], opts: Partial<Omit<RunSpec, "argv" | "sink" | "signal">> & { failureCode?: string; hint?: string } = {}): Promise<RunResult> {
    this.log(`$ ${argv.map((a) => (/^[\w./:=@%+-]+$/.test(a) ? a : JSON.stringify(a))).join(" ")}`);
    let result: RunResult;
    try {
      result = await runProcess({
        ...opts,
        argv,
        sink: this.sink,
        signal: this.signal,
        env: childEnv(this.job, opts.env),
        onSpawn: (pid) => this.sink.event({ type: "METRIC", payload: { name: "process_started", pid, at: performance.timeOrigin + performance.now() } }),
      });
    } catch (err) {
      throw new JobError("tool_not_found", (err as Error).message, `Install the tool on host ${this.host.name} or fix its configured path.`);
    }
    if (result.stopped === "aborted") throw new AbortedError();
    if (result.stopped === "timeout") throw new JobError("timeout", `${argv[0]} ran longer than its time limit`, "Raise the limit or use a smaller input.");
    if (result.exitCode !== 0) {
      throw new JobError(opts.failureCode ?? "tool_failed", `${argv[0]} exited with ${result.exitCode ?? result.signal}`, opts.hint ?? "See the log tail for the tool's own message.");
    }
    return result;
  }

  throwIfAborted(): void {
    if (this.signal.aborted) throw new AbortedError();
  }
}

export class AbortedError extends Error {
  constructor() {
    super("aborted");
    this.name = "AbortedError";
  }
}
