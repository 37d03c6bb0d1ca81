import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MAX_SAFETENSORS_HEADER_BYTES,
  SafetensorsFormatError,
  readSafetensorsHeader,
  readSafetensorsIndex,
} from "../../lib/models/safetensors";

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "modelyard-st-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const BYTES: Record<string, number> = { F32: 4, F16: 2, BF16: 2, I64: 8, U8: 1 };

type T = { dtype: string; shape: number[] };

/** Lay tensors out back to back, as the reference writer does; data is sparse zeros. */
async function writeSafetensors(
  file: string,
  tensors: Record<string, T>,
  opts: { metadata?: Record<string, string>; cutDataBy?: number; rawHeader?: unknown; dataBytes?: number } = {},
): Promise<void> {
  const header: Record<string, unknown> = {};
  if (opts.metadata) header.__metadata__ = opts.metadata;
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const n = t.shape.reduce((a, b) => a * b, 1) * (BYTES[t.dtype] ?? 1);
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + n] };
    offset += n;
  }
  let json = Buffer.from(JSON.stringify(opts.rawHeader ?? header), "utf8");
  // Reference files pad the header with spaces to an 8-byte boundary.
  json = Buffer.concat([json, Buffer.alloc((8 - (json.length % 8)) % 8, 0x20)]);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  await writeFile(file, Buffer.concat([len, json]));
  const fh = await open(file, "r+");
  await fh.truncate(8 + json.length + (opts.dataBytes ?? offset) - (opts.cutDataBy ?? 0));
  await fh.close();
}

async function errorOf(p: Promise<unknown>): Promise<SafetensorsFormatError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(SafetensorsFormatError);
  return e as SafetensorsFormatError;
}

describe("readSafetensorsHeader", () => {
  it("lists tensors and counts parameters per dtype", async () => {
    const file = path.join(tmp, "model.safetensors");
    await writeSafetensors(
      file,
      {
        "model.embed_tokens.weight": { dtype: "BF16", shape: [100, 16] },
        "model.norm.weight": { dtype: "F32", shape: [16] },
        "lm_head.weight": { dtype: "BF16", shape: [100, 16] },
        "step": { dtype: "I64", shape: [] },
      },
      { metadata: { format: "pt" } },
    );
    const h = await readSafetensorsHeader(file);
    expect(h.tensorCount).toBe(4);
    expect(h.parameterCount).toBe(1600 + 16 + 1600 + 1);
    expect(h.dtypes).toEqual({ BF16: { count: 2, parameters: 3200 }, F32: { count: 1, parameters: 16 }, I64: { count: 1, parameters: 1 } });
    expect(h.metadata).toEqual({ format: "pt" });
    expect(h.tensors[1]).toEqual({ name: "model.norm.weight", dtype: "F32", shape: [16], parameters: 16, dataOffsets: [3200, 3264] });
    expect(h.headerSize % 8).toBe(0);
  });

  it("returns null metadata when the header has none", async () => {
    const file = path.join(tmp, "nometa.safetensors");
    await writeSafetensors(file, { w: { dtype: "F16", shape: [2, 2] } });
    expect((await readSafetensorsHeader(file)).metadata).toBeNull();
  });

  it("reads only the header of a multi-GB (sparse) file", async () => {
    const file = path.join(tmp, "big.safetensors");
    await writeSafetensors(file, { w: { dtype: "BF16", shape: [65536, 49152] } });
    const started = Date.now();
    const h = await readSafetensorsHeader(file);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(h.parameterCount).toBe(65536 * 49152);
    expect(h.fileSize).toBeGreaterThan(6 * 2 ** 30);
  });

  it("detects a truncated data section", async () => {
    const file = path.join(tmp, "cut.safetensors");
    await writeSafetensors(file, { a: { dtype: "F32", shape: [10] }, b: { dtype: "F32", shape: [10] } }, { cutDataBy: 4 });
    const e = await errorOf(readSafetensorsHeader(file));
    expect(e.message).toContain(file);
    expect(e.message).toMatch(/truncated: tensor "b" data ends at 80/);
  });

  it("rejects oversized, short, and malformed headers", async () => {
    const huge = path.join(tmp, "huge-header.safetensors");
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(MAX_SAFETENSORS_HEADER_BYTES + 1));
    await writeFile(huge, Buffer.concat([len, Buffer.from("{}")]));
    expect((await errorOf(readSafetensorsHeader(huge))).message).toMatch(/exceeds the 100000000-byte limit/);

    const short = path.join(tmp, "short.safetensors");
    len.writeBigUInt64LE(1000n);
    await writeFile(short, Buffer.concat([len, Buffer.from('{"a":')]));
    expect((await errorOf(readSafetensorsHeader(short))).message).toMatch(/truncated: header needs 1000 bytes/);

    const tiny = path.join(tmp, "tiny.safetensors");
    await writeFile(tiny, "abc");
    expect((await errorOf(readSafetensorsHeader(tiny))).message).toMatch(/too short/);

    const notJson = path.join(tmp, "notjson.safetensors");
    len.writeBigUInt64LE(4n);
    await writeFile(notJson, Buffer.concat([len, Buffer.from("{nop")]));
    expect((await errorOf(readSafetensorsHeader(notJson))).message).toMatch(/not valid JSON/);

    const badEntry = path.join(tmp, "bad-entry.safetensors");
    await writeSafetensors(badEntry, {}, { rawHeader: { w: { dtype: "F32", shape: [-1], data_offsets: [0, 4] } } });
    expect((await errorOf(readSafetensorsHeader(badEntry))).message).toMatch(/tensor "w" entry is malformed: shape/);

    const badSpan = path.join(tmp, "bad-span.safetensors");
    await writeSafetensors(badSpan, {}, { rawHeader: { w: { dtype: "F32", shape: [4], data_offsets: [0, 8] } }, dataBytes: 64 });
    expect((await errorOf(readSafetensorsHeader(badSpan))).message).toMatch(/spans 8 bytes but F32\[4\] needs 16/);

    const badMeta = path.join(tmp, "bad-meta.safetensors");
    await writeSafetensors(badMeta, {}, { rawHeader: { __metadata__: { n: 1 } } });
    expect((await errorOf(readSafetensorsHeader(badMeta))).message).toMatch(/__metadata__ must map strings to strings/);
  });
});

