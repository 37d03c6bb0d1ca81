import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createJobs } from "../../lib/jobs/create-job";
import { JobError } from "../../lib/errors";
import { checkConvertSource, planConvert, requireImatrixText, type ModelConvertPayload } from "../../lib/jobs/kinds/model-convert";
import { EvaluateModelInputSchema, prepareModelEvaluate } from "../../lib/jobs/kinds/model-evaluate";
import { prepareModelQuantize, QuantizeModelInputSchema } from "../../lib/jobs/kinds/model-quantize";
import { resolveExistingInsideRoots } from "../../lib/hosts/storage-paths";
import { convertArgv, convertEnv, OUTTYPE_PRECISION, resolveAutoOuttype } from "../../lib/tools/llama-cpp/convert";
import { classifyConvertFailure } from "../../lib/tools/llama-cpp/failures";
import { locateLlamaCpp, requireConverter } from "../../lib/tools/llama-cpp/locate";
import { convertOutputDir, convertOutputPath, imatrixPathFor, safeFileStem } from "../../lib/tools/llama-cpp/output-names";
import { ConvertProgress } from "../../lib/tools/llama-cpp/progress";
import { estimateConvertSizeBytes, estimateQuantizeSizeBytes, formatBytes } from "../../lib/tools/llama-cpp/sizes";
import type { JobContext } from "../job-context";
import { readArtifactMetadata } from "../../lib/models/artifact-metadata";
import { mergeArtifactMetadata } from "../../lib/models/register-artifact";
import { loadArtifactOnHost, registerGguf } from "./conversion/artifacts";
import { assertFreeSpace } from "./conversion/disk";
import { resolveTextFile } from "./conversion/evaluate";
import { computeImatrix } from "./conversion/imatrix";
import { ensureOutputDir, prepareOutput, publishOutput, removeQuietly } from "./conversion/outputs";
import { checkSourceFolder } from "./conversion/source-folder";

/**
 * model.convert: registered HF_MODEL → GGUF with convert_hf_to_gguf.py, registered as a child
 * artifact. With a follow-up plan it then (optionally) computes an importance matrix on the new
 * file and queues one model.quantize job per type plus a baseline model.evaluate job, each a
 * child of this job, so the whole pipeline is visible in the jobs list.
 */
