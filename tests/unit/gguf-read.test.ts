import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GgufFormatError, readGgufHeader } from "../../lib/models/gguf";
import type { GgufArray, GgufHeader } from "../../lib/models/gguf";
import { buildGguf, gv, writeGgufFixture, type GgufFixtureSpec } from "./gguf-fixture-writer";

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "modelyard-gguf-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const CHAT_TEMPLATE = "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}";
const TOKENS = Array.from({ length: 100 }, (_, i) => (i === 0 ? "<|endoftext|>" : `tok${i}`));
const LONG_STRING = "é".repeat(3000); // 6000 UTF-8 bytes: longer than the small test buffers

function richSpec(version = 3): GgufFixtureSpec {
  return {
    version,
    kv: [
      ["general.architecture", gv.str("llama")],
      ["general.name", gv.str("Tiny Test 🦙")],
      ["general.file_type", gv.u32(15)],
      ["general.quantization_version", gv.u32(2)],
      ["llama.context_length", gv.u32(4096)],
      ["llama.rope.freq_base", gv.f32(10000.5)],
      ["llama.attention.layer_norm_rms_epsilon", gv.f32(1e-5)],
      ["test.u8", gv.u8(255)],
      ["test.i8", gv.i8(-128)],
      ["test.u16", gv.u16(65535)],
      ["test.i16", gv.i16(-32768)],
      ["test.i32", gv.i32(-2147483648)],
      ["test.u64.small", gv.u64(1234567890123n)],
      ["test.u64.huge", gv.u64(18446744073709551615n)],
      ["test.i64", gv.i64(-9007199254740993n)],
      ["test.f64", gv.f64(Math.PI)],
      ["test.true", gv.bool(true)],
      ["test.false", gv.bool(false)],
      ["test.empty_string", gv.str("")],
      ["test.long_string", gv.str(LONG_STRING)],
      ["test.empty_array", gv.arr("u32", [])],
      ["test.floats", gv.arr("f32", [0.5, -1.25, 3])],
      ["test.bools", gv.arr("bool", [true, false, true])],
      [
        "test.nested",
        gv.arr("array", [gv.arr("i32", [1, 2, 3]), gv.arr("string", ["a", "b"]), gv.arr("i32", [])]),
      ],
      ["tokenizer.ggml.tokens", gv.arr("string", TOKENS)],
      ["tokenizer.ggml.token_type", gv.arr("i32", TOKENS.map((_, i) => (i === 0 ? 3 : 1)))],
      ["tokenizer.ggml.scores", gv.arr("f64", TOKENS.map((_, i) => -i))],
      ["tokenizer.chat_template", gv.str(CHAT_TEMPLATE)],
      ["__proto__", gv.str("just a key")],
    ],
    tensors: [
      { name: "token_embd.weight", dims: [64, 100], ggmlType: 8 }, // Q8_0
      { name: "blk.0.attn_norm.weight", dims: [64], ggmlType: 0 }, // F32
      { name: "blk.0.attn_q.weight", dims: [64, 64], ggmlType: 3 }, // Q4_1
      { name: "blk.0.ffn_up.weight", dims: [64, 128], ggmlType: 3 }, // Q4_1
      { name: "output_norm.weight", dims: [64], ggmlType: 0 }, // F32
    ],
  };
}

async function fixture(name: string, spec: GgufFixtureSpec, opts?: { truncateAt?: number }) {
  const file = path.join(tmp, name);
  const built = await writeGgufFixture(file, spec, opts);
  return { file, built };
}

async function expectFormatError(p: Promise<unknown>): Promise<GgufFormatError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GgufFormatError);
  return err as GgufFormatError;
}