describe("readSafetensorsIndex", () => {
  async function shardedModel(dir: string, weightMap: Record<string, string>) {
    await writeSafetensors(path.join(dir, "model-00001-of-00002.safetensors"), {
      "model.embed_tokens.weight": { dtype: "BF16", shape: [100, 16] },
      "model.layers.0.weight": { dtype: "BF16", shape: [16, 16] },
    });
    await writeSafetensors(path.join(dir, "model-00002-of-00002.safetensors"), {
      "model.norm.weight": { dtype: "F32", shape: [16] },
      "lm_head.weight": { dtype: "BF16", shape: [100, 16] },
    });
    const index = path.join(dir, "model.safetensors.index.json");
    await writeFile(index, JSON.stringify({ metadata: { total_size: 6976 }, weight_map: weightMap }));
    return index;
  }

  const goodMap = {
    "model.embed_tokens.weight": "model-00001-of-00002.safetensors",
    "model.layers.0.weight": "model-00001-of-00002.safetensors",
    "model.norm.weight": "model-00002-of-00002.safetensors",
    "lm_head.weight": "model-00002-of-00002.safetensors",
  };

  it("sums over the unique shard files", async () => {
    const dir = await mkdtemp(path.join(tmp, "sharded-"));
    const index = await shardedModel(dir, goodMap);
    const s = await readSafetensorsIndex(index);
    expect(s.sharded).toBe(true);
    expect(s.files.map((f) => path.basename(f))).toEqual(["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"]);
    expect(s.headers).toHaveLength(2);
    expect(s.tensorCount).toBe(4);
    expect(s.parameterCount).toBe(1600 + 256 + 16 + 1600);
    expect(s.dtypes).toEqual({ BF16: { count: 3, parameters: 3456 }, F32: { count: 1, parameters: 16 } });
    expect(s.dominantDtype).toBe("BF16");
    expect(s.indexTotalSize).toBe(6976);
    expect(s.warnings).toEqual([]);
  });

  it("warns when a shard lacks a tensor the index assigns to it", async () => {
    const dir = await mkdtemp(path.join(tmp, "mismatch-"));
    const index = await shardedModel(dir, { ...goodMap, "lm_head.weight": "model-00001-of-00002.safetensors" });
    const s = await readSafetensorsIndex(index);
    expect(s.warnings).toEqual([expect.stringContaining('model-00001-of-00002.safetensors lacks 1 tensor(s) the index assigns to it, e.g. "lm_head.weight"')]);
  });

  it("refuses shard paths outside the model directory and missing shards", async () => {
    const dir = await mkdtemp(path.join(tmp, "escape-"));
    const index = await shardedModel(dir, { w: "../../etc/passwd" });
    await expect(readSafetensorsIndex(index)).rejects.toThrow(/outside the model directory/);
    const index2 = await shardedModel(dir, { w: "model-00009-of-00009.safetensors" });
    await expect(readSafetensorsIndex(index2)).rejects.toThrow(/ENOENT/);
  });

  it("rejects an index without a weight_map", async () => {
    const file = path.join(tmp, "bad.index.json");
    await writeFile(file, JSON.stringify({ metadata: {} }));
    await expect(readSafetensorsIndex(file)).rejects.toThrow(SafetensorsFormatError);
  });
});
