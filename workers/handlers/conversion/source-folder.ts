import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Artifact } from "../../../lib/db/client";
import { statConfined } from "../../../lib/hosts/confined-read";
import { JobError } from "../../../lib/errors";
import { customCodeOf, customCodeRefusal, detectCustomCode } from "../../../lib/models/custom-code";
import { readJsonObjectFile } from "../../../lib/models/hf/read-json-file";
import type { JobContext } from "../../job-context";
import { mergeArtifactMetadata } from "../../../lib/models/register-artifact";

/**
 * What the converter will read, checked before it runs: the converter opens every file in the
 * folder itself, so a link out of the storage roots is refused here (without naming its
 * target), and Python the folder carries is re-detected on disk, since files can appear after
 * import; the API's check alone would trust a stale flag.
 */
export async function checkSourceFolder(ctx: JobContext<{ allowCustomCode?: boolean }>, dir: string, src: Artifact): Promise<void> {
  const roots = ctx.host.storageRoots;
  const names: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    names.push(entry.name);
    if (!entry.isSymbolicLink()) continue;
    const full = path.join(dir, entry.name);
    const err = await statConfined(full, roots).then(() => null, (e: unknown) => e);
    if (err instanceof JobError && err.code === "path_outside_roots") {
      throw new JobError("path_outside_roots", `${full} points outside the storage roots; the converter would read it`, err.hint);
    }
  }

  const config = await readJsonObjectFile(path.join(dir, "config.json"), roots);
  if (!config.ok) {
    throw new JobError("not_hf_model", `${dir} ${config.missing ? "has no config.json" : `has a config.json that ${config.reason}`}`, "Point at the folder that holds config.json and the safetensors weights.");
  }
  const tok = await readJsonObjectFile(path.join(dir, "tokenizer_config.json"), roots);
  const code = detectCustomCode([config.value, tok.ok ? tok.value : null], names) ?? customCodeOf(src.metadata);
  if (!code) return;
  const refusal = customCodeRefusal(src.name, code, ctx.payload.allowCustomCode);
  if (refusal) {
    // Keep the model page truthful when the code arrived after import.
    if (!customCodeOf(src.metadata)) await mergeArtifactMetadata(src.id, { customCode: code });
    throw refusal;
  }
  ctx.log(`the folder carries its own Python code (${[...code.autoMap, ...code.pythonFiles].join(", ")}); converting with the user's recorded confirmation`);
}