describe("readGgufHeader on a rich v3 file", () => {
  let file: string;
  let h: GgufHeader;
  const expectedParams = 64 * 100 + 64 + 64 * 64 + 64 * 128 + 64;

  beforeAll(async () => {
    ({ file } = await fixture("rich.gguf", richSpec()));
    h = await readGgufHeader(file);
  });

  it("reads the fixed header and derived fields", async () => {
    expect(h.version).toBe(3);
    expect(h.tensorCount).toBe(5);
    expect(h.architecture).toBe("llama");
    expect(h.name).toBe("Tiny Test 🦙");
    expect(h.contextLength).toBe(4096);
    expect(h.chatTemplate).toBe(CHAT_TEMPLATE);
    expect(h.quantizationVersion).toBe(2);
    expect(h.fileType).toEqual({ id: 15, name: "Q4_K_M" });
    expect(h.fileSize).toBe((await stat(file)).size);
    expect(h.alignment).toBe(32);
  });

  it("decodes every scalar type", () => {
    const m = h.metadata;
    expect(m["test.u8"]).toBe(255);
    expect(m["test.i8"]).toBe(-128);
    expect(m["test.u16"]).toBe(65535);
    expect(m["test.i16"]).toBe(-32768);
    expect(m["test.i32"]).toBe(-2147483648);
    expect(m["test.u64.small"]).toBe(1234567890123);
    // Values a double cannot hold exactly stay bigint rather than silently rounding.
    expect(m["test.u64.huge"]).toBe(18446744073709551615n);
    expect(m["test.i64"]).toBe(-9007199254740993n);
    expect(m["test.f64"]).toBe(Math.PI);
    expect(m["llama.rope.freq_base"]).toBe(10000.5);
    expect(m["llama.attention.layer_norm_rms_epsilon"]).toBeCloseTo(1e-5, 10);
    expect(m["test.true"]).toBe(true);
    expect(m["test.false"]).toBe(false);
    expect(m["test.empty_string"]).toBe("");
    expect(m["test.long_string"]).toBe(LONG_STRING);
    expect(m["__proto__"]).toBe("just a key");
    expect(Object.keys(m)).toContain("__proto__");
    expect(Object.getPrototypeOf(m)).toBe(Object.prototype); // plain object, safe to hand to RSC
    expect(JSON.parse(JSON.stringify(m, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)))["__proto__"]).toBe("just a key");
  });

  it("summarises arrays, keeping only the first items of large ones", () => {
    const tokens = h.metadata["tokenizer.ggml.tokens"] as GgufArray;
    expect(tokens).toEqual({ type: "array", itemType: "STRING", length: 100, items: TOKENS.slice(0, 16), truncated: true });
    const types = h.metadata["tokenizer.ggml.token_type"] as GgufArray;
    expect(types.itemType).toBe("INT32");
    expect(types.length).toBe(100);
    expect(types.items).toHaveLength(16);
    expect((h.metadata["tokenizer.ggml.scores"] as GgufArray).items.slice(0, 3)).toEqual([-0, -1, -2]);
    expect(h.metadata["test.empty_array"]).toEqual({ type: "array", itemType: "UINT32", length: 0, items: [], truncated: false });
    expect(h.metadata["test.floats"]).toEqual({ type: "array", itemType: "FLOAT32", length: 3, items: [0.5, -1.25, 3], truncated: false });
    expect((h.metadata["test.bools"] as GgufArray).items).toEqual([true, false, true]);
  });

  it("reads nested arrays", () => {
    const nested = h.metadata["test.nested"] as GgufArray;
    expect(nested.itemType).toBe("ARRAY");
    expect(nested.length).toBe(3);
    expect(nested.items).toEqual([
      { type: "array", itemType: "INT32", length: 3, items: [1, 2, 3], truncated: false },
      { type: "array", itemType: "STRING", length: 2, items: ["a", "b"], truncated: false },
      { type: "array", itemType: "INT32", length: 0, items: [], truncated: false },
    ]);
  });

  it("sums parameters and counts tensors per ggml type", () => {
    expect(h.parameterCount).toBe(expectedParams);
    expect(h.tensors.parameterCount).toBe(expectedParams);
    expect(h.tensors.count).toBe(5);
    expect(h.tensors.byType).toEqual({
      Q8_0: { count: 1, parameters: 6400 },
      F32: { count: 2, parameters: 128 },
      Q4_1: { count: 2, parameters: 64 * 64 + 64 * 128 },
    });
    const built = buildGguf(richSpec());
    expect(h.tensors.dataOffset).toBe(built.dataOffset);
    expect(h.tensors.dataOffset % 32).toBe(0);
    expect(h.tensors.dataSize).toBe(built.dataSize);
    expect(h.tensors.infos).toBeUndefined();
  });

  it("returns tensor infos on request", async () => {
    const withInfos = await readGgufHeader(file, { includeTensorInfos: true });
    expect(withInfos.tensors.infos).toHaveLength(5);
    expect(withInfos.tensors.infos![2]).toEqual({
      name: "blk.0.attn_q.weight",
      dims: [64, 64],
      ggmlType: 3,
      ggmlTypeName: "Q4_1",
      offset: 6816 + 256, // Q8_0 data (6800 bytes, padded to 6816) then the F32 norm (256 bytes)
      parameters: 4096,
    });
  });

  it("honours maxArrayItems, including 0", async () => {
    const three = await readGgufHeader(file, { maxArrayItems: 3 });
    expect((three.metadata["tokenizer.ggml.tokens"] as GgufArray).items).toEqual(TOKENS.slice(0, 3));
    expect((three.metadata["test.floats"] as GgufArray).truncated).toBe(false);
    const none = await readGgufHeader(file, { maxArrayItems: 0 });
    const tokens = none.metadata["tokenizer.ggml.tokens"] as GgufArray;
    expect(tokens.items).toEqual([]);
    expect(tokens.length).toBe(100);
    expect(none.chatTemplate).toBe(CHAT_TEMPLATE); // later keys still parse after skipping
  });

  it("gives identical results with tiny read buffers (every field straddles a refill)", async () => {
    for (const bufferSize of [16, 17, 23, 64, 4096]) {
      const small = await readGgufHeader(file, { bufferSize });
      expect(small).toEqual(h);
    }
  });
});

