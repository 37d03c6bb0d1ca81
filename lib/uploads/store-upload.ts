import { createHash } from "node:crypto";
import { db } from "../db/client";
import { AppError } from "../errors";

/** Bytes per stored chunk: large enough to keep rows few, small enough for one query's memory. */
export const UPLOAD_CHUNK_BYTES = 1 << 20;

/** The largest upload the dashboard accepts; bigger files are copied to the host and registered by path. */
export const MAX_UPLOAD_BYTES = Number(process.env.MODELYARD_MAX_UPLOAD_MB ?? 512) * (1 << 20);

const tooLarge = () =>
  new AppError(413, "body_too_large", `The file is larger than ${MAX_UPLOAD_BYTES} bytes`, "Copy large files to the host and register them by path instead.");

/**
 * Streams a request body into UploadChunk rows (1 MiB each) while hashing it, so the web server
 * never holds the file and the host's worker (which reaches PostgreSQL, not this server's disk)
 * can write it into a storage root. A body that breaks off or exceeds the limit leaves nothing.
 */
export async function storeUpload(request: Request, input: { hostId: string; fileName: string; userId: string }) {
  if (!request.body) throw new AppError(400, "empty_upload", "The upload has no body", "Send the file's bytes as the request body.");
  const upload = await db.upload.create({ data: { hostId: input.hostId, fileName: input.fileName, createdById: input.userId } });
  const hash = createHash("sha256");
  let seq = 0;
  let total = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (!pendingBytes) return;
    const data = Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    await db.uploadChunk.create({ data: { uploadId: upload.id, seq: seq++, data } });
  };
  try {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_UPLOAD_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      hash.update(value);
      pending.push(Buffer.from(value));
      pendingBytes += value.byteLength;
      if (pendingBytes >= UPLOAD_CHUNK_BYTES) await flush();
    }
    await flush();
    if (total === 0) throw new AppError(400, "empty_upload", "The uploaded file is empty", "Choose a file with at least one row.");
    return await db.upload.update({ where: { id: upload.id }, data: { complete: true, sizeBytes: BigInt(total), sha256: hash.digest("hex") } });
  } catch (err) {
    await db.upload.delete({ where: { id: upload.id } }).catch(() => undefined);
    throw err;
  }
}
