import { stat } from "node:fs/promises";
import path from "node:path";
import { JobError } from "../../lib/errors";
import { checkQuantizeSource, planQuantize, requireImatrixSource, type ModelQuantizePayload } from "../../lib/jobs/kinds/model-quantize";
import { resolveExistingInsideRoots } from "../../lib/hosts/storage-paths";
import { classifyQuantizeFailure } from "../../lib/tools/llama-cpp/failures";
import { locateLlamaCpp } from "../../lib/tools/llama-cpp/locate";
import { imatrixPathFor, quantizeOutputPath, safeFileStem, stripPrecisionSuffix } from "../../lib/tools/llama-cpp/output-names";
import { quantizeProgress } from "../../lib/tools/llama-cpp/progress";
import { isUnquantizedPrecision, quantType } from "../../lib/tools/llama-cpp/quant-types";
import { parseQuantizeSummary, quantizeArgv } from "../../lib/tools/llama-cpp/quantize";
import { estimateQuantizeSizeBytes, formatBytes } from "../../lib/tools/llama-cpp/sizes";
import type { JobContext } from "../job-context";
import { mergeArtifactMetadata } from "../../lib/models/register-artifact";
import { conversionInfo, loadArtifactOnHost, registerGguf } from "./conversion/artifacts";
import { assertFreeSpace } from "./conversion/disk";
import { evaluatePerplexity, resolveTextFile } from "./conversion/evaluate";
import { computeImatrix, reusableImatrix } from "./conversion/imatrix";
import { prepareOutput, publishOutput, removeQuietly } from "./conversion/outputs";

/**
 * model.quantize: a registered GGUF (F32/F16/BF16) → one llama.cpp type, registered as a child
 * artifact; optionally with an importance matrix (given, reused or computed first) and a
 * perplexity evaluation of the result on a held-out text.
 */
