import { mkdir, mkdtemp, open, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HfModelInfoSchema, NotAnHfModelError, inspectHfModelDir, measureDirSize } from "../../lib/models/hf";
import { ConvertModelInputSchema, ModelConvertPayloadSchema } from "../../lib/jobs/kinds/model-convert";
import { customCodeOf, customCodeRefusal, detectCustomCode } from "../../lib/models/custom-code";

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "modelyard-hf-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const BYTES: Record<string, number> = { F32: 4, F16: 2, BF16: 2 };

/** Minimal safetensors writer (tensors back to back, zero data). */
async function writeSafetensors(file: string, tensors: Record<string, { dtype: string; shape: number[] }>) {
  const header: Record<string, unknown> = {};
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const n = t.shape.reduce((a, b) => a * b, 1) * BYTES[t.dtype]!;
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + n] };
    offset += n;
  }
  const json = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  await writeFile(file, Buffer.concat([len, json]));
  const fh = await open(file, "r+");
  await fh.truncate(8 + json.length + offset);
  await fh.close();
}

const json = (file: string, value: unknown) => writeFile(file, JSON.stringify(value, null, 2));

const TEMPLATE = "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}";

async function makeModelDir(name: string): Promise<string> {
  const dir = path.join(tmp, name);
  await mkdir(dir, { recursive: true });
  await json(path.join(dir, "config.json"), {
    architectures: ["LlamaForCausalLM"],
    model_type: "llama",
    max_position_embeddings: 8192,
    hidden_size: 16,
    num_hidden_layers: 2,
    vocab_size: 100,
    torch_dtype: "bfloat16",
    tie_word_embeddings: true,
  });
  await json(path.join(dir, "generation_config.json"), { bos_token_id: 1, eos_token_id: 2, temperature: 0.2 });
  await json(path.join(dir, "tokenizer.json"), { version: "1.0", model: { type: "BPE", vocab: {} } });
  await json(path.join(dir, "tokenizer_config.json"), {
    tokenizer_class: "GPT2Tokenizer",
    bos_token: "<|im_start|>",
    eos_token: { content: "<|im_end|>", __type: "AddedToken" },
    chat_template: TEMPLATE,
  });
  await json(path.join(dir, "special_tokens_map.json"), { eos_token: "<|im_end|>" });
  await writeFile(path.join(dir, "vocab.json"), "{}");
  await writeFile(path.join(dir, "merges.txt"), "#version: 0.2\n");
  await writeFile(path.join(dir, "README.md"), "# tiny\n");
  await writeSafetensors(path.join(dir, "model.safetensors"), {
    "model.embed_tokens.weight": { dtype: "BF16", shape: [100, 16] },
    "model.layers.0.self_attn.q_proj.weight": { dtype: "BF16", shape: [16, 16] },
    "model.layers.1.self_attn.q_proj.weight": { dtype: "BF16", shape: [16, 16] },
    "model.norm.weight": { dtype: "F32", shape: [16] },
  });
  return dir;
}

async function totalSize(dir: string, names: string[]): Promise<number> {
  let total = 0;
  for (const n of names) total += (await stat(path.join(dir, n))).size;
  return total;
}

