import { z } from "zod";

/**
 * `convert_hf_to_gguf.py --outtype` choices that make sense for ordinary models. The script also
 * offers tq1_0 / tq2_0, which only suit ternary-trained (BitNet-style) checkpoints; those are
 * reachable through llama-quantize instead. k-quants and IQ types are NOT converter outputs:
 * see plan.ts, which turns such a request into convert + quantize.
 */
export const CONVERT_OUTTYPES = ["f32", "f16", "bf16", "q8_0", "auto"] as const;
export const ConvertOuttypeSchema = z.enum(CONVERT_OUTTYPES);
export type ConvertOuttype = z.infer<typeof ConvertOuttypeSchema>;

/** The GGUF file type each outtype produces (auto: decided by the source dtype, 16-bit). */
export const OUTTYPE_PRECISION: Record<Exclude<ConvertOuttype, "auto">, "F32" | "F16" | "BF16" | "Q8_0"> = {
  f32: "F32",
  f16: "F16",
  bf16: "BF16",
  q8_0: "Q8_0",
};

/** Bytes per parameter of the converter's output, for the free-space check. */
export const OUTTYPE_BYTES_PER_PARAM: Record<ConvertOuttype, number> = { f32: 4, f16: 2, bf16: 2, q8_0: 34 / 32, auto: 2 };

/**
 * What `auto` becomes: the converter picks bf16 when the first tensor is bfloat16, else f16
 * (its "highest-fidelity 16-bit float type"). `dtype` is the HF config / safetensors dtype.
 */
export function resolveAutoOuttype(dtype: string | null | undefined): "f16" | "bf16" {
  return dtype && /^(bf16|bfloat16|torch\.bfloat16)$/i.test(dtype.trim()) ? "bf16" : "f16";
}

/**
 * Authorship / sampling keys `--metadata FILE` may override (gguf-py metadata.py reads these from
 * the JSON file). Values are strings, numbers or string lists as in the GGUF KV store.
 */
export const METADATA_OVERRIDE_KEYS = [
  "general.name", "general.author", "general.version", "general.organization", "general.finetune", "general.basename",
  "general.description", "general.quantized_by", "general.size_label", "general.license.name", "general.license.link",
  "general.url", "general.doi", "general.uuid", "general.repo_url", "general.source.url", "general.source.doi", "general.source.uuid",
  "general.source.repo_url", "general.tags", "general.languages",
  "general.sampling.temp", "general.sampling.top_k", "general.sampling.top_p", "general.sampling.min_p", "general.sampling.penalty_repeat",
] as const;

const MetaValue = z.union([z.string().max(10_000), z.number().finite(), z.array(z.string().max(1_000)).max(200)]);
/** Keys as an enum, not a refine, so the API document lists the allowed keys (propertyNames). */
export const MetadataOverridesSchema = z.partialRecord(
  z.enum(METADATA_OVERRIDE_KEYS, { error: `Unknown metadata key; allowed: ${METADATA_OVERRIDE_KEYS.join(", ")}` }),
  MetaValue,
);
export type MetadataOverrides = z.infer<typeof MetadataOverridesSchema>;

export type ConvertSpec = {
  python: string;
  /** convert_hf_to_gguf.py inside a full llama.cpp tree (its conversion/ and gguf-py/ siblings). */
  script: string;
  modelDir: string;
  outFile: string;
  outtype: ConvertOuttype;
  /** --model-name: general.name in the output. */
  modelName?: string;
  /** --metadata: a JSON file of METADATA_OVERRIDE_KEYS written by the caller. */
  metadataFile?: string;
  /** --use-temp-file: lower peak RAM for big models. */
  useTempFile?: boolean;
};

/** argv for the converter; never goes through a shell, so names and paths stay inert. */
export function convertArgv(spec: ConvertSpec): [string, ...string[]] {
  const argv: [string, ...string[]] = [spec.python, spec.script, spec.modelDir, "--outfile", spec.outFile, "--outtype", spec.outtype];
  if (spec.modelName) argv.push("--model-name", spec.modelName);
  if (spec.metadataFile) argv.push("--metadata", spec.metadataFile);
  if (spec.useTempFile) argv.push("--use-temp-file");
  return argv;
}

/** Environment for the converter: CPU only, offline, unbuffered so log lines arrive as they happen. */
export function convertEnv(home: string): Record<string, string> {
  return {
    CUDA_VISIBLE_DEVICES: "",
    HF_HUB_OFFLINE: "1",
    TRANSFORMERS_OFFLINE: "1",
    HF_HOME: home,
    TOKENIZERS_PARALLELISM: "false",
    PYTHONUNBUFFERED: "1",
    PYTHONDONTWRITEBYTECODE: "1",
  };
}
