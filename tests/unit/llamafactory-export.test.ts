import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ExportArgsSchema, buildExportConfig, checkExportArgs, exportConfigToYaml } from "../../lib/tools/llamafactory/export-args";
import { EXPORT_KEYS, TRAIN_KEYS } from "../../lib/tools/llamafactory/known-keys";

const defaults = ExportArgsSchema.parse({});

describe("export args", () => {
  it("has LlamaBoard's defaults", () => {
    expect(defaults).toEqual({ export_size: 5, export_device: "cpu", export_legacy_format: false, export_quantization_nsamples: 128, export_quantization_maxlen: 1024 });
    expect(ExportArgsSchema.safeParse({ export_size: 0 }).success).toBe(false);
    expect(ExportArgsSchema.safeParse({ export_quantization_bit: 5 }).success).toBe(false);
  });

  it("reproduces the merge example", () => {
    const original = parse(readFileSync(path.join(import.meta.dirname, "fixtures/llamafactory/merge_lora.yaml"), "utf8")) as Record<string, unknown>;
    const c = buildExportConfig(defaults, { modelPath: "Qwen/Qwen3-1.7B", adapterPath: "saves/qwen3-1.7b/lora/tickets", template: "qwen3", exportDir: "saves/qwen3-1.7b-tickets-merged", finetuningType: "lora" });
    const back = parse(exportConfigToYaml(c)) as Record<string, unknown>;
    for (const [k, v] of Object.entries(original)) expect(back[k], k).toEqual(v);
    expect(exportConfigToYaml(c)).toMatch(/^### model\n[\s\S]*\n### export\nexport_dir:/);
  });

  it("emits only keys export accepts, and no training-only key", () => {
    const emitted = new Set<string>();
    for (const bit of [undefined, 2, 3, 4, 8] as const)
      for (const ft of ["lora", "full", "freeze"] as const) {
        const args = ExportArgsSchema.parse({ export_quantization_bit: bit, export_quantization_dataset: bit ? "/data/c4_demo.jsonl" : undefined, export_device: "auto" });
        Object.keys(buildExportConfig(args, { modelPath: "/m", adapterPath: ft === "lora" ? "/a" : null, template: "llama3", exportDir: "/out", finetuningType: ft })).forEach((k) => emitted.add(k));
      }
    expect([...emitted].filter((k) => !EXPORT_KEYS.has(k))).toEqual([]);
    for (const trainingOnly of ["output_dir", "bf16", "learning_rate", "do_train"]) {
      expect(TRAIN_KEYS.has(trainingOnly)).toBe(true);
      expect(EXPORT_KEYS.has(trainingOnly)).toBe(false);
      expect(emitted.has(trainingOnly)).toBe(false);
    }
    expect(() => buildExportConfig(defaults, { modelPath: "/m", adapterPath: "/a", exportDir: "/o", finetuningType: "full" })).toThrow(/LoRA/);
  });

  it("writes GPTQ keys only with a bit count", () => {
    const c = buildExportConfig(ExportArgsSchema.parse({ export_quantization_bit: 4, export_quantization_dataset: "/data/c4_demo.jsonl" }), { modelPath: "/merged", exportDir: "/gptq", finetuningType: "full" });
    expect(c).toMatchObject({ export_quantization_bit: 4, export_quantization_dataset: "/data/c4_demo.jsonl", export_quantization_nsamples: 128, export_quantization_maxlen: 1024 });
    expect(buildExportConfig(defaults, { modelPath: "/m", exportDir: "/o", finetuningType: "full" })).not.toHaveProperty("export_quantization_nsamples");
  });

  it.each([
    ["merge into a quantized base", {}, { isAdapter: true, baseQuantized: true }, "merge_into_quantized"],
    ["GPTQ without a dataset", { export_quantization_bit: 4 }, { isAdapter: false, baseQuantized: false }, "quantization_dataset_required"],
    ["GPTQ on an adapter", { export_quantization_bit: 4, export_quantization_dataset: "/data/c4.jsonl" }, { isAdapter: true, baseQuantized: false }, "merge_before_quantize"],
    ["GPTQ of a quantized model", { export_quantization_bit: 8, export_quantization_dataset: "/data/c4.jsonl" }, { isAdapter: false, baseQuantized: true }, "already_quantized"],
  ])("refuses %s", (_n, input, ctx, code) => {
    const issues = checkExportArgs(ExportArgsSchema.parse(input), ctx);
    expect(issues.map((i) => i.code)).toContain(code);
    for (const i of issues) expect(i.message).toMatch(/:/);
  });

  it("accepts a plain merge and a GPTQ export of a merged model", () => {
    expect(checkExportArgs(defaults, { isAdapter: true, baseQuantized: false })).toEqual([]);
    expect(checkExportArgs(ExportArgsSchema.parse({ export_quantization_bit: 4, export_quantization_dataset: "/data/c4_demo.jsonl" }), { isAdapter: false, baseQuantized: false })).toEqual([]);
  });
});
