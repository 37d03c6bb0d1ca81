import { describe, expect, it } from "vitest";
import { convertArgv, CONVERT_OUTTYPES, MetadataOverridesSchema, resolveAutoOuttype } from "../../lib/tools/llama-cpp/convert";
import { imatrixArgv } from "../../lib/tools/llama-cpp/imatrix";
import { perplexityArgv } from "../../lib/tools/llama-cpp/perplexity";
import { quantizeArgv } from "../../lib/tools/llama-cpp/quantize";
import { fixtureText } from "./llama-cpp-fixtures";

describe("convert_hf_to_gguf.py argv", () => {
  const help = fixtureText("convert-help.txt");

  it("uses only flags and outtypes the real script's --help lists", () => {
    const outtypes = /--outtype \{([^}]+)\}/.exec(help)![1].split(",");
    for (const o of CONVERT_OUTTYPES) expect(outtypes).toContain(o);
    const argv = convertArgv({ python: "/py", script: "/tc/convert_hf_to_gguf.py", modelDir: "/m", outFile: "/o/x.gguf", outtype: "f16", modelName: "n", metadataFile: "/t/meta.json", useTempFile: true });
    for (const flag of argv.filter((a) => a.startsWith("--"))) expect(help, flag).toContain(flag);
  });

  it("passes names and paths as single arguments, never through a shell", () => {
    const evil = "$(touch /tmp/pwned); rm -rf ~ `id`";
    const argv = convertArgv({ python: "/py", script: "/s.py", modelDir: `/m/${evil}`, outFile: "/o/out.gguf", outtype: "bf16", modelName: evil });
    expect(argv).toEqual(["/py", "/s.py", `/m/${evil}`, "--outfile", "/o/out.gguf", "--outtype", "bf16", "--model-name", evil]);
  });

  it("resolves auto like the converter (bf16 only for bfloat16 sources)", () => {
    expect(resolveAutoOuttype("BF16")).toBe("bf16");
    expect(resolveAutoOuttype("bfloat16")).toBe("bf16");
    expect(resolveAutoOuttype("F32")).toBe("f16");
    expect(resolveAutoOuttype(null)).toBe("f16");
  });

  it("accepts only metadata keys gguf-py reads from --metadata", () => {
    expect(MetadataOverridesSchema.safeParse({ "general.author": "me", "general.tags": ["a"], "general.sampling.temp": 0.7 }).success).toBe(true);
    expect(MetadataOverridesSchema.safeParse({ "general.architecture": "llama" }).success).toBe(false);
    expect(MetadataOverridesSchema.safeParse({ "tokenizer.chat_template": "x" }).success).toBe(false);
  });
});

describe("llama-quantize / llama-imatrix / llama-perplexity argv", () => {
  const help = fixtureText("quantize-help.txt");

  it("builds llama-quantize's [flags] in out TYPE [threads] form with real flags", () => {
    expect(quantizeArgv({ binary: "/b/llama-quantize", input: "/i.gguf", output: "/o.gguf", type: "Q4_K_M" })).toEqual(["/b/llama-quantize", "/i.gguf", "/o.gguf", "Q4_K_M"]);
    const full = quantizeArgv({ binary: "q", input: "i", output: "o", type: "IQ2_XS", allowRequantize: true, imatrix: "/m.gguf", leaveOutputTensor: true, pure: true, threads: 2 });
    expect(full).toEqual(["q", "--allow-requantize", "--leave-output-tensor", "--pure", "--imatrix", "/m.gguf", "i", "o", "IQ2_XS", "2"]);
    for (const flag of full.filter((a) => a.startsWith("--"))) expect(help, flag).toContain(flag);
  });

  it("builds llama-imatrix and llama-perplexity argv", () => {
    expect(imatrixArgv({ binary: "im", model: "m.gguf", textFile: "t.txt", output: "o.gguf", contextSize: 128, chunks: 4, threads: 2 })).toEqual(["im", "-m", "m.gguf", "-f", "t.txt", "-o", "o.gguf", "-c", "128", "--chunks", "4", "-t", "2"]);
    expect(perplexityArgv({ binary: "pp", model: "m.gguf", textFile: "t.txt", contextSize: 128, chunks: 4 })).toEqual(["pp", "-m", "m.gguf", "-f", "t.txt", "-c", "128", "-b", "128", "--chunks", "4"]);
  });
});
