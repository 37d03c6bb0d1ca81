import { existsSync } from "node:fs";
import path from "node:path";
import { isExecutableFile as executable, readToolchainEnv } from "../../hosts/detect-tools";
import { JobError } from "../../errors";

export const LLAMA_CPP_BINARIES = ["llama-quantize", "llama-imatrix", "llama-perplexity", "llama-server"] as const;
export type LlamaCppBinary = (typeof LLAMA_CPP_BINARIES)[number];

export type LlamaCppTools = {
  binDir: string;
  binDirSource: string;
  bin: (name: LlamaCppBinary) => string;
  /** convert_hf_to_gguf.py (inside a full tree) and the Python that runs it. */
  convertScript: string | null;
  python: string | null;
};

const INSTALL_HINT = "Run `npm run toolchain` on this host (builds llama.cpp and its Python environment), or set MODELYARD_LLAMA_CPP_BIN_DIR / MODELYARD_LLAMA_CPP_SRC / MODELYARD_PYTHON for the worker.";

/**
 * Where the llama.cpp tools are on this worker: the MODELYARD_* environment first, then the
 * toolchain's current.env (LLAMA_CPP_BIN_DIR, LLAMA_CPP_CONVERT, TOOLCHAIN_PYTHON), the same
 * order lib/hosts/detect-tools.ts reports. Throws JobError("tool_missing") when no binary dir.
 */
export function locateLlamaCpp(env: NodeJS.ProcessEnv = process.env): LlamaCppTools {
  const tc = readToolchainEnv(env);
  const binDir = env.MODELYARD_LLAMA_CPP_BIN_DIR || tc.LLAMA_CPP_BIN_DIR || "";
  const binDirSource = env.MODELYARD_LLAMA_CPP_BIN_DIR ? "MODELYARD_LLAMA_CPP_BIN_DIR" : "toolchain current.env";
  if (!binDir || !existsSync(binDir)) {
    throw new JobError("tool_missing", binDir ? `llama.cpp binaries not found: ${binDir} (${binDirSource}) does not exist` : "llama.cpp is not installed on this host", INSTALL_HINT);
  }
  const candidates = [
    env.MODELYARD_LLAMA_CPP_SRC ? path.join(env.MODELYARD_LLAMA_CPP_SRC, "convert_hf_to_gguf.py") : null,
    tc.LLAMA_CPP_CONVERT || null,
    path.join(binDir, "convert_hf_to_gguf.py"),
    path.join(binDir, "..", "convert_hf_to_gguf.py"),
  ].filter((p): p is string => !!p);
  const convertScript = candidates.find((p) => existsSync(p)) ?? null;
  const python = env.MODELYARD_PYTHON || tc.TOOLCHAIN_PYTHON || null;
  return {
    binDir,
    binDirSource,
    bin: (name) => {
      const p = path.join(binDir, name);
      if (!executable(p)) throw new JobError("tool_missing", `${name} is missing from ${binDir} (${binDirSource})`, INSTALL_HINT);
      return p;
    },
    convertScript,
    python,
  };
}

/** The converter and its Python, or JobError("tool_missing") saying which is absent. */
export function requireConverter(tools: LlamaCppTools): { script: string; python: string } {
  if (!tools.convertScript) throw new JobError("tool_missing", "convert_hf_to_gguf.py was not found (no llama.cpp source tree beside the binaries)", INSTALL_HINT);
  const dir = path.dirname(tools.convertScript);
  if (!existsSync(path.join(dir, "conversion")) && !existsSync(path.join(dir, "gguf-py"))) {
    throw new JobError("tool_missing", `${tools.convertScript} is not inside a full llama.cpp tree (conversion/ and gguf-py/ are missing beside it)`, INSTALL_HINT);
  }
  if (!tools.python || !executable(tools.python)) {
    throw new JobError("tool_missing", tools.python ? `Python for the converter not found at ${tools.python}` : "No Python configured for the converter", INSTALL_HINT);
  }
  return { script: tools.convertScript, python: tools.python };
}
