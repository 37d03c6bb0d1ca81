/**
 * Maps the llama.cpp tools' real error output to a failure code, a message that names the cause
 * and a hint that says what to do. Input: the tool's output lines (a tail is enough) and how it
 * ended. Returns null when nothing specific is recognised (the caller then reports the exit code
 * and the log tail).
 */

export type ToolFailure = { code: string; message: string; hint: string };
export type ToolEnd = { exitCode: number | null; signal: NodeJS.Signals | string | null };

const TOOLCHAIN_HINT = "Update the llama.cpp toolchain on this host (npm run toolchain with a newer llama.cpp source, MODELYARD_LLAMA_CPP_SRC) and retry.";

function find(lines: readonly string[], re: RegExp): RegExpExecArray | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = re.exec(lines[i]);
    if (m) return m;
  }
  return null;
}

function common(lines: readonly string[], end: ToolEnd, tool: string): ToolFailure | null {
  if (find(lines, /No space left on device|\[Errno 28\]|ENOSPC/i)) {
    return { code: "disk_full", message: `${tool} ran out of disk space while writing the output`, hint: "Free space on the output volume (or choose an output folder on a larger disk) and retry; the partial file was removed." };
  }
  if (find(lines, /\bMemoryError\b|std::bad_alloc|Cannot allocate memory|failed to allocate/) || end.signal === "SIGKILL" || end.exitCode === 137) {
    return { code: "out_of_memory", message: `${tool} ran out of memory (or was killed by the system)`, hint: "Close other jobs on this host, use a host with more RAM, or for the converter retry (it uses lazy loading; --use-temp-file lowers peak memory further)." };
  }
  return null;
}

