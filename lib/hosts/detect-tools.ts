import { execFile } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { toolEnv } from "./tool-env";

/** One tool a host can offer the workers (llama.cpp binaries, the converter, Python packages, Ollama). */
/** Environment variables as a plain map (tests pass partial ones). */
export type EnvVars = Record<string, string | undefined>;

export type ToolInfo = {
  name: string;
  available: boolean;
  version: string | null;
  path: string | null;
  detail?: string;
};

export type DetectToolsOptions = {
  /** Environment to read MODELYARD_* variables and PATH from (default: process.env). */
  env?: EnvVars;
  /** Limit for each probe process (default 15 s). */
  timeoutMs?: number;
};

export const LLAMA_CPP_TOOLS = ["llama-server", "llama-quantize", "llama-imatrix", "llama-perplexity"] as const;
export const PYTHON_PACKAGES = ["torch", "transformers", "peft", "llamafactory", "deepspeed", "vllm", "lmdeploy"] as const;

type ExecResult = { ok: boolean; stdout: string; stderr: string; error?: string };

function run(file: string, args: string[], env: EnvVars, timeoutMs: number): Promise<ExecResult> {
  return new Promise((resolve) => {
    try {
      execFile(
        file,
        args,
        // Probes run third-party code (python imports, --version); they get the allow-listed env only.
        { env: toolEnv(env), timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 4 * 1024 * 1024, windowsHide: true },
        (err, stdout, stderr) => {
          const out = String(stdout ?? "");
          const errOut = String(stderr ?? "");
          if (err) {
            const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
            const why = e.killed ? `timed out after ${timeoutMs} ms` : e.code !== undefined ? `exit ${e.code}` : e.message;
            resolve({ ok: false, stdout: out, stderr: errOut, error: why });
          } else {
            resolve({ ok: true, stdout: out, stderr: errOut });
          }
        },
      );
    } catch (e) {
      resolve({ ok: false, stdout: "", stderr: "", error: e instanceof Error ? e.message : String(e) });
    }
  });
}

