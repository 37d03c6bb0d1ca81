import { z } from "zod";
import { AppError } from "../../errors";
import { IdSchema } from "../../schemas/text";
import { checkExportArgs, ExportArgsSchema } from "../../tools/llamafactory/export-args";
import { ArtifactNameSchema } from "./fields";
import type { JobKindSpec, Prepared, SourceModel } from "./kind";
import { isQuantized } from "./model-finetune";

/**
 * model.export: `llamafactory-cli export`: merge a LoRA adapter into its base (or re-save a fully
 * trained model), optionally GPTQ-quantized with a calibration dataset; registers the result.
 */
export const ModelExportPayloadSchema = z.object({
  /** A LoRA adapter (merged into its lineage parent) or a fine-tuned HF model. */
  sourceId: IdSchema,
  args: ExportArgsSchema,
  name: ArtifactNameSchema.optional(),
  /** GPTQ: export on the GPU (export_device auto) claims one. */
  gpus: z.number().int().min(0).max(1).default(0),
});
export type ModelExportPayload = z.infer<typeof ModelExportPayloadSchema>;

export const ExportModelInputSchema = z
  .object({ args: ExportArgsSchema, name: ArtifactNameSchema.optional(), gpus: ModelExportPayloadSchema.shape.gpus })
  .meta({ id: "ExportModelInput" });
export type ExportModelInput = z.infer<typeof ExportModelInputSchema>;

export type ExportContext = { model: SourceModel; base: SourceModel | null };

export function prepareModelExport(input: ExportModelInput, { model, base }: ExportContext): Prepared<z.input<typeof ModelExportPayloadSchema>> {
  if (model.kind === "GGUF") throw new AppError(409, "not_exportable", `${model.name} is a GGUF file`, "Export works on LoRA adapters and Hugging Face models.");
  const isAdapter = model.kind === "LORA_ADAPTER";
  if (isAdapter && (!base || base.kind !== "HF_MODEL")) {
    throw new AppError(409, "adapter_without_base", `${model.name} has no registered base model`, "Register the base model the adapter was trained on and make it the adapter's parent.");
  }
  if (isAdapter && base && base.hostId !== model.hostId) {
    throw new AppError(409, "base_on_other_host", `The base of ${model.name} is on another host`, "Copy the base model to the adapter's host.");
  }
  const issues = checkExportArgs(input.args, { isAdapter, baseQuantized: isQuantized(isAdapter ? base! : model) });
  if (issues.length) {
    throw new AppError(409, "export_args_refused", issues.map((e) => `${e.field}: ${e.message}`).join("; "), "Change the fields named.", issues);
  }
  return { hostId: model.hostId, payloads: [{ sourceId: model.id, args: input.args, gpus: input.gpus, name: input.name ?? `${model.name}-merged` }] };
}

export const modelExport = {
  name: "model.export",
  queue: "gpu-train",
  payload: ModelExportPayloadSchema,
  input: ExportModelInputSchema,
  prepare: prepareModelExport,
  title: (p) => ({ key: p.args.export_quantization_bit ? "jobTitle.model.exportGptq" : "jobTitle.model.export", params: { name: p.name ?? "model", bits: p.args.export_quantization_bit ?? "" } }),
  resources: (p) => ({ gpus: p.gpus }),
} as const satisfies JobKindSpec<typeof ModelExportPayloadSchema>;
