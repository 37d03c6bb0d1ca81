/**
 * Environment a tool process (llama.cpp, Python converters, version probes) may see: an
 * allow-list, not the worker's environment minus known secrets, because a worker host's
 * environment holds whatever its operator exported (cloud keys, HF_TOKEN, the worker token,
 * connection strings) and tools log, dump or forward their environment freely.
 */
const EXACT = new Set([
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "LANG",
  "LANGUAGE",
  "TZ",
  "TMPDIR",
  "LD_LIBRARY_PATH",
  // Hugging Face: caches and offline switches, never HF_TOKEN.
  "HF_HOME",
  "HF_HUB_CACHE",
  "HF_HUB_OFFLINE",
  "HF_DATASETS_CACHE",
  "HF_DATASETS_OFFLINE",
  "TRANSFORMERS_CACHE",
  "TRANSFORMERS_OFFLINE",
  "TOKENIZERS_PARALLELISM",
  // GPU selection on AMD hosts.
  "HIP_VISIBLE_DEVICES",
  "ROCR_VISIBLE_DEVICES",
  "GOTO_NUM_THREADS",
]);

/** Variable families the tools honour for locale, GPUs, BLAS/OpenMP threading and Python start-up. */
const PREFIXES = ["LC_", "CUDA_", "NVIDIA_", "OMP_", "KMP_", "MKL_", "OPENBLAS_", "GGML_", "PYTHON"];

export function isAllowedToolVar(name: string): boolean {
  return EXACT.has(name) || PREFIXES.some((p) => name.startsWith(p));
}

/**
 * The allow-listed part of `source` plus `extra`: what a job passes explicitly is its own
 * decision and goes through as given (an undefined value removes the variable).
 */
export function toolEnv(
  source: Record<string, string | undefined> = process.env,
  extra: Record<string, string | undefined> = {},
): NodeJS.ProcessEnv {
  const env = {} as NodeJS.ProcessEnv;
  for (const [k, v] of Object.entries(source)) if (v !== undefined && isAllowedToolVar(k)) env[k] = v;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}
