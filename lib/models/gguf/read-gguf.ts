import { openConfined, ownFolderRoots, READ_CAPS } from "../../hosts/confined-read";
import { BufferedFileReader } from "./buffered-file-reader";
import { GGML_TYPES, ggmlTypeName } from "./ggml-types";
import { GgufFormatError } from "./gguf-format-error";
import {
  GGUF_VALUE_TYPES,
  type GgufArray,
  type GgufHeader,
  type GgufTensorInfo,
  type GgufTypeStats,
  type GgufValue,
  type GgufValueTypeName,
  type ReadGgufOptions,
} from "./gguf-types";
import { LLAMA_FILE_TYPES } from "./llama-file-types";

const DEFAULT_MAX_ARRAY_ITEMS = 16;
const DEFAULT_BUFFER_SIZE = 1 << 20;
const DEFAULT_ALIGNMENT = 32;
/** ggml's GGML_MAX_DIMS; llama.cpp refuses tensors with more. */
const MAX_DIMS = 4;
/** Real files nest at most one level; the cap only stops a corrupt file recursing forever. */
const MAX_ARRAY_NESTING = 16;
/** Longest single string we are willing to hold; chat templates are ~10 KB, this is ~6000x. */
const MAX_KEPT_STRING_BYTES = 64 << 20;

const TYPE_NAME_BY_ID: ReadonlyMap<number, GgufValueTypeName> = new Map(
  Object.entries(GGUF_VALUE_TYPES).map(([name, id]) => [id, name as GgufValueTypeName]),
);

/** Encoded size of fixed-width value types; variable-width types are absent. */
const FIXED_SIZE: ReadonlyMap<number, number> = new Map([
  [GGUF_VALUE_TYPES.UINT8, 1],
  [GGUF_VALUE_TYPES.INT8, 1],
  [GGUF_VALUE_TYPES.UINT16, 2],
  [GGUF_VALUE_TYPES.INT16, 2],
  [GGUF_VALUE_TYPES.UINT32, 4],
  [GGUF_VALUE_TYPES.INT32, 4],
  [GGUF_VALUE_TYPES.FLOAT32, 4],
  [GGUF_VALUE_TYPES.BOOL, 1],
  [GGUF_VALUE_TYPES.UINT64, 8],
  [GGUF_VALUE_TYPES.INT64, 8],
  [GGUF_VALUE_TYPES.FLOAT64, 8],
]);

/** Smallest possible encoding, used to reject absurd counts before looping over them. */
function minEncodedSize(type: number): number {
  if (type === GGUF_VALUE_TYPES.STRING) return 8;
  if (type === GGUF_VALUE_TYPES.ARRAY) return 12;
  return FIXED_SIZE.get(type) ?? 1;
}

/**
 * Parse a GGUF (v2/v3, little-endian) header: metadata and tensor infos, never tensor data.
 * Large arrays (vocabularies, merges) are reduced to their length plus a few leading items,
 * so memory stays small however big the vocabulary is.
 */
export async function readGgufHeader(filePath: string, opts: ReadGgufOptions = {}): Promise<GgufHeader> {
  const maxArrayItems = Math.max(0, Math.floor(opts.maxArrayItems ?? DEFAULT_MAX_ARRAY_ITEMS));
  const { handle, size: fileSize } = await openConfined(filePath, { roots: opts.roots ?? ownFolderRoots(filePath), maxBytes: READ_CAPS.weights });
  try {
    const r = new BufferedFileReader(handle, filePath, fileSize, opts.bufferSize ?? DEFAULT_BUFFER_SIZE);
    return await parse(r, maxArrayItems, opts);
  } finally {
    await handle.close();
  }
}

function toSafeNumber(r: BufferedFileReader, v: bigint, what: string, offset: number): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw r.error(`${what} is ${v}, which is not a plausible value (corrupt file?)`, offset);
  }
  return Number(v);
}

async function readU64AsNumber(r: BufferedFileReader, what: string): Promise<number> {
  if (!r.has(8)) await r.fill(8, what);
  const at = r.pos;
  return toSafeNumber(r, r.u64(), what, at);
}

