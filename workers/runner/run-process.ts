import { spawn } from "node:child_process";
import { toolEnv } from "../../lib/hosts/tool-env";
import { LineSplitter } from "./line-splitter";

export type LineSink = {
  /** false = the sink is full; the runner pauses the child's pipes until `drained()` resolves. */
  push(stream: "stdout" | "stderr", line: string): boolean;
  drained(): Promise<void>;
};

export type RunSpec = {
  argv: [string, ...string[]];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  sink: LineSink;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Time between the graceful signal and SIGKILL. */
  killGraceMs?: number;
  gracefulSignal?: NodeJS.Signals;
  onSpawn?: (pid: number) => void;
};

export type RunResult = {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  durationMs: number;
  stopped: null | "aborted" | "timeout";
};

const running = new Set<number>();
let groupsChanged: (() => void) | null = null;

/** Called whenever a process group starts or ends (the worker keeps a ledger for orphan cleanup). */
export function onProcessGroupsChanged(listener: () => void): void {
  groupsChanged = listener;
}

/** Process-group ids this worker currently runs; shutdown and orphan cleanup use them. */
export function runningProcessGroups(): number[] {
  return [...running];
}

export function killGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Spawns an argv array (never a shell) as the leader of a new process group, streams its
 * output line by line into `sink`, and on abort/timeout signals the whole group: graceful
 * first, SIGKILL after `killGraceMs`. Resolves when the leader exits and pipes close.
 */
export function runProcess(spec: RunSpec): Promise<RunResult> {
  const started = Date.now();
  const child = spawn(spec.argv[0], spec.argv.slice(1), {
    cwd: spec.cwd,
    // Without an explicit env a child still gets only the allow-listed variables, never the worker's secrets.
    env: spec.env ?? toolEnv(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stopped: RunResult["stopped"] = null;
  let killTimer: NodeJS.Timeout | undefined;
  let timeoutTimer: NodeJS.Timeout | undefined;

  const stop = (why: "aborted" | "timeout") => {
    if (stopped || child.pid === undefined) return;
    stopped = why;
    killGroup(child.pid, spec.gracefulSignal ?? "SIGTERM");
    killTimer = setTimeout(() => child.pid !== undefined && killGroup(child.pid, "SIGKILL"), spec.killGraceMs ?? 5_000);
  };

  return new Promise<RunResult>((resolve, reject) => {
    child.once("error", (err) => {
      clearTimeout(timeoutTimer);
      reject(Object.assign(new Error(`cannot start ${spec.argv[0]}: ${err.message}`), { code: (err as NodeJS.ErrnoException).code }));
    });
    if (child.pid === undefined) return;
    running.add(child.pid);
    groupsChanged?.();
    spec.onSpawn?.(child.pid);

    const pump = (name: "stdout" | "stderr", stream: NodeJS.ReadableStream) => {
      stream.setEncoding("utf8");
      const splitter = new LineSplitter((line) => {
        if (!spec.sink.push(name, line)) {
          stream.pause();
          void spec.sink.drained().then(() => stream.resume());
        }
      });
      stream.on("data", (chunk: string) => splitter.push(chunk));
      return new Promise<void>((done) => stream.once("close", () => { splitter.end(); done(); }));
    };
    const pipesClosed = Promise.all([pump("stdout", child.stdout!), pump("stderr", child.stderr!)]);

    if (spec.signal) {
      if (spec.signal.aborted) stop("aborted");
      else spec.signal.addEventListener("abort", () => stop("aborted"), { once: true });
    }
    if (spec.timeoutMs) timeoutTimer = setTimeout(() => stop("timeout"), spec.timeoutMs);

    child.once("exit", (code, signal) => {
      clearTimeout(timeoutTimer);
      // The leader is gone; make sure nothing it started lingers in its group.
      if (child.pid !== undefined) {
        killGroup(child.pid, "SIGKILL");
        running.delete(child.pid);
        groupsChanged?.();
      }
      clearTimeout(killTimer);
      void pipesClosed.then(() => resolve({ exitCode: code, signal, durationMs: Date.now() - started, stopped }));
    });
  });
}
