import { relevantColumns } from "./build-entry";
import { detectDatasetInfoEntry } from "./detect-entry";
import {
  effectiveColumns, effectiveTags, formattingOf, purposeOf, TAG_NAMES,
  type ColumnName, type DatasetInfoEntry, type DatasetPurpose, type Formatting,
} from "./entry-schema";
import { isObject, type FieldProblem, type Row, type RowContext, type RowOutcome } from "./row-common";
import { checkAlpacaRow } from "./rows-alpaca";
import { checkMessagesRow } from "./rows-messages";
import { distribution, type Dist } from "./stats";
import type { NormalizedSample, RowError } from "./types";

export type { NormalizedSample, RowError, SampleRole } from "./types";
export type { Dist } from "./stats";

export type DatasetReport = {
  purpose: DatasetPurpose;
  format: Formatting;
  rows: number;
  /** Rows LLaMA-Factory would train on; 0 when a whole-file problem would stop it. */
  validRows: number;
  errorCount: number;
  errors: RowError[];
  warnings: string[];
  stats: { promptChars: Dist; responseChars: Dist; turns: Dist };
  samples: NormalizedSample[];
};

export type ValidateOptions = {
  maxErrors?: number;
  sampleCount?: number;
  /** Row labels to report instead of array positions (decodeDatasetFile's `lines` for .jsonl). */
  rowNumbers?: number[];
};

/**
 * Optional columns the converter reads with example[col]: HF gives a column to every row once any
 * row has it, so only a column no row has fails, with KeyError (LF issue #7344, alpaca without "input").
 */
const INDEXED_OPTIONAL: Record<Formatting, ColumnName[]> = {
  alpaca: ["query", "history", "system", "tools", "images", "videos", "audios"],
  sharegpt: ["system", "tools", "images", "videos", "audios"],
  openai: ["images", "videos", "audios"],
};

function fileProblems(rows: unknown[], entry: DatasetInfoEntry): RowError[] {
  const cols = effectiveColumns(entry);
  const present = new Set(rows.filter(isObject).flatMap((r) => Object.keys(r)));
  const out: RowError[] = [];
  for (const key of INDEXED_OPTIONAL[formattingOf(entry)]) {
    const name = cols[key];
    if (!name || present.has(name)) continue;
    const where = entry.columns ? `columns.${key} is "${name}"` : `LF's default for columns.${key} is "${name}"`;
    out.push({ row: 0, field: name, problem: `${where} but no row has a "${name}" key, so LLaMA-Factory stops with KeyError: '${name}'. Add "${name}" to the rows (it may be "") or leave ${key} out of columns.` });
  }
  return out;
}

function checkRow(row: unknown, ctx: RowContext): RowOutcome {
  if (!isObject(row)) return { problems: [{ field: "", problem: "is not an object: each row must be {\"column\": value, ...}" }] };
  return ctx.formatting === "alpaca" ? checkAlpacaRow(row, ctx) : checkMessagesRow(row, ctx);
}

function sameOn<K extends string>(keys: readonly K[], a: Record<K, string | null>, b: Record<K, string | null>): boolean {
  return keys.every((k) => a[k] === b[k]);
}

/** Why nothing survived, and the entry the rows seem to want (the detector's guess). */
function noValidRowsHint(rows: unknown[], entry: DatasetInfoEntry, purpose: DatasetPurpose): RowError {
  const prefix = 'No row can be used: LLaMA-Factory would stop with "Cannot find valid samples".';
  const firstKeys = isObject(rows[0]) ? Object.keys(rows[0]).join(", ") : "none";
  const detected = detectDatasetInfoEntry(rows, entry.file_name);
  if (!detected) {
    return { row: 0, field: "", problem: `${prefix} The rows match no layout LLaMA-Factory knows (the first row's keys: ${firstKeys}); use instruction/input/output (alpaca) or a conversations list (sharegpt).` };
  }
  const f = formattingOf(entry);
  const df = formattingOf(detected.entry);
  let cause: string | null = null;
  if (df !== f) cause = `wrong formatting (the entry says "${f}", the rows look like "${df}")`;
  else if (detected.purpose !== purpose) cause = `the entry is for ${purpose} data but the rows look like ${detected.purpose} data`;
  else if (!sameOn(relevantColumns(f), effectiveColumns(entry), effectiveColumns(detected.entry))) cause = `wrong columns (the first row's keys: ${firstKeys})`;
  else if (f !== "alpaca" && !sameOn(TAG_NAMES, effectiveTags(entry), effectiveTags(detected.entry))) cause = "wrong tags (the role/content keys or role names differ from the rows)";
  if (!cause) return { row: 0, field: "", problem: `${prefix} The entry fits the file's layout, so every row has a problem of its own: fix the row errors.` };
  const { file_name: _omit, ...suggested } = detected.entry;
  return { row: 0, field: "", problem: `${prefix} Likely cause: ${cause}. Use this entry instead: ${JSON.stringify(suggested)}` };
}

