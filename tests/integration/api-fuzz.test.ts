// Property-based fuzzing of /api/v1 against its own OpenAPI document (schemathesis), on the built
// server with real Postgres and Redis: every request the document calls valid must be accepted,
// every invalid one refused with a documented 4xx, every answer must match its documented schema,
// status and content type, and undeclared methods must get 405 with Allow. It runs twice, with a
// personal token and without credentials.
//
// Reproduce a failure outside vitest with the printed command line (same seed, same data shape);
// MODELYARD_FUZZ_SEED picks another seed, MODELYARD_FUZZ_MAX_TIME gives each run more time.
import { execFileSync, spawn } from "node:child_process";
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { createTestUser, startWeb, startWorker, tempRoot, type TestUser } from "../helpers/stack";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SEED = process.env.MODELYARD_FUZZ_SEED ?? "20261201";
// Two runs in about three minutes on a 2-core machine, server included.
const MAX_TIME_S = Number(process.env.MODELYARD_FUZZ_MAX_TIME ?? 75);
const MAX_EXAMPLES = Number(process.env.MODELYARD_FUZZ_MAX_EXAMPLES ?? 40);
// A busy CI machine answers in well under a second; ten means something hangs.
const MAX_RESPONSE_TIME_S = 10;

let web: Awaited<ReturnType<typeof startWeb>>;
let user: TestUser;
let schemathesis: string;

type Run = { code: number | null; output: string; junit: string; command: string };

async function runSchemathesis(name: string, extra: string[]): Promise<Run> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `modelyard-fuzz-${name}-`));
  const args = [
    "run",
    `${web.url}/api/v1/openapi.json`,
    "--url",
    `${web.url}/api/v1`,
    // `all` covers every built-in check (not_a_server_error, status_code_conformance,
    // content_type_conformance, response_headers_conformance, response_schema_conformance,
    // positive_data_acceptance, negative_data_rejection, missing_required_header,
    // unsupported_method, allow_header_conformance, use_after_free,
    // ensure_resource_availability, ignored_auth, object_level_authorization) except
    // max_response_time, which only a limit turns on.
    "--checks",
    "all",
    "--max-response-time",
    String(MAX_RESPONSE_TIME_S),
    "--seed",
    SEED,
    "--max-examples",
    String(MAX_EXAMPLES),
    "--max-time",
    String(MAX_TIME_S),
    // One worker: with two, Hypothesis' lambda-source cache is read from two threads and
    // schemathesis 4.32.5 reports "AST constructor recursion depth mismatch" as a run error.
    "--workers",
    "1",
    "--request-timeout",
    String(MAX_RESPONSE_TIME_S + 5),
    // Examples found by one run must not silently steer the next: the seed alone decides.
    "--generation-database",
    "none",
    "--report",
    "junit",
    "--report-dir",
    dir,
    "--no-color",
    ...extra,
  ];
  const shown = args.map((a) => (a.startsWith("Authorization:") ? "'Authorization: Bearer <personal token>'" : /[\s'"]/.test(a) ? `'${a}'` : a));
  const command = `${schemathesis} ${shown.join(" ")}`;
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(schemathesis, args, { cwd: dir, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.once("error", reject);
    child.once("exit", (c) => resolve({ code: c, output: out }));
  });
  const junitFile = (await readdir(dir)).find((f) => f.endsWith(".xml"));
  const junit = junitFile ? await readFile(path.join(dir, junitFile), "utf8") : "";
  return { code, output, junit, command };
}

/** Schemathesis's closing lines: cases generated, passed and failed, and the run time. */
function summary(run: Run): string {
  const lines = run.output.trimEnd().split("\n");
  const cases = lines.findIndex((l) => l.startsWith("Test cases:"));
  return [...(cases >= 0 ? lines.slice(cases, cases + 2) : []), lines[lines.length - 1]].map((l) => l.trim()).join(" ");
}

function report(run: Run): string {
  return `schemathesis exited ${run.code}\n$ ${run.command}\n\n${run.output}`;
}

beforeAll(async () => {
  // Cached after the first time; scripts/test-all.sh has normally built it already.
  const venv = execFileSync("bash", [path.join(ROOT, "scripts/fuzz-venv.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  schemathesis = path.join(venv, "bin/schemathesis");

  user = await createTestUser();
  // Event streams of unfinished jobs end after a few seconds here (an hour-long stream would
  // outlast every read timeout); the client side of that, resuming, is the same at any length.
  web = await startWeb({ env: { SSE_MAX_SECONDS: "5" } });
  // The worker registers a real host row, then stops: jobs the fuzzer manages to create stay
  // queued instead of running generated workloads (a million-line log burst) on this machine.
  const worker = await startWorker({ hostName: `api-fuzz-${process.pid}`, storageRoots: [await tempRoot()], token: user.workerToken });
  await worker.stop();

  // A little of everything the list endpoints return, so their answers are checked against the
  // document with real rows in them (nullable columns both set and empty).
  const hf = await db.artifact.create({
    data: {
      name: "fuzz-hf", kind: "HF_MODEL", hostId: worker.hostId, path: `/fuzz/${process.pid}/hf`, sizeBytes: 269_060_552n,
      architecture: "LlamaForCausalLM", parameterCount: 134_515_008n, precision: "bfloat16", contextLength: 8192, chatTemplate: "{{ messages }}",
      metadata: { source: "fuzz" },
    },
  });
  await db.artifact.create({
    data: { name: "fuzz-gguf", kind: "GGUF", hostId: worker.hostId, path: `/fuzz/${process.pid}/f16.gguf`, sizeBytes: 270_000_000n, precision: "F16", parentId: hf.id },
  });
  const res = await fetch(`${web.url}/api/v1/jobs`, {
    method: "POST",
    headers: { authorization: `Bearer ${user.apiToken}`, "content-type": "application/json" },
    body: JSON.stringify({ kind: "host.log-burst", hostId: worker.hostId, payload: { lines: 1 } }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}, 240_000);

afterAll(async () => {
  await web?.stop();
});

describe("API contract (schemathesis, every check)", () => {
  it("holds with a personal token", async () => {
    const run = await runSchemathesis("auth", ["-H", `Authorization: Bearer ${user.apiToken}`]);
    if (run.code !== 0) console.error(report(run));
    else console.log(`schemathesis: ${summary(run)}`);
    expect(run.code, report(run)).toBe(0);
    expect(run.junit).toMatch(/<testsuite /);
  }, (MAX_TIME_S + 90) * 1000);

  it("holds without credentials", async () => {
    const run = await runSchemathesis("anon", []);
    if (run.code !== 0) console.error(report(run));
    else console.log(`schemathesis: ${summary(run)}`);
    expect(run.code, report(run)).toBe(0);
    expect(run.junit).toMatch(/<testsuite /);
  }, (MAX_TIME_S + 90) * 1000);
});
