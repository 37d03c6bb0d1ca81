import { z } from "zod";
import { AppError } from "../errors";

/**
 * Python that a model folder brings with it. transformers runs it under trust_remote_code,
 * and the converter imports the folder's config, so such a folder is code the host would
 * execute, not just data; the user must say so before it is converted.
 */
export const CustomCodeSchema = z.object({
  /** `auto_map` entries of config.json / tokenizer_config.json ("modeling_x.XModel", ...). */
  autoMap: z.array(z.string()),
  /** `*.py` files in the folder itself. */
  pythonFiles: z.array(z.string()),
});
export type CustomCode = z.infer<typeof CustomCodeSchema>;

function autoMapEntries(config: Record<string, unknown> | null | undefined): string[] {
  const map = config?.auto_map;
  if (typeof map !== "object" || map === null) return [];
  // Values are "module.Class" strings, or [slow, fast] pairs for tokenizers (either may be null).
  return Object.values(map).flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is string => typeof v === "string" && v !== "");
}

/** Null when the folder carries no code of its own. */
export function detectCustomCode(configs: (Record<string, unknown> | null | undefined)[], fileNames: Iterable<string>): CustomCode | null {
  const autoMap = [...new Set(configs.flatMap(autoMapEntries))].sort();
  const pythonFiles = [...fileNames].filter((n) => n.toLowerCase().endsWith(".py")).sort();
  return autoMap.length || pythonFiles.length ? { autoMap, pythonFiles } : null;
}

/** The flag as stored in an artifact's metadata, or null for clean (and older, unflagged) rows. */
export function customCodeOf(metadata: unknown): CustomCode | null {
  const raw = typeof metadata === "object" && metadata !== null ? (metadata as Record<string, unknown>).customCode : null;
  const parsed = CustomCodeSchema.safeParse(raw);
  return parsed.success && (parsed.data.autoMap.length || parsed.data.pythonFiles.length) ? parsed.data : null;
}

/**
 * The refusal (same wording from the API and from the worker's re-check on disk) when a model
 * carries code and the request did not confirm it; null when the conversion may go ahead.
 */
export function customCodeRefusal(modelName: string, code: CustomCode | null, allowed: boolean | undefined): AppError | null {
  if (!code || allowed === true) return null;
  const what = [...code.autoMap.map((a) => `auto_map ${a}`), ...code.pythonFiles].slice(0, 8).join(", ");
  return new AppError(
    409,
    "custom_code_unconfirmed",
    `${modelName} carries its own Python code (${what}); converting it may run that code on the host, so it needs an explicit confirmation`,
    "Read those files first; if you trust them, tick the confirmation box on the Convert form (API: allowCustomCode: true).",
  );
}
