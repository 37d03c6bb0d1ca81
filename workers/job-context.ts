import type { Job } from "../lib/db/client";
import { setJobProgress } from "../lib/jobs/lifecycle";
import { JobEventSink } from "./job-event-sink";
import { childEnv } from "./runner/child-env";
import { AbortedError, quoteArgv, runTool, type ToolRun, type ToolRunOptions } from "./runner/run-tool";

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

  /** Runs a tool with the job's GPUs and cancel signal; see `runTool` for how each ending is reported. */
  run(argv: [string, ...string[]], opts: ToolRunOptions = {}): Promise<ToolRun> {
    this.log(`$ ${quoteArgv(argv)}`);
    return runTool({
      ...opts,
      argv,
      sink: this.sink,
      signal: opts.stop ? AbortSignal.any([this.signal, opts.stop]) : this.signal,
      env: childEnv(this.job, opts.env),
      hostName: this.host.name,
      onProgress: (value, label) => this.progress(value, label),
      onSpawn: (pid) => this.sink.event({ type: "METRIC", payload: { name: "process_started", pid, at: performance.timeOrigin + performance.now() } }),
    });
  }

  throwIfAborted(): void {
    if (this.signal.aborted) throw new AbortedError();
  }
}
