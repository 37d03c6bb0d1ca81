import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildDatasetInfoEntry, DatasetInfoEntrySchema, detectDatasetInfoEntry, effectiveColumns, effectiveTags,
  parseDatasetInfoJson, purposeOf, STAGES_FOR_PURPOSE,
} from "../../lib/datasets/dataset-info";
import { decodeDatasetFile } from "../../lib/datasets/read-rows";
import { validateDataset } from "../../lib/datasets/validate";

const FIX = path.join(import.meta.dirname, "fixtures/datasets");
const infoText = readFileSync(path.join(FIX, "dataset_info.json"), "utf8");

describe("dataset_info.json", () => {
  it("parses LF-shaped entries", () => {
    const parsed = parseDatasetInfoJson(infoText);
    expect("entries" in parsed && Object.keys(parsed.entries)).toEqual([
      "identity", "alpaca_en_demo", "glaive_toolcall_en_demo", "dpo_en_demo", "kto_en_demo", "c4_demo", "alpaca_pref_demo", "role_content_demo",
    ]);
  });

  it("rejects unknown keys, hub sources, bad values and bad JSON with clear messages", () => {
    expect(parseDatasetInfoJson('{"a": {"file_name": "a.json", "colums": {}}}')).toEqual({
      error: "a: Unknown key(s) in a dataset_info.json entry: colums. Allowed: file_name, formatting, ranking, columns, tags, subset, split, folder, num_samples",
    });
    expect(parseDatasetInfoJson('{"a": {"file_name": "a.json", "columns": {"answer": "x"}}}')).toMatchObject({ error: expect.stringMatching(/^a\.columns: Unknown key\(s\) in columns: answer\. Allowed: prompt, query/) });
    expect(parseDatasetInfoJson('{"a": {"hf_hub_url": "org/x", "file_name": "a.json"}}')).toMatchObject({ error: expect.stringMatching(/hf_hub_url: Modelyard trains on uploaded files only/) });
    expect(parseDatasetInfoJson('{"a": {"file_name": "a.json", "formatting": "chatml"}}')).toEqual({ error: 'a.formatting: formatting must be "alpaca", "sharegpt" or "openai"' });
    expect(parseDatasetInfoJson('{"a": {"file_name": "a.json",}}')).toEqual({ error: "Invalid JSON at line 1, column 30: a trailing comma before '}': remove the last comma." });
    expect(parseDatasetInfoJson("[]")).toMatchObject({ error: expect.stringMatching(/^dataset_info\.json must be an object/) });
  });

  it("DatasetInfoEntrySchema stays omit-able for request schemas", () => {
    expect(DatasetInfoEntrySchema.omit({ file_name: true }).safeParse({ formatting: "sharegpt" }).success).toBe(true);
  });
});

describe("LF's column and tag rules", () => {
  it("fills defaults only when columns/tags are absent; a present object replaces them all", () => {
    expect(effectiveColumns({})).toMatchObject({ prompt: "instruction", query: "input", response: "output", messages: "conversations", history: null });
    expect(effectiveColumns({ columns: { prompt: "text" } })).toMatchObject({ prompt: "text", query: null, response: null, messages: null });
    expect(effectiveTags({})).toEqual({
      role_tag: "from", content_tag: "value", user_tag: "human", assistant_tag: "gpt",
      observation_tag: "observation", function_tag: "function_call", system_tag: "system",
    });
    expect(effectiveTags({ tags: { role_tag: "role", content_tag: "content", user_tag: "user", assistant_tag: "assistant" } }))
      .toMatchObject({ role_tag: "role", user_tag: "user", system_tag: null, observation_tag: null });
  });

  it("purposes and the stages LF allows for them", () => {
    expect(purposeOf({})).toBe("sft");
    expect(purposeOf({ ranking: true, formatting: "sharegpt" })).toBe("preference");
    expect(purposeOf({ formatting: "sharegpt", columns: { messages: "messages", kto_tag: "label" } })).toBe("kto");
    expect(purposeOf({ columns: { prompt: "text" } })).toBe("pretrain");
    expect(STAGES_FOR_PURPOSE).toEqual({ sft: ["sft"], preference: ["rm", "dpo"], kto: ["kto"], pretrain: ["pt"] });
  });
});