describe("inspectHfModelDir on a model directory", () => {
  it("describes config, tokenizer, chat template, weights and size", async () => {
    const dir = await makeModelDir("plain");
    const info = await inspectHfModelDir(dir);
    expect(HfModelInfoSchema.safeParse(info).success).toBe(true);
    expect(info.kind).toBe("hf-model");
    expect(info.adapter).toBeNull();
    expect(info.architecture).toBe("LlamaForCausalLM");
    expect(info.architectures).toEqual(["LlamaForCausalLM"]);
    expect(info.modelType).toBe("llama");
    expect(info.contextLength).toBe(8192);
    expect(info.vocabSize).toBe(100);
    expect(info.hiddenSize).toBe(16);
    expect(info.numLayers).toBe(2);
    expect(info.parameterCount).toBe(1600 + 256 + 256 + 16);
    expect(info.dtype).toBe("BF16");
    expect(info.dtypeSource).toBe("safetensors");
    expect(info.weights).toEqual({
      format: "safetensors",
      files: ["model.safetensors"],
      sharded: false,
      tensorCount: 4,
      totalFileSize: (await stat(path.join(dir, "model.safetensors"))).size,
      dtypes: { BF16: { count: 3, parameters: 2112 }, F32: { count: 1, parameters: 16 } },
    });
    expect(info.tokenizer).toEqual({
      files: ["merges.txt", "special_tokens_map.json", "tokenizer.json", "tokenizer_config.json", "vocab.json"],
      hasVocabulary: true,
      tokenizerClass: "GPT2Tokenizer",
      bosToken: "<|im_start|>",
      eosToken: "<|im_end|>",
    });
    expect(info.chatTemplate).toBe(TEMPLATE);
    expect(info.chatTemplateSource).toBe("tokenizer_config.json");
    expect(info.generationConfig).toEqual({ bos_token_id: 1, eos_token_id: 2, temperature: 0.2 });
    expect(info.config?.tie_word_embeddings).toBe(true);
    const all = ["config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.json", "merges.txt", "README.md", "model.safetensors"];
    expect(info.fileCount).toBe(all.length);
    expect(info.sizeBytes).toBe(await totalSize(dir, all));
    expect(info.sizeComplete).toBe(true);
    expect(info.warnings).toEqual([]);
  });

  it("prefers chat_template.jinja, and picks the 'default' named template otherwise", async () => {
    const dir = await makeModelDir("templates");
    await json(path.join(dir, "tokenizer_config.json"), {
      chat_template: [
        { name: "tool_use", template: "TOOLS" },
        { name: "default", template: "DEFAULT" },
      ],
    });
    let info = await inspectHfModelDir(dir);
    expect(info.chatTemplate).toBe("DEFAULT");
    expect(info.chatTemplateSource).toBe("tokenizer_config.json");
    expect(info.chatTemplateNames).toEqual(["tool_use", "default"]);

    await mkdir(path.join(dir, "additional_chat_templates"));
    await writeFile(path.join(dir, "additional_chat_templates", "rag.jinja"), "RAG");
    await writeFile(path.join(dir, "chat_template.jinja"), "FROM JINJA");
    info = await inspectHfModelDir(dir);
    expect(info.chatTemplate).toBe("FROM JINJA");
    expect(info.chatTemplateSource).toBe("chat_template.jinja");
    expect(info.chatTemplateNames).toEqual(["tool_use", "default", "rag"]);
  });

  it("falls back to chat_template.json, and reports no template when there is none", async () => {
    const dir = await makeModelDir("processor");
    await json(path.join(dir, "tokenizer_config.json"), { tokenizer_class: "X" });
    let info = await inspectHfModelDir(dir);
    expect(info.chatTemplate).toBeNull();
    expect(info.chatTemplateSource).toBeNull();
    await json(path.join(dir, "chat_template.json"), { chat_template: "PROCESSOR" });
    info = await inspectHfModelDir(dir);
    expect(info.chatTemplate).toBe("PROCESSOR");
    expect(info.chatTemplateSource).toBe("chat_template.json");
  });

  it("sums sharded weights through the index", async () => {
    const dir = path.join(tmp, "sharded");
    await mkdir(dir);
    await json(path.join(dir, "config.json"), { architectures: ["MistralForCausalLM"], model_type: "mistral", dtype: "bfloat16" });
    await writeSafetensors(path.join(dir, "model-00001-of-00002.safetensors"), { a: { dtype: "BF16", shape: [10, 10] } });
    await writeSafetensors(path.join(dir, "model-00002-of-00002.safetensors"), { b: { dtype: "BF16", shape: [5] } });
    // A consolidated copy of the same weights must not be double counted.
    await writeSafetensors(path.join(dir, "consolidated.safetensors"), { a: { dtype: "BF16", shape: [10, 10] }, b: { dtype: "BF16", shape: [5] } });
    await json(path.join(dir, "model.safetensors.index.json"), {
      metadata: { total_size: 210 },
      weight_map: { a: "model-00001-of-00002.safetensors", b: "model-00002-of-00002.safetensors" },
    });
    const info = await inspectHfModelDir(dir);
    expect(info.parameterCount).toBe(105);
    expect(info.weights?.sharded).toBe(true);
    expect(info.weights?.files).toEqual(["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"]);
    expect(info.warnings).toContain("no tokenizer vocabulary file found");
  });

  it("takes dtype from config when there are no safetensors, and lists other weight files", async () => {
    const dir = path.join(tmp, "bin-only");
    await mkdir(dir);
    await json(path.join(dir, "config.json"), { architectures: ["GPT2LMHeadModel"], model_type: "gpt2", n_positions: 1024, dtype: "float16" });
    await writeFile(path.join(dir, "pytorch_model.bin"), "x");
    await writeFile(path.join(dir, "training_args.bin"), "x");
    const info = await inspectHfModelDir(dir);
    expect(info.contextLength).toBe(1024);
    expect(info.parameterCount).toBeNull();
    expect(info.weights).toBeNull();
    expect(info.dtype).toBe("F16");
    expect(info.dtypeSource).toBe("config");
    expect(info.otherWeightFiles).toEqual(["pytorch_model.bin"]);
    expect(info.warnings).toContain("no *.safetensors weights; only other formats");
  });

  it("reads nested text_config for multimodal configs", async () => {
    const dir = path.join(tmp, "multimodal");
    await mkdir(dir);
    await json(path.join(dir, "config.json"), {
      architectures: ["Gemma3ForConditionalGeneration"],
      model_type: "gemma3",
      text_config: { max_position_embeddings: 131072, hidden_size: 2560, torch_dtype: "bfloat16" },
    });
    const info = await inspectHfModelDir(dir);
    expect(info.contextLength).toBe(131072);
    expect(info.hiddenSize).toBe(2560);
    expect(info.dtype).toBe("BF16");
  });

  it("turns a broken shard into a warning instead of failing the whole inspection", async () => {
    const dir = await makeModelDir("broken-shard");
    const fh = await open(path.join(dir, "model.safetensors"), "r+");
    await fh.truncate(100);
    await fh.close();
    const info = await inspectHfModelDir(dir);
    expect(info.parameterCount).toBeNull();
    expect(info.dtype).toBe("BF16");
    expect(info.dtypeSource).toBe("config");
    expect(info.warnings.join("\n")).toMatch(/model\.safetensors: invalid safetensors: .*truncated/);
  });

  it("follows file symlinks that stay inside the storage roots, as in a Hugging Face cache snapshot", async () => {
    const src = await makeModelDir("blobs-src");
    const snap = path.join(tmp, "snapshot");
    await mkdir(snap);
    for (const n of ["config.json", "tokenizer.json", "tokenizer_config.json", "model.safetensors"]) {
      await symlink(path.join(src, n), path.join(snap, n));
    }
    const info = await inspectHfModelDir(snap, { roots: [tmp] });
    expect(info.modelType).toBe("llama");
    expect(info.parameterCount).toBe(2128);
    expect(info.fileCount).toBe(4);
    expect(info.sizeBytes).toBe(await totalSize(src, ["config.json", "tokenizer.json", "tokenizer_config.json", "model.safetensors"]));
  });
});

