import { describe, expect, it } from "vitest";
import { LineSplitter } from "../../workers/runner/line-splitter";

function split(chunks: string[], max?: number) {
  const out: string[] = [];
  const s = new LineSplitter((l) => out.push(l), max);
  chunks.forEach((c) => s.push(c));
  s.end();
  return out;
}

describe("LineSplitter", () => {
  it("frames lines across chunk borders and handles \\r\\n and bare \\r (progress redraws)", () => {
    expect(split(["ab", "c\nde", "f\r\ng\rh", "\n"])).toEqual(["abc", "def", "g", "h"]);
    expect(split(["tail without newline"])).toEqual(["tail without newline"]);
    expect(split(["a\r", "\nb\n"])).toEqual(["a", "b"]);
  });

  it("caps a giant line instead of buffering it", () => {
    const out = split(["x".repeat(50), "y".repeat(50), "\nnext\n"], 60);
    expect(out[0].startsWith("x".repeat(50) + "y".repeat(10))).toBe(true);
    expect(out[0]).toContain("[line truncated]");
    expect(out[1]).toBe("next");
  });
});