export function isExecutableFile(p: string): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Look a command up on the PATH of `env` (no shell). */
export function findOnPath(name: string, env: EnvVars): string | null {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

/** KEY=VALUE lines of `<toolchain dir>/current.env` written by scripts/toolchain/setup.sh, or {}. */
export function readToolchainEnv(env: EnvVars): Record<string, string> {
  const dir = env.MODELYARD_TOOLCHAIN_DIR || path.join(env.HOME || homedir(), ".cache", "modelyard", "toolchain");
  const file = path.join(dir, "current.env");
  const out: Record<string, string> = {};
  try {
    if (!existsSync(file)) return out;
    for (const line of readFileSync(file, "utf8").split("\n")) {
      const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
      if (m) out[m[1]] = m[2];
    }
  } catch {
    // unreadable file: treat as no toolchain
  }
  return out;
}

/**
 * Parse `llama-* --version` output. Builds print e.g. "version: 0.4.0-dev (build 1, commit 80fb11a)"
 * (node-llama-cpp tree) or "version: 6890 (3b0d5b2c)" (upstream), then "built with <compiler> for <target>".
 */
export function parseLlamaCppVersion(text: string): { version: string | null; builtWith: string | null } {
  const v = /^\s*version:\s*(.+?)\s*$/im.exec(text);
  const b = /^\s*built with\s+(.+?)\s*$/im.exec(text);
  return { version: v ? v[1] : null, builtWith: b ? b[1] : null };
}

/** Parse `ollama --version`: "ollama version is 0.12.3" (or "client version is ..." with no server). */
export function parseOllamaVersion(text: string): string | null {
  const m = /version is\s+v?([0-9][^\s]*)/i.exec(text) ?? /\bv?(\d+\.\d+\.\d+[^\s]*)/.exec(text);
  return m ? m[1] : null;
}

async function detectLlamaTool(
  name: string,
  binDir: string | null,
  binDirSource: string,
  env: EnvVars,
  timeoutMs: number,
): Promise<ToolInfo> {
  let p: string | null = null;
  let source = binDirSource;
  if (binDir && isExecutableFile(path.join(binDir, name))) {
    p = path.join(binDir, name);
  } else {
    p = findOnPath(name, env);
    source = "PATH";
  }
  if (!p) {
    return {
      name,
      available: false,
      version: null,
      path: null,
      detail: binDir ? `not in ${binDir} (${binDirSource}) nor on PATH` : "not on PATH and no toolchain (run npm run toolchain)",
    };
  }
  const r = await run(p, ["--version"], env, timeoutMs);
  let text = `${r.stdout}\n${r.stderr}`;
  let { version, builtWith } = parseLlamaCppVersion(text);
  if (!version && /usage:/i.test(text)) {
    // llama-quantize has its own argument parser without --version (it prints usage, exit 0); it
    // prints its build info before loading the input, so ask it to quantize a file that cannot exist
    // (in a directory that does not exist either, so nothing is ever written).
    const probe = path.join(path.sep, "nonexistent-modelyard-probe", "in.gguf");
    const q = await run(p, [probe, `${probe}.out`, "COPY"], env, timeoutMs);
    ({ version, builtWith } = parseLlamaCppVersion(`${q.stdout}\n${q.stderr}`));
    if (!version) return { name, available: true, version: null, path: p, detail: `from ${source}; runs, version unknown` };
  }
  if (!r.ok && !version) {
    return { name, available: false, version: null, path: p, detail: `--version failed: ${r.error}` };
  }
  return { name, available: true, version, path: p, detail: [`from ${source}`, builtWith && `built with ${builtWith}`].filter(Boolean).join("; ") };
}

function detectConverter(env: EnvVars, tc: Record<string, string>, binDir: string | null): ToolInfo {
  const name = "convert_hf_to_gguf.py";
  const candidates: Array<[string, string]> = [];
  if (env.MODELYARD_LLAMA_CPP_SRC) candidates.push([path.join(env.MODELYARD_LLAMA_CPP_SRC, name), "MODELYARD_LLAMA_CPP_SRC"]);
  if (tc.LLAMA_CPP_CONVERT) candidates.push([tc.LLAMA_CPP_CONVERT, "toolchain current.env"]);
  if (binDir) {
    candidates.push([path.join(binDir, name), "beside the llama.cpp binaries"]);
    candidates.push([path.join(binDir, "..", name), "beside the llama.cpp binaries"]);
  }
  for (const [p, source] of candidates) {
    if (!isFile(p)) continue;
    const dir = path.dirname(path.resolve(p));
    let version: string | null = null;
    try {
      const toml = readFileSync(path.join(dir, "gguf-py", "pyproject.toml"), "utf8");
      const m = /^version\s*=\s*"([^"]+)"/m.exec(toml);
      if (m) version = `gguf-py ${m[1]}`;
    } catch {
      // no in-tree gguf-py: version unknown
    }
    const hasPkg = existsSync(path.join(dir, "conversion")) || existsSync(path.join(dir, "gguf-py"));
    return {
      name,
      available: hasPkg,
      version,
      path: path.resolve(p),
      detail: hasPkg ? `from ${source}` : `from ${source}, but conversion/ and gguf-py/ are missing beside it`,
    };
  }
  const onPath = findOnPath(name, env);
  if (onPath) return { name, available: true, version: null, path: onPath, detail: "from PATH" };
  return { name, available: false, version: null, path: null, detail: "no llama.cpp source tree found" };
}

const PY_PROBE = `
import json, sys, importlib.metadata as md
out = {"python": sys.version.split()[0], "executable": sys.executable, "packages": {}}
for name in sys.argv[1:]:
    try:
        out["packages"][name] = md.version(name)
    except md.PackageNotFoundError:
        out["packages"][name] = None
print(json.dumps(out))
`;

