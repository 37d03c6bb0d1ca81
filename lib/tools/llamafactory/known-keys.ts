/**
 * The keys LLaMA-Factory's argument parser accepts, generated from the installed package by
 * scripts/llamafactory-keys.py (train = `llamafactory-cli train`, export = `llamafactory-cli export`).
 * LF refuses any other key, so anything we write must be in these lists.
 */
import data from "./known-keys.json";

export const LF_KEYS_VERSION: string = data.version;
export const TRAIN_KEYS: ReadonlySet<string> = new Set(data.train);
export const EXPORT_KEYS: ReadonlySet<string> = new Set(data.export);

/** LF's own wording, so users who search for it find the upstream issues. */
export function unusedKeysMessage(keys: readonly string[]): string {
  return `Some keys are not used by the HfArgumentParser: [${keys.map((k) => `'${k}'`).join(", ")}]`;
}
