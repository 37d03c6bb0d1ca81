import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { detectTools, parseLlamaCppVersion, parseOllamaVersion, type ToolInfo } from "../../lib/hosts/detect-tools";

const byName = (tools: ToolInfo[]) => Object.fromEntries(tools.map((t) => [t.name, t]));
const EXPECTED = [
  "llama-server",
  "llama-quantize",
  "llama-imatrix",
  "llama-perplexity",
  "convert_hf_to_gguf.py",
  "python",
  "torch",
  "transformers",
  "peft",
  "llamafactory",
  "deepspeed",
  "vllm",
  "lmdeploy",
  "ollama",
];

const scratch = mkdtempSync(path.join(tmpdir(), "modelyard-detect-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("version parsers", () => {
  it("parses llama.cpp --version output of both styles", () => {
    expect(parseLlamaCppVersion("version: 0.4.0-dev (build 1, commit 80fb11a)\nbuilt with GNU 12.2.0 for Linux x86_64\n")).toEqual({
      version: "0.4.0-dev (build 1, commit 80fb11a)",
      builtWith: "GNU 12.2.0 for Linux x86_64",
    });
    expect(parseLlamaCppVersion("version: 6890 (3b0d5b2c)\nbuilt with cc (GCC) 13.2 for x86_64-linux-gnu").version).toBe("6890 (3b0d5b2c)");
    expect(parseLlamaCppVersion("usage: whatever").version).toBeNull();
  });
  it("parses ollama --version output", () => {
    expect(parseOllamaVersion("ollama version is 0.12.3")).toBe("0.12.3");
    expect(parseOllamaVersion("Warning: could not connect to a running Ollama instance\nWarning: client version is 0.32.15")).toBe("0.32.15");
  });
});

describe("detectTools", () => {
  it("reports every tool as unavailable, without throwing, on a bare host", async () => {
    const empty = path.join(scratch, "empty");
    mkdirSync(empty, { recursive: true });
    const tools = await detectTools({
      env: { PATH: empty, HOME: empty, MODELYARD_TOOLCHAIN_DIR: empty, MODELYARD_PYTHON: path.join(empty, "no-python") },
      timeoutMs: 5_000,
    });
    expect(tools.map((t) => t.name)).toEqual(EXPECTED);
    for (const t of tools) {
      expect(t.available, t.name).toBe(false);
      expect(t.version, t.name).toBeNull();
    }
  });

  it("finds llama.cpp tools in MODELYARD_LLAMA_CPP_BIN_DIR and parses their version", async () => {
    const bin = path.join(scratch, "fake-bin");
    mkdirSync(bin, { recursive: true });
    const fake = path.join(bin, "llama-server");
    writeFileSync(fake, '#!/bin/sh\necho "version: 4242 (abcdef1)" >&2\necho "built with test-cc for test" >&2\n');
    chmodSync(fake, 0o755);
    const tools = byName(
      await detectTools({ env: { PATH: "/usr/bin:/bin", MODELYARD_LLAMA_CPP_BIN_DIR: bin, MODELYARD_TOOLCHAIN_DIR: path.join(scratch, "none") } }),
    );
    expect(tools["llama-server"]).toMatchObject({ available: true, version: "4242 (abcdef1)", path: fake });
    expect(tools["llama-server"].detail).toContain("MODELYARD_LLAMA_CPP_BIN_DIR");
    expect(tools["llama-quantize"].available).toBe(false);
  });
});