async function detectPython(env: EnvVars, tc: Record<string, string>, timeoutMs: number): Promise<ToolInfo[]> {
  let py: string | null = null;
  let source = "";
  if (env.MODELYARD_PYTHON) {
    py = env.MODELYARD_PYTHON;
    source = "MODELYARD_PYTHON";
  } else if (tc.TOOLCHAIN_PYTHON) {
    py = tc.TOOLCHAIN_PYTHON;
    source = "toolchain current.env";
  } else {
    py = findOnPath("python3", env);
    source = "PATH";
  }
  const missing = (detail: string): ToolInfo[] => [
    { name: "python", available: false, version: null, path: py, detail },
    ...PYTHON_PACKAGES.map((name) => ({ name, available: false, version: null, path: null, detail: "no usable python" })),
  ];
  if (!py) return missing("no python: set MODELYARD_PYTHON or run npm run toolchain");
  const r = await run(py, ["-c", PY_PROBE, ...PYTHON_PACKAGES], { ...env, PYTHONWARNINGS: "ignore" }, timeoutMs);
  let parsed: { python: string; executable: string; packages: Record<string, string | null> } | null = null;
  try {
    const line = r.stdout.trim().split("\n").pop() ?? "";
    parsed = JSON.parse(line);
  } catch {
    parsed = null;
  }
  if (!r.ok || !parsed) return missing(`${py} (${source}) did not run: ${r.error ?? "unparseable output"}`);

  const pyDir = path.dirname(py);
  const cli = [tc.TOOLCHAIN_PYTHON === py ? tc.LLAMAFACTORY_CLI : undefined, path.join(pyDir, "llamafactory-cli")].find(
    (c): c is string => !!c && isExecutableFile(c),
  );
  const infos: ToolInfo[] = [
    { name: "python", available: true, version: parsed.python, path: py, detail: `from ${source}` },
  ];
  for (const name of PYTHON_PACKAGES) {
    const version = parsed.packages[name] ?? null;
    infos.push({
      name,
      available: version !== null,
      version,
      path: version === null ? null : name === "llamafactory" && cli ? cli : py,
      detail: version === null ? `not installed for ${py}` : `in ${py}`,
    });
  }
  return infos;
}

async function detectOllama(env: EnvVars, timeoutMs: number): Promise<ToolInfo> {
  const p = findOnPath("ollama", env);
  if (!p) return { name: "ollama", available: false, version: null, path: null, detail: "not on PATH" };
  const r = await run(p, ["--version"], env, timeoutMs);
  const text = `${r.stdout}\n${r.stderr}`;
  const version = parseOllamaVersion(text);
  if (!r.ok && !version) return { name: "ollama", available: false, version: null, path: p, detail: `--version failed: ${r.error}` };
  const noServer = /could not connect|not running/i.test(text);
  return { name: "ollama", available: true, version, path: p, detail: noServer ? "server not running" : undefined };
}

/**
 * Detect the serving / training tools this host offers. Never throws: a missing or broken tool
 * is reported as `available: false` with a `detail`.
 *
 * llama.cpp binaries: $MODELYARD_LLAMA_CPP_BIN_DIR, else the toolchain's current.env, else PATH.
 * Python: $MODELYARD_PYTHON, else the toolchain's TOOLCHAIN_PYTHON, else python3 on PATH; package
 * versions come from one `importlib.metadata` call (packages are not imported, so it is fast).
 */
export async function detectTools(opts: DetectToolsOptions = {}): Promise<ToolInfo[]> {
  const env = opts.env ?? process.env;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  let tc: Record<string, string> = {};
  try {
    tc = readToolchainEnv(env);
  } catch {
    tc = {};
  }
  const binDir = env.MODELYARD_LLAMA_CPP_BIN_DIR || tc.LLAMA_CPP_BIN_DIR || null;
  const binDirSource = env.MODELYARD_LLAMA_CPP_BIN_DIR ? "MODELYARD_LLAMA_CPP_BIN_DIR" : "toolchain current.env";

  const guard = async <T>(name: string, f: () => Promise<T> | T, fallback: (why: string) => T): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      return fallback(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const failed = (name: string) => (why: string): ToolInfo => ({ name, available: false, version: null, path: null, detail: why });

  const [llama, converter, python, ollama] = await Promise.all([
    Promise.all(
      LLAMA_CPP_TOOLS.map((t) => guard(t, () => detectLlamaTool(t, binDir, binDirSource, env, timeoutMs), failed(t))),
    ),
    guard("convert_hf_to_gguf.py", () => detectConverter(env, tc, binDir), failed("convert_hf_to_gguf.py")),
    guard("python", () => detectPython(env, tc, timeoutMs), (why) => [failed("python")(why), ...PYTHON_PACKAGES.map((p) => failed(p)(why))]),
    guard("ollama", () => detectOllama(env, timeoutMs), failed("ollama")),
  ]);
  return [...llama, converter, ...python, ollama];
}
