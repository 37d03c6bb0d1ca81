// Conversion and quantization through the job system with the real llama.cpp tools on CPU:
// a worker process converts the SmolLM2 HF fixture, quantizes it to every common type, computes
// an importance matrix, measures perplexity, and every output answers a chat in llama-server.
// The API routes are called as the Next.js server would call them (same handler functions).
import { spawn } from "node:child_process";
import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as convertRoute } from "../../app/api/v1/models/[id]/convert/route";
import { GET as quantReportRoute } from "../../app/api/v1/models/[id]/quant-report/route";
import { POST as quantizeRoute } from "../../app/api/v1/models/[id]/quantize/route";
import { db, type Artifact, type Job } from "../../lib/db/client";
import { cancelJob } from "../../lib/jobs/cancel";
import { createJob } from "../../lib/jobs/create-job";
import type { QuantReport } from "../../lib/models/quant-report";
import { closeProducers } from "../../lib/queue/producer";
import { COMMON_QUANT_TYPES } from "../../lib/tools/llama-cpp/quant-types";
import { once } from "../helpers/once";
import { createTestUser, freePort, startWorker, tempRoot, waitFor, waitForJob, type TestUser } from "../helpers/stack";
import { loadToolchain } from "../helpers/toolchain";

const MIN = 60_000;
const tc = loadToolchain();
let user: TestUser;
let worker: Awaited<ReturnType<typeof startWorker>>;
let root: string;
let hfDir: string;
let textFile: string;
let hf: Artifact;
const hostName = `convert-${process.pid}`;
const EVAL_CTX = 128;

const t0 = Date.now();
const stamp = (what: string) => console.log(`[conversion] ${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}`);

async function runJob(kind: string, payload: unknown, timeoutMs = 5 * MIN, hostId = worker.hostId): Promise<Job> {
  const job = await createJob({ kind, hostId, payload }, user.id);
  return waitForJob(job.id, ["SUCCEEDED", "FAILED", "CANCELLED"], timeoutMs);
}

async function importModel(p: string, name?: string, hostId = worker.hostId): Promise<Artifact> {
  const job = await runJob("model.import", { path: p, name }, MIN, hostId);
  expect(job.status, JSON.stringify(job.failure)).toBe("SUCCEEDED");
  return db.artifact.findFirstOrThrow({ where: { sourceJobId: job.id } });
}

/** Calls a route handler exactly as Next.js would, authenticated with the test user's API token. */
async function callRoute(handler: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>, id: string, body?: unknown) {
  const req = new Request(`http://modelyard.test/api/v1/models/${id}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${user.apiToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await handler(req, { params: Promise.resolve({ id }) });
  return { status: res.status, json: (await res.json()) as any };
}

async function leftovers(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((f) => f.startsWith(".modelyard-"));
}

/** Starts llama-server on the file, asks one chat question, stops it. Returns the answer. */
async function chatWith(model: string): Promise<string> {
  const port = await freePort();
  const key = "conversion-test-key";
  const child = spawn(path.join(tc.llamaCppBinDir, "llama-server"), ["-m", model, "--host", "127.0.0.1", "--port", String(port), "-c", "512", "-np", "1", "-t", "2", "--api-key", key], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  try {
    await waitFor(`llama-server on ${path.basename(model)}`, async () => {
      if (child.exitCode !== null) throw new Error(`llama-server exited ${child.exitCode}: ${out.slice(-2000)}`);
      const r = await fetch(`http://127.0.0.1:${port}/health`).catch(() => null);
      return r?.status === 200;
    }, 60_000, 100);
    const res = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ messages: [{ role: "user", content: "What is the capital of France? Answer in one word." }], max_tokens: 16, temperature: 0 }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { choices: { message: { content: string } }[]; usage: { completion_tokens: number } };
    expect(body.usage.completion_tokens).toBeGreaterThan(0);
    return body.choices[0].message.content;
  } finally {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // gone
    }
    await exited;
  }
}

beforeAll(async () => {
  user = await createTestUser();
  root = await tempRoot("modelyard-convert-");
  hfDir = path.join(root, "models", "smollm2");
  await mkdir(path.dirname(hfDir), { recursive: true });
  await cp(tc.fixtureHfDir, hfDir, { recursive: true, dereference: true });
  await mkdir(path.join(root, "text"));
  textFile = path.join(root, "text", "heldout.txt");
  await cp(tc.fixtureTextFile, textFile);
  worker = await startWorker({ hostName, storageRoots: [root], token: user.workerToken, env: { MODELYARD_CONCURRENCY: "2" } });
  hf = await importModel(hfDir, "smollm2");
  stamp("worker up, HF fixture registered");
}, 3 * MIN);

