import path from "node:path";
import { isExecutableFile, readToolchainEnv } from "../../../lib/hosts/detect-tools";
import { JobError } from "../../../lib/errors";

/**
 * `llamafactory-cli` next to the Python the worker uses (MODELYARD_PYTHON, else the toolchain's),
 * the same choice the host's tool inventory reports.
 */
export function locateLlamaFactoryCli(env: NodeJS.ProcessEnv = process.env): string {
  const tc = readToolchainEnv(env);
  const py = env.MODELYARD_PYTHON || tc.TOOLCHAIN_PYTHON || "";
  const candidates = [py && tc.TOOLCHAIN_PYTHON === py ? tc.LLAMAFACTORY_CLI : "", py ? path.join(path.dirname(py), "llamafactory-cli") : ""].filter(Boolean);
  const cli = candidates.find((c) => isExecutableFile(c));
  if (!cli) {
    throw new JobError(
      "tool_missing",
      py ? `llamafactory-cli is not installed next to ${py}` : "LLaMA-Factory is not installed on this host",
      "Run `npm run toolchain` on this host, or `pip install llamafactory==0.9.5` into the Python named by MODELYARD_PYTHON.",
    );
  }
  return cli;
}

/** The Python with transformers the worker uses: MODELYARD_PYTHON, else the toolchain's. */
export function locateToolchainPython(env: NodeJS.ProcessEnv = process.env): string {
  const py = env.MODELYARD_PYTHON || readToolchainEnv(env).TOOLCHAIN_PYTHON || "";
  if (!py || !isExecutableFile(py)) {
    throw new JobError("tool_missing", "No Python with transformers on this host", "Run `npm run toolchain` on this host, or set MODELYARD_PYTHON for the worker.");
  }
  return py;
}

/** Modelyard's own Python helpers (workers/python). */
export const PYTHON_HELPERS_DIR = path.resolve(import.meta.dirname, "../../python");

/** Folder holding sitecustomize.py, put on PYTHONPATH of every LLaMA-Factory process. */
export const LF_HOOKS_DIR = path.resolve(import.meta.dirname, "../../python/lf_hooks");
