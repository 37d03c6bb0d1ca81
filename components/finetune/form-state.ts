/**
 * The fine-tune form's state and the request body made from it. No React here: the page uses it on
 * the server (presets, cloning a run) and the form on the client, and unit tests pin it down.
 *
 * Inputs hold text (so "1e-4" or a half-typed "0." survive re-renders) and are parsed only when the
 * body is built; a field that is hidden for the chosen method or stage is left out of the body, so
 * a LoRA rank typed before switching to full fine-tuning never reaches the run.
 */
import type { z } from "zod";
import type { FinetuneInputSchema } from "@/lib/jobs/kinds/model-finetune";
import { ExtraYamlValueSchema, MANAGED_TRAIN_KEYS } from "@/lib/jobs/kinds/model-finetune";
import type { MessageKey, Vars } from "@/lib/i18n";
import { TrainArgsSchema, presetArgs, type TrainArgKey, type TrainArgs } from "@/lib/tools/llamafactory/train-args";

export type FinetuneBody = z.input<typeof FinetuneInputSchema>;
export type ExtraValue = z.infer<typeof ExtraYamlValueSchema>;

export const BOOL_KEYS = ["disable_gradient_checkpointing", "ds_offload"] as const;
type BoolKey = (typeof BOOL_KEYS)[number];
export type TextKey = Exclude<TrainArgKey, BoolKey>;
/** Text per field ("" = unset: the schema default applies); `packing` is "" | "true" | "false". */
export type FormValues = Record<TextKey, string> & Record<BoolKey, boolean>;

const NUMBER_KEYS: ReadonlySet<TrainArgKey> = new Set<TrainArgKey>([
  "quantization_bit", "cutoff_len", "max_samples", "val_size", "num_train_epochs", "max_steps", "learning_rate", "warmup_ratio", "warmup_steps",
  "per_device_train_batch_size", "gradient_accumulation_steps", "lora_rank", "lora_alpha", "lora_dropout", "freeze_trainable_layers",
  "logging_steps", "save_steps", "eval_steps", "seed", "pref_beta",
]);

const ALL_KEYS = Object.keys(TrainArgsSchema.shape) as TrainArgKey[];
const isBool = (k: TrainArgKey): k is BoolKey => (BOOL_KEYS as readonly string[]).includes(k);

export const DEFAULT_ARGS: TrainArgs = TrainArgsSchema.parse({});

/** A problem the form finds itself; translated where it is shown. */
export type Problem = { key: MessageKey; vars?: Vars };

/** LF and YAML write small rates in exponent form; "5e-5" reads better than "0.00005". */
export function formatNumber(n: number): string {
  return n !== 0 && Math.abs(n) < 1e-3 ? n.toExponential() : String(n);
}

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** "1e-4", "0.0001", " 3 " → number; "" → undefined; anything else → NaN (reported at the field). */
export function parseNumber(text: string): number | undefined {
  const s = text.trim();
  if (s === "") return undefined;
  return NUMERIC.test(s) ? Number(s) : Number.NaN;
}

/** Form text for args (missing keys take the schema's defaults; optional ones stay empty). */
export function valuesFromArgs(args: Partial<TrainArgs>): FormValues {
  const full: Partial<TrainArgs> = { ...DEFAULT_ARGS, ...args };
  const out: Record<string, string | boolean> = {};
  for (const key of ALL_KEYS) {
    const v = full[key];
    if (isBool(key)) out[key] = v === true;
    else if (v === undefined) out[key] = "";
    else out[key] = typeof v === "number" ? formatNumber(v) : String(v);
  }
  return out as FormValues;
}

/** The args from an untrusted record (an imported YAML, an old job's payload): each key checked on its own. */
export function argsFromRecord(record: unknown): Partial<TrainArgs> {
  if (!record || typeof record !== "object") return {};
  const shape = TrainArgsSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const schema = shape[key];
    if (!schema || value === undefined) continue;
    const r = schema.safeParse(value);
    if (r.success && r.data !== undefined) out[key] = r.data;
  }
  return out as Partial<TrainArgs>;
}

type Visibility = Pick<FormValues, "finetuning_type" | "stage" | "quantization_bit" | "ds_stage">;