afterAll(async () => {
  await worker?.stop();
  await closeProducers();
  if (root && !process.env.MODELYARD_KEEP_TEST_FILES) await rm(root, { recursive: true, force: true });
});

let f16: Artifact;
let q8: Artifact;
const quants = new Map<string, Artifact>();
let iq2: Artifact | null = null;

/** HF → F16 with every common quant type and perplexity: made once, by whichever test needs it first. */
/** Any test may be the first to need the pipeline, so each that does gets its time. */
const PIPELINE_TIMEOUT = 20 * MIN;

const pipeline = once(async () => {
  const res = await callRoute(convertRoute, hf.id, {
    outtype: "f16",
    quantize: COMMON_QUANT_TYPES,
    evaluate: true,
    evalTextPath: textFile,
    evalContextSize: EVAL_CTX,
    metadata: { "general.author": "Modelyard test", "general.license.name": "apache-2.0" },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  expect(res.json.plan).toMatchObject({ convertOuttype: "f16", quantize: COMMON_QUANT_TYPES });
  const job = await waitForJob(res.json.job.id, ["SUCCEEDED", "FAILED", "CANCELLED"], 5 * MIN);
  expect(job.status, JSON.stringify(job.failure) + job.logTail).toBe("SUCCEEDED");
  stamp("F16 conversion done");

  f16 = await db.artifact.findFirstOrThrow({ where: { sourceJobId: job.id } });
  expect(f16).toMatchObject({ kind: "GGUF", precision: "F16", parentId: hf.id, architecture: "llama", hostId: worker.hostId });
  expect(f16.path).toBe(path.join(root, "models", "smollm2-gguf", "smollm2-F16.gguf"));
  expect(Number(f16.sizeBytes)).toBeGreaterThan(250e6);
  expect(Number(f16.parameterCount)).toBeGreaterThan(130e6);
  expect(f16.chatTemplate).toContain("<|im_start|>");
  const keys = (f16.metadata as { keys: Record<string, unknown> }).keys;
  expect(keys["general.author"]).toBe("Modelyard test");
  expect(keys["general.license.name"]).toBe("apache-2.0");
  expect(keys["general.name"]).toBe("smollm2");

  // Live progress came from the converter's own lines, in order.
  const progress = await db.jobEvent.findMany({ where: { jobId: job.id, type: "PROGRESS" }, orderBy: { seq: "asc" } });
  const values = progress.map((e) => (e.payload as { value: number }).value);
  expect(values.length).toBeGreaterThan(5);
  for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
  const labels = progress.map((e) => (e.payload as { label: string | null }).label ?? "");
  expect(labels).toContain("writing 272 tensors (269.1MB)");
  // tqdm redraws become "writing N%" (throttled to a few a second, so a fast write shows only some)
  expect(labels.filter((l) => /^writing \d+%$/.test(l)).length).toBeGreaterThan(0);
  // (the children may already be writing their own temp files; the convert job left none)
  expect((await leftovers(path.dirname(f16.path))).filter((f) => f.includes(job.id))).toEqual([]);

  const children = await db.job.findMany({ where: { parentJobId: job.id }, orderBy: { createdAt: "asc" } });
  expect(children.map((c) => c.kind).sort()).toEqual(["model.evaluate", ...COMMON_QUANT_TYPES.map(() => "model.quantize")].sort());
  const done = await Promise.all(children.map((c) => waitForJob(c.id, ["SUCCEEDED", "FAILED", "CANCELLED"], 12 * MIN)));
  stamp(`${done.length} child jobs done`);
  const refused: string[] = [];
  for (const c of done) {
    const type = (c.payload as { type?: string }).type ?? "baseline";
    if (c.status !== "SUCCEEDED") refused.push(`${type}: ${JSON.stringify(c.failure)}`);
  }
  console.log(`[conversion] refused by llama-quantize: ${refused.length ? refused.join("; ") : "none"}`);
  expect(refused).toEqual([]);

  // Parallel where the host allows (MODELYARD_CONCURRENCY=2): some children overlapped in time.
  const spans = done.map((c) => [c.startedAt!.getTime(), c.finishedAt!.getTime()] as const);
  const overlapping = spans.some(([s1, e1], i) => spans.some(([s2, e2], j) => i !== j && s1 < e2 && s2 < e1));
  expect(overlapping).toBe(true);

  for (const c of done.filter((x) => x.kind === "model.quantize")) {
    const a = await db.artifact.findFirstOrThrow({ where: { sourceJobId: c.id } });
    const type = (c.payload as { type: string }).type;
    expect(a.precision).toBe(type);
    expect(a.parentId).toBe(f16.id);
    expect(a.path).toBe(path.join(root, "models", "smollm2-gguf", `smollm2-${type}.gguf`));
    expect(Number(a.sizeBytes)).toBeLessThan(Number(f16.sizeBytes));
    const ev = (a.metadata as { evaluation: { perplexity: number; pplError: number; textFile: string; contextSize: number; bitsPerWeight: number; sizeBytes: number } }).evaluation;
    expect(ev.textFile).toBe(textFile);
    expect(ev.contextSize).toBe(EVAL_CTX);
    expect(Number.isFinite(ev.perplexity)).toBe(true);
    expect(ev.perplexity).toBeGreaterThan(1);
    expect(ev.sizeBytes).toBe(Number(a.sizeBytes));
    expect(ev.bitsPerWeight).toBeGreaterThan(4);
    quants.set(type, a);
  }
  const base = await db.artifact.findUniqueOrThrow({ where: { id: f16.id } });
  expect((base.metadata as { evaluation: { baseline: boolean; perplexity: number } }).evaluation).toMatchObject({ baseline: true });
  f16 = base;
  expect(await leftovers(path.dirname(f16.path))).toEqual([]);
});

/** The converter's own Q8_0, beside llama-quantize's. */
const directQ8 = once(async () => {
  // The pipeline made smollm2-Q8_0.gguf with llama-quantize: a different name avoids the collision.
  const { quants } = await pipelineDone();
  const job = await runJob("model.convert", { artifactId: hf.id, outtype: "q8_0", name: "smollm2-direct" });
  expect(job.status, JSON.stringify(job.failure) + job.logTail).toBe("SUCCEEDED");
  q8 = await db.artifact.findFirstOrThrow({ where: { sourceJobId: job.id } });
  expect(q8).toMatchObject({ precision: "Q8_0", parentId: hf.id, name: "smollm2-direct Q8_0" });
  expect(q8.path).toBe(path.join(root, "models", "smollm2-gguf", "smollm2-direct-Q8_0.gguf"));
  // Same format either way: the converter's Q8_0 and llama-quantize's Q8_0 are within a few percent in size.
  const viaQuantize = quants.get("Q8_0")!;
  expect(Math.abs(Number(q8.sizeBytes) - Number(viaQuantize.sizeBytes)) / Number(q8.sizeBytes)).toBeLessThan(0.05);
  return q8;
});

async function pipelineDone() {
  await pipeline();
  return { f16, quants };
}

describe("model.convert + model.quantize pipeline", () => {
  it("converts to F16 once, then quantizes to every common type in parallel child jobs, with perplexity", () => pipeline(), PIPELINE_TIMEOUT);

  it("reports size, bits per weight and perplexity in a sensible order next to the F16 baseline", async () => {
    await pipeline();
    expect(quants.size).toBe(COMMON_QUANT_TYPES.length);
    const res = await callRoute(quantReportRoute, hf.id);
    expect(res.status).toBe(200);
    const report = res.json as QuantReport;
    expect(report.rootId).toBe(hf.id);
    expect(report.baselineId).toBe(f16.id);
    const rows = new Map(report.rows.map((r) => [r.precision, r]));
    console.log("[conversion] quant report (type, MiB, bits/weight, perplexity ± error, delta vs F16):");
    for (const r of report.rows) {
      console.log(`  ${(r.precision ?? "?").padEnd(7)} ${(r.sizeBytes / 2 ** 20).toFixed(1).padStart(6)} MiB  ${r.bitsPerWeight?.toFixed(2).padStart(5)} bpw  PPL ${r.perplexity?.toFixed(3)} ± ${r.pplError?.toFixed(3)}  ${r.baseline ? "baseline" : `Δ ${r.pplDelta?.toFixed(3)}`}`);
    }
    for (const type of ["F16", ...COMMON_QUANT_TYPES]) {
      const r = rows.get(type)!;
      expect(r, type).toBeTruthy();
      expect(r.comparable, type).toBe(true);
      expect(Number.isFinite(r.perplexity), type).toBe(true);
      // null only if llama-perplexity lost its closing line three times and the last chunk's value was used
      if (r.pplError !== null) expect(r.pplError, type).toBeGreaterThan(0);
    }
    const ppl = (t: string) => rows.get(t)!.perplexity!;
    // Same text, same chunks: the differences are far more precise than each value's ± (errors correlate).
    const tol = 0.02 * ppl("F16");
    expect(ppl("F16")).toBeLessThanOrEqual(ppl("Q8_0") + tol);
    expect(ppl("Q8_0")).toBeLessThanOrEqual(ppl("Q4_K_M") + tol);
    expect(ppl("Q4_K_M")).toBeLessThanOrEqual(ppl("Q2_K") + tol);
    expect(ppl("Q2_K")).toBeGreaterThan(ppl("F16"));
    expect(rows.get("Q8_0")!.sizeBytes).toBeLessThan(rows.get("F16")!.sizeBytes);
    expect(rows.get("Q4_K_M")!.sizeBytes).toBeLessThan(rows.get("Q8_0")!.sizeBytes);
    expect(rows.get("F16")!.bitsPerWeight!).toBeGreaterThan(15.5);
  }, PIPELINE_TIMEOUT);
});

describe("convert to q8_0, and every output in llama-server", () => {
  it("converts straight to Q8_0 with the converter", () => directQ8(), PIPELINE_TIMEOUT + 5 * MIN);

  it(
    "loads every produced GGUF in llama-server and gets a chat answer",
    async () => {
      await directQ8();
      const all = [f16, q8, ...quants.values()];
      const answers: string[] = [];
      for (const a of all) {
        const answer = await chatWith(a.path);
        answers.push(`${a.precision}: ${JSON.stringify(answer.trim().slice(0, 40))}`);
        expect(typeof answer).toBe("string");
        expect(answer.trim().length, `${a.precision} answered nothing`).toBeGreaterThan(0);
      }
      console.log(`[conversion] chat answers: ${answers.join(" | ")}`);
      stamp("llama-server checks done");
    },
    PIPELINE_TIMEOUT + 10 * MIN,
  );
});

describe("importance matrix", () => {
  it("refuses an IQ type without calibration text, and makes it with one", async () => {
    await pipeline();
    const refused = await callRoute(quantizeRoute, f16.id, { types: ["IQ2_XS"] });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ code: "needs_imatrix" });
    const direct = await runJob("model.quantize", { artifactId: f16.id, type: "IQ2_XS" });
    expect(direct.failure).toMatchObject({ code: "needs_imatrix" });

    const ok = await callRoute(quantizeRoute, f16.id, { types: ["IQ2_XS"], imatrixDatasetPath: textFile, imatrixChunks: 4 });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    const job = await waitForJob(ok.json.jobs[0].id, ["SUCCEEDED", "FAILED", "CANCELLED"], 5 * MIN);
    expect(job.status, JSON.stringify(job.failure) + job.logTail).toBe("SUCCEEDED");
    iq2 = await db.artifact.findFirstOrThrow({ where: { sourceJobId: job.id } });
    expect(iq2.precision).toBe("IQ2_XS");
    const src = await db.artifact.findUniqueOrThrow({ where: { id: f16.id } });
    const im = (src.metadata as { imatrix: { path: string; textFile: string } }).imatrix;
    expect(im.textFile).toBe(textFile);
    expect(existsSync(im.path)).toBe(true);
    expect((iq2.metadata as { conversion: { imatrix: string } }).conversion.imatrix).toBe(im.path);
    expect(await chatWith(iq2.path)).toBeTypeOf("string");
    stamp("imatrix + IQ2_XS done");
  }, PIPELINE_TIMEOUT + 10 * MIN);
});

