import { readdir } from "node:fs/promises";
import path from "node:path";
import { statConfined } from "../../hosts/confined-read";
import { JobError } from "../../errors";
import { detectCustomCode } from "../custom-code";
import { readSafetensorsIndex } from "../safetensors/read-safetensors-index";
import { SafetensorsFormatError } from "../safetensors/safetensors-format-error";
import type { SafetensorsModelSummary } from "../safetensors/safetensors-types";
import { summarizeSafetensorsFiles } from "../safetensors/summarize-safetensors-files";
import {
  HfModelInfoSchema,
  type HfLoraAdapter,
  type HfModelInfo,
  type HfTokenizer,
  type HfWeights,
} from "./hf-model-info-schema";
import { measureDirSize } from "./measure-dir-size";
import { NotAnHfModelError } from "./not-an-hf-model-error";
import { readChatTemplate } from "./read-chat-template";
import { readJsonObjectFile, reasonOf } from "./read-json-file";

const TOKENIZER_FILES = [
  "tokenizer.json",
  "tokenizer.model",
  "tokenizer_config.json",
  "special_tokens_map.json",
  "added_tokens.json",
  "vocab.json",
  "vocab.txt",
  "merges.txt",
  "spiece.model",
  "sentencepiece.bpe.model",
];
/** Files that carry an actual vocabulary, as opposed to settings about one. */
const VOCAB_FILES = new Set(["tokenizer.json", "tokenizer.model", "vocab.json", "vocab.txt", "spiece.model", "sentencepiece.bpe.model"]);
const OTHER_WEIGHT_PATTERN = /\.(bin|pt|pth|ckpt|gguf|h5|msgpack|onnx)$/i;
/** Non-weight .bin files that often sit in model dirs (e.g. training_args.bin). */
const NOT_WEIGHTS = new Set(["training_args.bin", "optimizer.pt", "scheduler.pt", "rng_state.pth"]);

/** config.json dtype names (torch) mapped to safetensors names, so both sources read alike. */
const TORCH_TO_SAFETENSORS_DTYPE: Readonly<Record<string, string>> = {
  float32: "F32",
  float: "F32",
  float16: "F16",
  half: "F16",
  bfloat16: "BF16",
  float64: "F64",
  double: "F64",
  float8_e4m3fn: "F8_E4M3",
  float8_e5m2: "F8_E5M2",
  int8: "I8",
  uint8: "U8",
  int16: "I16",
  int32: "I32",
  int64: "I64",
  bool: "BOOL",
};

function str(v: unknown): string | null {
  return typeof v === "string" && v !== "" ? v : null;
}

function posInt(v: unknown): number | null {
  return typeof v === "number" && Number.isInteger(v) && v > 0 ? v : null;
}

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function obj(v: unknown): Record<string, unknown> | null {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** Tokens appear as plain strings or as serialised AddedToken objects ({content: ...}). */
function tokenText(v: unknown): string | null {
  if (typeof v === "string") return v;
  const o = obj(v);
  return o && typeof o.content === "string" ? o.content : null;
}

/**
 * Multimodal and some newer configs nest the language model's settings under text_config;
 * the top level wins, then the nested one.
 */
function configField(config: Record<string, unknown> | null, keys: string[]): unknown {
  if (!config) return undefined;
  const scopes = [config, obj(config.text_config), obj(config.llm_config)].filter((s): s is Record<string, unknown> => s !== null);
  for (const scope of scopes) {
    for (const k of keys) if (scope[k] !== undefined && scope[k] !== null) return scope[k];
  }
  return undefined;
}

function configDtype(config: Record<string, unknown> | null): string | null {
  // transformers renamed torch_dtype to dtype; files from either era exist.
  const raw = str(configField(config, ["dtype", "torch_dtype"]));
  if (!raw || raw === "auto") return null;
  return TORCH_TO_SAFETENSORS_DTYPE[raw.replace(/^torch\./, "")] ?? raw;
}

/** Entry types by name; `names` also gets every entry, usable or not (a refused link still counts as code). */
async function listDir(dir: string, roots: string[], warnings: string[], names: string[]): Promise<Map<string, "file" | "dir">> {
  const out = new Map<string, "file" | "dir">();
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    names.push(entry.name);
    if (entry.isFile()) out.set(entry.name, "file");
    else if (entry.isDirectory()) out.set(entry.name, "dir");
    else if (entry.isSymbolicLink()) {
      // Hugging Face cache snapshots are all symlinks; classify by their target, if it stays inside the roots.
      const full = path.join(dir, entry.name);
      try {
        const st = await statConfined(full, roots);
        if (st.isFile) out.set(entry.name, "file");
        else if (st.isDirectory) out.set(entry.name, "dir");
      } catch (e) {
        if (!(e instanceof JobError)) throw e;
        if (e.code !== "path_not_found") warnings.push(`${entry.name} ${reasonOf(e, full)}; ignored`);
      }
    }
  }
  return out;
}

