// Real LLaMA-Factory on CPU: LoRA SFT of the SmolLM2 HF fixture on the identity dataset, merge the
// adapter with `llamafactory-cli export`, convert the merged model to GGUF and load it with llama.cpp.
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { once } from "../../helpers/once";
import { loadToolchain, type Toolchain } from "../../helpers/toolchain";
import { expectOk, makeWorkDir, parsePerplexity, pythonEnv, readGgufMeta, removeWorkDir, run } from "./proc";

const MIN = 60_000;
// LLaMA-Factory's `smollm2` template is SmolLM2's own chat format (<|im_start|>role ... <|im_end|>,
// default system "You are a helpful AI assistant named SmolLM..."), and it keeps the tokenizer's
// jinja chat template on export, so the merged model is served with the template it was trained on.
const TEMPLATE = "smollm2";
const MAX_STEPS = 4;

/** YAML from a flat object: JSON scalars are valid YAML, so strings are JSON-quoted. */
function toYaml(obj: Record<string, string | number | boolean>): string {
  return Object.entries(obj)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? JSON.stringify(v) : String(v)}`)
    .join("\n") + "\n";
}

type LogLine = { current_steps?: number; total_steps?: number; loss?: number; lr?: number; epoch?: number; percentage?: number };

describe("llamafactory-cli on CPU", () => {
  let tc: Toolchain;
  let work: string;
  let adapterDir: string;
  let mergedDir: string;

  beforeAll(() => {
    tc = loadToolchain();
    work = makeWorkDir("llamafactory");
    adapterDir = path.join(work, "lora-sft");
    mergedDir = path.join(work, "merged");
  });
  afterAll(() => removeWorkDir(work));

  /** The trained adapter the export test starts from: trained by whichever test needs it first. */
  const trainLora = once(async () => {
    const cfg = path.join(work, "train.yaml");
    writeFileSync(
      cfg,
      toYaml({
        model_name_or_path: tc.fixtureHfDir,
        stage: "sft",
        do_train: true,
        finetuning_type: "lora",
        lora_rank: 8,
        lora_target: "all",
        dataset: "modelyard_identity",
        dataset_dir: tc.fixtureDatasetDir,
        template: TEMPLATE,
        cutoff_len: 128,
        overwrite_cache: true,
        output_dir: adapterDir,
        overwrite_output_dir: true,
        logging_steps: 1,
        save_strategy: "no",
        report_to: "none",
        per_device_train_batch_size: 2,
        gradient_accumulation_steps: 1,
        learning_rate: 1.0e-3,
        max_steps: MAX_STEPS,
        lr_scheduler_type: "constant",
        bf16: false,
        fp16: false,
        use_cpu: true,
        dataloader_num_workers: 0,
        seed: 42,
      }),
    );
    const r = expectOk(
      await run(tc.llamafactoryCli, ["train", cfg], { env: pythonEnv(work), cwd: work, timeoutMs: 20 * MIN, label: "llamafactory-cli train (LoRA SFT)" }),
      "llamafactory-cli train",
    );
    expect(r.stdout + r.stderr).toMatch(/trainable params/);

    const logFile = path.join(adapterDir, "trainer_log.jsonl");
    expect(existsSync(logFile)).toBe(true);
    const lines = readFileSync(logFile, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as LogLine);
    const withLoss = lines.filter((l) => typeof l.loss === "number");
    console.log(`[result] trainer_log.jsonl: ${lines.length} lines; losses ${withLoss.map((l) => l.loss).join(", ")}`);
    expect(withLoss.length).toBeGreaterThanOrEqual(MAX_STEPS);
    for (const l of withLoss) {
      expect(Number.isFinite(l.loss)).toBe(true);
      expect(l.loss!).toBeGreaterThan(0);
      expect(l.total_steps).toBe(MAX_STEPS);
    }
    expect(Math.max(...lines.map((l) => l.current_steps ?? 0))).toBe(MAX_STEPS);

    const adapterConfig = JSON.parse(readFileSync(path.join(adapterDir, "adapter_config.json"), "utf8"));
    expect(adapterConfig.peft_type).toBe("LORA");
    expect(adapterConfig.r).toBe(8);
    expect(statSync(path.join(adapterDir, "adapter_model.safetensors")).size).toBeGreaterThan(100_000);
  });

  it(`trains a LoRA adapter for ${MAX_STEPS} steps and logs the loss`, () => trainLora(), 25 * MIN);

  it(
    "merges the adapter with llamafactory-cli export, converts it to GGUF and llama.cpp loads it",
    async () => {
      await trainLora();
      const cfg = path.join(work, "export.yaml");
      writeFileSync(
        cfg,
        toYaml({
          model_name_or_path: tc.fixtureHfDir,
          adapter_name_or_path: adapterDir,
          template: TEMPLATE,
          finetuning_type: "lora",
          export_dir: mergedDir,
          export_size: 5,
          export_device: "cpu",
          export_legacy_format: false,
        }),
      );
      expectOk(
        await run(tc.llamafactoryCli, ["export", cfg], { env: pythonEnv(work), cwd: work, timeoutMs: 15 * MIN, label: "llamafactory-cli export (merge)" }),
        "llamafactory-cli export",
      );
      expect(existsSync(path.join(mergedDir, "config.json"))).toBe(true);
      expect(existsSync(path.join(mergedDir, "tokenizer.json"))).toBe(true);

      const gguf = path.join(work, "merged-f16.gguf");
      expectOk(
        await run(tc.python, [tc.llamaCppConvert, mergedDir, "--outtype", "f16", "--outfile", gguf], {
          env: pythonEnv(work),
          timeoutMs: 10 * MIN,
          label: "convert_hf_to_gguf.py (merged)",
        }),
        "convert_hf_to_gguf.py on the merged model",
      );
      const meta = await readGgufMeta(tc.python, gguf);
      const base = await readGgufMeta(tc.python, tc.fixtureGguf);
      expect(meta.architecture).toBe("llama");
      expect(meta.tensor_count).toBe(base.tensor_count);
      expect(meta.vocab_size).toBe(base.vocab_size);
      expect(meta.chat_template).toContain("<|im_start|>");

      const p = expectOk(
        await run(path.join(tc.llamaCppBinDir, "llama-perplexity"), ["-m", gguf, "-f", tc.fixtureTextFile, "-c", "128", "-b", "128", "--chunks", "4", "-t", "2"], {
          timeoutMs: 10 * MIN,
          label: "llama-perplexity (merged)",
        }),
        "llama-perplexity on the merged GGUF",
      );
      const ppl = parsePerplexity(p.stdout + p.stderr);
      console.log(`[result] merged model perplexity on held-out text: ${ppl}`);
      expect(ppl).not.toBeNull();
      expect(ppl!).toBeGreaterThan(1);
      expect(ppl!).toBeLessThan(500);
    },
    50 * MIN,
  );
});
