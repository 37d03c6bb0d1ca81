// Starts the real pieces for integration and browser tests: the built Next.js server and
// worker processes, against the test database and Redis named in the environment.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, mkdir } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createApiToken } from "../../lib/auth/api-tokens";
import { hashPassword } from "../../lib/auth/secrets";
import { db } from "../../lib/db/client";

const ROOT = path.resolve(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.once("error", reject);
  });
}

/** Thrown from a waitFor probe to give up at once (the awaited thing can no longer happen). */
export class StopWaiting extends Error {}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  let lastErr: unknown;
  while (Date.now() < end) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      if (err instanceof StopWaiting) throw err;
      lastErr = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastErr ? `: ${(lastErr as Error).message}` : ""}`);
}

export type Proc = { child: ChildProcess; output: () => string; stop: (signal?: NodeJS.Signals) => Promise<number | null> };

type Env = Record<string, string | undefined>;

function startProcess(argv: string[], env: Env, label: string): Proc {
  const child = spawn(argv[0], argv.slice(1), { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
    if (process.env.MODELYARD_TEST_VERBOSE) process.stderr.write(`[${label}] ${d}`);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return {
    child,
    output: () => out,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** `distDir` serves another build than `.next` (NEXT_DIST_DIR, as the build was made with). */
export async function startWeb(opts: { distDir?: string; env?: Env } = {}): Promise<Proc & { url: string }> {
  const port = await freePort();
  const env = { ...(opts.distDir ? { NEXT_DIST_DIR: opts.distDir } : {}), ...opts.env };
  const proc = startProcess([path.join(ROOT, "node_modules/.bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], env, "web");
  const url = `http://127.0.0.1:${port}`;
  await waitFor("web server", async () => (await fetch(`${url}/api/v1/openapi.json`)).ok, 60_000, 200);
  return { ...proc, url };
}

export type WorkerOpts = { hostName: string; storageRoots: string[]; token: string; env?: Env };

/** tsx runs workers/main.ts in a child node; `node --import tsx` keeps one process so signals hit the worker itself. */
export async function startWorker(opts: WorkerOpts): Promise<Proc & { hostId: string }> {
  const proc = startProcess(
    [process.execPath, "--import", "tsx", path.join(ROOT, "workers/main.ts")],
    {
      MODELYARD_WORKER_TOKEN: opts.token,
      MODELYARD_HOST_NAME: opts.hostName,
      MODELYARD_STORAGE_ROOTS: opts.storageRoots.join(":"),
      MODELYARD_STATE_DIR: path.join(os.tmpdir(), "modelyard-test-state"),
      MODELYARD_HEARTBEAT_MS: "500",
      MODELYARD_KILL_GRACE_MS: "2000",
      ...opts.env,
    },
    `worker ${opts.hostName}`,
  );
  const host = await waitFor(`worker ${opts.hostName} to register`, async () => {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) throw new StopWaiting(`worker exited early:\n${proc.output()}`);
    if (!proc.output().includes("ready;")) return null;
    return db.host.findUnique({ where: { name: opts.hostName } });
  }, 60_000, 100);
  return { ...proc, hostId: host.id };
}

export type TestUser = { id: string; email: string; password: string; apiToken: string; workerToken: string };

export async function createTestUser(role: "ADMIN" | "MEMBER" = "ADMIN"): Promise<TestUser> {
  const email = `t-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@test.local`;
  const password = "correct horse battery staple";
  const user = await db.user.create({ data: { email, name: "Test User", role, passwordHash: await hashPassword(password) } });
  const api = await createApiToken(user.id, "test token");
  const worker = await createApiToken(user.id, "test worker", "WORKER");
  return { id: user.id, email, password, apiToken: api.secret, workerToken: worker.secret };
}

export async function tempRoot(prefix = "modelyard-root-"): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await mkdir(dir, { recursive: true });
  return dir;
}

export function api(baseUrl: string, token: string) {
  return async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}/api/v1${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, json };
  };
}

export async function waitForJob(jobId: string, statuses: string[], timeoutMs = 60_000) {
  return waitFor(`job ${jobId} to reach ${statuses.join("/")}`, async () => {
    const j = await db.job.findUnique({ where: { id: jobId } });
    return j && statuses.includes(j.status) ? j : null;
  }, timeoutMs, 100);
}