async function readWeights(
  dir: string,
  files: Map<string, "file" | "dir">,
  kind: HfModelInfo["kind"],
  warnings: string[],
  roots: string[],
): Promise<SafetensorsModelSummary | null> {
  const names = [...files].filter(([, t]) => t === "file").map(([n]) => n).sort();
  try {
    if (kind === "lora-adapter") {
      return names.includes("adapter_model.safetensors")
        ? await summarizeSafetensorsFiles([path.join(dir, "adapter_model.safetensors")], { roots })
        : null;
    }
    // Prefer the index: some repos also ship a consolidated copy that would double-count.
    const index = names.find((n) => n === "model.safetensors.index.json") ?? names.find((n) => n.endsWith(".safetensors.index.json"));
    if (index) return await readSafetensorsIndex(path.join(dir, index), { roots });
    const shards = names.filter((n) => n.endsWith(".safetensors") && !n.startsWith("adapter_model"));
    return shards.length > 0 ? await summarizeSafetensorsFiles(shards.map((n) => path.join(dir, n)), { roots }) : null;
  } catch (e) {
    // A broken or refused shard should not hide the rest of what we know about the model.
    if (e instanceof SafetensorsFormatError || e instanceof JobError) {
      warnings.push(e.message);
      return null;
    }
    throw e;
  }
}

function toAdapter(cfg: Record<string, unknown>): HfLoraAdapter {
  const tm = cfg.target_modules;
  const targetModules = Array.isArray(tm) ? tm.filter((m): m is string => typeof m === "string") : typeof tm === "string" ? tm : null;
  return {
    peftType: str(cfg.peft_type),
    baseModelNameOrPath: str(cfg.base_model_name_or_path),
    r: num(cfg.r),
    loraAlpha: num(cfg.lora_alpha),
    targetModules,
    taskType: str(cfg.task_type),
  };
}

/**
 * Describe a Hugging Face model directory (or a PEFT/LoRA adapter directory) from its
 * config files and safetensors headers, without loading any weights. Every file read must
 * resolve inside `roots` (default: `dir` itself); a file whose link leaves them is reported
 * as a warning (or, for config.json, a failure) and never read.
 */
