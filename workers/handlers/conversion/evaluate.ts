import { JobError } from "../../../lib/errors";
import type { EvaluationRecord } from "../../../lib/models/artifact-metadata";
import { statConfined } from "../../../lib/hosts/confined-read";
import { resolveExistingInsideRoots } from "../../../lib/hosts/storage-paths";
import { classifyEvalFailure } from "../../../lib/tools/llama-cpp/failures";
import type { LlamaCppTools } from "../../../lib/tools/llama-cpp/locate";
import { parsePerplexity, perplexityArgv, type PerplexityResult } from "../../../lib/tools/llama-cpp/perplexity";
import { evalToolProgress } from "../../../lib/tools/llama-cpp/progress";
import { measuredBitsPerWeight } from "../../../lib/tools/llama-cpp/sizes";
import type { JobContext } from "../../job-context";

/** Resolves a text file inside the roots (must be a file). */
export async function resolveTextFile(ctx: JobContext<unknown>, p: string, what: string): Promise<string> {
  const t = await resolveExistingInsideRoots(p, ctx.host.storageRoots);
  if (t.isDirectory) throw new JobError("not_a_text_file", `${p} is a directory, not a text file (${what})`, "Point at a plain .txt file on the host.");
  // A pipe or device would hang or feed the tool endlessly; only regular files are text files here.
  if (!(await statConfined(t.real, ctx.host.storageRoots)).isFile) throw new JobError("not_a_text_file", `${p} is not a regular file (${what})`, "Point at a plain .txt file on the host.");
  if (t.size === 0) throw new JobError("text_too_short", `${p} is empty (${what})`, "Use a text file with a few thousand words.");
  return t.real;
}

export async function evaluatePerplexity(
  ctx: JobContext<unknown>,
  tools: LlamaCppTools,
  args: { model: string; textFile: string; contextSize: number; chunks?: number; sizeBytes: number; parameterCount: number | null; baseline: boolean; range: [number, number] },
): Promise<EvaluationRecord> {
  const started = Date.now();
  const argv = perplexityArgv({ binary: tools.bin("llama-perplexity"), model: args.model, textFile: args.textFile, contextSize: args.contextSize, chunks: args.chunks });
  let r: PerplexityResult | null = null;
  for (let attempt = 1; !r; attempt++) {
    const { tail, result } = await ctx.run(argv, {
      tool: "llama-perplexity",
      progress: evalToolProgress,
      range: args.range,
      classify: (lines, end) => classifyEvalFailure(lines, end, "llama-perplexity"),
    });
    const parsed = parsePerplexity(tail.join("\n"));
    // Without the closing line there is no error estimate: prefer another run, accept it on the last.
    if (parsed && (Number.isFinite(parsed.error) || attempt >= 3)) {
      r = parsed;
      break;
    }
    // llama-perplexity exits 0 after "you need at least N tokens": classify the output instead.
    const known = classifyEvalFailure(tail, { exitCode: result.exitCode, signal: result.signal }, "llama-perplexity");
    if (known && !parsed) throw new JobError(known.code, known.message, known.hint);
    // Seen under heavy CPU load: exit 0 with the last log lines (the estimate) missing. Run it again.
    if (attempt >= 3) throw new JobError("evaluation_failed", "llama-perplexity finished without a final estimate (3 tries)", "See the log tail; the host may be overloaded, or the text too short for the context size.");
    ctx.log(`llama-perplexity exited ${result.exitCode} without printing its final estimate (its last log lines were lost); running it again (try ${attempt + 1} of 3)`);
  }
  ctx.log(`perplexity ${r.perplexity.toFixed(4)} ± ${r.error.toFixed(4)} over ${r.chunks ?? "?"} chunks of ${args.contextSize} tokens`);
  return {
    perplexity: r.perplexity,
    pplError: Number.isFinite(r.error) ? r.error : null,
    textFile: args.textFile,
    contextSize: args.contextSize,
    chunks: r.chunks ?? args.chunks ?? null,
    bitsPerWeight: measuredBitsPerWeight(args.sizeBytes, args.parameterCount),
    sizeBytes: args.sizeBytes,
    baseline: args.baseline,
    jobId: ctx.job.id,
    evaluatedAt: new Date().toISOString(),
    durationMs: Date.now() - started,
  };
}
