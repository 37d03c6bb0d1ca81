import type { QuantTypeName } from "./quant-types";

export type QuantizeSpec = {
  /** Path of the llama-quantize binary. */
  binary: string;
  input: string;
  output: string;
  type: QuantTypeName;
  /** --allow-requantize: only when the user asked for it explicitly (quality suffers). */
  allowRequantize?: boolean;
  /** --imatrix FILE (GGUF or legacy .dat from llama-imatrix). */
  imatrix?: string;
  /** --leave-output-tensor: keep output.weight unquantized. */
  leaveOutputTensor?: boolean;
  /** --pure: one type for every tensor, no k-quant mixture. */
  pure?: boolean;
  /** Trailing nthreads positional (default: all cores). */
  threads?: number;
};

/** `llama-quantize [--allow-requantize] [--imatrix f] [--leave-output-tensor] [--pure] in out TYPE [threads]` */
export function quantizeArgv(spec: QuantizeSpec): [string, ...string[]] {
  const argv: [string, ...string[]] = [spec.binary];
  if (spec.allowRequantize) argv.push("--allow-requantize");
  if (spec.leaveOutputTensor) argv.push("--leave-output-tensor");
  if (spec.pure) argv.push("--pure");
  if (spec.imatrix) argv.push("--imatrix", spec.imatrix);
  argv.push(spec.input, spec.output, spec.type);
  if (spec.threads && spec.threads > 0) argv.push(String(Math.floor(spec.threads)));
  return argv;
}

export type QuantizeSummary = {
  /** "model size = X MiB (Y BPW)": the input. */
  inputMiB: number | null;
  inputBpw: number | null;
  /** "quant size = X MiB (Y BPW)": the output. */
  outputMiB: number | null;
  outputBpw: number | null;
  /** "WARNING: N of M tensor(s) required fallback quantization". */
  fallbackTensors: number | null;
  totalTensors: number | null;
  /** Per-tensor fallbacks: "<tensor> - ncols N not divisible by 256 (required for type q4_K) -> falling back to q5_0". */
  fallbacks: { tensor: string; ncols: number; blockSize: number; from: string; to: string }[];
  quantizeMs: number | null;
};

/** Reads llama-quantize's closing lines (stderr and stdout together). */
export function parseQuantizeSummary(text: string): QuantizeSummary {
  const num = (re: RegExp, i = 1) => {
    const m = re.exec(text);
    return m ? Number(m[i]) : null;
  };
  const fb = /WARNING:\s*(\d+) of (\d+) tensor\(s\) required fallback quantization/.exec(text);
  const fallbacks: QuantizeSummary["fallbacks"] = [];
  const re = /warning:\s+(\S+)\s+- ncols\s+(\d+) not divisible by\s+(\d+) \(required for type\s+(\S+)\)\s*(?:\(WARNING: must use F16 due to unusual shape\)\s*)?-> falling back to\s+(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    fallbacks.push({ tensor: m[1], ncols: Number(m[2]), blockSize: Number(m[3]), from: m[4], to: m[5] });
  }
  return {
    inputMiB: num(/model size\s*=\s*([\d.]+) MiB/),
    inputBpw: num(/model size\s*=\s*[\d.]+ MiB \(([\d.]+) BPW\)/),
    outputMiB: num(/quant size\s*=\s*([\d.]+) MiB/),
    outputBpw: num(/quant size\s*=\s*[\d.]+ MiB \(([\d.]+) BPW\)/),
    fallbackTensors: fb ? Number(fb[1]) : fallbacks.length || 0,
    totalTensors: fb ? Number(fb[2]) : null,
    fallbacks,
    quantizeMs: num(/quantize time\s*=\s*([\d.]+) ms/),
  };
}
