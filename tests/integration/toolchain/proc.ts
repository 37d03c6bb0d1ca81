// Helpers for the toolchain integration tests: run real binaries with argv arrays (no shell),
// time each step, and own the process groups they start.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const HERE = path.dirname(fileURLToPath(import.meta.url));

export type RunResult = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number };

/** Environment for the Python tools: CPU only, offline, no version nags. */
export function pythonEnv(work: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CUDA_VISIBLE_DEVICES: "",
    DISABLE_VERSION_CHECK: "1",
    HF_HUB_OFFLINE: "1",
    TRANSFORMERS_OFFLINE: "1",
    HF_DATASETS_OFFLINE: "1",
    HF_HOME: path.join(work, "hf-home"),
    TOKENIZERS_PARALLELISM: "false",
    WANDB_DISABLED: "true",
    PYTHONUNBUFFERED: "1",
    ...extra,
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Run `cmd args...` in its own process group; resolves with its exit status and output.
 * Rejects only if it cannot start. On timeout the whole group is killed.
 */
export function run(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; label?: string } = {},
): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          stderr += `\n[test] timed out after ${opts.timeoutMs} ms; killing process group\n`;
          killGroup(child, "SIGKILL");
        }, opts.timeoutMs)
      : undefined;
    child.on("error", (e) => {
      if (timer) clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      const ms = Date.now() - started;
      console.log(`[time] ${opts.label ?? path.basename(cmd)}: ${(ms / 1000).toFixed(1)} s (exit ${code ?? signal})`);
      resolve({ code, signal, stdout, stderr, ms });
    });
  });
}

/** Throw with the output tail when a step failed, so the failure explains itself. */
export function expectOk(r: RunResult, what: string): RunResult {
  if (r.code !== 0) {
    const tail = (s: string) => s.split("\n").slice(-60).join("\n");
    throw new Error(`${what} failed (exit ${r.code ?? r.signal})\n--- stdout ---\n${tail(r.stdout)}\n--- stderr ---\n${tail(r.stderr)}`);
  }
  return r;
}

export function makeWorkDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `modelyard-${prefix}-`));
}

export function removeWorkDir(dir: string | undefined): void {
  if (dir && process.env.MODELYARD_KEEP_TEST_DIRS !== "1") rmSync(dir, { recursive: true, force: true });
}

export type GgufMeta = {
  architecture: string | null;
  name: string | null;
  file_type: number | null;
  tensor_count: number;
  tensor_types: Record<string, number>;
  vocab_size: number;
  chat_template: string | null;
  context_length: number | null;
  block_count: number | null;
  embedding_length: number | null;
  tokenizer_model: string | null;
  tokenizer_pre: string | null;
  bos_token_id: number | null;
  eos_token_id: number | null;
};

/** Read a GGUF header with the venv's `gguf` package (tests/integration/toolchain/gguf_meta.py). */
export async function readGgufMeta(python: string, file: string): Promise<GgufMeta> {
  const r = expectOk(
    await run(python, [path.join(HERE, "gguf_meta.py"), file], { label: `gguf_meta ${path.basename(file)}`, timeoutMs: 120_000 }),
    "gguf_meta.py",
  );
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as GgufMeta;
}

/** Parse "Final estimate: PPL = 12.3456 +/- 0.12" from llama-perplexity output. */
export function parsePerplexity(text: string): number | null {
  const m = /Final estimate:\s*PPL\s*=\s*([0-9.]+)/.exec(text);
  return m ? Number(m[1]) : null;
}

/** A llama-server child on a port it picked itself; `stop()` kills its process group. */
export type Server = { baseUrl: string; port: number; child: ChildProcess; logs: () => string; stop: () => Promise<void> };

export async function startLlamaServer(bin: string, args: string[], timeoutMs = 120_000): Promise<Server> {
  const started = Date.now();
  const child = spawn(bin, ["--host", "127.0.0.1", "--port", "0", ...args], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let logs = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (logs += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (logs += d));
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(child, "SIGTERM");
    const t = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(t);
  };
  try {
    let port = 0;
    while (!port) {
      if (child.exitCode !== null) throw new Error(`llama-server exited early (${child.exitCode})\n${logs}`);
      if (Date.now() - started > timeoutMs) throw new Error(`llama-server printed no listening line in ${timeoutMs} ms\n${logs}`);
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(logs);
      if (m) port = Number(m[1]);
      else await new Promise((r) => setTimeout(r, 100));
    }
    console.log(`[time] llama-server listening on :${port} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { baseUrl: `http://127.0.0.1:${port}`, port, child, logs: () => logs, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
