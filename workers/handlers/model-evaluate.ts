import { JobError } from "../../lib/errors";
import { checkEvaluateSource, type ModelEvaluatePayload } from "../../lib/jobs/kinds/model-evaluate";
import { resolveExistingInsideRoots } from "../../lib/hosts/storage-paths";
import { locateLlamaCpp } from "../../lib/tools/llama-cpp/locate";
import type { JobContext } from "../job-context";
import { mergeArtifactMetadata } from "../../lib/models/register-artifact";
import { loadArtifactOnHost } from "./conversion/artifacts";
import { evaluatePerplexity, resolveTextFile } from "./conversion/evaluate";

/** model.evaluate: llama-perplexity of a registered GGUF on a held-out text; stored as metadata.evaluation. */
export async function handleModelEvaluate(ctx: JobContext<ModelEvaluatePayload>) {
  const p = ctx.payload;
  ctx.progress(0.01, "checking the model", true);
  const a = await loadArtifactOnHost(ctx, p.artifactId);
  checkEvaluateSource(a);
  const file = await resolveExistingInsideRoots(a.path, ctx.host.storageRoots);
  if (file.isDirectory) throw new JobError("not_gguf", `${file.real} is a directory`, "Pick a registered .gguf model.");
  const text = await resolveTextFile(ctx, p.textPath, "held-out text");
  const tools = locateLlamaCpp();
  const evaluation = await evaluatePerplexity(ctx, tools, {
    model: file.real,
    textFile: text,
    contextSize: p.contextSize,
    chunks: p.chunks,
    sizeBytes: Number(a.sizeBytes),
    parameterCount: a.parameterCount === null ? null : Number(a.parameterCount),
    baseline: p.baseline,
    range: [0.02, 0.99],
  });
  await mergeArtifactMetadata(a.id, { evaluation });
  ctx.progress(1, "done", true);
  return { artifactId: a.id, perplexity: evaluation.perplexity, pplError: evaluation.pplError, baseline: p.baseline };
}
