import path from "node:path";
import type { ArtifactKind } from "../db/client";
import { JobError } from "../errors";
import type { ArtifactMetadata } from "./artifact-metadata";
import { readGgufHeader } from "./gguf/read-gguf";
import { GgufFormatError } from "./gguf/gguf-format-error";
import { inspectHfModelDir } from "./hf/inspect-hf-dir";

/** What the registry stores about a model file or directory, read from the files themselves. */
export type ModelDescription = {
  kind: ArtifactKind;
  suggestedName: string;
  sizeBytes: number;
  architecture: string | null;
  parameterCount: number | null;
  precision: string | null;
  contextLength: number | null;
  chatTemplate: string | null;
  metadata: ArtifactMetadata;
};

/** JSON columns cannot hold bigints; GGUF metadata can. */
function jsonSafe(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}

/** `roots`: the host's storage roots; the file must resolve inside them. */
export async function describeGguf(file: string, roots: string[]): Promise<ModelDescription> {
  let h;
  try {
    h = await readGgufHeader(file, { roots });
  } catch (err) {
    if (err instanceof GgufFormatError) throw new JobError("invalid_gguf", err.message, "The file is not a complete GGUF model; re-download or re-convert it.");
    throw err;
  }
  return {
    kind: "GGUF",
    suggestedName: h.name ?? path.basename(file, ".gguf"),
    sizeBytes: h.fileSize,
    architecture: h.architecture,
    parameterCount: h.parameterCount || null,
    precision: h.fileType.name,
    contextLength: h.contextLength,
    chatTemplate: h.chatTemplate,
    metadata: jsonSafe({
      format: "gguf",
      ggufVersion: h.version,
      tensorCount: h.tensorCount,
      tensorTypes: h.tensors.byType,
      quantizationVersion: h.quantizationVersion,
      fileTypeId: h.fileType.id,
      keys: Object.fromEntries(Object.entries(h.metadata).filter(([k]) => k !== "tokenizer.chat_template")),
    }) as ArtifactMetadata,
  };
}

/** `roots`: the host's storage roots; every file read from `dir` must resolve inside them. */
export async function describeHfDir(dir: string, roots: string[]): Promise<ModelDescription> {
  let info;
  try {
    info = await inspectHfModelDir(dir, { roots });
  } catch (err) {
    if ((err as Error).name === "NotAnHfModelError") throw new JobError("not_hf_model", (err as Error).message, "Point at the folder that holds config.json (or adapter_config.json for a LoRA adapter).");
    throw err;
  }
  const { chatTemplate, config, generationConfig, ...rest } = info;
  return {
    kind: info.kind === "lora-adapter" ? "LORA_ADAPTER" : "HF_MODEL",
    suggestedName: path.basename(dir),
    sizeBytes: info.sizeBytes,
    architecture: info.architecture ?? info.modelType,
    parameterCount: info.parameterCount,
    precision: info.dtype,
    contextLength: info.contextLength,
    chatTemplate,
    metadata: jsonSafe({ format: "hf", ...rest, config, generationConfig }) as ArtifactMetadata,
  };
}

export async function describeModel(realPath: string, isDirectory: boolean, roots: string[]): Promise<ModelDescription> {
  if (isDirectory) return describeHfDir(realPath, roots);
  if (realPath.toLowerCase().endsWith(".gguf")) return describeGguf(realPath, roots);
  throw new JobError("unsupported_model_file", `${realPath} is neither a directory nor a .gguf file`, "Import a Hugging Face model folder, a LoRA adapter folder or a .gguf file.");
}