function charsOf(sample: NormalizedSample): { prompt: number; response: number; turns: number } {
  if (sample.text !== undefined) return { prompt: sample.text.length, response: 0, turns: 0 };
  const msgs = sample.messages;
  const responseInMessages = sample.chosen === undefined && msgs.length > 0;
  const promptMsgs = responseInMessages ? msgs.slice(0, -1) : msgs;
  const prompt = (sample.system?.length ?? 0) + promptMsgs.reduce((n, m) => n + m.content.length, 0);
  const response = responseInMessages ? msgs[msgs.length - 1].content.length : (sample.chosen?.length ?? 0);
  return { prompt, response, turns: msgs.length + (sample.chosen !== undefined ? 1 : 0) };
}

function collectWarnings(rows: unknown[], samples: NormalizedSample[], entry: DatasetInfoEntry, purpose: DatasetPurpose): string[] {
  const warnings: string[] = [];
  const placeholders = rows.filter((r) => /\{\{(name|author)\}\}/.test(JSON.stringify(r) ?? "")).length;
  if (placeholders > 0) {
    warnings.push(`${placeholders} row(s) contain LLaMA-Factory's identity placeholders {{name}} / {{author}}: replace them with your model's name and maker, or the model will learn the literal braces.`);
  }
  const distinct = new Set(samples.map((s) => JSON.stringify(s))).size;
  if (samples.length >= 2 && samples.length - distinct > samples.length / 2) {
    warnings.push(`${samples.length - distinct} of ${samples.length} usable rows are exact duplicates: remove them, or the model will overfit to the repeated ones.`);
  }
  if (formattingOf(entry) === "openai") {
    warnings.push('With formatting "openai", LLaMA-Factory 0.9.5 adds "detailed thinking off" to the system prompt of every row without tools: use formatting "sharegpt" with role/content tags unless you need tool_calls.');
  }
  if (purpose === "kto" && samples.length > 1 && new Set(samples.map((s) => s.kto)).size === 1) {
    warnings.push(`Every usable row is labelled ${String(samples[0].kto)}: KTO learns from both desirable (true) and undesirable (false) examples.`);
  }
  const same = samples.filter((s) => s.chosen !== undefined && s.chosen === s.rejected).length;
  if (same > 0) warnings.push(`${same} row(s) have the same chosen and rejected answer: they teach no preference; fix or remove them.`);
  return warnings;
}

/** Check every row as LLaMA-Factory 0.9.5's converter and preprocessors would keep or drop it. */
export function validateDataset(rows: unknown[], entry: DatasetInfoEntry, opts: ValidateOptions = {}): DatasetReport {
  const maxErrors = opts.maxErrors ?? 200;
  const sampleCount = opts.sampleCount ?? 5;
  const purpose = purposeOf(entry);
  const ctx: RowContext = {
    formatting: formattingOf(entry), purpose, ranking: !!entry.ranking,
    cols: effectiveColumns(entry), tags: effectiveTags(entry),
  };

  const fileErrors = rows.length === 0
    ? [{ row: 0, field: "", problem: 'The file has no rows: LLaMA-Factory would stop with "Cannot find valid samples". Add rows.' }]
    : fileProblems(rows, entry);
  const rowErrors: RowError[] = [];
  const samples: NormalizedSample[] = [];
  rows.forEach((row, i) => {
    const outcome = checkRow(row, ctx);
    const label = opts.rowNumbers?.[i] ?? i + 1;
    for (const p of outcome.problems as FieldProblem[]) rowErrors.push({ row: label, field: p.field, problem: p.problem });
    if (outcome.problems.length === 0 && outcome.sample) samples.push(outcome.sample);
  });

  const validRows = fileErrors.length > 0 ? 0 : samples.length;
  // The hint goes first: when nothing fits, the entry is the likeliest culprit.
  if (rows.length > 0 && samples.length === 0) fileErrors.unshift(noValidRowsHint(rows, entry, purpose));
  const allErrors = [...fileErrors, ...rowErrors];
  const sizes = samples.map(charsOf);
  return {
    purpose,
    format: ctx.formatting,
    rows: rows.length,
    validRows,
    errorCount: allErrors.length,
    errors: allErrors.slice(0, maxErrors),
    warnings: collectWarnings(rows, samples, entry, purpose),
    stats: {
      promptChars: distribution(sizes.map((s) => s.prompt)),
      responseChars: distribution(sizes.map((s) => s.response)),
      turns: distribution(sizes.map((s) => s.turns)),
    },
    samples: samples.slice(0, sampleCount),
  };
}

export type { Row };
