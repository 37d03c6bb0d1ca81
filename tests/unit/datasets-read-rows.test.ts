import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeDatasetFile } from "../../lib/datasets/read-rows";

const FIX = path.join(import.meta.dirname, "fixtures/datasets");
const bytesOf = (s: string) => new TextEncoder().encode(s);
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIX, name)));

describe("decodeDatasetFile", () => {
  it("reads a JSON array of objects", () => {
    const r = decodeDatasetFile(fixture("alpaca_en_demo.json"), "alpaca_en_demo.json");
    expect(r.ok && r.rows.length).toBe(3);
  });

  it("reads JSON Lines, skipping blank lines and keeping each row's line", () => {
    const r = decodeDatasetFile(fixture("c4_demo.jsonl"), "c4_demo.jsonl");
    expect(r).toMatchObject({ ok: true, lines: [1, 3] });
  });

  it("accepts JSON Lines in a .json file, as HF's json loader does", () => {
    const r = decodeDatasetFile(bytesOf('{"text": "a"}\n{"text": "b"}\n'), "x.json");
    expect(r.ok && r.rows).toEqual([{ text: "a" }, { text: "b" }]);
  });

  it("turns an array of strings into text rows, as HF does", () => {
    const r = decodeDatasetFile(bytesOf('["one", "two"]'), "x.json");
    expect(r.ok && r.rows).toEqual([{ text: "one" }, { text: "two" }]);
  });

  it("reports invalid JSON with line and column", () => {
    const r = decodeDatasetFile(fixture("broken_syntax.json"), "broken_syntax.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].row).toBe(0);
    expect(r.errors[0].problem).toMatch(/^Invalid JSON at line 3, column 44: expected ',' or '}' after a value but found '"' \(a missing comma\?\)/);
  });

  it("names trailing commas and single quotes", () => {
    const trailing = decodeDatasetFile(bytesOf('[{"a": 1},\n]'), "x.json");
    expect(!trailing.ok && trailing.errors[0].problem).toMatch(/line 2, column 1: a trailing comma before '\]'/);
    const single = decodeDatasetFile(bytesOf("{'a': 1}\n"), "x.jsonl");
    expect(!single.ok && single.errors[0].problem).toMatch(/line 1, column 2: a single-quoted key/);
  });

  it("collects the one bad line of a JSONL file among good ones", () => {
    const r = decodeDatasetFile(fixture("mixed_lines.jsonl"), "mixed_lines.jsonl");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { row: 2, field: "", problem: expect.stringMatching(/^Invalid JSON at line 2, column 50: expected ',' or '}' after a value but found the end of the text/) },
    ]);
  });

  it("refuses a top level that is not an array", () => {
    const r = decodeDatasetFile(bytesOf('{\n  "data": [{"instruction": "a", "output": "b"}]\n}\n'), "wrapped.json");
    expect(!r.ok && r.errors[0].problem).toMatch(/^The top level is an object, not an array/);
    const one = decodeDatasetFile(bytesOf('{"data": []}'), "one.json");
    expect(!one.ok && one.errors[0].problem).toMatch(/^The top level is an object, not an array/);
    const pretty = decodeDatasetFile(bytesOf('{\n  "text": "a"\n}\n'), "pretty.jsonl");
    expect(!pretty.ok && pretty.errors[0].problem).toMatch(/not JSON Lines: put each row on its own line/);
  });

  it("refuses rows that are not objects", () => {
    const r = decodeDatasetFile(bytesOf('[{"text": "a"}, 3, null]'), "x.json");
    expect(!r.ok && r.errors.map((e) => [e.row, e.problem])).toEqual([
      [2, expect.stringMatching(/^Row 2 is a number, not an object/)],
      [3, expect.stringMatching(/^Row 3 is null, not an object/)],
    ]);
    const l = decodeDatasetFile(bytesOf('{"text": "a"}\n[1, 2]\n'), "x.jsonl");
    expect(!l.ok && l.errors[0]).toMatchObject({ row: 2, problem: expect.stringMatching(/^Line 2 is an array, not an object/) });
  });

  it("refuses a huge row", () => {
    const big = JSON.stringify({ text: "x".repeat(2000) });
    const r = decodeDatasetFile(bytesOf(`{"text": "small"}\n${big}\n`), "x.jsonl", { maxRowBytes: 1000 });
    expect(!r.ok && r.errors).toEqual([{ row: 2, field: "", problem: `Line 2 is a huge row (${big.length} bytes, limit 1000): split it or shorten it.` }]);
    const a = decodeDatasetFile(bytesOf(`[${big}]`), "x.json", { maxRowBytes: 1000 });
    expect(!a.ok && a.errors[0].problem).toMatch(/^Row 1 is huge/);
  });

  it("refuses bytes that are not UTF-8 and gives the offset", () => {
    const head = bytesOf('[{"text": "caf');
    const bytes = new Uint8Array([...head, 0xe9, ...bytesOf('"}]')]); // Latin-1 é
    const r = decodeDatasetFile(bytes, "latin1.json");
    expect(!r.ok && r.errors[0].problem).toBe(`The file is not valid UTF-8 (first bad byte at offset ${head.length}, line 1): re-save it as UTF-8.`);
  });

  it("accepts only .json and .jsonl, naming LF's list", () => {
    const csv = decodeDatasetFile(bytesOf("a,b\n"), "data.csv");
    expect(!csv.ok && csv.errors[0].problem).toMatch(/^\.csv files are readable by LLaMA-Factory but Modelyard accepts only \.json and \.jsonl/);
    const xlsx = decodeDatasetFile(bytesOf("x"), "data.xlsx");
    expect(!xlsx.ok && xlsx.errors[0].problem).toMatch(/^Unsupported file type "\.xlsx".*arrow,csv,json,jsonl,parquet,txt/);
  });

  it("refuses an empty file and too many rows", () => {
    expect(decodeDatasetFile(bytesOf("  \n"), "x.jsonl")).toMatchObject({ ok: false, errors: [{ row: 0, problem: "The file is empty: add rows." }] });
    const r = decodeDatasetFile(bytesOf('{"text":"a"}\n{"text":"b"}\n{"text":"c"}\n'), "x.jsonl", { maxRows: 2 });
    expect(!r.ok && r.errors[0].problem).toMatch(/more than 2 rows/);
  });
});
