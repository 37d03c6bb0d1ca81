import { readdir } from "node:fs/promises";
import path from "node:path";
import { READ_CAPS, readConfinedText, statConfined } from "../../hosts/confined-read";
import { JobError } from "../../errors";
import type { HfChatTemplateSource } from "./hf-model-info-schema";
import { readJsonObjectFile, reasonOf } from "./read-json-file";

export interface ChatTemplateInfo {
  template: string | null;
  source: HfChatTemplateSource | null;
  names: string[];
  /** Template files that exist but were refused (outside the roots, too large, not a file). */
  warnings: string[];
}

async function readTemplateIfPresent(filePath: string, roots: string[], warnings: string[]): Promise<string | null> {
  try {
    return await readConfinedText(filePath, { roots, maxBytes: READ_CAPS.template });
  } catch (e) {
    if (!(e instanceof JobError)) throw e;
    if (e.code !== "path_not_found") warnings.push(`${path.basename(filePath)} ${reasonOf(e, filePath)}`);
    return null;
  }
}

/** Names only; a folder that is a link out of the roots is not listed at all. */
async function listExtraTemplates(extraDir: string, roots: string[], warnings: string[]): Promise<string[]> {
  try {
    const st = await statConfined(extraDir, roots);
    return st.isDirectory ? await readdir(st.real) : [];
  } catch (e) {
    if (!(e instanceof JobError)) throw e;
    if (e.code !== "path_not_found") warnings.push(`additional_chat_templates ${reasonOf(e, extraDir)}`);
    return [];
  }
}

/** tokenizer_config.json holds either one template string or a list of {name, template}. */
function fromTokenizerConfigValue(value: unknown): { template: string | null; names: string[] } {
  if (typeof value === "string") return { template: value, names: [] };
  if (!Array.isArray(value)) return { template: null, names: [] };
  const named = value.filter(
    (t): t is { name: string; template: string } =>
      typeof t === "object" && t !== null && typeof t.name === "string" && typeof t.template === "string",
  );
  // transformers picks "default" when the caller does not name one; mirror that.
  const chosen = named.find((t) => t.name === "default") ?? named[0];
  return { template: chosen?.template ?? null, names: named.map((t) => t.name) };
}

/**
 * Find the chat template the way transformers resolves it: a chat_template.jinja file wins
 * over the tokenizer_config.json field (newer transformers writes the former and leaves the
 * latter empty), and processor-style chat_template.json is the last resort.
 */
export async function readChatTemplate(
  dir: string,
  tokenizerConfig: Record<string, unknown> | null,
  roots: string[],
): Promise<ChatTemplateInfo> {
  const names = new Set<string>();
  const warnings: string[] = [];
  const fromConfig = fromTokenizerConfigValue(tokenizerConfig?.chat_template);
  fromConfig.names.forEach((n) => names.add(n));

  const extraDir = path.join(dir, "additional_chat_templates");
  const extra = await listExtraTemplates(extraDir, roots, warnings);
  for (const f of extra) if (f.endsWith(".jinja")) names.add(f.slice(0, -".jinja".length));

  const result = (template: string | null, source: HfChatTemplateSource | null): ChatTemplateInfo => ({
    template,
    source,
    names: [...names],
    warnings,
  });

  const jinja = await readTemplateIfPresent(path.join(dir, "chat_template.jinja"), roots, warnings);
  if (jinja !== null && jinja.trim() !== "") return result(jinja, "chat_template.jinja");
  if (fromConfig.template) return result(fromConfig.template, "tokenizer_config.json");
  const processor = await readJsonObjectFile(path.join(dir, "chat_template.json"), roots, READ_CAPS.template);
  if (!processor.ok && !processor.missing) warnings.push(`chat_template.json ${processor.reason}`);
  if (processor.ok && typeof processor.value.chat_template === "string") {
    return result(processor.value.chat_template, "chat_template.json");
  }
  return result(null, null);
}