/** convert_hf_to_gguf.py */
export function classifyConvertFailure(lines: readonly string[], end: ToolEnd): ToolFailure | null {
  let m = find(lines, /Error: (.+) is not a directory/);
  if (m) return { code: "not_hf_model", message: `${m[1]} is not a Hugging Face model directory`, hint: "Convert a registered Hugging Face model folder (with config.json and *.safetensors), not a file." };
  m = find(lines, /Model (\S+) is not supported/);
  if (m) {
    return {
      code: "unsupported_architecture",
      message: `This llama.cpp converter does not support the architecture ${m[1]}`,
      hint: `Check config.json "architectures" (a custom or remote-code model cannot be converted), or ${TOOLCHAIN_HINT.charAt(0).toLowerCase()}${TOOLCHAIN_HINT.slice(1)}`,
    };
  }
  if (find(lines, /BPE pre-tokenizer was not recognized/)) {
    const h = find(lines, /chkhsh:\s*([0-9a-f]{16,})/);
    return {
      code: "unknown_tokenizer",
      message: `The tokenizer's BPE pre-tokenizer is not known to this llama.cpp${h ? ` (chkhsh ${h[1]})` : ""}`,
      hint: `A fine-tune should keep its base model's tokenizer files (tokenizer.json, tokenizer_config.json); if they were changed, restore them. For a new model family, ${TOOLCHAIN_HINT.charAt(0).toLowerCase()}${TOOLCHAIN_HINT.slice(1)}`,
    };
  }
  m = find(lines, /(?:Cannot find|File not found:?|No such file or directory:?)\s*'?([^']*(?:tokenizer[^'\s]*|config\.json|\.safetensors[^'\s]*))'?/i);
  if (m && find(lines, /FileNotFoundError|Cannot find Llama BPE tokenizer/)) {
    return { code: "missing_model_files", message: `The model folder lacks a file the converter needs (${m[1] || "tokenizer"})`, hint: "Copy the complete Hugging Face folder (config.json, tokenizer files, all safetensors shards) and import it again." };
  }
  m = find(lines, /(?:Can not|Cannot|Can't) map tensor '?([^'\s]+)'?/i);
  if (m) return { code: "unsupported_tensor", message: `The converter does not know the tensor ${m[1]}`, hint: `The checkpoint has layers this llama.cpp cannot map (often extra heads or a newer variant). ${TOOLCHAIN_HINT}` };
  m = find(lines, /ModuleNotFoundError: No module named '([^']+)'/);
  if (m) return { code: "tool_missing", message: `The converter's Python environment lacks the module ${m[1]}`, hint: "Run npm run toolchain on this host (or point MODELYARD_PYTHON at a Python with llama.cpp's convert requirements)." };
  if (find(lines, /SafetensorError|HeaderTooLarge|InvalidHeaderDeserialization|incomplete metadata|unexpected EOF/i)) {
    return { code: "corrupt_weights", message: "A safetensors file of the model is damaged or incomplete", hint: "Re-copy or re-download the model files, then import and convert again." };
  }
  return common(lines, end, "convert_hf_to_gguf.py");
}

/** llama-quantize */
export function classifyQuantizeFailure(lines: readonly string[], end: ToolEnd): ToolFailure | null {
  if (find(lines, /this quantization requires an importance matrix|requires an imatrix|Missing importance matrix for tensor/)) {
    const t = find(lines, /offending tensor:\s*(\S+)/) ?? find(lines, /Missing importance matrix for tensor (\S+)/);
    const ty = find(lines, /target type:\s*(\S+)/);
    return {
      code: "needs_imatrix",
      message: `This quantization type requires an importance matrix${t ? ` (tensor ${t[1]}${ty ? ` → ${ty[1]}` : ""})` : ""}`,
      hint: "Choose a calibration text file so llama-imatrix can compute one first, or pick a type that does not need it (Q2_K, Q3_K_*, Q4_K_*, IQ4_XS ...).",
    };
  }
  let m = find(lines, /requantizing from type (\S+) is disabled/);
  if (m) {
    return {
      code: "requantize_refused",
      message: `The source is already quantized (${m[1]} tensors); llama-quantize refuses to requantize it`,
      hint: "Quantize from the F16/BF16/F32 GGUF of this model instead. Only if none exists, retry with allowRequantize (quality will be worse than quantizing from 16-bit).",
    };
  }
  m = find(lines, /invalid ftype '([^']*)'/);
  if (m) return { code: "unknown_quant_type", message: `llama-quantize does not know the type ${m[1]}`, hint: "Pick one of the types in the list (Q4_K_M, Q5_K_M, Q8_0 ...); this llama.cpp may predate newer types." };
  m = find(lines, /no tensor type fallback is defined for type (\S+)/);
  if (m) {
    const t = find(lines, /warning: (\S+)\s+- ncols\s+(\d+) not divisible by\s+(\d+)/);
    return {
      code: "unsupported_shape",
      message: `${m[1].toUpperCase()} cannot hold this model's tensors${t ? ` (${t[1]} has rows of ${t[2]}, not a multiple of ${t[3]})` : ""} and has no fallback type`,
      hint: "Pick another type; this one only suits models whose tensor sizes are multiples of its block size.",
    };
  }
  m = find(lines, /imatrix size (\d+) is different from tensor size (\d+) for (\S+)/);
  if (m) return { code: "imatrix_mismatch", message: `The importance matrix does not belong to this model (tensor ${m[3]})`, hint: "Compute the importance matrix on this model (or its F16 source), not on another model." };
  if (find(lines, /imatrix contains non-finite value/)) return { code: "imatrix_invalid", message: "The importance matrix contains non-finite values", hint: "Recompute it with more or cleaner calibration text." };
  m = find(lines, /unknown model architecture: '([^']+)'/);
  if (m) return { code: "unsupported_architecture", message: `This llama.cpp does not know the architecture ${m[1]}`, hint: TOOLCHAIN_HINT };
  if (find(lines, /invalid magic|failed to read magic|gguf_init_from_file.*failed|not a GGUF file|failed to read key-value pairs/i)) {
    return { code: "invalid_gguf", message: "The input is not a complete GGUF file", hint: "Re-create the GGUF (convert again) and retry." };
  }
  const c = common(lines, end, "llama-quantize");
  if (c) return c;
  // std::ofstream with exceptions: a failed write (no errno in the message) is almost always a full disk.
  if (find(lines, /failed to quantize: basic_ios::clear: iostream error/)) {
    return { code: "disk_full", message: "llama-quantize failed while writing the output (a write error: usually the disk is full)", hint: "Free space on the output volume (or write to a larger disk) and retry; the partial file was removed." };
  }
  if (find(lines, /failed to open .* for writing|failed to write/i)) return { code: "output_unwritable", message: "llama-quantize could not write the output file", hint: "Check that the output folder exists, is writable by the worker and has free space." };
  return null;
}

/** llama-imatrix and llama-perplexity share the common-args loader and the token check. */
export function classifyEvalFailure(lines: readonly string[], end: ToolEnd, tool: "llama-imatrix" | "llama-perplexity"): ToolFailure | null {
  const m = find(lines, /you need at least (\d+) tokens (?:to evaluate perplexity )?(?:with|for) a context of (\d+)/);
  if (m) {
    const got = find(lines, /tokenizes to only (\d+) tokens/) ?? find(lines, /the data file you provided tokenizes to only (\d+) tokens/);
    return {
      code: "text_too_short",
      message: `${tool}: the text file is too short: ${m[1]} tokens are needed for a context of ${m[2]}${got ? `, the file has ${got[1]}` : ""}`,
      hint: "Use a longer text file, or a smaller context size.",
    };
  }
  if (find(lines, /failed to (?:open|read) (?:file|prompt)|error: failed to open/i)) {
    return { code: "text_unreadable", message: `${tool} could not read the text file`, hint: "Check the text file's path and permissions on the host." };
  }
  const arch = find(lines, /unknown model architecture: '([^']+)'/);
  if (arch) return { code: "unsupported_architecture", message: `This llama.cpp does not know the architecture ${arch[1]}`, hint: TOOLCHAIN_HINT };
  if (find(lines, /failed to load model|error loading model|unable to load model/i)) {
    return { code: "model_load_failed", message: `${tool} could not load the model`, hint: "The GGUF may be damaged or made by a newer llama.cpp; re-create it or update the toolchain." };
  }
  return common(lines, end, tool);
}