describe("readGgufHeader versions and byte order", () => {
  it("reads GGUF v2", async () => {
    const { file } = await fixture("v2.gguf", richSpec(2));
    const h = await readGgufHeader(file);
    expect(h.version).toBe(2);
    expect(h.architecture).toBe("llama");
  });

  it("rejects big-endian files by their byte-swapped version", async () => {
    const { file } = await fixture("be.gguf", { ...richSpec(3), bigEndian: true });
    const err = await expectFormatError(readGgufHeader(file));
    expect(err.message).toMatch(/big-endian/);
    expect(err.message).toContain(file);
    expect(err.offset).toBe(4);
  });

  it("rejects a byte-swapped magic as big-endian", async () => {
    const { file } = await fixture("fugg.gguf", { magic: "FUGG" });
    expect((await expectFormatError(readGgufHeader(file))).message).toMatch(/big-endian/);
  });

  it("rejects v1 and unknown versions", async () => {
    const v1 = await fixture("v1.gguf", { version: 1 });
    expect((await expectFormatError(readGgufHeader(v1.file))).message).toMatch(/v1 is obsolete/);
    const v9 = await fixture("v9.gguf", { version: 9 });
    expect((await expectFormatError(readGgufHeader(v9.file))).message).toMatch(/unsupported GGUF version 9/);
  });

  it("rejects bad magic, naming the file and offset 0", async () => {
    const file = path.join(tmp, "not-gguf.bin");
    await writeFile(file, Buffer.from("PK\x03\x04 this is a zip, not a model"));
    const err = await expectFormatError(readGgufHeader(file));
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/offset 0/);
    expect(err.message).toMatch(/bad magic 0x504b0304/);
  });

  it("rejects empty and tiny files", async () => {
    const empty = path.join(tmp, "empty.gguf");
    await writeFile(empty, "");
    expect((await expectFormatError(readGgufHeader(empty))).message).toMatch(/empty/);
    const tiny = path.join(tmp, "tiny.gguf");
    await writeFile(tiny, "GG");
    expect((await expectFormatError(readGgufHeader(tiny))).message).toMatch(/bad magic|truncated/);
  });
});

