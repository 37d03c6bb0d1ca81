import { describe, expect, it } from "vitest";
import { safeNext } from "@/lib/auth/safe-next";

describe("safeNext", () => {
  it.each([
    [new URLSearchParams("next=/%09/evil.example").get("next"), "?next=/%09/evil.example as the page receives it"],
    ["/\t/evil.example", "tab"],
    ["/\n/evil.example", "newline"],
    ["/\r\n/evil.example", "CRLF"],
    ["//evil", "protocol-relative"],
    ["/\\evil", "backslash"],
    ["/\\/evil", "backslash then slash"],
    ["\t//evil", "leading tab"],
    [" //evil", "leading space"],
    ["https://evil", "absolute URL"],
    ["HTTP://evil", "absolute URL, upper case"],
    ["javascript:alert(1)", "javascript: URL"],
    ["data:text/html,hi", "data: URL"],
    ["/.//evil", "dot segment that leaves //"],
    ["", "empty"],
  ])("sends %j (%s) to /", (value) => {
    expect(safeNext(value)).toBe("/");
  });

  it("refuses values that are not one string", () => {
    expect(safeNext(undefined)).toBe("/");
    expect(safeNext(["/jobs", "//evil"])).toBe("/");
  });

  it("keeps same-origin paths with their query and fragment", () => {
    expect(safeNext("/")).toBe("/");
    expect(safeNext("/jobs")).toBe("/jobs");
    expect(safeNext("/jobs?status=RUNNING&host=a")).toBe("/jobs?status=RUNNING&host=a");
    expect(safeNext("/models/abc?tab=files#lineage")).toBe("/models/abc?tab=files#lineage");
    expect(safeNext("/models?q=a%20b")).toBe("/models?q=a%20b");
  });

  it("keeps a still-encoded tab as a path segment on this dashboard", () => {
    for (const value of ["/%09/evil.example", "/%2509/evil.example"]) {
      const out = safeNext(value);
      expect(new URL(out, "http://dash.example").origin, value).toBe("http://dash.example");
      expect(out.startsWith("/") && !out.startsWith("//"), value).toBe(true);
    }
  });
});
