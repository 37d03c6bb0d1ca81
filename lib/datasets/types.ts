/**
 * One problem LLaMA-Factory would have with a row (or, with row 0, with the whole file).
 * `row` is 1-based: the position in the array for .json, the line number for .jsonl.
 */
export type RowError = { row: number; field: string; problem: string };

export type SampleRole = "user" | "assistant" | "function" | "observation";

/** A row after LF's converter: what the template will see. */
export type NormalizedSample = {
  system?: string;
  tools?: string;
  messages: { role: SampleRole; content: string }[];
  chosen?: string;
  rejected?: string;
  kto?: boolean;
  text?: string;
};
