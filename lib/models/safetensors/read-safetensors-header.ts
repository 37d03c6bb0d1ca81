import type { FileHandle } from "node:fs/promises";
import { z } from "zod";
import { JobError } from "../../errors";
import { openConfined, ownFolderRoots, READ_CAPS } from "../../hosts/confined-read";
import { SAFETENSORS_DTYPE_BYTES } from "./safetensors-dtypes";
import { SafetensorsFormatError } from "./safetensors-format-error";
import type { SafetensorsDtypeStats, SafetensorsHeader, SafetensorsTensor } from "./safetensors-types";

/** Same bound as the reference implementation: a larger header is corruption or an attack. */
export const MAX_SAFETENSORS_HEADER_BYTES = 100_000_000;

const TensorEntrySchema = z.object({
  dtype: z.string().min(1),
  shape: z.array(z.number().int().nonnegative()),
  data_offsets: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
});

const MetadataSchema = z.record(z.string(), z.string());

async function readExactly(
  handle: FileHandle,
  length: number,
  position: number,
): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await handle.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

/**
 * Read a .safetensors file's header (8-byte little-endian length + JSON) and summarise its
 * tensors. Only the header is read; the data section is merely bounds-checked against the
 * file size, which is how an interrupted download is detected. The file must resolve inside
 * `roots` (default: its own folder); a link out of them throws `path_outside_roots`.
 */
export async function readSafetensorsHeader(filePath: string, opts: { roots?: string[] } = {}): Promise<SafetensorsHeader> {
  const fail = (detail: string) => new SafetensorsFormatError(filePath, detail);
  const opened = await openConfined(filePath, { roots: opts.roots ?? ownFolderRoots(filePath), maxBytes: READ_CAPS.weights }).catch((e) => {
    // A shard named by the index but not on disk is a broken model, not a worker fault.
    if (e instanceof JobError && e.code === "path_not_found") throw fail("file does not exist (ENOENT)");
    throw e;
  });
  const handle = opened.handle;
  let json: unknown;
  const fileSize = opened.size;
  let headerSize: number;
  try {
    if (fileSize < 8) throw fail(`file is ${fileSize} bytes, too short for the 8-byte header length`);
    const lenBuf = await readExactly(handle, 8, 0);
    const declared = lenBuf.readBigUInt64LE(0);
    if (declared > BigInt(MAX_SAFETENSORS_HEADER_BYTES)) {
      throw fail(`header length ${declared} exceeds the ${MAX_SAFETENSORS_HEADER_BYTES}-byte limit (corrupt file or not safetensors)`);
    }
    headerSize = Number(declared);
    if (headerSize < 2) throw fail(`header length ${headerSize} is too small for a JSON object`);
    if (8 + headerSize > fileSize) {
      throw fail(`file is truncated: header needs ${headerSize} bytes after the length prefix but the file is ${fileSize} bytes`);
    }
    const headerBuf = await readExactly(handle, headerSize, 8);
    if (headerBuf.length < headerSize) throw fail(`file is truncated while reading the ${headerSize}-byte header`);
    const text = headerBuf.toString("utf8");
    if (!text.startsWith("{")) throw fail("header does not start with '{' (not a safetensors file?)");
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw fail(`header is not valid JSON: ${(e as Error).message}`);
    }
  } finally {
    await handle.close();
  }

  if (typeof json !== "object" || json === null || Array.isArray(json)) throw fail("header is not a JSON object");

  const dataSize = fileSize - 8 - headerSize;
  let metadata: Record<string, string> | null = null;
  const tensors: SafetensorsTensor[] = [];
  const dtypes: Record<string, SafetensorsDtypeStats> = {};
  let parameterCount = 0;
  for (const [name, raw] of Object.entries(json as Record<string, unknown>)) {
    if (name === "__metadata__") {
      const parsed = MetadataSchema.safeParse(raw);
      if (!parsed.success) throw fail("__metadata__ must map strings to strings");
      metadata = parsed.data;
      continue;
    }
    const parsed = TensorEntrySchema.safeParse(raw);
    if (!parsed.success) {
      throw fail(`tensor "${name}" entry is malformed: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    }
    const { dtype, shape, data_offsets: [begin, end] } = parsed.data;
    const parameters = shape.reduce((a, b) => a * b, 1);
    if (end < begin) throw fail(`tensor "${name}" has data_offsets [${begin}, ${end}] with end before begin`);
    if (end > dataSize) {
      throw fail(`file is truncated: tensor "${name}" data ends at ${end} but the data section is only ${dataSize} bytes (incomplete download?)`);
    }
    const elemBytes = SAFETENSORS_DTYPE_BYTES[dtype];
    if (elemBytes !== undefined && end - begin !== parameters * elemBytes) {
      throw fail(`tensor "${name}" spans ${end - begin} bytes but ${dtype}[${shape.join(", ")}] needs ${parameters * elemBytes}`);
    }
    tensors.push({ name, dtype, shape, parameters, dataOffsets: [begin, end] });
    parameterCount += parameters;
    const stats = (dtypes[dtype] ??= { count: 0, parameters: 0 });
    stats.count += 1;
    stats.parameters += parameters;
  }

  return { filePath, fileSize, headerSize, tensorCount: tensors.length, tensors, parameterCount, dtypes, metadata };
}
