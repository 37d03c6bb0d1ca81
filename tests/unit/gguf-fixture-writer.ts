import { open, writeFile } from "node:fs/promises";

/**
 * Minimal GGUF writer for tests. Written independently of the reader (its own type ids and
 * block sizes) so a shared misunderstanding cannot make both sides agree on a wrong format.
 */

const T = {
  u8: 0,
  i8: 1,
  u16: 2,
  i16: 3,
  u32: 4,
  i32: 5,
  f32: 6,
  bool: 7,
  string: 8,
  array: 9,
  u64: 10,
  i64: 11,
  f64: 12,
} as const;

export type FixtureTypeName = keyof typeof T;

export interface FixtureValue {
  type: FixtureTypeName | number;
  value: unknown;
  /** For arrays: the element type. */
  itemType?: FixtureTypeName | number;
}

export const gv = {
  u8: (v: number): FixtureValue => ({ type: "u8", value: v }),
  i8: (v: number): FixtureValue => ({ type: "i8", value: v }),
  u16: (v: number): FixtureValue => ({ type: "u16", value: v }),
  i16: (v: number): FixtureValue => ({ type: "i16", value: v }),
  u32: (v: number): FixtureValue => ({ type: "u32", value: v }),
  i32: (v: number): FixtureValue => ({ type: "i32", value: v }),
  f32: (v: number): FixtureValue => ({ type: "f32", value: v }),
  f64: (v: number): FixtureValue => ({ type: "f64", value: v }),
  u64: (v: bigint | number): FixtureValue => ({ type: "u64", value: BigInt(v) }),
  i64: (v: bigint | number): FixtureValue => ({ type: "i64", value: BigInt(v) }),
  bool: (v: boolean): FixtureValue => ({ type: "bool", value: v }),
  str: (v: string): FixtureValue => ({ type: "string", value: v }),
  /** items are raw JS values for scalar item types, FixtureValue arrays for nested arrays. */
  arr: (itemType: FixtureTypeName, items: unknown[]): FixtureValue => ({ type: "array", itemType, value: items }),
};

/** [elements per block, bytes per block] for the ggml types the fixtures use. */
const BLOCKS: Record<number, [number, number]> = {
  0: [1, 4], // F32
  1: [1, 2], // F16
  3: [32, 20], // Q4_1
  8: [32, 34], // Q8_0
  12: [256, 144], // Q4_K
  30: [1, 2], // BF16
};

export interface FixtureTensor {
  name: string;
  dims: number[];
  ggmlType: number;
  /** Override the computed offset (to write deliberately broken files). */
  offset?: number;
}

export interface GgufFixtureSpec {
  magic?: string;
  version?: number;
  bigEndian?: boolean;
  kv?: Array<[string, FixtureValue]>;
  tensors?: FixtureTensor[];
  /** Must match any general.alignment in kv; used to place tensor data. */
  alignment?: number;
  /** Override the stored counts (to write lying headers). */
  tensorCountOverride?: bigint;
  kvCountOverride?: bigint;
}