describe("buildDatasetInfoEntry", () => {
  it("writes the smallest entry LF reads the same way", () => {
    expect(buildDatasetInfoEntry({ fileName: "a.json", format: "alpaca", purpose: "sft" })).toEqual({ file_name: "a.json" });
    expect(buildDatasetInfoEntry({ fileName: "c.json", format: "sharegpt", purpose: "sft" })).toEqual({ file_name: "c.json", formatting: "sharegpt" });
    expect(buildDatasetInfoEntry({ fileName: "t.jsonl", format: "alpaca", purpose: "pretrain" })).toEqual({ file_name: "t.jsonl", columns: { prompt: "text" } });
  });

  it("spells out every used column once one differs, since LF drops the unnamed ones", () => {
    expect(buildDatasetInfoEntry({ fileName: "a.json", format: "alpaca", purpose: "sft", columns: { system: "system" } })).toEqual({
      file_name: "a.json", columns: { prompt: "instruction", query: "input", response: "output", system: "system" },
    });
  });

  it("gives openai formatting its tags, which LF 0.9.5 does not default", () => {
    expect(buildDatasetInfoEntry({ fileName: "o.json", format: "openai", purpose: "sft" })).toEqual({
      file_name: "o.json", formatting: "openai", columns: { messages: "messages" },
      tags: { role_tag: "role", content_tag: "content", user_tag: "user", assistant_tag: "assistant", observation_tag: "tool", function_tag: "function_call", system_tag: "system" },
    });
  });
});

describe("detect + build round trip", () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ["identity.json", "sft", { file_name: "identity.json" }],
    ["glaive_toolcall_en_demo.json", "sft", { formatting: "sharegpt", columns: { messages: "conversations", tools: "tools" } }],
    ["dpo_en_demo.json", "preference", { formatting: "sharegpt", ranking: true, columns: { messages: "conversations", chosen: "chosen", rejected: "rejected" } }],
    ["kto_en_demo.json", "kto", { columns: { messages: "messages", kto_tag: "label" }, tags: { role_tag: "role", content_tag: "content", user_tag: "user", assistant_tag: "assistant", system_tag: "system" } }],
    ["c4_demo.jsonl", "pretrain", { columns: { prompt: "text" } }],
    ["alpaca_pref_demo.json", "preference", { ranking: true, columns: { prompt: "instruction", query: "input", chosen: "chosen", rejected: "rejected" } }],
    ["role_content_demo.json", "sft", { formatting: "sharegpt", columns: { messages: "messages", system: "system" } }],
    ["alpaca_en_demo.json", "sft", { columns: { prompt: "instruction", query: "input", response: "output", history: "history", system: "system" } }],
  ];
  it.each(cases)("%s", (file, purpose, expected) => {
    const decoded = decodeDatasetFile(new Uint8Array(readFileSync(path.join(FIX, file))), file);
    if (!decoded.ok) throw new Error("fixture unreadable");
    const detected = detectDatasetInfoEntry(decoded.rows, file);
    expect(detected?.purpose).toBe(purpose);
    expect(detected?.entry).toMatchObject(expected);
    expect(DatasetInfoEntrySchema.parse(detected!.entry)).toEqual(detected!.entry);
    const report = validateDataset(decoded.rows, detected!.entry, { rowNumbers: decoded.lines });
    expect(report.errors).toEqual([]);
    expect(report.validRows).toBe(decoded.rows.length);
  });

  it("detects OpenAI tool_calls as formatting openai and returns null for unknown layouts", () => {
    const rows = [{ messages: [{ role: "user", content: "a" }, { role: "assistant", content: null, tool_calls: [{ type: "function", function: { name: "f", arguments: "{}" } }] }, { role: "tool", content: "r" }, { role: "assistant", content: "b" }] }];
    const detected = detectDatasetInfoEntry(rows, "o.json");
    expect(detected?.entry).toMatchObject({ formatting: "openai", columns: { messages: "messages" }, tags: { observation_tag: "tool" } });
    expect(validateDataset(rows, detected!.entry).errors).toEqual([]);
    expect(detectDatasetInfoEntry([{ foo: 1 }], "x.json")).toBeNull();
    expect(detectDatasetInfoEntry([], "x.json")).toBeNull();
  });
});
