// Each job kind's prepare is the one place a request is checked against the stored model and
// planned into payloads; these run it without a database, the model row passed in as context.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors";
import { en } from "../../lib/i18n/en";
import { zh } from "../../lib/i18n/zh";
import { isJobKind, JOB_KIND_NAMES, JOB_KINDS } from "../../lib/jobs/kinds";
import { englishText, type SourceModel } from "../../lib/jobs/kinds/kind";
import { ConvertModelInputSchema, ModelConvertPayloadSchema, prepareModelConvert } from "../../lib/jobs/kinds/model-convert";
import { EvaluateModelInputSchema, ModelEvaluatePayloadSchema, prepareModelEvaluate } from "../../lib/jobs/kinds/model-evaluate";
import { ImportModelInputSchema, prepareModelImport } from "../../lib/jobs/kinds/model-import";
import { ModelQuantizePayloadSchema, planQuantize, prepareModelQuantize, QuantizeModelInputSchema } from "../../lib/jobs/kinds/model-quantize";

const HOST = "clhost0000000000000000001";
const hf: SourceModel = { id: "clhf00000000000000000001", name: "SmolLM2 HF", kind: "HF_MODEL", hostId: HOST, precision: "BF16", metadata: {} };
const f16: SourceModel = { id: "clf1600000000000000000001", name: "SmolLM2 HF F16", kind: "GGUF", hostId: HOST, precision: "F16", metadata: { conversion: { baseName: "SmolLM2 HF" } } };
const q41: SourceModel = { id: "clq4100000000000000000001", name: "smollm2 Q4_1", kind: "GGUF", hostId: HOST, precision: "Q4_1", metadata: {} };
const lora: SourceModel = { id: "cllora000000000000000001", name: "adapter", kind: "LORA_ADAPTER", hostId: HOST, precision: null, metadata: {} };
const withCode: SourceModel = { ...hf, metadata: { customCode: { autoMap: [], pythonFiles: ["modeling_x.py"] } } };

/** The AppError a call throws, to compare its status and code. */
function refusal(fn: () => unknown): { status: number | undefined; code: string; hint?: string } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    return { status: e.status, code: e.code, hint: e.hint };
  }
  throw new Error("expected a refusal");
}

const convert = (body: object, model: SourceModel) => prepareModelConvert(ConvertModelInputSchema.parse(body), { model });
const quantize = (body: object, model: SourceModel) => prepareModelQuantize(QuantizeModelInputSchema.parse(body), { model });

describe("the registry", () => {
  it("lists each module under its own name, with a label and a title in both languages", () => {
    for (const name of JOB_KIND_NAMES) {
      expect(JOB_KINDS[name].name).toBe(name);
      expect(isJobKind(name)).toBe(true);
      expect(Object.hasOwn(en, `jobKind.${name}`), `jobKind.${name}`).toBe(true);
    }
    expect(isJobKind("model.nope")).toBe(false);
    expect(Object.keys(zh).filter((k) => k.startsWith("jobTitle.")).sort()).toEqual(Object.keys(en).filter((k) => k.startsWith("jobTitle.")).sort());
  });

  it("titles rows as before, in English", () => {
    const title = <K extends keyof typeof JOB_KINDS>(kind: K, payload: unknown) =>
      englishText(JOB_KINDS[kind].title(JOB_KINDS[kind].payload.parse(payload) as never));
    expect(title("model.import", { path: "/m/x" })).toBe("Import /m/x");
    expect(title("host.log-burst", { lines: 5 })).toBe("Log self-test (5 lines)");
    expect(title("model.convert", { artifactId: hf.id, outtype: "bf16", name: "S", followUp: { quantize: ["Q8_0", "Q4_K_M"] } })).toBe("Convert S to GGUF BF16 + Q8_0, Q4_K_M");
    expect(title("model.convert", { artifactId: hf.id, outtype: "f16" })).toBe("Convert model to GGUF F16");
    expect(title("model.quantize", { artifactId: f16.id, type: "Q4_K_M", name: "S", evaluate: true, evalTextPath: "/t" })).toBe("Quantize S to Q4_K_M + perplexity");
    expect(title("model.quantize", { artifactId: f16.id, type: "Q8_0" })).toBe("Quantize GGUF to Q8_0");
    expect(title("model.evaluate", { artifactId: f16.id, textPath: "/t", baseline: true, name: "S F16" })).toBe("Perplexity of S F16 (baseline)");
  });
});