export async function inspectHfModelDir(dir: string, opts: { roots?: string[] } = {}): Promise<HfModelInfo> {
  const roots = opts.roots ?? [dir];
  const st = await statConfined(dir, roots).catch((e) => {
    if (e instanceof JobError && e.code === "path_outside_roots") throw e;
    return null;
  });
  if (!st?.isDirectory) throw new NotAnHfModelError(dir, "does not exist or is not a directory");
  const warnings: string[] = [];
  const allNames: string[] = [];
  const files = await listDir(dir, roots, warnings, allNames);

  let adapter: HfLoraAdapter | null = null;
  if (files.get("adapter_config.json") === "file") {
    const res = await readJsonObjectFile(path.join(dir, "adapter_config.json"), roots);
    if (!res.ok) throw new NotAnHfModelError(dir, `has an adapter_config.json that ${res.reason}`);
    adapter = toAdapter(res.value);
    if (files.get("adapter_model.safetensors") !== "file") {
      warnings.push("adapter_config.json is present but adapter_model.safetensors is missing");
    }
  }
  const kind: HfModelInfo["kind"] = adapter ? "lora-adapter" : "hf-model";

  // An adapter directory normally has no config.json; a model directory must have one.
  let config: Record<string, unknown> | null = null;
  const configRes = await readJsonObjectFile(path.join(dir, "config.json"), roots);
  if (configRes.ok) config = configRes.value;
  else if (!adapter) {
    throw new NotAnHfModelError(dir, configRes.missing ? "has no config.json" : `has a config.json that ${configRes.reason}`);
  } else if (!configRes.missing) warnings.push(`config.json ${configRes.reason}`);

  let generationConfig: Record<string, unknown> | null = null;
  const genRes = await readJsonObjectFile(path.join(dir, "generation_config.json"), roots);
  if (genRes.ok) generationConfig = genRes.value;
  else if (!genRes.missing) warnings.push(`generation_config.json ${genRes.reason}`);

  let tokenizerConfig: Record<string, unknown> | null = null;
  const tokRes = await readJsonObjectFile(path.join(dir, "tokenizer_config.json"), roots);
  if (tokRes.ok) tokenizerConfig = tokRes.value;
  else if (!tokRes.missing) warnings.push(`tokenizer_config.json ${tokRes.reason}`);

  const tokenizerFiles = [...files]
    .filter(([n, t]) => t === "file" && (TOKENIZER_FILES.includes(n) || n.endsWith(".tiktoken")))
    .map(([n]) => n)
    .sort();
  const tokenizer: HfTokenizer = {
    files: tokenizerFiles,
    hasVocabulary: tokenizerFiles.some((f) => VOCAB_FILES.has(f) || f.endsWith(".tiktoken")),
    tokenizerClass: str(tokenizerConfig?.tokenizer_class),
    bosToken: tokenText(tokenizerConfig?.bos_token),
    eosToken: tokenText(tokenizerConfig?.eos_token),
  };
  if (kind === "hf-model" && !tokenizer.hasVocabulary) warnings.push("no tokenizer vocabulary file found");

  const chat = await readChatTemplate(dir, tokenizerConfig, roots);
  warnings.push(...chat.warnings);
  const summary = await readWeights(dir, files, kind, warnings, roots);
  if (summary) warnings.push(...summary.warnings);
  const weights: HfWeights | null = summary
    ? {
        format: "safetensors",
        files: summary.files.map((f) => path.relative(dir, f)),
        sharded: summary.sharded,
        tensorCount: summary.tensorCount,
        totalFileSize: summary.totalFileSize,
        dtypes: summary.dtypes,
      }
    : null;
  const otherWeightFiles = [...files]
    .filter(([n, t]) => t === "file" && OTHER_WEIGHT_PATTERN.test(n) && !NOT_WEIGHTS.has(n))
    .map(([n]) => n)
    .sort();
  if (!weights && kind === "hf-model") {
    warnings.push(otherWeightFiles.length > 0 ? "no *.safetensors weights; only other formats" : "no weight files found");
  }

  const fromConfigDtype = configDtype(config);
  const dtype = summary?.dominantDtype ?? fromConfigDtype;
  const architectures = Array.isArray(config?.architectures)
    ? config.architectures.filter((a): a is string => typeof a === "string")
    : [];
  const size = await measureDirSize(dir, { roots });

  const common = {
    dir,
    architecture: architectures[0] ?? null,
    architectures,
    modelType: str(config?.model_type),
    contextLength: posInt(
      configField(config, ["max_position_embeddings", "n_positions", "max_sequence_length", "seq_length", "n_ctx"]),
    ),
    vocabSize: posInt(configField(config, ["vocab_size"])),
    hiddenSize: posInt(configField(config, ["hidden_size", "n_embd", "d_model"])),
    numLayers: posInt(configField(config, ["num_hidden_layers", "n_layer", "num_layers"])),
    parameterCount: summary ? summary.parameterCount : null,
    dtype,
    dtypeSource: summary?.dominantDtype ? ("safetensors" as const) : fromConfigDtype ? ("config" as const) : null,
    weights,
    otherWeightFiles,
    tokenizer,
    chatTemplate: chat.template,
    chatTemplateSource: chat.source,
    chatTemplateNames: chat.names,
    config,
    generationConfig,
    sizeBytes: size.sizeBytes,
    fileCount: size.fileCount,
    sizeComplete: size.complete,
    warnings,
    customCode: detectCustomCode([config, tokenizerConfig], allNames),
  };
  // Parsing our own output keeps the exported schema honest: a drift fails here, loudly.
  return HfModelInfoSchema.parse(
    adapter ? { ...common, kind: "lora-adapter", adapter } : { ...common, kind: "hf-model", adapter: null },
  );
}