class Out {
  private parts: Buffer[] = [];
  length = 0;
  constructor(private readonly be: boolean) {}
  push(b: Buffer) {
    this.parts.push(b);
    this.length += b.length;
  }
  num(type: FixtureTypeName, v: unknown) {
    const sizes: Record<string, number> = { u8: 1, i8: 1, bool: 1, u16: 2, i16: 2, u32: 4, i32: 4, f32: 4, u64: 8, i64: 8, f64: 8 };
    const b = Buffer.alloc(sizes[type]!);
    const be = this.be;
    switch (type) {
      case "u8": b.writeUInt8(v as number); break;
      case "i8": b.writeInt8(v as number); break;
      case "bool": b.writeUInt8(v ? 1 : 0); break;
      case "u16": be ? b.writeUInt16BE(v as number) : b.writeUInt16LE(v as number); break;
      case "i16": be ? b.writeInt16BE(v as number) : b.writeInt16LE(v as number); break;
      case "u32": be ? b.writeUInt32BE(v as number) : b.writeUInt32LE(v as number); break;
      case "i32": be ? b.writeInt32BE(v as number) : b.writeInt32LE(v as number); break;
      case "f32": be ? b.writeFloatBE(v as number) : b.writeFloatLE(v as number); break;
      case "f64": be ? b.writeDoubleBE(v as number) : b.writeDoubleLE(v as number); break;
      case "u64": be ? b.writeBigUInt64BE(BigInt(v as bigint)) : b.writeBigUInt64LE(BigInt(v as bigint)); break;
      case "i64": be ? b.writeBigInt64BE(BigInt(v as bigint)) : b.writeBigInt64LE(BigInt(v as bigint)); break;
      default: throw new Error(`not a number type: ${type}`);
    }
    this.push(b);
  }
  str(s: string) {
    const bytes = Buffer.from(s, "utf8");
    this.num("u64", BigInt(bytes.length));
    this.push(bytes);
  }
  concat(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function typeId(t: FixtureTypeName | number): number {
  return typeof t === "number" ? t : T[t];
}

function typeName(t: FixtureTypeName | number): FixtureTypeName {
  if (typeof t === "string") return t;
  const hit = (Object.keys(T) as FixtureTypeName[]).find((k) => T[k] === t);
  if (!hit) throw new Error(`unknown fixture type ${t}`);
  return hit;
}

function writeValue(out: Out, v: FixtureValue) {
  // A raw id the format does not define: write only the type tag (in the caller) and no body.
  if (typeof v.type === "number" && !Object.values(T).includes(v.type as never)) return;
  const name = typeName(v.type);
  if (name === "string") out.str(v.value as string);
  else if (name === "array") {
    const itemType = v.itemType ?? "u8";
    out.num("u32", typeId(itemType));
    const items = v.value as unknown[];
    out.num("u64", BigInt(items.length));
    for (const item of items) {
      if (typeName(itemType) === "array") writeValue(out, item as FixtureValue);
      else writeValue(out, { type: itemType, value: item });
    }
  } else out.num(name, v.value);
}

export interface BuiltGguf {
  header: Buffer;
  dataOffset: number;
  dataSize: number;
  /** Size of a complete file: header, padding and all tensor data. */
  totalSize: number;
  parameterCount: number;
}

export function tensorBytes(t: FixtureTensor): number {
  const [block, bytes] = BLOCKS[t.ggmlType] ?? [1, 1];
  return (t.dims.reduce((a, b) => a * b, 1) / block) * bytes;
}

export function buildGguf(spec: GgufFixtureSpec): BuiltGguf {
  const out = new Out(spec.bigEndian ?? false);
  const alignment = spec.alignment ?? 32;
  const kv = spec.kv ?? [];
  const tensors = spec.tensors ?? [];
  out.push(Buffer.from(spec.magic ?? "GGUF", "latin1"));
  out.num("u32", spec.version ?? 3);
  out.num("u64", spec.tensorCountOverride ?? BigInt(tensors.length));
  out.num("u64", spec.kvCountOverride ?? BigInt(kv.length));
  for (const [key, value] of kv) {
    out.str(key);
    out.num("u32", typeId(value.type));
    writeValue(out, value);
  }
  let cursor = 0;
  let parameterCount = 0;
  let dataSize = 0;
  for (const t of tensors) {
    out.str(t.name);
    out.num("u32", t.dims.length);
    for (const d of t.dims) out.num("u64", BigInt(d));
    out.num("u32", t.ggmlType);
    const offset = t.offset ?? cursor;
    out.num("u64", BigInt(offset));
    dataSize = Math.max(dataSize, offset + tensorBytes(t));
    cursor = Math.ceil((offset + tensorBytes(t)) / alignment) * alignment;
    parameterCount += t.dims.reduce((a, b) => a * b, 1);
  }
  const header = out.concat();
  const dataOffset = Math.ceil(header.length / alignment) * alignment;
  return { header, dataOffset, dataSize, totalSize: dataOffset + dataSize, parameterCount };
}

/**
 * Write a GGUF fixture. Tensor data is zeros produced by extending the file, which makes a
 * sparse file: a "multi-GB" fixture costs no disk and proves the reader never reads data.
 * `truncateAt` cuts the file to that many bytes instead.
 */
export async function writeGgufFixture(
  filePath: string,
  spec: GgufFixtureSpec,
  opts: { truncateAt?: number } = {},
): Promise<BuiltGguf> {
  const built = buildGguf(spec);
  await writeFile(filePath, built.header);
  const fh = await open(filePath, "r+");
  try {
    await fh.truncate(opts.truncateAt ?? built.totalSize);
  } finally {
    await fh.close();
  }
  return built;
}
