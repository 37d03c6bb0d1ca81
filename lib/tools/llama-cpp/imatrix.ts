export type ImatrixSpec = {
  /** Path of the llama-imatrix binary. */
  binary: string;
  /** Unquantized GGUF (F32/F16/BF16) the statistics are collected on. */
  model: string;
  /** Plain-text calibration data. */
  textFile: string;
  /** Output file; .gguf gives the GGUF format (default of current llama.cpp). */
  output: string;
  /** -c: tokens per chunk (needs at least 2×this many tokens of text). */
  contextSize?: number;
  /** --chunks: stop after N chunks (-1 / undefined = the whole file). */
  chunks?: number;
  threads?: number;
};

/** `llama-imatrix -m model -f text -o out [-c N] [--chunks N] [-t N]` */
export function imatrixArgv(spec: ImatrixSpec): [string, ...string[]] {
  const argv: [string, ...string[]] = [spec.binary, "-m", spec.model, "-f", spec.textFile, "-o", spec.output];
  if (spec.contextSize) argv.push("-c", String(spec.contextSize));
  if (spec.chunks && spec.chunks > 0) argv.push("--chunks", String(spec.chunks));
  if (spec.threads && spec.threads > 0) argv.push("-t", String(spec.threads));
  return argv;
}
