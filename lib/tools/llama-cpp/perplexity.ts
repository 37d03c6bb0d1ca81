export type PerplexitySpec = {
  /** Path of the llama-perplexity binary. */
  binary: string;
  model: string;
  textFile: string;
  /** -c: tokens per chunk (the text must hold at least 2× this many tokens). */
  contextSize: number;
  /** -b: batch size; defaults to contextSize so one chunk is one batch. */
  batchSize?: number;
  /** --chunks: evaluate only the first N chunks. */
  chunks?: number;
  threads?: number;
};

/** `llama-perplexity -m model -f text -c N -b N [--chunks N] [-t N]` */
export function perplexityArgv(spec: PerplexitySpec): [string, ...string[]] {
  const argv: [string, ...string[]] = [spec.binary, "-m", spec.model, "-f", spec.textFile, "-c", String(spec.contextSize), "-b", String(spec.batchSize ?? spec.contextSize)];
  if (spec.chunks && spec.chunks > 0) argv.push("--chunks", String(spec.chunks));
  if (spec.threads && spec.threads > 0) argv.push("-t", String(spec.threads));
  return argv;
}

export type PerplexityResult = { perplexity: number; error: number; chunks: number | null };

/**
 * The final estimate llama-perplexity prints: `Final estimate: PPL = 17.2530 +/- 0.81234`
 * (the error is the standard error of the estimate). Null when the run printed none.
 */
export function parsePerplexity(text: string): PerplexityResult | null {
  const chunksLine = /(?:calculating perplexity|computing) over (\d+) chunks/.exec(text);
  const chunks = chunksLine ? Number(chunksLine[1]) : null;
  const m = /Final estimate: PPL = ([\d.]+(?:e[+-]?\d+)?|nan|inf) \+\/- ([\d.]+(?:e[+-]?\d+)?|nan|inf)/i.exec(text);
  if (m) {
    const perplexity = Number(m[1]);
    const error = Number(m[2]);
    if (!Number.isFinite(perplexity)) return null;
    return { perplexity, error: Number.isFinite(error) ? error : NaN, chunks };
  }
  // The running values `[k]ppl,` are the estimate after k chunks, so the value of the last chunk is
  // the final estimate (without its error). The tool's asynchronous logger has been seen to drop
  // its last lines under heavy load; the per-chunk list may still be complete.
  if (chunks) {
    const last = new RegExp(`\\[${chunks}\\]([\\d.]+(?:e[+-]?\\d+)?),`).exec(text);
    if (last && Number.isFinite(Number(last[1]))) return { perplexity: Number(last[1]), error: NaN, chunks };
  }
  return null;
}
