import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { JobError } from "../../lib/errors";
import { realRoots } from "../../lib/hosts/confined-read";
import { resolveExistingInsideRoots, resolveOutputInsideRoots } from "../../lib/hosts/storage-paths";
import type { ModelExportPayload } from "../../lib/jobs/kinds/model-export";
import { isQuantized } from "../../lib/jobs/kinds/model-finetune";
import { readArtifactMetadata } from "../../lib/models/artifact-metadata";
import { buildExportConfig, checkExportArgs } from "../../lib/tools/llamafactory/export-args";
import { trainConfigToYaml } from "../../lib/tools/llamafactory/train-yaml";
import { classifyTrainingFailure } from "../../lib/tools/llamafactory/training-failures";
import type { JobContext } from "../job-context";
import { loadArtifactOnHost } from "./conversion/artifacts";
import { LF_HOOKS_DIR, locateLlamaFactoryCli } from "./finetune/locate-llamafactory";
import { registerTrainedOutput } from "./finetune/register-output";

/** model.export: `llamafactory-cli export` of an adapter (merged into its base) or a trained model. */
export async function handleModelExport(ctx: JobContext<ModelExportPayload>) {
  const p = ctx.payload;
  const roots = ctx.host.storageRoots;
  ctx.progress(0.01, "preparing the export", true);
  const cli = locateLlamaFactoryCli();
  const source = await loadArtifactOnHost(ctx, p.sourceId);
  const isAdapter = source.kind === "LORA_ADAPTER";
  if (source.kind === "GGUF") throw new JobError("not_exportable", `${source.name} is a GGUF file`, "Export works on LoRA adapters and Hugging Face models.");
  const base = isAdapter && source.parentId ? await loadArtifactOnHost(ctx, source.parentId) : null;
  if (isAdapter && !base) throw new JobError("adapter_without_base", `${source.name} has no registered base model`, "Register the base model and make it the adapter's parent.");
  const issues = checkExportArgs(p.args, { isAdapter, baseQuantized: isQuantized(base ?? source) });
  if (issues.length) throw new JobError("export_args_refused", issues.map((i) => `${i.field}: ${i.message}`).join("; "), "Change the fields named.");
  const training = readArtifactMetadata(source.metadata).training;
  const template = training?.template ?? null;

  const [root] = await realRoots(roots);
  if (!root) throw new JobError("no_storage_roots", "This host has no storage roots", "Set MODELYARD_STORAGE_ROOTS on the worker.");
  await mkdir(path.join(root, "exports"), { recursive: true });
  const exportDir = await resolveOutputInsideRoots(path.join(root, "exports", `${slug(p.name ?? source.name)}-${ctx.job.id.slice(-8)}`), roots);
  await mkdir(exportDir);
  // The calibration file is read by LLaMA-Factory, so it is confined here first and passed resolved.
  const calibration = p.args.export_quantization_dataset ? (await resolveExistingInsideRoots(p.args.export_quantization_dataset, roots)).real : undefined;

  // LLaMA-Factory opens these folders: resolved inside the roots now, not trusted from registration.
  const modelDir = (await resolveExistingInsideRoots((base ?? source).path, roots)).real;
  const adapterDir = isAdapter ? (await resolveExistingInsideRoots(source.path, roots)).real : null;
  const config = buildExportConfig({ ...p.args, export_quantization_dataset: calibration }, {
    modelPath: modelDir,
    adapterPath: adapterDir,
    template,
    exportDir,
    finetuningType: isAdapter ? "lora" : "full",
  });
  const yamlPath = path.join(exportDir, "modelyard_export.yaml");
  await writeFile(yamlPath, trainConfigToYaml(config));
  ctx.progress(0.05, isAdapter ? "merging the adapter" : "exporting", true);
  await ctx.run([cli, "export", yamlPath], {
    tool: "llamafactory-cli export",
    env: { PYTHONPATH: LF_HOOKS_DIR, DISABLE_VERSION_CHECK: "1", PYTHONUNBUFFERED: "1" },
    cwd: exportDir,
    classify: (lines) => classifyTrainingFailure(lines),
    failureCode: "export_failed",
  });
  ctx.progress(0.97, "registering the export", true);
  const artifact = await registerTrainedOutput(ctx, {
    dir: exportDir,
    name: p.name ?? `${source.name}-merged`,
    parentId: source.id,
    chatTemplate: source.chatTemplate ?? base?.chatTemplate ?? null,
    training: { ...(training ?? {}), mergedFromId: source.id, exportQuantizationBit: p.args.export_quantization_bit ?? null },
  });
  ctx.log(`registered ${artifact.id} at ${exportDir}`);
  ctx.progress(1, "done", true);
  return { artifactId: artifact.id, exportDir };
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, "_").slice(0, 80) || "model";
