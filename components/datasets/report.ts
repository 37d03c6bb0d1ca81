import type { Dist, NormalizedSample, RowError } from "@/lib/datasets/validate";

/** The stored report is JSON written by whichever worker version validated the file: read it leniently. */
export type ShownReport = {
  errors: RowError[];
  warnings: string[];
  stats: { promptChars: Dist; responseChars: Dist; turns: Dist } | null;
  samples: NormalizedSample[];
};

/** The row errors table stops here; the job's log and a re-check give the rest. */
export const ROW_ERRORS_SHOWN = 200;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function isRowError(v: unknown): v is RowError {
  return isObj(v) && typeof v.row === "number" && typeof v.field === "string" && typeof v.problem === "string";
}

function isDist(v: unknown): v is Dist {
  return isObj(v) && (["min", "max", "mean", "p50", "p95"] as const).every((k) => typeof v[k] === "number");
}

function isSample(v: unknown): v is NormalizedSample {
  return isObj(v) && Array.isArray(v.messages);
}

export function readReport(raw: unknown): ShownReport {
  const r = isObj(raw) ? raw : {};
  const s = isObj(r.stats) ? r.stats : {};
  const stats = isDist(s.promptChars) && isDist(s.responseChars) && isDist(s.turns) ? { promptChars: s.promptChars, responseChars: s.responseChars, turns: s.turns } : null;
  return {
    errors: Array.isArray(r.errors) ? r.errors.filter(isRowError) : [],
    warnings: Array.isArray(r.warnings) ? r.warnings.filter((w): w is string => typeof w === "string") : [],
    stats,
    samples: Array.isArray(r.samples) ? r.samples.filter(isSample) : [],
  };
}

/** What the errors table shows, and whether the count on the row is larger than that. */
export function shownErrors(errors: RowError[], errorCount: number): { rows: RowError[]; capped: boolean } {
  const rows = errors.slice(0, ROW_ERRORS_SHOWN);
  return { rows, capped: errorCount > rows.length };
}

/** Valid and invalid rows as fractions of the file (both 0 for an empty file, never NaN). */
export function validityShares(rows: number, validRows: number): { valid: number; invalid: number } {
  if (rows <= 0) return { valid: 0, invalid: 0 };
  const valid = Math.min(1, Math.max(0, validRows / rows));
  return { valid, invalid: 1 - valid };
}

/**
 * LLaMA-Factory looks datasets up by their dataset_info.json key, which allows fewer characters
 * than a display name: the snippet uses a key the file would accept.
 */
export function datasetInfoKey(name: string): string {
  const key = name.trim().replace(/\.(jsonl?)$/i, "").replace(/[^A-Za-z0-9_.-]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 100);
  return key || "dataset";
}

export function datasetInfoSnippet(name: string, entry: unknown): Record<string, unknown> {
  return { [datasetInfoKey(name)]: entry };
}

/** Rounded down, so a file with any invalid row never reads "100%". */
export function validPercent(rows: number, validRows: number): string {
  const pct = Math.floor(validityShares(rows, validRows).valid * 1000) / 10;
  return `${pct}%`;
}

/** dataset.import answers `{datasets: [{datasetId, …}], failed?: […]}`; anything else shows no links. */
export function registeredIds(result: unknown): string[] {
  const list = (result as { datasets?: unknown } | null)?.datasets;
  if (!Array.isArray(list)) return [];
  return list.map((d) => (d as { datasetId?: unknown })?.datasetId).filter((id): id is string => typeof id === "string");
}
