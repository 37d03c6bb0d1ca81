import { openConfined } from "../../../lib/hosts/confined-read";

/** trainer_log.jsonl lines are a few hundred bytes; a run's whole log stays far below this. */
const MAX_LOG_BYTES = 256 << 20;

/**
 * Follows a file another process appends to (LLaMA-Factory's trainer_log.jsonl), handing each
 * complete line to `onLine`. Polls (inotify does not reach into every filesystem a host mounts);
 * every read goes through the confined open, so a file swapped for a link out of the roots is
 * not followed. A file that shrinks (rewritten from the start) is read again from the top.
 */
export class FileFollower {
  private offset = 0;
  private partial = "";
  private timer: NodeJS.Timeout | null = null;
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly roots: string[],
    private readonly onLine: (line: string) => void,
    private readonly everyMs = 1000,
  ) {}

  /** Starts after what the file holds now (an earlier attempt's lines). */
  async skipExisting(): Promise<void> {
    try {
      const f = await openConfined(this.file, { roots: this.roots, maxBytes: MAX_LOG_BYTES });
      this.offset = f.size;
      await f.handle.close();
    } catch {
      this.offset = 0;
    }
  }

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.everyMs);
  }

  /** Stops polling and reads what was appended since the last poll. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.poll();
    if (this.partial.trim()) this.onLine(this.partial);
    this.partial = "";
  }

  poll(): Promise<void> {
    this.reading = this.reading.then(() => this.readNew()).catch(() => undefined);
    return this.reading;
  }

  private async readNew(): Promise<void> {
    let f;
    try {
      f = await openConfined(this.file, { roots: this.roots, maxBytes: MAX_LOG_BYTES });
    } catch {
      return; // not written yet
    }
    try {
      if (f.size < this.offset) {
        this.offset = 0;
        this.partial = "";
      }
      if (f.size === this.offset) return;
      const buf = Buffer.alloc(f.size - this.offset);
      const { bytesRead } = await f.handle.read(buf, 0, buf.length, this.offset);
      this.offset += bytesRead;
      const text = this.partial + buf.subarray(0, bytesRead).toString("utf8");
      const lines = text.split("\n");
      this.partial = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) this.onLine(line);
    } finally {
      await f.handle.close();
    }
  }
}