export async function handleModelQuantize(ctx: JobContext<ModelQuantizePayload>) {
  const p = ctx.payload;
  const info = quantType(p.type);
  ctx.progress(0.01, "checking the source model", true);
  const src = await loadArtifactOnHost(ctx, p.artifactId);
  // The route made these checks too, but a job can be created without it (POST /jobs).
  checkQuantizeSource(src, p.allowRequantize);
  requireImatrixSource(planQuantize([p.type]), p);
  const source = await resolveExistingInsideRoots(src.path, ctx.host.storageRoots);
  if (source.isDirectory) throw new JobError("not_gguf", `${source.real} is a directory, not a GGUF file`, "Pick a registered .gguf model.");
  if (!isUnquantizedPrecision(src.precision)) {
    ctx.log(`warning: requantizing from ${src.precision} because allowRequantize was set; quality will be worse than from 16-bit`);
  }

  const tools = locateLlamaCpp();
  const quantizeBin = tools.bin("llama-quantize");
  let imatrixPath: string | null = null;
  let imatrixText: string | null = null;
  if (p.imatrixPath) {
    const im = await resolveExistingInsideRoots(p.imatrixPath, ctx.host.storageRoots);
    if (im.isDirectory) throw new JobError("imatrix_invalid", `${p.imatrixPath} is a directory`, "Point at the imatrix file written by llama-imatrix.");
    imatrixPath = im.real;
  } else if (p.imatrixDatasetPath) {
    imatrixText = await resolveTextFile(ctx, p.imatrixDatasetPath, "calibration text");
    tools.bin("llama-imatrix");
  }
  const evalText = p.evaluate && p.evalTextPath ? await resolveTextFile(ctx, p.evalTextPath, "held-out text") : null;
  if (evalText) tools.bin("llama-perplexity");

  const conv = conversionInfo(src);
  const baseName = p.name ?? conv.baseName ?? stripPrecisionSuffix(path.basename(source.real).replace(/\.gguf$/i, ""));
  // (the API passes familyBaseName(model) as name, so titles and file names share one base)
  const stem = conv.stem && !p.name ? conv.stem : safeFileStem(stripPrecisionSuffix(baseName));
  const out = await prepareOutput(ctx, p.outputPath ?? quantizeOutputPath(source.real, stem, p.type), "quantize");
  const params = src.parameterCount === null ? null : Number(src.parameterCount);
  const expected = estimateQuantizeSizeBytes(p.type, params, Number(src.sizeBytes));
  const disk = await assertFreeSpace(out.dir, expected, `the ${p.type} GGUF`);
  ctx.log(`${p.type}: ${info.en.summary} Expected about ${formatBytes(expected)}; ${formatBytes(disk.free)} free in ${out.dir}`);

  const quantRange: [number, number] = [imatrixText ? 0.35 : 0.05, evalText ? 0.7 : 0.97];
  if (imatrixText) {
    const reuse = reusableImatrix(src.metadata, imatrixText);
    if (reuse) {
      imatrixPath = reuse.path;
      ctx.log(`reusing the importance matrix ${reuse.path} computed on ${reuse.textFile}`);
    } else {
      ctx.progress(0.05, "computing the importance matrix", true);
      const target = imatrixPathFor(source.real).replace(/\.imatrix\.gguf$/, `.imatrix-${ctx.job.id.slice(-8)}.gguf`);
      const rec = await computeImatrix(ctx, tools, { model: source.real, textFile: imatrixText, output: target, chunks: p.imatrixChunks, range: [0.05, 0.35] });
      imatrixPath = rec.path;
      await mergeArtifactMetadata(src.id, { imatrix: rec });
    }
  }

  const started = Date.now();
  let artifact;
  let summary;
  try {
    const argv = quantizeArgv({ binary: quantizeBin, input: source.real, output: out.temp, type: p.type, allowRequantize: p.allowRequantize, imatrix: imatrixPath ?? undefined });
    const { tail } = await ctx.run(argv, { tool: "llama-quantize", progress: quantizeProgress, range: quantRange, classify: classifyQuantizeFailure });
    summary = parseQuantizeSummary(tail.join("\n"));
    if (summary.fallbackTensors) {
      ctx.log(`note: ${summary.fallbackTensors} of ${summary.totalTensors ?? "?"} tensors used a wider fallback type (row size not a multiple of the ${p.type} block size)`);
    }
    const written = await stat(out.temp).catch(() => null);
    if (!written?.size) throw new JobError("tool_failed", "llama-quantize reported success but wrote no file", "See the log; this is unexpected for a successful run.");
    ctx.throwIfAborted();
    await publishOutput(out);
    artifact = await registerGguf(ctx, {
      file: out.final,
      name: `${baseName} ${p.type}`,
      parentId: src.id,
      precisionFallback: p.type,
      metadata: {
        conversion: {
          step: "quantize",
          type: p.type,
          baseName,
          stem,
          sourceArtifactId: src.id,
          sourcePrecision: src.precision,
          sourcePath: source.real,
          allowRequantize: p.allowRequantize,
          imatrix: imatrixPath,
          estimatedBitsPerWeight: info.bitsPerWeight,
          reportedBitsPerWeight: summary.outputBpw,
          fallbackTensors: summary.fallbackTensors,
          fallbacks: summary.fallbacks.slice(0, 50).map((f) => `${f.tensor}: ${f.from} -> ${f.to}`),
          durationMs: Date.now() - started,
        },
      },
    });
  } finally {
    await removeQuietly(out.temp);
  }
  ctx.log(`registered ${artifact.name} (${artifact.id}): ${formatBytes(Number(artifact.sizeBytes))}${summary.outputBpw ? `, ${summary.outputBpw} bits per weight` : ""}`);

  let evaluation = null;
  if (evalText) {
    try {
      evaluation = await evaluatePerplexity(ctx, tools, {
        model: artifact.path,
        textFile: evalText,
        contextSize: p.evalContextSize,
        chunks: p.evalChunks,
        sizeBytes: Number(artifact.sizeBytes),
        parameterCount: artifact.parameterCount === null ? params : Number(artifact.parameterCount),
        baseline: false,
        range: [0.7, 0.99],
      });
    } catch (err) {
      if (err instanceof JobError) {
        throw new JobError(err.code, `${p.type} was made and registered as ${artifact.name} (${artifact.id}), but evaluating it failed: ${err.message}`, err.hint);
      }
      throw err;
    }
    await mergeArtifactMetadata(artifact.id, { evaluation });
  }
  ctx.progress(1, "done", true);
  return {
    artifactId: artifact.id,
    path: artifact.path,
    type: p.type,
    sizeBytes: Number(artifact.sizeBytes),
    bitsPerWeight: summary.outputBpw,
    fallbackTensors: summary.fallbackTensors,
    perplexity: evaluation?.perplexity ?? null,
    pplError: evaluation?.pplError ?? null,
  };
}