describe("model.convert prepare", () => {
  it("refuses what the stored model does not allow with 409, invalid plans with 400", () => {
    expect(refusal(() => convert({}, f16))).toMatchObject({ status: 409, code: "not_hf_model", hint: expect.stringMatching(/Quantize/) });
    expect(refusal(() => convert({}, lora))).toMatchObject({ status: 409, code: "not_hf_model" });
    expect(refusal(() => convert({ outtype: "q8_0" }, withCode))).toMatchObject({ status: 409, code: "custom_code_unconfirmed", hint: expect.stringMatching(/allowCustomCode/) });
    expect(refusal(() => convert({ quantize: ["IQ2_XS"] }, hf))).toMatchObject({ status: 400, code: "needs_imatrix" });
    expect(refusal(() => convert({ outtype: "IQ1_S" }, hf))).toMatchObject({ status: 400, code: "needs_imatrix" });
    expect(refusal(() => prepareModelConvert({ ...ConvertModelInputSchema.parse({}), outtype: "q3_z" }, { model: hf }))).toMatchObject({ status: 400, code: "unknown_outtype" });
  });

  it("plans a k-quant asked as an outtype as convert to the source's 16-bit type + quantize", () => {
    const p = convert({ outtype: "Q4_K_M" }, hf);
    expect(p.hostId).toBe(HOST);
    expect(p.plan).toMatchObject({ convertOuttype: "bf16", quantize: ["Q4_K_M"] });
    expect(p.payloads).toEqual([
      { artifactId: hf.id, outtype: "bf16", name: "SmolLM2 HF", metadata: undefined, outputPath: undefined, followUp: expect.objectContaining({ quantize: ["Q4_K_M"], evaluate: false }) },
    ]);
    expect(ModelConvertPayloadSchema.safeParse(p.payloads[0]).success).toBe(true);
  });

  it("adds no follow-up to a plain conversion, and records the custom-code confirmation only when it mattered", () => {
    expect(convert({ outtype: "f16", name: "mine" }, hf).payloads[0]).toMatchObject({ outtype: "f16", name: "mine", followUp: undefined });
    expect(convert({ allowCustomCode: true }, hf).payloads[0]).not.toHaveProperty("allowCustomCode");
    expect(convert({ allowCustomCode: true }, withCode).payloads[0]).toMatchObject({ allowCustomCode: true });
    const full = convert({ quantize: ["Q8_0", "IQ2_XS"], imatrixDatasetPath: "/cal.txt", evaluate: true, evalTextPath: "/held.txt", evalChunks: 4 }, hf);
    expect(full.payloads[0].followUp).toEqual({ quantize: ["Q8_0", "IQ2_XS"], imatrixDatasetPath: "/cal.txt", imatrixChunks: undefined, evaluate: true, evalTextPath: "/held.txt", evalContextSize: 512, evalChunks: 4 });
  });
});

describe("model.quantize prepare", () => {
  it("refuses a non-GGUF and an already quantized GGUF with 409, missing imatrix with 400", () => {
    expect(refusal(() => quantize({ types: ["Q4_K_M"] }, hf))).toMatchObject({ status: 409, code: "not_gguf" });
    expect(refusal(() => quantize({ types: ["Q4_K_M"] }, q41))).toMatchObject({ status: 409, code: "requantize_refused", hint: expect.stringMatching(/allowRequantize/) });
    expect(quantize({ types: ["Q4_0"], allowRequantize: true }, q41).payloads).toHaveLength(1);
    expect(refusal(() => quantize({ types: ["Q4_K_M", "IQ2_XS"] }, f16))).toMatchObject({ status: 400, code: "needs_imatrix" });
    expect(quantize({ types: ["IQ2_XS"], imatrixPath: "/im.gguf" }, f16).payloads[0]).toMatchObject({ imatrixPath: "/im.gguf" });
    expect(quantize({ types: ["IQ2_XS"], imatrixDatasetPath: "/cal.txt" }, f16).payloads[0]).toMatchObject({ imatrixDatasetPath: "/cal.txt" });
  });

  it("makes one payload per distinct type, named after the model's family", () => {
    const p = quantize({ types: ["Q4_K_M", "q4_k", "Q8_0"], evaluate: true, evalTextPath: "/held.txt" }, f16);
    expect(p.plan).toEqual({ quantize: ["Q4_K_M", "Q8_0"], needsImatrix: false, imatrixRequiredBy: [] });
    expect(p.payloads.map((x) => [x.type, x.name, x.artifactId, x.evaluate])).toEqual([
      ["Q4_K_M", "SmolLM2 HF", f16.id, true],
      ["Q8_0", "SmolLM2 HF", f16.id, true],
    ]);
    for (const x of p.payloads) expect(ModelQuantizePayloadSchema.safeParse(x).success).toBe(true);
    expect(quantize({ types: ["Q8_0"], name: "given" }, f16).payloads[0].name).toBe("given");
  });

  it("plans the form's preview with the same function", () => {
    expect(planQuantize(["IQ2_XS", "Q4_K_M", "IQ2_XS"])).toEqual({ quantize: ["IQ2_XS", "Q4_K_M"], needsImatrix: true, imatrixRequiredBy: ["IQ2_XS"] });
  });
});

