import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDatasetInfoJson, type DatasetInfoEntry } from "../../lib/datasets/dataset-info";
import { decodeDatasetFile } from "../../lib/datasets/read-rows";
import { validateDataset } from "../../lib/datasets/validate";

const FIX = path.join(import.meta.dirname, "fixtures/datasets");
const info = parseDatasetInfoJson(readFileSync(path.join(FIX, "dataset_info.json"), "utf8"));
if ("error" in info) throw new Error(info.error);
const ENTRIES = info.entries;

function load(name: string) {
  const entry = ENTRIES[name];
  const decoded = decodeDatasetFile(new Uint8Array(readFileSync(path.join(FIX, entry.file_name))), entry.file_name);
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.errors));
  return { entry, rows: decoded.rows, lines: decoded.lines };
}

const SHAREGPT: DatasetInfoEntry = { file_name: "x.json", formatting: "sharegpt" };
const msg = (from: string, value: string) => ({ from, value });

describe("LF demo-style files", () => {
  it.each([
    ["identity", "sft", 3],
    ["alpaca_en_demo", "sft", 3],
    ["glaive_toolcall_en_demo", "sft", 2],
    ["dpo_en_demo", "preference", 2],
    ["kto_en_demo", "kto", 2],
    ["c4_demo", "pretrain", 2],
    ["alpaca_pref_demo", "preference", 2],
    ["role_content_demo", "sft", 2],
  ])("%s validates with no errors", (name, purpose, rows) => {
    const { entry, rows: data, lines } = load(name);
    const report = validateDataset(data, entry, { rowNumbers: lines });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ purpose, rows, validRows: rows, errorCount: 0 });
  });

  it("normalizes rows as LF's converter does", () => {
    const alpaca = validateDataset(load("alpaca_en_demo").rows, ENTRIES.alpaca_en_demo);
    expect(alpaca.samples[1].messages).toEqual([
      { role: "user", content: "Translate to French.\nGood morning" },
      { role: "assistant", content: "Bonjour." },
    ]);
    // history and system are not read: the entry names no such columns (LF's own alpaca_en_demo entry is file_name only).
    expect(alpaca.samples[2]).toMatchObject({ messages: [{ role: "user" }, { role: "assistant" }] });
    expect(alpaca.samples[2].system).toBeUndefined();

    const tools = validateDataset(load("glaive_toolcall_en_demo").rows, ENTRIES.glaive_toolcall_en_demo);
    expect(tools.samples[0].messages.map((m) => m.role)).toEqual(["user", "function", "observation", "assistant"]);
    expect(tools.samples[0].tools).toMatch(/^\[\{"name": "get_weather"/);

    const roles = validateDataset(load("role_content_demo").rows, ENTRIES.role_content_demo);
    expect(roles.samples.map((s) => s.system)).toEqual(["You are a polite librarian.", "Answer in one word."]);

    const dpo = validateDataset(load("dpo_en_demo").rows, ENTRIES.dpo_en_demo);
    expect(dpo.samples[1]).toMatchObject({ chosen: "12.", rejected: "7." });
    expect(dpo.stats.turns).toEqual({ min: 2, max: 4, mean: 3, p50: 2, p95: 4 });

    const kto = validateDataset(load("kto_en_demo").rows, ENTRIES.kto_en_demo);
    expect(kto.samples.map((s) => s.kto)).toEqual([true, false]);

    const c4 = validateDataset(load("c4_demo").rows, ENTRIES.c4_demo);
    expect(c4.samples[1].text).toBe("Bread rises because yeast makes carbon dioxide.");
    expect(c4.stats.responseChars.max).toBe(0);
  });

  it("warns about LF's identity placeholders", () => {
    const report = validateDataset(load("identity").rows, ENTRIES.identity);
    expect(report.warnings).toEqual([expect.stringMatching(/^3 row\(s\) contain LLaMA-Factory's identity placeholders \{\{name\}\} \/ \{\{author\}\}/)]);
  });
});

describe("row errors", () => {
  it("sharegpt rows under an alpaca entry: 0 valid rows and the entry to use", () => {
    const { rows } = load("glaive_toolcall_en_demo");
    const report = validateDataset(rows, { file_name: "glaive_toolcall_en_demo.json" });
    expect(report.validRows).toBe(0);
    expect(report.errors[0].row).toBe(0);
    expect(report.errors[0].problem).toBe(
      'No row can be used: LLaMA-Factory would stop with "Cannot find valid samples". Likely cause: wrong formatting (the entry says "alpaca", the rows look like "sharegpt"). ' +
        'Use this entry instead: {"formatting":"sharegpt","columns":{"messages":"conversations","tools":"tools"}}',
    );
    expect(report.errors).toContainEqual({ row: 1, field: "instruction", problem: 'is missing: every row needs "instruction" (the user\'s request)' });
    expect(report.errors).toContainEqual({ row: 1, field: "output", problem: 'is missing: every row needs "output" (the assistant\'s answer)' });
  });

  it("missing field and wrong types", () => {
    const report = validateDataset(
      [
        { instruction: "a", input: "", output: "b" },
        { instruction: "a", input: "" },
        { instruction: 5, input: "", output: "b" },
        { instruction: "a", input: "", output: ["b"] },
      ],
      { file_name: "x.json" },
    );
    expect(report.errors).toEqual([
      { row: 2, field: "output", problem: 'is missing: every row needs "output" (the assistant\'s answer)' },
      { row: 3, field: "instruction", problem: "must be a string, not a number" },
      { row: 4, field: "output", problem: "must be a string (the assistant's answer), not a list" },
    ]);
    expect(report.validRows).toBe(1);
  });

  it("empty output", () => {
    const report = validateDataset([{ instruction: "a", input: "", output: "  " }], { file_name: "x.json" });
    expect(report.errors).toContainEqual({ row: 1, field: "output", problem: "is empty: write the assistant's answer" });
  });

  it("history must be [user, assistant] string pairs", () => {
    const entry: DatasetInfoEntry = { file_name: "x.json", columns: { prompt: "instruction", query: "input", response: "output", history: "history" } };
    const report = validateDataset(
      [
        { instruction: "a", input: "", output: "b", history: [["q", "r"]] },
        { instruction: "a", input: "", output: "b", history: [["q"]] },
        { instruction: "a", input: "", output: "b", history: "q r" },
      ],
      entry,
    );
    expect(report.errors).toEqual([
      { row: 2, field: "history[0]", problem: "must be a pair of strings [user, assistant], not a list of 1" },
      { row: 3, field: "history", problem: 'must be a list of [user, assistant] string pairs like [["Hi", "Hello!"]], not a string' },
    ]);
    expect(report.samples[0].messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
  });

  it("a column no row has stops LF with KeyError (alpaca without input)", () => {
    const report = validateDataset([{ instruction: "a", output: "b" }], { file_name: "x.json" });
    expect(report.validRows).toBe(0);
    expect(report.errors[0]).toEqual({
      row: 0,
      field: "input",
      problem: `LF's default for columns.query is "input" but no row has a "input" key, so LLaMA-Factory stops with KeyError: 'input'. Add "input" to the rows (it may be "") or leave query out of columns.`,
    });
  });

  it("wrong role order", () => {
    const report = validateDataset(
      [
        { conversations: [msg("human", "a"), msg("gpt", "b")] },
        { conversations: [msg("human", "a"), msg("human", "b"), msg("gpt", "c")] },
        { conversations: [msg("system", "s"), msg("gpt", "a"), msg("human", "b")] },
        { conversations: [msg("human", "a"), msg("gpt", "b"), msg("system", "s"), msg("gpt", "c")] },
      ],
      SHAREGPT,
    );
    expect(report.errors).toEqual([
      { row: 2, field: "conversations[1].from", problem: '"human" cannot be turn 2: turns must alternate human/observation (1st, 3rd, …) and gpt/function_call (2nd, 4th, …)' },
      { row: 3, field: "conversations[1].from", problem: '"gpt" cannot be turn 1 after the system message: turns must alternate human/observation (1st, 3rd, …) and gpt/function_call (2nd, 4th, …)' },
      { row: 4, field: "conversations[2].from", problem: '"system" (system) is only allowed as the first message' },
    ]);
  });

  it("sft must end on an assistant turn", () => {
    const report = validateDataset([{ conversations: [msg("human", "a"), msg("gpt", "b"), msg("human", "c")] }, { conversations: [] }], SHAREGPT);
    expect(report.errors.slice(1)).toEqual([
      { row: 1, field: "conversations", problem: "ends on a human/observation turn: the conversation must end with the assistant's reply (gpt/function_call)" },
      { row: 2, field: "conversations", problem: "has no conversation turns: add a user message and the assistant's reply" },
    ]);
  });

  it("invalid role tag names the allowed tags and the fix", () => {
    const report = validateDataset(
      [
        { conversations: [msg("human", "a"), msg("bot", "b")] },
        { conversations: [msg("user", "a"), msg("assistant", "b")] },
      ],
      SHAREGPT,
    );
    const allowed = 'allowed: "human" (user), "gpt" (assistant), "observation" (tool result), "function_call" (tool call), "system" (system, first message only)';
    expect(report.errors).toContainEqual({ row: 1, field: "conversations[1].from", problem: `"bot" is not a role of this entry; ${allowed}` });
    expect(report.errors).toContainEqual({
      row: 2,
      field: "conversations[0].from",
      problem: `"user" is not a role of this entry; ${allowed}; for OpenAI-style roles set tags {"role_tag": "role", "content_tag": "content", "user_tag": "user", "assistant_tag": "assistant", "system_tag": "system"}`,
    });
  });

  it("a tags object without system_tag rejects a leading system message, as LF does", () => {
    const { entry } = load("kto_en_demo");
    const row = { messages: [{ role: "system", content: "s" }, { role: "user", content: "a" }, { role: "assistant", content: "b" }], label: true };
    const report = validateDataset([row], entry);
    expect(report.errors).toContainEqual({
      row: 1,
      field: "messages[0].role",
      problem: '"system" is not a role of this entry: add "system_tag": "system" to tags (a "tags" object drops every tag it does not name)',
    });
  });

  it("role/content messages under default tags point at the tags to set", () => {
    const report = validateDataset([{ conversations: [{ role: "user", content: "a" }, { role: "assistant", content: "b" }] }], SHAREGPT);
    expect(report.errors[1]).toEqual({
      row: 1,
      field: "conversations[0].from",
      problem: 'is missing: each message needs a "from" string; this file uses role/content messages: set tags {"role_tag": "role", "content_tag": "content", "user_tag": "user", "assistant_tag": "assistant", "system_tag": "system"}',
    });
    expect(report.errors[0].problem).toMatch(/Likely cause: wrong tags/);
  });

  it("tool calls and tools", () => {
    const entry: DatasetInfoEntry = { file_name: "x.json", formatting: "sharegpt", columns: { messages: "conversations", tools: "tools" } };
    const base = [msg("human", "weather?"), msg("function_call", '{"name": "w", "arguments": {}}'), msg("observation", "sunny"), msg("gpt", "Sunny.")];
    const report = validateDataset(
      [
        { conversations: base, tools: '[{"name": "w", "parameters": {"type": "object", "properties": {}}}]' },
        { conversations: [base[0], msg("function_call", "call w please"), ...base.slice(2)], tools: "" },
        { conversations: base, tools: "[{name: w}]" },
        { conversations: base, tools: [{ name: "w" }] },
      ],
      entry,
    );
    expect(report.errors.map((e) => [e.row, e.field])).toEqual([
      [2, "conversations[1].value"],
      [3, "tools"],
      [4, "tools"],
    ]);
    expect(report.errors[0].problem).toMatch(/^must be JSON like \{"name": "tool_name", "arguments": \{\.\.\.\}\}/);
    expect(report.errors[2].problem).toMatch(/^is a list; with formatting "sharegpt" LLaMA-Factory needs the tool list as a JSON string/);
  });

  it("image placeholders must match the image list", () => {
    const entry: DatasetInfoEntry = {
      file_name: "x.json", formatting: "sharegpt", columns: { messages: "messages", images: "images" },
      tags: { role_tag: "role", content_tag: "content", user_tag: "user", assistant_tag: "assistant" },
    };
    const m = (content: string) => [{ role: "user", content }, { role: "assistant", content: "Two cats." }];
    const report = validateDataset([{ messages: m("<image>Who?"), images: ["a.jpg"] }, { messages: m("Who?"), images: ["a.jpg"] }], entry);
    expect(report.errors).toEqual([{ row: 2, field: "images", problem: "lists 1 file(s) but the messages contain 0 <image> placeholder(s): put one <image> in the text for each file" }]);
  });
});

describe("preference, KTO and pretrain checks", () => {
  it("sharegpt preference: conversation ends on a user turn, chosen/rejected are assistant messages", () => {
    const { entry } = load("dpo_en_demo");
    const report = validateDataset(
      [
        { conversations: [msg("human", "a"), msg("gpt", "b")], chosen: msg("gpt", "c"), rejected: msg("gpt", "d") },
        { conversations: [msg("human", "a")], chosen: "c", rejected: msg("gpt", "d") },
        { conversations: [msg("human", "a")], chosen: msg("human", "c"), rejected: msg("gpt", "") },
      ],
      entry,
    );
    expect(report.errors.filter((e) => e.row > 0)).toEqual([
      { row: 1, field: "conversations", problem: 'ends on a gpt/function_call turn: a preference conversation must end on a human/observation turn; the answers go in "chosen" and "rejected"' },
      { row: 2, field: "chosen", problem: 'is a string: it must be one assistant message like {"from": "gpt", "value": "..."}' },
      { row: 3, field: "chosen.from", problem: 'must be "gpt", "function_call" (an assistant reply), not "human"' },
      { row: 3, field: "rejected.value", problem: "is empty: write the worse answer" },
    ]);
  });

  it("alpaca preference needs string chosen and rejected", () => {
    const { entry } = load("alpaca_pref_demo");
    const report = validateDataset([{ instruction: "a", input: "", chosen: "b" }, { instruction: "a", input: "", chosen: "b", rejected: "b" }], entry);
    expect(report.errors).toEqual([{ row: 1, field: "rejected", problem: 'is missing: every row needs "rejected" (the worse answer)' }]);
    expect(report.warnings).toContainEqual(expect.stringMatching(/^1 row\(s\) have the same chosen and rejected answer/));
  });

  it("kto_tag must be a boolean", () => {
    const { entry } = load("kto_en_demo");
    const turns = [{ role: "user", content: "a" }, { role: "assistant", content: "b" }];
    const report = validateDataset([{ messages: turns, label: "true" }, { messages: turns, label: 1 }, { messages: turns, label: true }], entry);
    expect(report.errors).toEqual([
      { row: 1, field: "label", problem: 'must be true or false (a JSON boolean, the KTO label), not a string "true"' },
      { row: 2, field: "label", problem: "must be true or false (a JSON boolean, the KTO label), not a number" },
    ]);
    expect(report.warnings).toEqual([]);
  });

  it("pretrain text must be present and non-empty", () => {
    const { entry } = load("c4_demo");
    const report = validateDataset([{ text: "ok" }, { text: "" }, { body: "x" }], entry);
    expect(report.errors).toEqual([
      { row: 2, field: "text", problem: "is empty: write the text to train on" },
      { row: 3, field: "text", problem: 'is missing: every row needs "text" (the text to train on)' },
    ]);
  });
});

describe("report shape", () => {
  it("caps errors, counts all, and warns when most rows are duplicates", () => {
    const rows = [...Array.from({ length: 6 }, () => ({ instruction: "a", input: "", output: "b" })), ...Array.from({ length: 5 }, () => ({ instruction: "a", input: "" }))];
    const report = validateDataset(rows, { file_name: "x.json" }, { maxErrors: 3, sampleCount: 2 });
    expect(report).toMatchObject({ rows: 11, validRows: 6, errorCount: 5, samples: [expect.anything(), expect.anything()] });
    expect(report.errors.map((e) => e.row)).toEqual([7, 8, 9]);
    expect(report.warnings).toEqual(["5 of 6 usable rows are exact duplicates: remove them, or the model will overfit to the repeated ones."]);
    expect(report.stats.responseChars).toEqual({ min: 1, max: 1, mean: 1, p50: 1, p95: 1 });
  });

  it("an empty file is a whole-file error with zeroed stats", () => {
    const report = validateDataset([], { file_name: "x.json" });
    expect(report).toMatchObject({ rows: 0, validRows: 0, errorCount: 1, stats: { turns: { min: 0, max: 0, mean: 0, p50: 0, p95: 0 } } });
  });

  it("openai formatting: tool_calls become function turns; the thinking-off system prompt is flagged", () => {
    const entry: DatasetInfoEntry = {
      file_name: "x.json", formatting: "openai", columns: { messages: "messages" },
      tags: { role_tag: "role", content_tag: "content", user_tag: "user", assistant_tag: "assistant", observation_tag: "tool", function_tag: "function_call", system_tag: "system" },
    };
    const row = {
      messages: [
        { role: "user", content: "Weather in Oslo?" },
        { role: "assistant", content: null, tool_calls: [{ type: "function", function: { name: "w", arguments: '{"city": "Oslo"}' } }] },
        { role: "tool", content: "4C" },
        { role: "tool", content: "cloudy" },
        { role: "assistant", content: "4 °C and cloudy." },
      ],
    };
    const report = validateDataset([row], entry);
    expect(report.errors).toEqual([]);
    expect(report.samples[0].messages).toEqual([
      { role: "user", content: "Weather in Oslo?" },
      { role: "function", content: '[{"name":"w","arguments":"{\\"city\\": \\"Oslo\\"}"}]' },
      { role: "observation", content: "4C\n</tool_response>\n<tool_response>\ncloudy" },
      { role: "assistant", content: "4 °C and cloudy." },
    ]);
    expect(report.warnings[0]).toMatch(/adds "detailed thinking off" to the system prompt/);
  });
});
