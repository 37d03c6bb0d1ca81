// Real llama-server on the SmolLM2 fixture, driven through the openai SDK (streaming).
import path from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadToolchain, type Toolchain } from "../../helpers/toolchain";
import { startLlamaServer, type Server } from "./proc";

describe("llama-server", () => {
  let tc: Toolchain;
  let server: Server | undefined;

  beforeAll(() => {
    tc = loadToolchain();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it(
    "serves /health and streams an OpenAI chat completion from SmolLM2",
    async () => {
      server = await startLlamaServer(path.join(tc.llamaCppBinDir, "llama-server"), [
        "-m",
        tc.fixtureGguf,
        "-c",
        "1024",
        "-np",
        "1",
        "-t",
        "2",
        "-a",
        "smollm2",
      ]);

      // /health answers 503 while loading, then 200 {"status":"ok"}.
      const t0 = Date.now();
      let health: Response | undefined;
      while (Date.now() - t0 < 120_000) {
        health = await fetch(`${server.baseUrl}/health`).catch(() => undefined);
        if (health?.status === 200) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      console.log(`[time] llama-server /health ok after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      expect(health?.status).toBe(200);
      expect(await health!.json()).toMatchObject({ status: "ok" });

      const client = new OpenAI({ baseURL: `${server.baseUrl}/v1`, apiKey: "not-needed", maxRetries: 0, timeout: 120_000 });
      const models = await client.models.list();
      expect(models.data.map((m) => m.id)).toContain("smollm2");

      const t1 = Date.now();
      const stream = await client.chat.completions.create({
        model: "smollm2",
        messages: [
          { role: "system", content: "You are a helpful assistant." },
          { role: "user", content: "What is the capital of France? Answer in one sentence." },
        ],
        stream: true,
        max_tokens: 48,
        temperature: 0,
        stream_options: { include_usage: true },
      });
      let text = "";
      let chunks = 0;
      let finish: string | null = null;
      let usage: OpenAI.CompletionUsage | undefined;
      let firstTokenMs: number | null = null;
      for await (const chunk of stream) {
        chunks++;
        const choice = chunk.choices[0];
        if (choice?.delta?.content) {
          if (firstTokenMs === null) firstTokenMs = Date.now() - t1;
          text += choice.delta.content;
        }
        if (choice?.finish_reason) finish = choice.finish_reason;
        if (chunk.usage) usage = chunk.usage;
      }
      console.log(
        `[time] streamed ${chunks} chunks in ${((Date.now() - t1) / 1000).toFixed(1)} s (first token ${firstTokenMs} ms): ${JSON.stringify(text)}`,
      );
      expect(text.trim().length).toBeGreaterThan(0);
      expect(text).toMatch(/paris/i);
      expect(chunks).toBeGreaterThan(2);
      expect(["stop", "length"]).toContain(finish);
      expect(usage?.completion_tokens).toBeGreaterThan(0);
    },
    10 * 60_000,
  );
});
