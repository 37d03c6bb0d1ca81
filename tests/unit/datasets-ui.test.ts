import { describe, expect, it } from "vitest";
import { EMPTY_MAPPING, entryFromMapping, mappingColumns, mappingDefaults, mappingPurpose, mappingTags, type Mapping } from "@/components/datasets/mapping";
import { datasetInfoKey, datasetInfoSnippet, readReport, registeredIds, ROW_ERRORS_SHOWN, shownErrors, validityShares, validPercent } from "@/components/datasets/report";
import { uploadError, uploadProblem, uploadUrl } from "@/components/datasets/upload-xhr";
import { DatasetInfoEntrySchema } from "@/lib/datasets/entry-schema";
import { validateDataset } from "@/lib/datasets/validate";

const msg = { network: "offline", unexpected: (s: number) => `unexpected ${s}` };

describe("readReport", () => {
  it("reads what validateDataset stores", () => {
    const report = validateDataset([{ instruction: "hi", input: "", output: "hello" }, { instruction: 3, input: "", output: "x" }], { file_name: "x.json" });
    const shown = readReport(JSON.parse(JSON.stringify(report)));
    expect(shown.errors.length).toBeGreaterThan(0);
    expect(shown.errors[0]).toMatchObject({ row: 2 });
    expect(shown.stats?.turns.max).toBe(2);
    expect(shown.samples[0].messages.map((m) => m.role)).toEqual(["user", "assistant"]);
  });

  it("shows nothing rather than crashing on an old or foreign report", () => {
    expect(readReport(null)).toEqual({ errors: [], warnings: [], stats: null, samples: [] });
    const odd = readReport({ errors: [{ row: "1" }, { row: 1, field: "x", problem: "p" }], warnings: ["w", 3], stats: { promptChars: {} }, samples: [{}] });
    expect(odd).toEqual({ errors: [{ row: 1, field: "x", problem: "p" }], warnings: ["w"], stats: null, samples: [] });
  });
});

describe("report figures", () => {
  it("caps the errors table and says so when the count is larger", () => {
    const many = Array.from({ length: 250 }, (_, i) => ({ row: i + 1, field: "f", problem: "p" }));
    expect(shownErrors(many, 250)).toMatchObject({ capped: true });
    expect(shownErrors(many, 250).rows).toHaveLength(ROW_ERRORS_SHOWN);
    // The stored list may itself be capped below the count.
    expect(shownErrors(many.slice(0, 3), 10).capped).toBe(true);
    expect(shownErrors(many.slice(0, 3), 3).capped).toBe(false);
  });

  it("splits the bar without NaN and never rounds up to 100%", () => {
    expect(validityShares(0, 0)).toEqual({ valid: 0, invalid: 0 });
    expect(validityShares(4, 3)).toEqual({ valid: 0.75, invalid: 0.25 });
    expect(validPercent(10_000, 9_999)).toBe("99.9%");
    expect(validPercent(8, 8)).toBe("100%");
    expect(validPercent(0, 0)).toBe("0%");
  });

  it("keys the dataset_info.json snippet with a name LLaMA-Factory accepts", () => {
    expect(datasetInfoKey("My data (v2).jsonl")).toBe("My_data_v2");
    expect(datasetInfoKey("  ")).toBe("dataset");
    expect(datasetInfoSnippet("alpaca_en", { file_name: "a.json" })).toEqual({ alpaca_en: { file_name: "a.json" } });
  });

  it("finds the registered datasets in a dataset.import result", () => {
    expect(registeredIds({ datasets: [{ datasetId: "a" }, { datasetId: 2 }, { datasetId: "b" }], failed: [] })).toEqual(["a", "b"]);
    expect(registeredIds(null)).toEqual([]);
    expect(registeredIds({ datasets: "x" })).toEqual([]);
  });
});

describe("column mapping", () => {
  const m = (over: Partial<Mapping>): Mapping => ({ ...EMPTY_MAPPING, ...over });

  it("sends no entry for auto-detect", () => {
    expect(entryFromMapping(EMPTY_MAPPING)).toBeUndefined();
  });

  it("builds the smallest entry LLaMA-Factory reads, and it parses as one", () => {
    expect(entryFromMapping(m({ formatting: "alpaca" }))).toEqual({});
    const sharegpt = entryFromMapping(m({ formatting: "sharegpt", ranking: true, tags: { user_tag: "user", assistant_tag: " " } }));
    expect(sharegpt).toMatchObject({ formatting: "sharegpt", ranking: true, columns: { messages: "conversations", chosen: "chosen", rejected: "rejected" } });
    expect(sharegpt?.tags).toMatchObject({ user_tag: "user", assistant_tag: "gpt" });
    expect(DatasetInfoEntrySchema.safeParse({ ...sharegpt, file_name: "x.json" }).success).toBe(true);
  });

  it("derives the purpose the way LLaMA-Factory's converter does", () => {
    expect(mappingPurpose(m({ formatting: "alpaca" }))).toBe("sft");
    expect(mappingPurpose(m({ formatting: "alpaca", columns: { kto_tag: "label" } }))).toBe("kto");
    expect(mappingPurpose(m({ formatting: "alpaca", ranking: true, columns: { kto_tag: "label" } }))).toBe("preference");
    expect(entryFromMapping(m({ formatting: "alpaca", columns: { kto_tag: "label" } }))?.columns).toMatchObject({ kto_tag: "label", response: "output" });
  });

  it("offers the fields that matter for the format", () => {
    expect(mappingColumns("alpaca", false)).toContain("response");
    expect(mappingColumns("alpaca", true)).not.toContain("response");
    expect(mappingColumns("sharegpt", true)).toEqual(["messages", "system", "tools", "chosen", "rejected", "kto_tag"]);
    expect(mappingTags("alpaca")).toEqual([]);
    expect(mappingTags("openai")).toContain("role_tag");
    expect(mappingDefaults({ ...EMPTY_MAPPING, formatting: "openai" }).tags.role_tag).toBe("role");
    expect(mappingDefaults({ ...EMPTY_MAPPING, formatting: "sharegpt" }).columns.messages).toBe("conversations");
  });
});

describe("upload helpers", () => {
  it("refuses what the server would refuse, before sending", () => {
    expect(uploadProblem({ name: "a.jsonl", size: 10 }, 100)).toBeNull();
    expect(uploadProblem({ name: "a.Json", size: 10 }, 100)).toBe("extension");
    expect(uploadProblem({ name: "a.csv", size: 10 }, 100)).toBe("extension");
    expect(uploadProblem({ name: "a.json", size: 0 }, 100)).toBe("empty");
    expect(uploadProblem({ name: "a.json", size: 101 }, 100)).toBe("tooLarge");
  });

  it("puts everything but the bytes in the query", () => {
    expect(uploadUrl("h1", "my data.json", " ")).toBe("/api/v1/datasets/upload?hostId=h1&fileName=my+data.json");
    expect(uploadUrl("h1", "a.json", "Nice name")).toBe("/api/v1/datasets/upload?hostId=h1&fileName=a.json&name=Nice+name");
  });

  it("reads the API's error, or says the answer was unexpected", () => {
    const e = uploadError(413, JSON.stringify({ error: { code: "body_too_large", message: "too big", hint: "copy it" } }), msg);
    expect([e.status, e.body]).toEqual([413, { code: "body_too_large", message: "too big", hint: "copy it", details: undefined }]);
    expect(uploadError(502, "<html>", msg).body).toEqual({ code: "http_502", message: "unexpected 502" });
  });
});