describe("inspectHfModelDir errors", () => {
  it("names what is missing when config.json is absent", async () => {
    const dir = path.join(tmp, "gguf-folder");
    await mkdir(dir);
    await writeFile(path.join(dir, "model.gguf"), "GGUF");
    const err = await inspectHfModelDir(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotAnHfModelError);
    expect((err as Error).message).toBe(
      `${dir} has no config.json; a Hugging Face model directory needs config.json, tokenizer files and *.safetensors`,
    );
  });

  it("rejects an invalid config.json and a missing directory", async () => {
    const dir = path.join(tmp, "bad-config");
    await mkdir(dir);
    await writeFile(path.join(dir, "config.json"), "{ not json");
    await expect(inspectHfModelDir(dir)).rejects.toThrow(/config\.json that is not valid JSON.*needs config\.json, tokenizer files and \*\.safetensors/);
    await writeFile(path.join(dir, "config.json"), "[1, 2]");
    await expect(inspectHfModelDir(dir)).rejects.toThrow(/config\.json that is not a JSON object/);
    await expect(inspectHfModelDir(path.join(tmp, "nope"))).rejects.toThrow(NotAnHfModelError);
  });
});

describe("inspectHfModelDir on a LoRA adapter", () => {
  it("reports kind lora-adapter with the PEFT settings", async () => {
    const dir = path.join(tmp, "lora");
    await mkdir(dir);
    await json(path.join(dir, "adapter_config.json"), {
      peft_type: "LORA",
      base_model_name_or_path: "HuggingFaceTB/SmolLM2-135M-Instruct",
      r: 8,
      lora_alpha: 16,
      lora_dropout: 0.05,
      target_modules: ["q_proj", "v_proj"],
      task_type: "CAUSAL_LM",
    });
    await writeSafetensors(path.join(dir, "adapter_model.safetensors"), {
      "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight": { dtype: "F32", shape: [8, 576] },
      "base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight": { dtype: "F32", shape: [576, 8] },
    });
    await json(path.join(dir, "tokenizer_config.json"), { chat_template: TEMPLATE });
    await writeFile(path.join(dir, "tokenizer.json"), "{}");

    const info = await inspectHfModelDir(dir);
    expect(HfModelInfoSchema.safeParse(info).success).toBe(true);
    expect(info.kind).toBe("lora-adapter");
    if (info.kind !== "lora-adapter") throw new Error("narrowing");
    expect(info.adapter).toEqual({
      peftType: "LORA",
      baseModelNameOrPath: "HuggingFaceTB/SmolLM2-135M-Instruct",
      r: 8,
      loraAlpha: 16,
      targetModules: ["q_proj", "v_proj"],
      taskType: "CAUSAL_LM",
    });
    expect(info.parameterCount).toBe(2 * 8 * 576);
    expect(info.dtype).toBe("F32");
    expect(info.weights?.files).toEqual(["adapter_model.safetensors"]);
    expect(info.architecture).toBeNull();
    expect(info.config).toBeNull();
    expect(info.chatTemplate).toBe(TEMPLATE);
    expect(info.warnings).toEqual([]);
  });

  it("accepts a regex target_modules and flags missing adapter weights", async () => {
    const dir = path.join(tmp, "lora-regex");
    await mkdir(dir);
    await json(path.join(dir, "adapter_config.json"), { peft_type: "LORA", r: 4, lora_alpha: 8, target_modules: ".*proj" });
    const info = await inspectHfModelDir(dir);
    expect(info.kind).toBe("lora-adapter");
    expect(info.adapter?.targetModules).toBe(".*proj");
    expect(info.adapter?.baseModelNameOrPath).toBeNull();
    expect(info.parameterCount).toBeNull();
    expect(info.warnings).toContain("adapter_config.json is present but adapter_model.safetensors is missing");
  });
});

