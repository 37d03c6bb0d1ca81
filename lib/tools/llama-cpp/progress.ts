/**
 * Progress from the tools' own output lines (the worker's line splitter also breaks on \r, so
 * each tqdm redraw arrives as its own line).
 */

export type Progress = { value: number; label: string };

/** `INFO:hf-to-gguf:blk.0.attn_q.weight,         torch.bfloat16 --> F16, shape = {576, 576}` */
const CONVERT_TENSOR = /^INFO:hf-to-gguf:([^\s,]+),\s+(\S+)\s+-->\s+(\S+), shape = \{([^}]*)\}/;
/** `INFO:gguf.gguf_writer:/path/out.gguf: n_tensors = 272, total_size = 269.1M` */
const CONVERT_WRITE_PLAN = /^INFO:gguf\.gguf_writer:.*: n_tensors = (\d+), total_size = (\S+)/;
/** tqdm: `Writing:  21%|██        | 56.6M/269M [00:00<00:01, 138Mbyte/s]` */
const CONVERT_WRITING = /^Writing:\s+(\d+)%\|/;

export type ConvertLine =
  | { kind: "tensor"; name: string; from: string; to: string; shape: number[] }
  | { kind: "write-plan"; tensors: number; totalSize: string }
  | { kind: "writing"; percent: number }
  | { kind: "phase"; label: string }
  | { kind: "done"; path: string };

export function parseConvertLine(line: string): ConvertLine | null {
  let m = CONVERT_TENSOR.exec(line);
  if (m) return { kind: "tensor", name: m[1], from: m[2], to: m[3], shape: m[4].split(",").map((s) => Number(s.trim())).filter((n) => Number.isFinite(n)) };
  m = CONVERT_WRITE_PLAN.exec(line);
  if (m) return { kind: "write-plan", tensors: Number(m[1]), totalSize: m[2] };
  m = CONVERT_WRITING.exec(line);
  if (m) return { kind: "writing", percent: Number(m[1]) };
  m = /^INFO:hf-to-gguf:Model successfully exported to (.+)$/.exec(line);
  if (m) return { kind: "done", path: m[1] };
  if (/^INFO:hf-to-gguf:Loading model:/.test(line)) return { kind: "phase", label: "loading model" };
  if (/^INFO:hf-to-gguf:Exporting model/.test(line)) return { kind: "phase", label: "converting tensors" };
  if (/^INFO:hf-to-gguf:Set model tokenizer/.test(line)) return { kind: "phase", label: "writing tokenizer" };
  return null;
}

/**
 * Converter progress in [0, 1): tensors mapped (0.05 → 0.15, against the source's tensor count
 * when known; lazy mode maps them quickly), then the writer's byte percentage (0.15 → 0.98), which
 * is where the real work (reading, converting and writing every tensor) happens. 1 is left for the
 * caller, after the output is verified and registered.
 */
export class ConvertProgress {
  private tensors = 0;
  private total: number | null;

  constructor(expectedTensors: number | null) {
    this.total = expectedTensors && expectedTensors > 0 ? expectedTensors : null;
  }

  get tensorsSeen(): number {
    return this.tensors;
  }

  private last = 0;

  /** Never goes backwards (phases overlap at their boundaries). */
  onLine(line: string): Progress | null {
    const r = this.raw(line);
    if (!r) return null;
    this.last = Math.max(this.last, r.value);
    return { value: this.last, label: r.label };
  }

  private raw(line: string): Progress | null {
    const p = parseConvertLine(line);
    if (!p) return null;
    switch (p.kind) {
      case "tensor": {
        this.tensors++;
        const frac = this.total ? Math.min(1, this.tensors / this.total) : 1 - 1 / (1 + this.tensors / 100);
        return { value: 0.05 + 0.1 * frac, label: this.total ? `converting tensor ${Math.min(this.tensors, this.total)}/${this.total} (${p.name} → ${p.to})` : `converting tensor ${this.tensors} (${p.name} → ${p.to})` };
      }
      case "write-plan":
        this.total = p.tensors;
        return { value: 0.15, label: `writing ${p.tensors} tensors (${p.totalSize}B)` };
      case "writing":
        return { value: 0.15 + 0.83 * (p.percent / 100), label: `writing ${p.percent}%` };
      case "phase":
        return { value: p.label === "loading model" ? 0.02 : p.label === "converting tensors" ? 0.05 : 0.15, label: p.label };
      case "done":
        return { value: 0.98, label: "exported" };
    }
  }
}

/** `[  12/ 272]             blk.0.attn_q.weight - [  576,   576,     1,     1], type =    f16, converting to q4_K .. size =     0.63 MiB ->     0.18 MiB` */
const QUANT_TENSOR = /^\[\s*(\d+)\s*\/\s*(\d+)\]\s+(\S+)/;

export type QuantizeLine = { index: number; total: number; tensor: string; to: string | null };

export function parseQuantizeLine(line: string): QuantizeLine | null {
  const m = QUANT_TENSOR.exec(line);
  if (!m) return null;
  const to = /converting to (\S+?)\s/.exec(line);
  return { index: Number(m[1]), total: Number(m[2]), tensor: m[3], to: to ? to[1] : null };
}

/** llama-quantize progress in [0, 0.98] from its `[ i/ N]` tensor lines. */
export function quantizeProgress(line: string): Progress | null {
  const q = parseQuantizeLine(line);
  if (!q || q.total <= 0) return null;
  return { value: 0.98 * Math.min(1, q.index / q.total), label: `quantizing tensor ${q.index}/${q.total} (${q.tensor}${q.to ? ` → ${q.to}` : ""})` };
}

/**
 * llama-perplexity / llama-imatrix: `calculating perplexity over 4 chunks`, `computing over 4 chunks`,
 * the per-pass ETA line, then `[1]12.34,[2]...` (printed without newlines until the end).
 */
export function evalToolProgress(line: string): Progress | null {
  // The final estimate can share a line with the ETA (stderr) because the per-chunk values go to stdout.
  let m = /Final estimate: PPL = ([\d.]+)/.exec(line);
  if (m) return { value: 0.98, label: `perplexity ${m[1]}` };
  m = /(?:calculating perplexity|computing) over (\d+) chunks/.exec(line);
  if (m) return { value: 0.2, label: `evaluating ${m[1]} chunks` };
  m = /([\d.]+) seconds per pass - ETA\s*([\d.]+ (?:minutes|hours))?/.exec(line);
  if (m) return { value: 0.3, label: m[2] ? `${m[1]} s per chunk, about ${m[2]} left` : `${m[1]} s per chunk` };
  if (/tokenizing the input/.test(line)) return { value: 0.1, label: "tokenizing the text" };
  if (/load_tensors:|llama_model_loader: loaded meta data/.test(line)) return { value: 0.05, label: "loading model" };
  m = /save_imatrix: stored collected data after (\d+) chunks/.exec(line);
  if (m) return { value: 0.9, label: `saved imatrix after ${m[1]} chunks` };
  return null;
}