describe("child jobs of model.convert", () => {
  // What workers/handlers/model-convert.ts passes for the file it made (an F16 GGUF row).
  const made: SourceModel = { ...f16, name: "SmolLM2 HF F16" };

  it("quantize children: one payload per planned type with the computed imatrix and the held-out text", () => {
    const input = QuantizeModelInputSchema.parse({ types: ["Q8_0", "IQ2_XS"], name: "SmolLM2 HF", imatrixPath: "/m/x-F16.imatrix.gguf", evaluate: true, evalTextPath: "/held.txt", evalContextSize: 128 });
    const p = prepareModelQuantize(input, { model: made });
    expect(p.payloads).toEqual(
      ["Q8_0", "IQ2_XS"].map((type) => ({
        artifactId: made.id, type, name: "SmolLM2 HF", outputPath: undefined, allowRequantize: false, imatrixPath: "/m/x-F16.imatrix.gguf",
        imatrixDatasetPath: undefined, imatrixChunks: undefined, evaluate: true, evalTextPath: "/held.txt", evalContextSize: 128, evalChunks: undefined,
      })),
    );
  });

  it("the baseline evaluation child", () => {
    const p = prepareModelEvaluate(EvaluateModelInputSchema.parse({ textPath: "/held.txt", contextSize: 128, baseline: true }), { model: made });
    expect(p).toEqual({ hostId: HOST, payloads: [{ artifactId: made.id, textPath: "/held.txt", contextSize: 128, chunks: undefined, baseline: true, name: made.name }] });
    expect(ModelEvaluatePayloadSchema.safeParse(p.payloads[0]).success).toBe(true);
  });
});

describe("model.evaluate and model.import prepare", () => {
  it("evaluate refuses a model that is not a GGUF with 409", () => {
    expect(refusal(() => prepareModelEvaluate(EvaluateModelInputSchema.parse({ textPath: "/t" }), { model: hf }))).toMatchObject({ status: 409, code: "not_gguf" });
  });

  it("import queues on the host the request names", () => {
    const input = ImportModelInputSchema.parse({ hostId: HOST, path: "/models/x" });
    expect(prepareModelImport(input)).toEqual({ hostId: HOST, payloads: [{ path: "/models/x", name: undefined }] });
  });
});

describe("what the Convert form's preview imports", () => {
  // The form runs planConvert and planQuantize in the browser: their modules must not pull in
  // node built-ins or the database client.
  const root = path.resolve(import.meta.dirname, "../..");
  function graph(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const m of readFileSync(file, "utf8").matchAll(/^(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)) {
      const spec = m[1];
      if (!spec.startsWith(".") && !spec.startsWith("@/")) {
        seen.add(spec);
        continue;
      }
      const base = spec.startsWith("@/") ? path.join(root, spec.slice(2)) : path.resolve(path.dirname(file), spec);
      const target = [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((f) => existsSync(f));
      if (target) graph(target, seen);
    }
    return seen;
  }

  it("has no node: or database imports", () => {
    const deps = [...graph(path.join(root, "lib/jobs/kinds/model-convert.ts")), ...graph(path.join(root, "lib/jobs/kinds/model-quantize.ts"))];
    expect(deps.filter((d) => d.startsWith("node:") || d.includes(`${path.sep}db${path.sep}`) || /^(fs|path|os|child_process)$/.test(d))).toEqual([]);
    expect(deps.some((d) => d.endsWith("plan.ts"))).toBe(true);
  });
});
