import { createHash } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { db } from "../../../lib/db/client";
import { JobError } from "../../../lib/errors";
import { realRoots } from "../../../lib/hosts/confined-read";
import { resolveOutputInsideRoots } from "../../../lib/hosts/storage-paths";
import type { JobContext } from "../../job-context";

/** Chunks fetched per query: a few MiB in memory at a time, whatever the file's size. */
const CHUNKS_PER_QUERY = 4;

/**
 * Writes a browser upload (UploadChunk rows) into `<first storage root>/datasets/` under a name
 * that cannot collide, checks the hash the web server recorded, and deletes the rows. The
 * temp file is renamed into place only when complete, so a crash never leaves half a dataset.
 */
export async function writeUploadIntoRoot(ctx: JobContext, uploadId: string, fileName: string): Promise<string> {
  const upload = await db.upload.findUnique({ where: { id: uploadId } });
  if (!upload || upload.hostId !== ctx.host.id) {
    throw new JobError("upload_not_found", `Upload ${uploadId} does not exist for this host`, "Upload the file again.");
  }
  if (!upload.complete) throw new JobError("upload_incomplete", "The upload did not finish", "Upload the file again.");
  const [root] = await realRoots(ctx.host.storageRoots);
  if (!root) throw new JobError("no_storage_roots", `Host ${ctx.host.name} has no storage roots`, "Set MODELYARD_STORAGE_ROOTS on the worker.");
  await mkdir(path.join(root, "datasets"), { recursive: true });
  const ext = path.extname(fileName).toLowerCase();
  const stem = path.basename(fileName, path.extname(fileName)).replace(/[^A-Za-z0-9_.-]+/g, "_").slice(0, 80) || "dataset";
  const target = await resolveOutputInsideRoots(path.join(root, "datasets", `${stem}-${uploadId.slice(-8)}${ext}`), ctx.host.storageRoots);
  const temp = `${target}.part`;
  const hash = createHash("sha256");
  const out = await open(temp, "wx", 0o640);
  let written = 0;
  try {
    for (let seq = 0; ; seq += CHUNKS_PER_QUERY) {
      const chunks = await db.uploadChunk.findMany({ where: { uploadId, seq: { gte: seq, lt: seq + CHUNKS_PER_QUERY } }, orderBy: { seq: "asc" } });
      if (!chunks.length) break;
      for (const c of chunks) {
        hash.update(c.data);
        await out.write(c.data);
        written += c.data.byteLength;
      }
      ctx.progress(0.05 + 0.25 * (written / Math.max(1, Number(upload.sizeBytes))), "writing the upload");
    }
    await out.close();
    if (written !== Number(upload.sizeBytes) || hash.digest("hex") !== upload.sha256) {
      throw new JobError("upload_corrupt", "The stored upload does not match what the browser sent", "Upload the file again.");
    }
    await rename(temp, target);
  } catch (err) {
    await out.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw err;
  }
  await db.upload.delete({ where: { id: uploadId } }).catch(() => undefined);
  ctx.log(`wrote the upload (${written} bytes) to ${target}`);
  return target;
}
