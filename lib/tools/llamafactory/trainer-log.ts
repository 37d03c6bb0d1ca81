/**
 * Reads LF's `trainer_log.jsonl` (one JSON object per HF `on_log`, rank 0 only) and the log dicts
 * the HF Trainer prints to stdout. Every key is optional, the file is appended to on resume (steps
 * go backwards), and Python may write NaN, so parsing never throws.
 */

export type TrainerLogEntry = {
  current_steps?: number;
  total_steps?: number;
  loss?: number;
  eval_loss?: number;
  predict_loss?: number;
  reward?: number;
  accuracy?: number;
  lr?: number;
  epoch?: number;
  percentage?: number;
  elapsed_time?: number;
  remaining_time?: number;
  throughput?: number;
  total_tokens?: number;
  vram_allocated?: number;
  vram_reserved?: number;
};

const NUMERIC_KEYS = ["current_steps", "total_steps", "loss", "eval_loss", "predict_loss", "reward", "accuracy", "lr", "epoch", "percentage", "throughput", "total_tokens", "vram_allocated", "vram_reserved"] as const;

/** Python's str(timedelta): "0:03:25", "1 day, 2:03:04", "3 days, 0:00:01.500000". */
export function parseDuration(text: string): number | null {
  const m = /^\s*(?:(-?\d+) days?,\s*)?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return undefined;
  const s = v.trim().toLowerCase();
  if (s === "nan") return NaN;
  if (s === "inf" || s === "infinity") return Infinity;
  if (s === "-inf" || s === "-infinity") return -Infinity;
  const n = Number(s);
  return s !== "" && !Number.isNaN(n) ? n : undefined;
}

/** json.dumps writes NaN/Infinity bare, which JSON.parse refuses: quote them first. */
function parsePythonJson(line: string): unknown {
  return JSON.parse(line.replace(/(:\s*)(-?Infinity|NaN)(\s*[,}])/g, '$1"$2"$3'));
}

export function parseTrainerLogLine(line: string): TrainerLogEntry | null {
  const text = line.trim();
  if (!text.startsWith("{")) return null;
  let raw: unknown;
  try {
    raw = parsePythonJson(text);
  } catch {
    return null;
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const obj = raw as Record<string, unknown>;
  const entry: TrainerLogEntry = {};
  for (const key of NUMERIC_KEYS) {
    const n = toNumber(obj[key]);
    if (n !== undefined) entry[key] = n;
  }
  // Logs written before mid-2024 used the HF name.
  if (entry.lr === undefined) {
    const lr = toNumber(obj.learning_rate);
    if (lr !== undefined) entry.lr = lr;
  }
  for (const key of ["elapsed_time", "remaining_time"] as const) {
    const v = obj[key];
    const s = typeof v === "string" ? parseDuration(v) : typeof v === "number" ? v : null;
    if (s !== null) entry[key] = s;
  }
  return entry;
}

/**
 * The HF Trainer's stdout dicts: `{'loss': 0.8533, 'grad_norm': 4.87, 'learning_rate': 1.45e-05, 'epoch': 0.16}`
 * and the newer quoted form `{'loss': '5.227', ...}`. Returns numbers (nan → NaN), null for other lines.
 */
export function parseStdoutLogDict(line: string): Record<string, number> | null {
  const start = line.indexOf("{'");
  const end = line.lastIndexOf("}");
  if (start < 0 || end < start) return null;
  const body = line.slice(start + 1, end);
  const out: Record<string, number> = {};
  const re = /'([^']+)':\s*(?:'([^']*)'|"([^"]*)"|([^,]+))\s*(?:,|$)/g;
  let m: RegExpExecArray | null;
  let found = false;
  while ((m = re.exec(body))) {
    const n = toNumber(m[2] ?? m[3] ?? m[4]);
    if (n !== undefined) {
      out[m[1]] = n;
      found = true;
    }
  }
  return found ? out : null;
}

export type TrainerProgress = {
  step: number | null;
  totalSteps: number | null;
  epoch: number | null;
  percentage: number | null;
  elapsedSeconds: number | null;
  remainingSeconds: number | null;
  loss: number | null;
  lr: number | null;
  evalLoss: number | null;
  throughput: number | null;
};

