import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { db, Prisma } from "../../lib/db/client";
import { decodeDatasetFile } from "../../lib/datasets/read-rows";
import { validateDataset } from "../../lib/datasets/validate";
import type { DatasetInfoEntry } from "../../lib/datasets/dataset-info";
import { JobError } from "../../lib/errors";
import { realRoots } from "../../lib/hosts/confined-read";
import { resolveExistingInsideRoots } from "../../lib/hosts/storage-paths";
import type { DatasetTokensPayload } from "../../lib/jobs/kinds/dataset-tokens";
import type { JobContext } from "../job-context";
import { loadArtifactOnHost } from "./conversion/artifacts";
import { readDatasetBytes } from "./dataset-import";
import { locateToolchainPython, PYTHON_HELPERS_DIR } from "./finetune/locate-llamafactory";

/** Enough rows for stable percentiles; larger sets are counted on their first rows. */
const MAX_ROWS = 20_000;

/** dataset.tokens: token lengths with the model's tokenizer and chat template, stored in the report. */
export async function handleDatasetTokens(ctx: JobContext<DatasetTokensPayload>) {
  const p = ctx.payload;
  const roots = ctx.host.storageRoots;
  ctx.progress(0.02, "reading the dataset", true);
  const ds = await db.dataset.findUnique({ where: { id: p.datasetId } });
  if (!ds || ds.hostId !== ctx.host.id) throw new JobError("dataset_not_found", `Dataset ${p.datasetId} is not registered on this host`, "Pick a dataset from the Datasets page.");
  const model = await loadArtifactOnHost(ctx, p.modelId);
  const tokenizerDir = await resolveExistingInsideRoots(model.path, roots);
  if (!tokenizerDir.isDirectory) throw new JobError("no_tokenizer_folder", `${model.name} is not a model folder`, "Count with a Hugging Face model or adapter folder.");
  const python = locateToolchainPython();

  const { bytes } = await readDatasetBytes(ds.path, roots);
  const decoded = decodeDatasetFile(bytes, path.basename(ds.path));
  if (!decoded.ok) throw new JobError("invalid_dataset_file", "The dataset file no longer reads as JSON/JSONL", "Register the dataset again to see its errors.");
  const samples = validateDataset(decoded.rows.slice(0, MAX_ROWS), ds.entry as DatasetInfoEntry, { sampleCount: MAX_ROWS }).samples;
  const [root] = await realRoots(roots);
  await mkdir(path.join(root, "datasets", ".llamafactory"), { recursive: true });
  const samplesFile = path.join(root, "datasets", ".llamafactory", `tokens-${ctx.job.id}.jsonl`);
  await writeFile(samplesFile, samples.map((s) => JSON.stringify(s)).join("\n"));
  ctx.progress(0.2, `tokenizing ${samples.length} rows with ${model.name}`, true);
  let stats: Record<string, unknown>;
  try {
    const run = await ctx.run([python, path.join(PYTHON_HELPERS_DIR, "token_stats.py"), tokenizerDir.real, samplesFile, String(p.cutoffLen)], {
      tool: "token_stats.py",
      env: { HF_HUB_OFFLINE: "1", TRANSFORMERS_OFFLINE: "1", TOKENIZERS_PARALLELISM: "false" },
      failureCode: "tokenizer_failed",
      hint: "The model folder needs its tokenizer files (tokenizer.json or vocab files, tokenizer_config.json).",
    });
    const last = [...run.tail].reverse().find((l) => l.startsWith("{"));
    if (!last) throw new JobError("tokenizer_failed", "token_stats.py printed no result", "See the log.");
    stats = JSON.parse(last) as Record<string, unknown>;
  } finally {
    await rm(samplesFile, { force: true });
  }
  const record = { ...stats, modelId: model.id, modelName: model.name, countedRows: samples.length, totalRows: ds.validRows, at: new Date().toISOString() };
  const report = (ds.report ?? {}) as Record<string, unknown>;
  const tokens = { ...((report.tokens as Record<string, unknown> | undefined) ?? {}), [model.id]: record };
  await db.dataset.update({ where: { id: ds.id }, data: { report: { ...report, tokens } as Prisma.InputJsonObject } });
  ctx.log(`tokens with ${model.name}: ${JSON.stringify(stats)}`);
  ctx.progress(1, "done", true);
  return record;
}
