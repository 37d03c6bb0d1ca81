// Tool detection against the real toolchain that `npm run toolchain` builds (needs it on disk).
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detectTools, type ToolInfo } from "../../../lib/hosts/detect-tools";
import { loadToolchain, toolchainDir } from "../../helpers/toolchain";

const byName = (tools: ToolInfo[]) => Object.fromEntries(tools.map((t) => [t.name, t]));

describe("detectTools on the real toolchain", () => {
  it("detects the real toolchain from current.env (llama-server version, llamafactory installed)", async () => {
    const tc = loadToolchain(); // throws when `npm run toolchain` has not been run
    const started = Date.now();
    const tools = byName(await detectTools({ env: { ...process.env, MODELYARD_TOOLCHAIN_DIR: toolchainDir() } }));
    console.log(`[time] detectTools: ${Date.now() - started} ms`);
    for (const t of Object.values(tools)) console.log(`  ${t.name}: ${t.available ? t.version : "-"} ${t.path ?? ""}`);

    for (const name of ["llama-server", "llama-quantize", "llama-imatrix", "llama-perplexity"]) {
      expect(tools[name].available, name).toBe(true);
      expect(tools[name].path).toBe(path.join(tc.llamaCppBinDir, name));
    }
    expect(tools["llama-server"].version).toMatch(/\d/);
    expect(tools["llama-quantize"].version).toBe(tools["llama-server"].version); // same build
    expect(tools["convert_hf_to_gguf.py"]).toMatchObject({ available: true, path: tc.llamaCppConvert });
    expect(tools.python).toMatchObject({ available: true, path: tc.python });
    expect(tools.python.version).toMatch(/^3\.11\./);
    expect(tools.llamafactory.available).toBe(true);
    expect(tools.llamafactory.version).toMatch(/^0\.9\./);
    expect(tools.llamafactory.path).toBe(tc.llamafactoryCli);
    for (const name of ["torch", "transformers", "peft"]) expect(tools[name].available, name).toBe(true);
    // vllm / lmdeploy are CUDA-only and not in the CPU toolchain
    expect(tools.vllm.available).toBe(false);
    expect(tools.lmdeploy.available).toBe(false);
  });
});