describe("readGgufHeader on truncated and corrupt files", () => {
  it("reports a clear truncation error at every cut inside the header", async () => {
    const spec = richSpec();
    const built = buildGguf(spec);
    const file = path.join(tmp, "cut.gguf");
    // Every cut point near field boundaries and a stride through the rest keeps this fast.
    const cuts = new Set<number>();
    for (let i = 4; i < built.header.length; i += 29) cuts.add(i);
    for (let i = 0; i < 40; i++) cuts.add(i + 4).add(built.header.length - 1 - i);
    for (const cut of cuts) {
      await writeFile(file, built.header.subarray(0, cut));
      const err = await expectFormatError(readGgufHeader(file, { bufferSize: 64 }));
      expect(err.message, `cut at ${cut}`).toMatch(/truncated/);
      expect(err.message).toContain(file);
      expect(err.offset).toBeLessThanOrEqual(cut);
    }
  });

  it("rejects a file whose tensor data is cut short, unless asked not to", async () => {
    const built = buildGguf(richSpec());
    const { file } = await fixture("short-data.gguf", richSpec(), { truncateAt: built.totalSize - 100 });
    const err = await expectFormatError(readGgufHeader(file));
    expect(err.message).toMatch(/truncated: tensor data should end at offset \d+/);
    expect(err.message).toMatch(/incomplete download/);
    const h = await readGgufHeader(file, { allowTruncatedData: true });
    expect(h.parameterCount).toBe(built.parameterCount);
  });

  it("fails fast on an absurd array length instead of looping", async () => {
    const built = buildGguf({ kv: [["a", gv.arr("u8", [1, 2, 3])]] });
    const hdr = Buffer.from(built.header);
    // magic(4) version(4) counts(16) key len(8) "a"(1) type(4) itemtype(4) -> length field
    hdr.writeBigUInt64LE(1n << 50n, 4 + 4 + 16 + 8 + 1 + 4 + 4);
    const file = path.join(tmp, "absurd.gguf");
    await writeFile(file, hdr);
    const started = Date.now();
    const err = await expectFormatError(readGgufHeader(file));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(err.message).toMatch(/declares \d+ item/);
  });

  it("rejects counts that cannot fit in the file", async () => {
    const { file } = await fixture("lying-counts.gguf", { kvCountOverride: 1n << 40n });
    expect((await expectFormatError(readGgufHeader(file))).message).toMatch(/cannot fit/);
  });

  it("rejects duplicate keys, unknown value types and bad alignment", async () => {
    const dup = await fixture("dup.gguf", { kv: [["k", gv.u8(1)], ["k", gv.u8(2)]] });
    expect((await expectFormatError(readGgufHeader(dup.file))).message).toMatch(/duplicate metadata key "k"/);
    const unk = await fixture("unk.gguf", { kv: [["k", { type: 42, value: 0 }]] });
    expect((await expectFormatError(readGgufHeader(unk.file))).message).toMatch(/unknown value type 42/);
    const align = await fixture("align.gguf", { kv: [["general.alignment", gv.u32(48)]] });
    expect((await expectFormatError(readGgufHeader(align.file))).message).toMatch(/power of two/);
  });

  it("rejects tensors with too many dims or misaligned offsets", async () => {
    const dims = await fixture("dims.gguf", { tensors: [{ name: "t", dims: [1, 1, 1, 1, 1], ggmlType: 0 }] });
    expect((await expectFormatError(readGgufHeader(dims.file))).message).toMatch(/5 dimensions/);
    const off = await fixture("off.gguf", { tensors: [{ name: "t", dims: [8], ggmlType: 0, offset: 4 }] });
    expect((await expectFormatError(readGgufHeader(off.file))).message).toMatch(/not a multiple of the alignment 32/);
  });
});

describe("readGgufHeader layout details", () => {
  it("respects a custom general.alignment", async () => {
    const spec: GgufFixtureSpec = {
      alignment: 64,
      kv: [["general.alignment", gv.u32(64)]],
      tensors: [
        { name: "a", dims: [3], ggmlType: 0 },
        { name: "b", dims: [5], ggmlType: 0 },
      ],
    };
    const { file, built } = await fixture("align64.gguf", spec);
    const h = await readGgufHeader(file, { includeTensorInfos: true });
    expect(h.alignment).toBe(64);
    expect(h.tensors.dataOffset).toBe(built.dataOffset);
    expect(h.tensors.dataOffset % 64).toBe(0);
    expect(h.tensors.infos!.map((t) => t.offset)).toEqual([0, 64]);
  });

  it("labels unknown ggml types and stops claiming a data size", async () => {
    const { file } = await fixture("unknown-type.gguf", {
      tensors: [
        { name: "a", dims: [32], ggmlType: 0 },
        { name: "b", dims: [32], ggmlType: 99 },
      ],
    });
    const h = await readGgufHeader(file);
    expect(h.tensors.byType["UNKNOWN_99"]).toEqual({ count: 1, parameters: 32 });
    expect(h.tensors.dataSize).toBeNull();
  });

  it("leaves derived fields null when metadata is absent, and names unknown file types null", async () => {
    const { file } = await fixture("bare.gguf", { kv: [["general.file_type", gv.u32(999)]] });
    const h = await readGgufHeader(file);
    expect(h.architecture).toBeNull();
    expect(h.name).toBeNull();
    expect(h.contextLength).toBeNull();
    expect(h.chatTemplate).toBeNull();
    expect(h.quantizationVersion).toBeNull();
    expect(h.fileType).toEqual({ id: 999, name: null });
    expect(h.parameterCount).toBe(0);
  });

  it("reads the header of a multi-GB (sparse) file without reading its data", async () => {
    // 49152 x 65536 BF16 = 6 GiB of declared tensor data; the file is sparse so costs no disk.
    const spec: GgufFixtureSpec = {
      kv: [["general.architecture", gv.str("llama")], ["general.file_type", gv.u32(32)]],
      tensors: [{ name: "token_embd.weight", dims: [49152, 65536], ggmlType: 30 }],
    };
    const { file, built } = await fixture("huge.gguf", spec);
    expect(built.totalSize).toBeGreaterThan(6 * 2 ** 30);
    const started = Date.now();
    const h = await readGgufHeader(file);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(h.fileSize).toBe(built.totalSize);
    expect(h.parameterCount).toBe(49152 * 65536);
    expect(h.fileType).toEqual({ id: 32, name: "BF16" });
  });
});