describe("bad input and faults", () => {
  it("refuses a GGUF as convert input", async () => {
    await pipeline();
    const viaApi = await callRoute(convertRoute, f16.id, { outtype: "f16" });
    expect(viaApi.status).toBe(409); // the request is valid; the stored model's state refuses it
    expect(viaApi.json.error).toMatchObject({ code: "not_hf_model" });
    expect(viaApi.json.error.hint).toMatch(/Quantize/);
    const job = await runJob("model.convert", { artifactId: f16.id, outtype: "f16" });
    expect(job.failure).toMatchObject({ code: "not_hf_model" });
  }, PIPELINE_TIMEOUT);

  it("explains a model folder that disappeared and a folder that is not a Hugging Face model", async () => {
    const gone = path.join(root, "models", "gone");
    await cp(hfDir, gone, { recursive: true });
    const goneArtifact = await importModel(gone, "gone");
    await rm(gone, { recursive: true });
    expect((await runJob("model.convert", { artifactId: goneArtifact.id, outtype: "f16" })).failure).toMatchObject({ code: "path_not_found" });

    const notHf = path.join(root, "models", "not-hf");
    await mkdir(notHf);
    await writeFile(path.join(notHf, "README.md"), "no config here");
    const row = await db.artifact.create({ data: { name: "not-hf", kind: "HF_MODEL", hostId: worker.hostId, path: notHf, sizeBytes: 14n } });
    const j = await runJob("model.convert", { artifactId: row.id, outtype: "f16" });
    expect(j.failure).toMatchObject({ code: "not_hf_model" });
    expect((j.failure as { message: string }).message).toContain("config.json");
  });

  it("converts a folder that carries Python code only with the confirmation recorded on the job", async () => {
    const dir = path.join(root, "models", "with-code");
    await cp(hfDir, dir, { recursive: true });
    await writeFile(path.join(dir, "modeling_custom.py"), "raise SystemExit('would run on the host')\n");
    const flagged = await importModel(dir, "with-code");
    expect(flagged.metadata).toMatchObject({ customCode: { autoMap: [], pythonFiles: ["modeling_custom.py"] } });

    const refused = await callRoute(convertRoute, flagged.id, { outtype: "q8_0" });
    expect(refused.status).toBe(409); // the request is valid; the stored model's state refuses it
    expect(refused.json.error).toMatchObject({ code: "custom_code_unconfirmed" });
    expect(refused.json.error.hint).toMatch(/allowCustomCode/);
    // The worker re-checks on disk: a job made without the route is refused too.
    expect((await runJob("model.convert", { artifactId: flagged.id, outtype: "q8_0" })).failure).toMatchObject({ code: "custom_code_unconfirmed" });

    const ok = await callRoute(convertRoute, flagged.id, { outtype: "q8_0", name: "with-code", allowCustomCode: true });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    const job = await db.job.findUniqueOrThrow({ where: { id: ok.json.job.id } });
    expect(job.payload).toMatchObject({ allowCustomCode: true });
    const done = await waitForJob(job.id, ["SUCCEEDED", "FAILED"], 5 * MIN);
    expect(done.status, JSON.stringify(done.failure)).toBe("SUCCEEDED");
  }, 6 * MIN);

  it("refuses to quantize an already-quantized GGUF unless allowRequantize is set", async () => {
    const q41 = path.join(root, "models", "smollm2-q4_1.gguf");
    await cp(tc.fixtureGguf, q41);
    const a = await importModel(q41, "smollm2 Q4_1");
    const viaApi = await callRoute(quantizeRoute, a.id, { types: ["Q4_K_M"] });
    expect(viaApi.status).toBe(409); // the request is valid; the stored model's state refuses it
    expect(viaApi.json.error).toMatchObject({ code: "requantize_refused" });
    expect(viaApi.json.error.hint).toMatch(/allowRequantize/);
    const refused = await runJob("model.quantize", { artifactId: a.id, type: "Q4_K_M" });
    expect(refused.failure).toMatchObject({ code: "requantize_refused" });

    const allowed = await runJob("model.quantize", { artifactId: a.id, type: "Q4_0", allowRequantize: true });
    expect(allowed.status, JSON.stringify(allowed.failure) + allowed.logTail).toBe("SUCCEEDED");
    const out = await db.artifact.findFirstOrThrow({ where: { sourceJobId: allowed.id } });
    expect(out).toMatchObject({ precision: "Q4_0", parentId: a.id });
    expect(out.path).toBe(path.join(root, "models", "smollm2-Q4_0.gguf"));
  }, PIPELINE_TIMEOUT);

  it("never overwrites an existing file or registered artifact", async () => {
    await pipeline();
    const again = await runJob("model.quantize", { artifactId: f16.id, type: "Q4_K_M" });
    expect(again.failure).toMatchObject({ code: "output_exists" });
    expect((again.failure as { hint: string }).hint).toMatch(/never overwrites/);
    const reconvert = await runJob("model.convert", { artifactId: hf.id, outtype: "f16", name: "smollm2" });
    expect(reconvert.failure).toMatchObject({ code: "output_exists" });

    const stranger = path.join(root, "models", "smollm2-gguf", "someone-elses.gguf");
    await writeFile(stranger, "precious");
    const blocked = await runJob("model.quantize", { artifactId: f16.id, type: "Q5_0", outputPath: stranger });
    expect(blocked.failure).toMatchObject({ code: "output_exists" });
    expect(await readFile(stranger, "utf8")).toBe("precious");
    expect(await leftovers(path.dirname(stranger))).toEqual([]);
  }, PIPELINE_TIMEOUT);

  it("refuses outputs outside the storage roots", async () => {
    await pipeline();
    const j = await runJob("model.quantize", { artifactId: f16.id, type: "Q5_0", outputPath: "/tmp/elsewhere/x.gguf" });
    expect(j.failure).toMatchObject({ code: "path_outside_roots" });
  }, PIPELINE_TIMEOUT);

  it("a cancel mid-convert leaves no artifact and no temp file", async () => {
    // A temp file left by a SIGKILLed worker (its job no longer runs) is swept by the next writer.
    const stale = path.join(root, "models", "smollm2-gguf", ".modelyard-cdeadjob000000000000000000-convert.partial.gguf");
    await writeFile(stale, "half a model");
    const job = await createJob({ kind: "model.convert", hostId: worker.hostId, payload: { artifactId: hf.id, outtype: "f32", name: "cancel-me" } }, user.id);
    await waitFor("the converter to be writing tensors", async () => {
      const j = await db.job.findUniqueOrThrow({ where: { id: job.id } });
      if (j.status !== "RUNNING" && j.status !== "QUEUED") throw new Error(`job ended early: ${j.status} ${JSON.stringify(j.failure)}`);
      // past 0.15 the converter is writing the (hidden, temporary) output file
      return (j.progress ?? 0) > 0.3;
    }, 2 * MIN, 50);
    const partial = (await leftovers(path.join(root, "models", "smollm2-gguf"))).filter((f) => f.includes(job.id));
    expect(partial).toEqual([`.modelyard-${job.id}-convert.partial.gguf`]);
    expect(existsSync(stale)).toBe(false);
    expect(await cancelJob(job.id)).toEqual({ status: "CANCELLING" });
    const end = await waitForJob(job.id, ["CANCELLED", "FAILED", "SUCCEEDED"], MIN);
    expect(end.status).toBe("CANCELLED");
    expect(await db.artifact.count({ where: { sourceJobId: job.id } })).toBe(0);
    expect(existsSync(path.join(root, "models", "smollm2-gguf", "cancel-me-F32.gguf"))).toBe(false);
    expect((await leftovers(path.join(root, "models", "smollm2-gguf"))).filter((f) => f.includes(job.id))).toEqual([]);
    console.log(`[conversion] cancel: temp files while running ${JSON.stringify(partial)}, after cancel none`);
  }, 3 * MIN);

  it("checks free disk space before starting", async () => {
    const tight = await startWorker({ hostName: `${hostName}-tight`, storageRoots: [root], token: user.workerToken, env: { MODELYARD_DISK_RESERVE_BYTES: String(2 ** 60) } });
    try {
      const a = await importModel(hfDir, "smollm2 tight", tight.hostId);
      const j = await runJob("model.convert", { artifactId: a.id, outtype: "f16", name: "tight" }, MIN, tight.hostId);
      expect(j.failure).toMatchObject({ code: "disk_full" });
      expect((j.failure as { message: string }).message).toMatch(/needed.*free in/);
      expect(existsSync(path.join(root, "models", "smollm2-gguf", "tight-F16.gguf"))).toBe(false);
    } finally {
      await tight.stop();
    }
  }, 3 * MIN);

  it("plans a k-quant asked as an outtype instead of failing", async () => {
    const res = await callRoute(convertRoute, hf.id, { outtype: "Q4_K_M", name: "planned" });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.plan).toMatchObject({ convertOuttype: "bf16", quantize: ["Q4_K_M"] });
    expect(res.json.plan.notes[0].en).toContain("llama-quantize");
    await cancelJob(res.json.job.id).catch(() => undefined);
    await waitForJob(res.json.job.id, ["CANCELLED", "FAILED", "SUCCEEDED"], 2 * MIN);
    const bad = await callRoute(convertRoute, hf.id, { outtype: "Q9_Z" });
    expect(bad.status).toBe(400);
    const noText = await callRoute(convertRoute, hf.id, { outtype: "f16", evaluate: true });
    expect(noText.status).toBe(400);
    expect(noText.json.error.message).toMatch(/evalTextPath/);
  }, 3 * MIN);
});
