/**
 * `llamafactory-cli export`: merge a LoRA adapter, re-save a full fine-tune, or GPTQ-quantize.
 * Export parses only model/data/finetuning/generating arguments, so no training key may appear.
 * Defaults are LlamaBoard's Export tab.
 */
import { z } from "zod";
import { issue, type Issue } from "./issues";
import { writeSectionedYaml } from "./yaml-format";

export const ExportArgsSchema = z.object({
  export_size: z.number().int().min(1).max(100).default(5),
  export_device: z.enum(["cpu", "auto"]).default("cpu"),
  export_legacy_format: z.boolean().default(false),
  export_quantization_bit: z.union([z.literal(2), z.literal(3), z.literal(4), z.literal(8)]).optional(),
  // An absolute file on the host (the worker confines it to the storage roots); no spaces or controls.
  export_quantization_dataset: z.string().min(2).max(4096).regex(/^\/[^\u0000-\u0020]+$/, "Give the calibration file's absolute path on the host (no spaces)").optional(),
  export_quantization_nsamples: z.number().int().min(1).max(100_000).default(128),
  export_quantization_maxlen: z.number().int().min(1).max(131072).default(1024),
});

export type ExportArgs = z.infer<typeof ExportArgsSchema>;

export function checkExportArgs(args: ExportArgs, ctx: { isAdapter: boolean; baseQuantized: boolean }): Issue[] {
  const out: Issue[] = [];
  const gptq = args.export_quantization_bit !== undefined;
  if (ctx.isAdapter && ctx.baseQuantized) {
    out.push(issue("adapter", "merge_into_quantized", "Cannot merge adapters to a quantized model: merge into the original (unquantized) base model, then quantize the merged result."));
  }
  if (gptq && !args.export_quantization_dataset) {
    out.push(issue("export_quantization_dataset", "quantization_dataset_required", "Quantization dataset is necessary for exporting: set export_quantization_dataset (e.g. data/c4_demo.jsonl)."));
  }
  if (gptq && ctx.isAdapter) {
    out.push(issue("export_quantization_bit", "merge_before_quantize", "Please merge adapters before quantizing the model: export the merged model first, then quantize that export."));
  }
  if (gptq && ctx.baseQuantized && !ctx.isAdapter) {
    out.push(issue("export_quantization_bit", "already_quantized", "This model is already quantized: GPTQ needs the fp16/bf16 weights. Quantize the original model instead."));
  }
  return out;
}

export type ManagedExportInput = {
  modelPath: string;
  adapterPath?: string | null;
  template?: string | null;
  exportDir: string;
  finetuningType: "lora" | "full" | "freeze";
};

export function buildExportConfig(args: ExportArgs, managed: ManagedExportInput): Record<string, unknown> {
  if (managed.adapterPath && managed.finetuningType !== "lora") {
    throw new Error("Adapter is only valid for the LoRA method: export a full/freeze fine-tune from its output folder without an adapter.");
  }
  const c: Record<string, unknown> = { model_name_or_path: managed.modelPath };
  if (managed.adapterPath) c.adapter_name_or_path = managed.adapterPath;
  // The training template: it decides the Modelfile and, for some templates, the saved chat_template.
  if (managed.template) c.template = managed.template;
  c.trust_remote_code = true;
  c.finetuning_type = managed.finetuningType;
  c.export_dir = managed.exportDir;
  c.export_size = args.export_size;
  c.export_device = args.export_device;
  c.export_legacy_format = args.export_legacy_format;
  if (args.export_quantization_bit !== undefined) {
    c.export_quantization_bit = args.export_quantization_bit;
    c.export_quantization_dataset = args.export_quantization_dataset;
    c.export_quantization_nsamples = args.export_quantization_nsamples;
    c.export_quantization_maxlen = args.export_quantization_maxlen;
  }
  return c;
}

export function exportConfigToYaml(config: Record<string, unknown>): string {
  return writeSectionedYaml(config, (k) => (k.startsWith("export_") ? "export" : "model"));
}