async function readString(r: BufferedFileReader, what: string): Promise<string> {
  const len = await readU64AsNumber(r, `length of ${what}`);
  if (len > MAX_KEPT_STRING_BYTES && r.pos + len <= r.fileSize) {
    throw r.error(`${what} is ${len} bytes long, over the ${MAX_KEPT_STRING_BYTES}-byte limit for a header string`);
  }
  if (!r.has(len)) await r.fill(len, what);
  return r.utf8(len);
}

async function skipString(r: BufferedFileReader, what: string): Promise<void> {
  const len = await readU64AsNumber(r, `length of ${what}`);
  r.skip(len, what);
}

function int64ToValue(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

async function readValue(
  r: BufferedFileReader,
  type: number,
  what: string,
  maxArrayItems: number,
  depth: number,
): Promise<GgufValue> {
  if (type === GGUF_VALUE_TYPES.STRING) return readString(r, what);
  if (type === GGUF_VALUE_TYPES.ARRAY) return readArray(r, what, maxArrayItems, depth + 1);
  const size = FIXED_SIZE.get(type);
  if (size === undefined) throw r.error(`${what} has unknown value type ${type}`);
  if (!r.has(size)) await r.fill(size, what);
  switch (type) {
    case GGUF_VALUE_TYPES.UINT8:
      return r.u8();
    case GGUF_VALUE_TYPES.INT8:
      return r.i8();
    case GGUF_VALUE_TYPES.UINT16:
      return r.u16();
    case GGUF_VALUE_TYPES.INT16:
      return r.i16();
    case GGUF_VALUE_TYPES.UINT32:
      return r.u32();
    case GGUF_VALUE_TYPES.INT32:
      return r.i32();
    case GGUF_VALUE_TYPES.FLOAT32:
      return r.f32();
    case GGUF_VALUE_TYPES.BOOL:
      // The spec says 0 or 1; llama.cpp reads it as a byte, so be as tolerant.
      return r.u8() !== 0;
    case GGUF_VALUE_TYPES.UINT64:
      return int64ToValue(r.u64());
    case GGUF_VALUE_TYPES.INT64:
      return int64ToValue(r.i64());
    default:
      return r.f64();
  }
}

/** Move past a value without materialising it: fixed-width runs are skipped in one step. */
async function skipValues(
  r: BufferedFileReader,
  type: number,
  count: number,
  what: string,
  depth: number,
): Promise<void> {
  const size = FIXED_SIZE.get(type);
  if (size !== undefined) {
    r.skip(size * count, what);
    return;
  }
  for (let i = 0; i < count; i++) {
    if (type === GGUF_VALUE_TYPES.STRING) {
      await skipString(r, `${what} item`);
    } else if (type === GGUF_VALUE_TYPES.ARRAY) {
      const { itemType, length } = await readArrayPrefix(r, `${what} item`, depth + 1);
      await skipValues(r, itemType, length, `${what} item`, depth + 1);
    } else {
      throw r.error(`${what} has unknown value type ${type}`);
    }
  }
}

async function readArrayPrefix(
  r: BufferedFileReader,
  what: string,
  depth: number,
): Promise<{ itemType: number; length: number }> {
  if (depth > MAX_ARRAY_NESTING) throw r.error(`${what} nests arrays more than ${MAX_ARRAY_NESTING} deep`);
  const start = r.pos;
  if (!r.has(12)) await r.fill(12, `type and length of ${what}`);
  const itemType = r.u32();
  if (!TYPE_NAME_BY_ID.has(itemType)) throw r.error(`${what} has unknown item type ${itemType}`, start);
  const lenAt = r.pos;
  const length = toSafeNumber(r, r.u64(), `length of ${what}`, lenAt);
  // A corrupt length would otherwise have us loop for hours before hitting end of file.
  const minBytes = length * minEncodedSize(itemType);
  if (r.pos + minBytes > r.fileSize) {
    throw r.error(
      `file is truncated: ${what} declares ${length} item(s), at least ${minBytes} bytes, but the file ends at offset ${r.fileSize}`,
      lenAt,
    );
  }
  return { itemType, length };
}

async function readArray(
  r: BufferedFileReader,
  what: string,
  maxArrayItems: number,
  depth: number,
): Promise<GgufArray> {
  const { itemType, length } = await readArrayPrefix(r, what, depth);
  const keep = Math.min(length, maxArrayItems);
  const items: GgufValue[] = [];
  for (let i = 0; i < keep; i++) {
    items.push(await readValue(r, itemType, `${what}[${i}]`, maxArrayItems, depth));
  }
  await skipValues(r, itemType, length - keep, what, depth);
  return {
    type: "array",
    itemType: TYPE_NAME_BY_ID.get(itemType)!,
    length,
    items,
    truncated: keep < length,
  };
}

async function readHeaderStart(r: BufferedFileReader): Promise<{ version: 2 | 3; tensorCount: number; kvCount: number }> {
  if (r.fileSize === 0) throw r.error("file is empty", 0);
  await r.fill(Math.min(4, r.fileSize), "magic");
  const magic = r.bytes(Math.min(4, r.fileSize));
  const magicText = magic.toString("latin1");
  if (magicText === "FUGG") {
    throw r.error("magic is byte-swapped (\"FUGG\"): big-endian GGUF files are not supported", 0);
  }
  if (magicText !== "GGUF") {
    throw r.error(`bad magic 0x${magic.toString("hex")}; expected "GGUF" (0x47475546), not a GGUF file`, 0);
  }
  await r.fill(4, "version");
  const version = r.u32();
  if (version !== 2 && version !== 3) {
    const swapped = Buffer.alloc(4);
    swapped.writeUInt32BE(version);
    const be = swapped.readUInt32LE();
    if ((version & 0xffff) === 0 && be >= 1 && be <= 0xffff) {
      throw r.error(`version field reads as ${version} little-endian but ${be} big-endian: big-endian GGUF files are not supported`, 4);
    }
    if (version === 1) {
      throw r.error("GGUF v1 is obsolete (32-bit counts, dropped by llama.cpp); re-convert the model", 4);
    }
    throw r.error(`unsupported GGUF version ${version}; only versions 2 and 3 are supported`, 4);
  }
  const tensorCount = await readU64AsNumber(r, "tensor count");
  const kvCount = await readU64AsNumber(r, "metadata key/value count");
  // Each tensor info and key/value pair occupies a minimum number of bytes; counts that
  // cannot fit in the file mean corruption, and we say so before allocating or looping.
  if (tensorCount * 24 + kvCount * 13 > r.fileSize) {
    throw r.error(
      `header claims ${tensorCount} tensors and ${kvCount} metadata entries, which cannot fit in ${r.fileSize} bytes (corrupt or truncated file)`,
      8,
    );
  }
  return { version, tensorCount, kvCount };
}

function metaString(metadata: Record<string, GgufValue>, key: string): string | null {
  const v = metadata[key];
  return typeof v === "string" ? v : null;
}

function metaNumber(metadata: Record<string, GgufValue>, key: string): number | null {
  const v = metadata[key];
  return typeof v === "number" ? v : null;
}

async function parse(r: BufferedFileReader, maxArrayItems: number, opts: ReadGgufOptions): Promise<GgufHeader> {
  const { version, tensorCount, kvCount } = await readHeaderStart(r);

  // A plain object (React Server Components refuse null-prototype objects), filled with
  // defineProperty so a "__proto__" key from the file stays data instead of a prototype swap.
  const metadata: Record<string, GgufValue> = {};
  let alignment = DEFAULT_ALIGNMENT;
  for (let i = 0; i < kvCount; i++) {
    const keyAt = r.pos;
    const key = await readString(r, `key of metadata entry ${i}`);
    if (Object.prototype.hasOwnProperty.call(metadata, key)) {
      throw r.error(`duplicate metadata key "${key}"`, keyAt);
    }
    const typeAt = r.pos;
    if (!r.has(4)) await r.fill(4, `value type of "${key}"`);
    const type = r.u32();
    if (!TYPE_NAME_BY_ID.has(type)) throw r.error(`metadata key "${key}" has unknown value type ${type}`, typeAt);
    const value = await readValue(r, type, `value of "${key}"`, maxArrayItems, 0);
    if (key === "general.alignment") {
      // Tensor offsets depend on it, so a bad value would silently misplace everything.
      if (type !== GGUF_VALUE_TYPES.UINT32 || typeof value !== "number" || value === 0 || (value & (value - 1)) !== 0) {
        throw r.error(`general.alignment must be a non-zero power of two stored as uint32, got ${String(value)}`, typeAt);
      }
      alignment = value;
    }
    Object.defineProperty(metadata, key, { value, enumerable: true, writable: true, configurable: true });
  }

  const byType: Record<string, GgufTypeStats> = {};
  const infos: GgufTensorInfo[] = [];
  const seenNames = new Set<string>();
  let parameterCount = 0;
  let dataSize: number | null = 0;
  for (let i = 0; i < tensorCount; i++) {
    const infoAt = r.pos;
    const name = await readString(r, `name of tensor ${i}`);
    if (seenNames.has(name)) throw r.error(`duplicate tensor name "${name}"`, infoAt);
    seenNames.add(name);
    if (!r.has(4)) await r.fill(4, `dimension count of tensor "${name}"`);
    const nDimsAt = r.pos;
    const nDims = r.u32();
    if (nDims > MAX_DIMS) throw r.error(`tensor "${name}" has ${nDims} dimensions; at most ${MAX_DIMS} are allowed`, nDimsAt);
    const dims: number[] = [];
    let parameters = 1;
    for (let d = 0; d < nDims; d++) {
      const dim = await readU64AsNumber(r, `dimension ${d} of tensor "${name}"`);
      dims.push(dim);
      parameters *= dim;
    }
    if (!Number.isSafeInteger(parameters)) {
      throw r.error(`tensor "${name}" has an implausible shape [${dims.join(", ")}]`, nDimsAt);
    }
    if (!r.has(12)) await r.fill(12, `type and offset of tensor "${name}"`);
    const typeAt = r.pos;
    const ggmlType = r.u32();
    const offset = await readU64AsNumber(r, `data offset of tensor "${name}"`);
    if (offset % alignment !== 0) {
      throw r.error(`tensor "${name}" data offset ${offset} is not a multiple of the alignment ${alignment}`, typeAt + 4);
    }

    const typeName = ggmlTypeName(ggmlType);
    const info = GGML_TYPES[ggmlType];
    if (info?.blockSize && info.typeSize && dataSize !== null) {
      if ((dims[0] ?? 1) % info.blockSize !== 0) {
        throw r.error(
          `tensor "${name}" of type ${typeName} has a first dimension of ${dims[0]}, not a multiple of its block size ${info.blockSize}`,
          typeAt,
        );
      }
      dataSize = Math.max(dataSize, offset + (parameters / info.blockSize) * info.typeSize);
    } else {
      // Without the block geometry we cannot tell where the data ends; report unknown.
      dataSize = null;
    }

    parameterCount += parameters;
    const stats = (byType[typeName] ??= { count: 0, parameters: 0 });
    stats.count += 1;
    stats.parameters += parameters;
    if (opts.includeTensorInfos) infos.push({ name, dims, ggmlType, ggmlTypeName: typeName, offset, parameters });
  }

  const dataOffset = Math.ceil(r.pos / alignment) * alignment;
  if (tensorCount > 0 && dataSize !== null && !opts.allowTruncatedData) {
    const expectedEnd = dataOffset + dataSize;
    if (expectedEnd > r.fileSize) {
      const pct = ((100 * Math.max(0, r.fileSize - dataOffset)) / Math.max(1, dataSize)).toFixed(1);
      throw new GgufFormatError(
        r.filePath,
        r.fileSize,
        `file is truncated: tensor data should end at offset ${expectedEnd} but the file is ${r.fileSize} bytes (${pct}% of tensor data present; incomplete download?)`,
      );
    }
  }

  const architecture = metaString(metadata, "general.architecture");
  const fileTypeId = metaNumber(metadata, "general.file_type");
  return {
    filePath: r.filePath,
    fileSize: r.fileSize,
    version,
    tensorCount,
    metadata,
    alignment,
    tensors: {
      count: tensorCount,
      parameterCount,
      byType,
      dataOffset,
      dataSize,
      ...(opts.includeTensorInfos ? { infos } : {}),
    },
    architecture,
    name: metaString(metadata, "general.name"),
    parameterCount,
    fileType: {
      id: fileTypeId,
      name: fileTypeId === null ? null : (LLAMA_FILE_TYPES[fileTypeId]?.name ?? null),
    },
    contextLength: architecture ? metaNumber(metadata, `${architecture}.context_length`) : null,
    chatTemplate: metaString(metadata, "tokenizer.chat_template"),
    quantizationVersion: metaNumber(metadata, "general.quantization_version"),
  };
}