export type TrainerPoint = {
  step: number;
  epoch?: number;
  loss?: number;
  evalLoss?: number;
  lr?: number;
  throughput?: number;
  vramGiB?: number;
  segment: number;
};

/** Incremental reader: feed it lines (or raw chunks) as the file grows. */
export class TrainerLog {
  private entries: { entry: TrainerLogEntry; segment: number }[] = [];
  private segment = 0;
  private lastStep: number | null = null;
  private lastTotal: number | null = null;
  private partial = "";

  /** One complete line; returns the parsed entry (null when the line is not a log object). */
  push(line: string): TrainerLogEntry | null {
    const entry = parseTrainerLogLine(line);
    if (!entry) return null;
    const step = entry.current_steps;
    const total = entry.total_steps;
    // A resume appends to the same file: steps restart below where they were, or the plan changes.
    const restarted = (step !== undefined && this.lastStep !== null && step < this.lastStep) || (total !== undefined && this.lastTotal !== null && total !== this.lastTotal);
    if (restarted && this.entries.length) this.segment += 1;
    if (step !== undefined) this.lastStep = step;
    if (total !== undefined) this.lastTotal = total;
    this.entries.push({ entry, segment: this.segment });
    return entry;
  }

  /** A chunk read from the file's tail: complete lines are parsed, a trailing partial line waits. */
  pushChunk(chunk: string): void {
    const text = this.partial + chunk;
    const lines = text.split(/\r?\n/);
    this.partial = lines.pop() ?? "";
    for (const line of lines) this.push(line);
  }

  get size(): number {
    return this.entries.length;
  }

  get segments(): number {
    return this.entries.length ? this.segment + 1 : 0;
  }

  latest(): TrainerProgress | null {
    if (!this.entries.length) return null;
    const find = <K extends keyof TrainerLogEntry>(key: K, sameSegment = false): number | null => {
      for (let i = this.entries.length - 1; i >= 0; i--) {
        const { entry, segment } = this.entries[i];
        if (sameSegment && segment !== this.segment) return null;
        const v = entry[key];
        if (v !== undefined) return v;
      }
      return null;
    };
    return {
      step: find("current_steps"),
      totalSteps: find("total_steps"),
      epoch: find("epoch"),
      percentage: find("percentage"),
      elapsedSeconds: find("elapsed_time"),
      remainingSeconds: find("remaining_time"),
      loss: find("loss", true),
      lr: find("lr", true),
      evalLoss: find("eval_loss", true),
      throughput: find("throughput", true),
    };
  }

  /** Chart points: entries that carry a step and at least one metric (the final summary line has none). */
  points(): TrainerPoint[] {
    return this.entries.map(toPoint).filter((p): p is TrainerPoint => p !== null);
  }

  lastEntry(): TrainerLogEntry | null {
    return this.entries[this.entries.length - 1]?.entry ?? null;
  }

  /** The chart point of the line pushed last, or null when that line has none (a live follower's view). */
  lastPoint(): TrainerPoint | null {
    const last = this.entries[this.entries.length - 1];
    return last ? toPoint(last) : null;
  }
}

function toPoint({ entry: e, segment }: { entry: TrainerLogEntry; segment: number }): TrainerPoint | null {
  if (e.current_steps === undefined) return null;
  const p: TrainerPoint = { step: e.current_steps, segment };
  if (e.epoch !== undefined) p.epoch = e.epoch;
  if (e.loss !== undefined) p.loss = e.loss;
  if (e.eval_loss !== undefined) p.evalLoss = e.eval_loss;
  if (e.lr !== undefined) p.lr = e.lr;
  if (e.throughput !== undefined) p.throughput = e.throughput;
  // LF divides the peak by 1024³ although it calls the unit GB.
  if (e.vram_allocated !== undefined) p.vramGiB = e.vram_allocated;
  return p.loss !== undefined || p.evalLoss !== undefined || p.lr !== undefined || p.throughput !== undefined || p.vramGiB !== undefined ? p : null;
}
