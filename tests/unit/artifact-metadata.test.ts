import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkArtifactMetadata, readArtifactMetadata } from "../../lib/models/artifact-metadata";
import { describeGguf, describeHfDir } from "../../lib/models/describe-model";
import { gv, writeGgufFixture } from "./gguf-fixture-writer";

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "modelyard-meta-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("Artifact.metadata", () => {
  it("reads a quantized GGUF row as written today", () => {
    const row = {
      format: "gguf",
      ggufVersion: 3,
      tensorCount: 2,
      tensorTypes: { Q4_K: { count: 1, parameters: 4096 }, F32: { count: 1, parameters: 64 } },
      quantizationVersion: 2,
      fileTypeId: 15,
      keys: { "general.architecture": "llama", "test.u64.huge": "18446744073709551615" },
      conversion: {
        step: "quantize",
        type: "Q4_K_M",
        baseName: "smollm2",
        stem: "smollm2",
        sourceArtifactId: "a1",
        sourcePrecision: "F16",
        sourcePath: "/m/smollm2-f16.gguf",
        allowRequantize: false,
        imatrix: null,
        estimatedBitsPerWeight: 4.89,
        reportedBitsPerWeight: 4.9,
        fallbackTensors: 0,
        fallbacks: [],
        durationMs: 1200,
      },
      evaluation: { perplexity: 12.5, pplError: 0.3, textFile: "/t.txt", contextSize: 512, chunks: 4, bitsPerWeight: 4.9, sizeBytes: 10, baseline: false, jobId: "j", evaluatedAt: "2026-01-01T00:00:00Z", durationMs: 5 },
      imatrix: { path: "/m/x.imatrix", textFile: "/t.txt", chunks: null, contextSize: 512, jobId: "j", createdAt: "2026-01-01T00:00:00Z" },
    };
    const m = readArtifactMetadata(row);
    expect(m).toEqual(row);
    expect(checkArtifactMetadata(m)).toEqual(row);
    expect(m.conversion?.baseName).toBe("smollm2");
    expect(m.evaluation?.perplexity).toBe(12.5);
  });

  it("tolerates older rows: parts with fewer fields, keys this version does not name", () => {
    const old = {
      format: "hf",
      tokenizer: { files: ["tokenizer.json"], tokenizerClass: "GPT2Tokenizer" },
      weights: { format: "safetensors", dtypes: { BF16: { count: 3, parameters: 2112 } } },
      evaluation: { perplexity: 9.1, textFile: "/t.txt", contextSize: 256 },
      conversion: { step: "convert", type: "F16", baseName: "tiny" },
      imatrix: { path: "/m/x.imatrix", textFile: "/t.txt" },
      somethingRetired: { a: 1 },
    };
    const m = readArtifactMetadata(old);
    expect(m).toEqual(old);
    expect(m.weights?.dtypes).toEqual({ BF16: { count: 3, parameters: 2112 } });
  });

  it("drops only the part that no longer fits, and reads a non-object as empty", () => {
    const m = readArtifactMetadata({ warnings: ["no tokenizer"], evaluation: { perplexity: "high" }, imatrix: "yes", tensorTypes: { F16: { count: 1, parameters: 2 } } });
    expect(m).toEqual({ warnings: ["no tokenizer"], tensorTypes: { F16: { count: 1, parameters: 2 } } });
    expect(readArtifactMetadata(null)).toEqual({});
    expect(readArtifactMetadata([1, 2])).toEqual({});
    expect(readArtifactMetadata("x")).toEqual({});
  });

  it("writers are checked: a malformed part is refused before it is stored", () => {
    expect(() => checkArtifactMetadata({ evaluation: { perplexity: "high" } } as never)).toThrow();
    expect(() => checkArtifactMetadata({ conversion: { step: "merge" } } as never)).toThrow();
  });

  it("what describeGguf and describeHfDir produce fits the schema", async () => {
    const file = path.join(tmp, "tiny.gguf");
    await writeGgufFixture(file, {
      version: 3,
      kv: [
        ["general.architecture", gv.str("llama")],
        ["general.file_type", gv.u32(1)],
        ["general.quantization_version", gv.u32(2)],
        ["test.u64.huge", gv.u64(18446744073709551615n)],
      ],
      tensors: [{ name: "token_embd.weight", dims: [64, 100], ggmlType: 1 }],
    });
    const g = await describeGguf(file, [tmp]);
    expect(checkArtifactMetadata(g.metadata)).toEqual(g.metadata);
    expect(readArtifactMetadata(g.metadata).tensorTypes).toEqual({ F16: { count: 1, parameters: 6400 } });

    const dir = path.join(tmp, "hf");
    await mkdir(dir);
    await writeFile(path.join(dir, "config.json"), JSON.stringify({ architectures: ["LlamaForCausalLM"], model_type: "llama", torch_dtype: "bfloat16", auto_map: { AutoModel: "modeling_x.XModel" } }));
    await writeFile(path.join(dir, "modeling_x.py"), "");
    const h = await describeHfDir(dir, [tmp]);
    expect(checkArtifactMetadata(h.metadata)).toEqual(h.metadata);
    expect(readArtifactMetadata(h.metadata).customCode).toEqual({ autoMap: ["modeling_x.XModel"], pythonFiles: ["modeling_x.py"] });
  });
});
