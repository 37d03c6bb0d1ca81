// Real outputs of the llama.cpp tools (SmolLM2-135M-Instruct, Sep-2026 tree, CPU build) recorded
// under tests/unit/fixtures/llama-cpp/ and fed through the line framing the worker uses.
import { readFileSync } from "node:fs";
import path from "node:path";
import { LineSplitter } from "../../workers/runner/line-splitter";

const DIR = path.join(import.meta.dirname, "fixtures", "llama-cpp");

export function fixtureText(name: string): string {
  return readFileSync(path.join(DIR, name), "utf8");
}

/** The fixture split into lines exactly as the worker's runner delivers them (\n and \r both end a line). */
export function fixtureLines(name: string): string[] {
  const out: string[] = [];
  const s = new LineSplitter((l) => out.push(l));
  s.push(fixtureText(name));
  s.end();
  return out;
}
