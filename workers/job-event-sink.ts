import { appendJobEvents, type NewJobEvent } from "../lib/jobs/events";
import type { LineSink } from "./runner/run-process";

const FLUSH_MS = 100;
const BATCH = 1_000;
const HIGH_WATER = 5_000;
const TAIL_LINES = 60;

/**
 * Batches a job's log lines into ordered JobEvent inserts. Memory stays bounded: past
 * HIGH_WATER pending lines `push` answers false and the runner pauses the child's pipes.
 */
export class JobEventSink implements LineSink {
  private pending: NewJobEvent[] = [];
  private tail: string[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private waiters: (() => void)[] = [];
  private failed: Error | null = null;
  linesWritten = 0;

  constructor(private readonly jobId: string) {}

  push(stream: "stdout" | "stderr" | "system", line: string): boolean {
    this.pending.push({ type: "LOG", payload: { stream, line } });
    this.tail.push(line);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
    this.schedule();
    return this.pending.length < HIGH_WATER;
  }

  event(event: NewJobEvent): void {
    this.pending.push(event);
    this.schedule();
  }

  drained(): Promise<void> {
    if (this.pending.length < HIGH_WATER / 2) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  logTail(): string {
    return this.tail.join("\n");
  }

  /** Writes everything pending; call before finishing the job so the last lines precede the status. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.flushing || this.pending.length) {
      if (this.flushing) await this.flushing;
      else await this.flushNow();
    }
    if (this.failed) throw this.failed;
  }

  private schedule(): void {
    if (this.pending.length >= BATCH) void this.flushNow();
    else if (!this.timer) this.timer = setTimeout(() => { this.timer = null; void this.flushNow(); }, FLUSH_MS);
  }

  private flushNow(): Promise<void> {
    if (this.flushing) return this.flushing;
    const batch = this.pending.splice(0, BATCH);
    if (batch.length === 0) return Promise.resolve();
    this.flushing = appendJobEvents(this.jobId, batch)
      .then(() => { this.linesWritten += batch.length; })
      .catch((err: Error) => { this.failed = err; })
      .finally(() => {
        this.flushing = null;
        if (this.pending.length < HIGH_WATER / 2) this.waiters.splice(0).forEach((w) => w());
        if (this.pending.length) this.schedule();
      });
    return this.flushing;
  }
}