/** Which fields apply to the chosen method and stage; the others are hidden and left out of the body. */
export function isFieldVisible(key: TrainArgKey, v: Visibility): boolean {
  switch (key) {
    case "quantization_bit":
    case "lora_rank":
    case "lora_alpha":
    case "lora_dropout":
    case "lora_target":
      return v.finetuning_type === "lora";
    case "quantization_method":
      return v.finetuning_type === "lora" && v.quantization_bit !== "";
    case "freeze_trainable_layers":
    case "freeze_trainable_modules":
      return v.finetuning_type === "freeze";
    case "pref_loss":
      return v.stage === "dpo";
    // LF's KTO trainer reads pref_beta too (its β), but has no loss choice.
    case "pref_beta":
      return v.stage === "dpo" || v.stage === "kto";
    case "ds_offload":
      return v.ds_stage === "2" || v.ds_stage === "3";
    default:
      return true;
  }
}

/** A zod issue as the form's own words. */
function problemOf(issue: { code: string; minimum?: unknown; maximum?: unknown; inclusive?: boolean; expected?: unknown; path: PropertyKey[] }): Problem {
  const field = String(issue.path[0]);
  switch (issue.code) {
    case "too_small":
      return { key: issue.inclusive === false ? "finetune.err.gt" : "finetune.err.min", vars: { n: formatNumber(Number(issue.minimum)) } };
    case "too_big":
      return { key: issue.inclusive === false ? "finetune.err.lt" : "finetune.err.max", vars: { n: formatNumber(Number(issue.maximum)) } };
    case "invalid_type":
      return { key: issue.expected === "int" ? "finetune.err.int" : "finetune.err.number" };
    case "invalid_format":
      return { key: field === "template" ? "finetune.err.template" : "finetune.err.moduleList" };
    case "invalid_union":
      if (field === "val_size") return { key: "finetune.err.valSize" };
      if (field === "freeze_trainable_layers") return { key: "finetune.err.freezeLayers" };
      return { key: "finetune.err.invalid" };
    default:
      return { key: "finetune.err.invalid" };
  }
}

export type FormState = {
  values: FormValues;
  datasetIds: string[];
  evalDatasetIds: string[];
  extra: Record<string, ExtraValue>;
  gpus: number;
  name: string;
  /** Multi-node: the other hosts (nodes 1..n). */
  nodeHostIds?: string[];
};

/**
 * The request body, and the problems that stop it being sent (keyed by field: an args key, or
 * `dataset`). The same schema the server parses with runs here, so range errors show while typing.
 */
export function buildBody(s: FormState): { body: FinetuneBody; problems: Partial<Record<string, Problem>> } {
  const problems: Partial<Record<string, Problem>> = {};
  const raw: Record<string, unknown> = {};
  for (const key of ALL_KEYS) {
    if (!isFieldVisible(key, s.values)) continue;
    if (isBool(key)) {
      raw[key] = s.values[key];
      continue;
    }
    const text = s.values[key].trim();
    // Empty = unset: the server fills the same defaults, so only what the user chose travels.
    if (text === "") continue;
    if (key === "packing") raw[key] = text === "true";
    else if (NUMBER_KEYS.has(key)) {
      const n = parseNumber(text);
      if (Number.isNaN(n)) problems[key] = { key: "finetune.err.number" };
      else raw[key] = n;
    } else raw[key] = text;
  }
  const parsed = TrainArgsSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      problems[field] ??= problemOf(issue as Parameters<typeof problemOf>[0]);
    }
  }
  if (s.datasetIds.length === 0) problems.dataset = { key: "finetune.err.datasetRequired" };
  const name = s.name.trim();
  const body: FinetuneBody = {
    datasetIds: s.datasetIds,
    evalDatasetIds: s.evalDatasetIds,
    args: raw as FinetuneBody["args"],
    extra: s.extra,
    gpus: s.gpus,
    ...(name ? { name } : {}),
    ...(s.nodeHostIds?.length ? { nodeHostIds: s.nodeHostIds } : {}),
  };
  return { body, problems };
}