export async function handleModelConvert(ctx: JobContext<ModelConvertPayload>) {
  const p = ctx.payload;
  ctx.progress(0.01, "checking the source model", true);
  const src = await loadArtifactOnHost(ctx, p.artifactId);
  // The route made these checks too, but a job can be created without it (POST /jobs) and the
  // row can change while the job waits.
  checkConvertSource(src, p.allowCustomCode);
  const source = await resolveExistingInsideRoots(src.path, ctx.host.storageRoots);
  if (!source.isDirectory) throw new JobError("not_hf_model", `${source.real} is not a directory`, "Convert a Hugging Face model folder (config.json + *.safetensors).");
  await checkSourceFolder(ctx, source.real, src);

  const follow = p.followUp;
  const plan = planConvert({ outtype: p.outtype, quantize: follow?.quantize }, src.precision);
  for (const n of plan.notes) ctx.log(`plan: ${n.en}`);
  requireImatrixText(plan, follow?.imatrixDatasetPath);

  const tools = locateLlamaCpp();
  const conv = requireConverter(tools);
  if (plan.quantize.length) tools.bin("llama-quantize");
  const imatrixText = follow?.imatrixDatasetPath ? await resolveTextFile(ctx, follow.imatrixDatasetPath, "calibration text") : null;
  if (imatrixText) tools.bin("llama-imatrix");
  const evalText = follow?.evaluate && follow.evalTextPath ? await resolveTextFile(ctx, follow.evalTextPath, "held-out text") : null;
  if (evalText) tools.bin("llama-perplexity");

  const outtype = plan.convertOuttype;
  const label = outtype === "auto" ? resolveAutoOuttype(src.precision).toUpperCase() : OUTTYPE_PRECISION[outtype];
  const baseName = p.name ?? src.name;
  const stem = safeFileStem(baseName);
  const wanted = p.outputPath ?? convertOutputPath(source.real, stem, label);
  if (!p.outputPath) await ensureOutputDir(convertOutputDir(source.real), ctx.host.storageRoots);
  const out = await prepareOutput(ctx, wanted, "convert");

  const params = src.parameterCount === null ? null : Number(src.parameterCount);
  const convertBytes = estimateConvertSizeBytes(outtype, params, Number(src.sizeBytes));
  const quantBytes = plan.quantize.reduce((sum, t) => sum + estimateQuantizeSizeBytes(t, params, convertBytes), 0);
  const disk = await assertFreeSpace(out.dir, convertBytes + quantBytes, plan.quantize.length ? `the ${label} GGUF and ${plan.quantize.length} quantization(s)` : `the ${label} GGUF`);
  ctx.log(`output ${out.final}; expected ${formatBytes(convertBytes)}${quantBytes ? ` + ${formatBytes(quantBytes)} of quantizations` : ""}; ${formatBytes(disk.free)} free`);

  const scratch = await mkdtemp(path.join(os.tmpdir(), "modelyard-convert-"));
  let metadataFile: string | undefined;
  const started = Date.now();
  let artifact;
  try {
    if (p.metadata && Object.keys(p.metadata).length) {
      metadataFile = path.join(scratch, "metadata.json");
      await writeFile(metadataFile, JSON.stringify(p.metadata, null, 2));
    }
    const tracker = new ConvertProgress(readArtifactMetadata(src.metadata).weights?.tensorCount ?? null);
    const argv = convertArgv({ python: conv.python, script: conv.script, modelDir: source.real, outFile: out.temp, outtype, modelName: p.name, metadataFile });
    const hasFollowUp = plan.quantize.length > 0 || !!evalText;
    const convertEnd = imatrixText ? 0.8 : hasFollowUp ? 0.95 : 0.97;
    await ctx.run(argv, {
      tool: "convert_hf_to_gguf.py",
      env: convertEnv(path.join(scratch, "hf-home")),
      cwd: path.dirname(conv.script),
      progress: (line) => tracker.onLine(line),
      range: [0.02, convertEnd],
      classify: classifyConvertFailure,
    });
    const written = await stat(out.temp).catch(() => null);
    if (!written?.size) throw new JobError("tool_failed", "convert_hf_to_gguf.py reported success but wrote no file", "See the log; this is unexpected for a successful run.");
    ctx.throwIfAborted();
    await publishOutput(out);
    artifact = await registerGguf(ctx, {
      file: out.final,
      name: `${baseName} ${label}`,
      parentId: src.id,
      precisionFallback: label,
      metadata: {
        conversion: {
          step: "convert",
          type: label,
          outtype,
          requestedOuttype: p.outtype,
          baseName,
          stem,
          sourceArtifactId: src.id,
          sourcePath: source.real,
          metadataOverrides: p.metadata ?? null,
          notes: plan.notes,
          durationMs: Date.now() - started,
        },
      },
    });
  } finally {
    await removeQuietly(out.temp);
    await rm(scratch, { recursive: true, force: true }).catch(() => undefined);
  }
  ctx.log(`registered ${artifact.name} (${artifact.id}): ${artifact.precision}, ${formatBytes(Number(artifact.sizeBytes))}`);

  let imatrixPath: string | undefined;
  if (imatrixText) {
    ctx.progress(0.8, "computing the importance matrix", true);
    const rec = await computeImatrix(ctx, tools, { model: artifact.path, textFile: imatrixText, output: imatrixPathFor(artifact.path), chunks: follow?.imatrixChunks, range: [0.8, 0.95] });
    await mergeArtifactMetadata(artifact.id, { imatrix: rec });
    imatrixPath = rec.path;
  }

  ctx.throwIfAborted();
  // Children go through their own kinds' prepare, from the file just made: the same checks and
  // payloads as if a user had asked for them on the new model's page.
  const children: { kind: string; jobId: string; type?: string }[] = [];
  if (follow && evalText) {
    const input = EvaluateModelInputSchema.parse({ textPath: evalText, contextSize: follow.evalContextSize, chunks: follow.evalChunks, baseline: true });
    for (const j of await createJobs("model.evaluate", prepareModelEvaluate(input, { model: artifact }), ctx.job.createdById, ctx.job.id)) {
      children.push({ kind: "model.evaluate", jobId: j.id });
    }
  }
  if (plan.quantize.length) {
    const input = QuantizeModelInputSchema.parse({
      types: plan.quantize,
      name: baseName,
      imatrixPath,
      evaluate: !!evalText,
      evalTextPath: evalText ?? undefined,
      evalContextSize: follow?.evalContextSize,
      evalChunks: follow?.evalChunks,
    });
    const prepared = prepareModelQuantize(input, { model: artifact });
    const jobs = await createJobs("model.quantize", prepared, ctx.job.createdById, ctx.job.id);
    jobs.forEach((j, i) => children.push({ kind: "model.quantize", jobId: j.id, type: prepared.payloads[i].type }));
  }
  if (children.length) ctx.log(`queued ${children.length} follow-up job(s): ${children.map((c) => c.type ?? c.kind).join(", ")}`);
  ctx.progress(1, "done", true);
  return { artifactId: artifact.id, path: artifact.path, precision: artifact.precision, sizeBytes: Number(artifact.sizeBytes), plan, imatrixPath: imatrixPath ?? null, children };
}
