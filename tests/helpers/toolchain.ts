import { readFileSync, existsSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

/**
 * Paths of the real tools and fixtures produced by `scripts/toolchain/setup.sh`.
 * The setup writes `<toolchain dir>/current.env` (KEY=VALUE lines) as its last step,
 * so its presence means a complete, verified toolchain.
 */
export type Toolchain = {
  dir: string;
  llamaCppBinDir: string; // llama-server, llama-quantize, llama-imatrix, llama-perplexity
  llamaCppConvert: string; // convert_hf_to_gguf.py
  python: string; // venv python with torch, transformers, peft, llamafactory, gguf
  llamafactoryCli: string;
  fixtureGguf: string; // smollm2-135m-instruct-q4_1.gguf
  fixtureHfDir: string; // HF safetensors directory of the same model
  fixtureDatasetDir: string; // dataset_info.json + alpaca and sharegpt files
  fixtureTextFile: string; // held-out plain text for perplexity / imatrix
};

export function toolchainDir(): string {
  return process.env.MODELYARD_TOOLCHAIN_DIR ?? path.join(homedir(), ".cache", "modelyard", "toolchain");
}

export function loadToolchain(): Toolchain {
  const dir = toolchainDir();
  const file = path.join(dir, "current.env");
  if (!existsSync(file)) {
    throw new Error(`Toolchain missing: ${file} not found. Run \`npm run toolchain\` (scripts/toolchain/setup.sh) first.`);
  }
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2];
  }
  const need = (k: string) => {
    const v = env[k];
    if (!v) throw new Error(`Toolchain file ${file} lacks ${k}; rerun scripts/toolchain/setup.sh`);
    return v;
  };
  return {
    dir,
    llamaCppBinDir: need("LLAMA_CPP_BIN_DIR"),
    llamaCppConvert: need("LLAMA_CPP_CONVERT"),
    python: need("TOOLCHAIN_PYTHON"),
    llamafactoryCli: need("LLAMAFACTORY_CLI"),
    fixtureGguf: need("FIXTURE_GGUF"),
    fixtureHfDir: need("FIXTURE_HF_DIR"),
    fixtureDatasetDir: need("FIXTURE_DATASET_DIR"),
    fixtureTextFile: need("FIXTURE_TEXT_FILE"),
  };
}