describe("measureDirSize", () => {
  it("stops at its bounds and says so", async () => {
    const dir = path.join(tmp, "deep");
    await mkdir(path.join(dir, "a", "b", "c"), { recursive: true });
    await writeFile(path.join(dir, "top.txt"), "1234");
    await writeFile(path.join(dir, "a", "b", "c", "deep.txt"), "12345678");
    expect(await measureDirSize(dir)).toEqual({ sizeBytes: 12, fileCount: 2, complete: true });
    expect(await measureDirSize(dir, { maxDepth: 1 })).toEqual({ sizeBytes: 4, fileCount: 1, complete: false });
    expect((await measureDirSize(dir, { maxEntries: 1 })).complete).toBe(false);
  });
});

describe("custom code in a model folder", () => {
  it("flags auto_map entries (config and tokenizer) and *.py files, and nothing for a plain model", async () => {
    const plain = await makeModelDir("no-code");
    expect((await inspectHfModelDir(plain)).customCode).toBeNull();

    const dir = await makeModelDir("remote-code");
    await json(path.join(dir, "config.json"), {
      architectures: ["MyForCausalLM"],
      model_type: "my",
      auto_map: { AutoConfig: "configuration_my.MyConfig", AutoModelForCausalLM: "modeling_my.MyForCausalLM" },
    });
    await json(path.join(dir, "tokenizer_config.json"), { auto_map: { AutoTokenizer: ["tokenization_my.MyTokenizer", null] } });
    await writeFile(path.join(dir, "modeling_my.py"), "import os\n");
    await writeFile(path.join(dir, "configuration_my.py"), "import os\n");
    const info = await inspectHfModelDir(dir);
    expect(info.customCode).toEqual({
      autoMap: ["configuration_my.MyConfig", "modeling_my.MyForCausalLM", "tokenization_my.MyTokenizer"],
      pythonFiles: ["configuration_my.py", "modeling_my.py"],
    });
  });

  it("reads the stored flag back from artifact metadata", () => {
    expect(customCodeOf({ customCode: { autoMap: [], pythonFiles: ["x.py"] } })).toEqual({ autoMap: [], pythonFiles: ["x.py"] });
    expect(customCodeOf({ customCode: null })).toBeNull();
    expect(customCodeOf({ customCode: { autoMap: [], pythonFiles: [] } })).toBeNull();
    expect(customCodeOf(null)).toBeNull();
    expect(detectCustomCode([null], ["README.md", "setup.PY"])).toEqual({ autoMap: [], pythonFiles: ["setup.PY"] });
  });
});

describe("converting a model that carries code", () => {
  const code = { autoMap: ["modeling_my.MyForCausalLM"], pythonFiles: ["modeling_my.py"] };
  it("is refused unless the request confirms it explicitly, with a reason and a hint", () => {
    for (const allowed of [undefined, false]) {
      const r = customCodeRefusal("my-model", code, allowed);
      expect(r?.code).toBe("custom_code_unconfirmed");
      expect(r?.message).toContain("modeling_my.py");
      expect(r?.hint).toMatch(/allowCustomCode: true/);
    }
    expect(customCodeRefusal("my-model", code, true)).toBeNull();
    expect(customCodeRefusal("plain", null, undefined)).toBeNull();
  });

  it("the convert body defaults to unconfirmed and the job payload records the confirmation", () => {
    expect(ConvertModelInputSchema.parse({}).allowCustomCode).toBe(false);
    expect(ModelConvertPayloadSchema.parse({ artifactId: "a", outtype: "f16", allowCustomCode: true }).allowCustomCode).toBe(true);
  });
});
