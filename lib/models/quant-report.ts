import { db } from "../db/client";
import { notFound } from "../errors";
import { readArtifactMetadata, type EvaluationRecord } from "./artifact-metadata";
import { findQuantType, isUnquantizedPrecision } from "../tools/llama-cpp/quant-types";
import { measuredBitsPerWeight } from "../tools/llama-cpp/sizes";

/** One GGUF of a model family, as the "which quant should I ship" table shows it. */
export type QuantReportRow = {
  artifactId: string;
  name: string;
  precision: string | null;
  parentId: string | null;
  sizeBytes: number;
  /** Measured: file size × 8 / parameter count. */
  bitsPerWeight: number | null;
  /** The catalogue's typical value for this type (what the form promised). */
  expectedBitsPerWeight: number | null;
  perplexity: number | null;
  pplError: number | null;
  /** perplexity − baseline perplexity, when both exist and were measured the same way. */
  pplDelta: number | null;
  /** The family's unquantized reference (F16/BF16/F32 evaluated as baseline). */
  baseline: boolean;
  /** Measured on the same text, context and chunk count as the baseline. */
  comparable: boolean;
  evaluation: { textFile: string; contextSize: number; chunks: number | null; evaluatedAt: string } | null;
  createdAt: string;
};

export type QuantReport = {
  rootId: string;
  rootName: string;
  parameterCount: number | null;
  baselineId: string | null;
  rows: QuantReportRow[];
};

const evaluationOf = (metadata: unknown): EvaluationRecord | null => readArtifactMetadata(metadata).evaluation ?? null;

/** Every GGUF in the lineage family of `id` (walks up to the root, then all descendants). */
export async function getQuantReport(id: string): Promise<QuantReport> {
  const start = await db.artifact.findUnique({ where: { id }, select: { id: true } });
  if (!start) throw notFound("Model", id);
  let rootId = id;
  for (let i = 0; i < 32; i++) {
    const row = await db.artifact.findUnique({ where: { id: rootId }, select: { parentId: true } });
    if (!row?.parentId) break;
    rootId = row.parentId;
  }
  const family: string[] = [rootId];
  let frontier = [rootId];
  for (let depth = 0; depth < 16 && frontier.length; depth++) {
    const kids = await db.artifact.findMany({ where: { parentId: { in: frontier } }, select: { id: true } });
    frontier = kids.map((k) => k.id).filter((k) => !family.includes(k));
    family.push(...frontier);
  }
  const artifacts = await db.artifact.findMany({
    where: { id: { in: family } },
    select: { id: true, name: true, kind: true, precision: true, parentId: true, sizeBytes: true, parameterCount: true, metadata: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  const root = artifacts.find((a) => a.id === rootId)!;
  const familyParams = artifacts.map((a) => (a.parameterCount === null ? null : Number(a.parameterCount))).find((n) => n && n > 0) ?? null;
  const ggufs = artifacts.filter((a) => a.kind === "GGUF");

  // Baseline: the newest evaluation flagged as baseline, else the newest evaluated float file.
  const evaluated = ggufs.map((a) => ({ a, e: evaluationOf(a.metadata) })).filter((x) => x.e);
  const byTime = (x: { e: EvaluationRecord | null }) => x.e?.evaluatedAt ?? "";
  const base =
    [...evaluated].filter((x) => x.e!.baseline).sort((x, y) => byTime(y).localeCompare(byTime(x)))[0] ??
    [...evaluated].filter((x) => isUnquantizedPrecision(x.a.precision)).sort((x, y) => byTime(y).localeCompare(byTime(x)))[0] ??
    null;
  const be = base?.e ?? null;

  const rows: QuantReportRow[] = ggufs.map((a) => {
    const e = evaluationOf(a.metadata);
    const params = a.parameterCount === null ? familyParams : Number(a.parameterCount);
    const size = Number(a.sizeBytes);
    const comparable = !!(e && be && e.textFile === be.textFile && e.contextSize === be.contextSize && (e.chunks ?? null) === (be.chunks ?? null));
    return {
      artifactId: a.id,
      name: a.name,
      precision: a.precision,
      parentId: a.parentId,
      sizeBytes: size,
      bitsPerWeight: measuredBitsPerWeight(size, params),
      expectedBitsPerWeight: a.precision ? (findQuantType(a.precision)?.bitsPerWeight ?? null) : null,
      perplexity: e?.perplexity ?? null,
      pplError: e?.pplError ?? null,
      pplDelta: e && be && comparable ? e.perplexity - be.perplexity : null,
      baseline: base?.a.id === a.id,
      comparable: base?.a.id === a.id || comparable,
      evaluation: e ? { textFile: e.textFile ?? "", contextSize: e.contextSize ?? 0, chunks: e.chunks ?? null, evaluatedAt: e.evaluatedAt ?? "" } : null,
      createdAt: a.createdAt.toISOString(),
    };
  });
  rows.sort((x, y) => y.sizeBytes - x.sizeBytes);
  return { rootId, rootName: root.name, parameterCount: familyParams, baselineId: base?.a.id ?? null, rows };
}
