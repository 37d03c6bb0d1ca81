import { existsSync } from "node:fs";
import { readArtifactMetadata, type ImatrixRecord } from "../../../lib/models/artifact-metadata";
import { classifyEvalFailure } from "../../../lib/tools/llama-cpp/failures";
import { imatrixArgv } from "../../../lib/tools/llama-cpp/imatrix";
import type { LlamaCppTools } from "../../../lib/tools/llama-cpp/locate";
import { evalToolProgress } from "../../../lib/tools/llama-cpp/progress";
import type { JobContext } from "../../job-context";
import { prepareOutput, publishOutput, removeQuietly } from "./outputs";

export const IMATRIX_CONTEXT = 512;

/** An imatrix recorded on the artifact for the same calibration text, if its file still exists. */
export function reusableImatrix(metadata: unknown, textFile: string): ImatrixRecord | null {
  const m = readArtifactMetadata(metadata).imatrix;
  return m && m.textFile === textFile && existsSync(m.path) ? m : null;
}

/** Runs llama-imatrix on `model` into `output` (temp name first, never overwriting). */
export async function computeImatrix(
  ctx: JobContext<unknown>,
  tools: LlamaCppTools,
  args: { model: string; textFile: string; output: string; chunks?: number; contextSize?: number; range: [number, number] },
): Promise<ImatrixRecord> {
  const out = await prepareOutput(ctx, args.output, "imatrix");
  const contextSize = args.contextSize ?? IMATRIX_CONTEXT;
  try {
    await ctx.run(imatrixArgv({ binary: tools.bin("llama-imatrix"), model: args.model, textFile: args.textFile, output: out.temp, contextSize, chunks: args.chunks }), {
      tool: "llama-imatrix",
      progress: evalToolProgress,
      range: args.range,
      classify: (lines, end) => classifyEvalFailure(lines, end, "llama-imatrix"),
    });
    ctx.throwIfAborted();
    await publishOutput(out);
  } finally {
    await removeQuietly(out.temp);
  }
  ctx.log(`importance matrix written to ${out.final}`);
  return { path: out.final, textFile: args.textFile, chunks: args.chunks ?? null, contextSize, jobId: ctx.job.id, createdAt: new Date().toISOString() };
}