/** Imported extra keys the API carries (YAML values two levels deep, not managed keys), and the names of those it cannot. */
export function splitExtra(extra: Record<string, unknown>): { kept: Record<string, ExtraValue>; dropped: string[]; managed: string[] } {
  const kept: Record<string, ExtraValue> = {};
  const dropped: string[] = [];
  const managed: string[] = [];
  for (const [key, value] of Object.entries(extra)) {
    if ((MANAGED_TRAIN_KEYS as readonly string[]).includes(key)) managed.push(key);
    else {
      const v = ExtraYamlValueSchema.safeParse(value);
      if (v.success) kept[key] = v.data;
      else dropped.push(key);
    }
  }
  return { kept, dropped, managed };
}

/** Request body key → the form field its messages belong at. */
const BODY_FIELDS: Record<string, string> = { datasetIds: "dataset", evalDatasetIds: "evalDataset", extra: "extra", gpus: "gpus", name: "name", nodeHostIds: "nodes" };

/** Where an error of the API belongs: a zod path (`["args", "cutoff_len"]`) or a check's `field`. */
export function fieldOfPath(path: readonly PropertyKey[]): string | null {
  const [first, second] = path;
  if (first === "args") return typeof second === "string" ? second : null;
  return typeof first === "string" ? (BODY_FIELDS[first] ?? null) : null;
}

/** Refusals of the check or launch that are about one field although they come as a plain error. */
const FIELD_OF_CODE: Record<string, string> = { not_enough_gpus: "gpus", managed_keys: "extra", dataset_on_other_host: "dataset", no_master_address: "nodes", duplicate_nodes: "nodes" };

/**
 * Messages per field from an API error: zod `details` (400 validation_failed), the check's issues
 * (409 training_args_refused carries them as `details`), or a code that names one field.
 */
export function fieldMessagesFromError(err: { code: string; message: string; details?: unknown }): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(err.details)) {
    for (const d of err.details as { path?: unknown; field?: unknown; message?: unknown }[]) {
      if (!d || typeof d.message !== "string") continue;
      const field = Array.isArray(d.path) ? fieldOfPath(d.path) : typeof d.field === "string" ? d.field : null;
      if (field && out[field] === undefined) out[field] = d.message;
    }
  }
  const own = FIELD_OF_CODE[err.code];
  if (own && out[own] === undefined) out[own] = err.message;
  return out;
}

/** The first state of the form: a preset's args (the CPU one on a host without GPUs) and one GPU if any. */
export function initialState(gpuSlots: number): { presetId: string | null; state: FormState } {
  const presetId = gpuSlots === 0 ? "cpu-smoke-test" : null;
  return {
    presetId,
    state: { values: valuesFromArgs(presetId ? presetArgs(presetId) : {}), datasetIds: [], evalDatasetIds: [], extra: {}, gpus: Math.min(1, gpuSlots), name: "" },
  };
}

/**
 * A finished or failed run's settings as a new form (`?from=<jobId>`). Datasets that are not on
 * this model's host are dropped and counted, and the GPU count is capped at what the host offers.
 */
export function stateFromPayload(payload: unknown, available: readonly string[], gpuSlots: number): { state: FormState; droppedDatasets: number } | null {
  if (!payload || typeof payload !== "object") return null;
  const p = payload as { datasetIds?: unknown; evalDatasetIds?: unknown; args?: unknown; extra?: unknown; gpus?: unknown; name?: unknown };
  if (!p.args || typeof p.args !== "object") return null;
  const ids = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  const wanted = [...ids(p.datasetIds), ...ids(p.evalDatasetIds)];
  const keep = (v: unknown) => ids(v).filter((id) => available.includes(id));
  const datasetIds = keep(p.datasetIds);
  const evalDatasetIds = keep(p.evalDatasetIds);
  const gpus = typeof p.gpus === "number" && Number.isInteger(p.gpus) ? Math.max(0, Math.min(p.gpus, gpuSlots)) : Math.min(1, gpuSlots);
  return {
    state: {
      values: valuesFromArgs(argsFromRecord(p.args)),
      datasetIds,
      evalDatasetIds,
      extra: p.extra && typeof p.extra === "object" ? splitExtra(p.extra as Record<string, unknown>).kept : {},
      gpus,
      name: typeof p.name === "string" ? p.name : "",
    },
    droppedDatasets: wanted.length - datasetIds.length - evalDatasetIds.length,
  };
}
