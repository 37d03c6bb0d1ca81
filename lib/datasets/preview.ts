import { Template } from "@huggingface/jinja";
import type { NormalizedSample, SampleRole } from "./types";

export type PreviewTokens = { bos_token?: string; eos_token?: string };

/** transformers' role names: LF's observation is a tool result, a function turn is the assistant calling one. */
const ROLE: Record<SampleRole, string> = { user: "user", assistant: "assistant", observation: "tool", function: "assistant" };

/** HF chat templates expect OpenAI-shaped tools; LF files usually hold bare function schemas. */
function toolsFor(raw: string | undefined): unknown[] | undefined {
  if (!raw) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return undefined;
    return parsed.map((t) => (typeof t === "object" && t !== null && "type" in t ? t : { type: "function", function: t }));
  } catch {
    return undefined;
  }
}

/**
 * Render one normalized row through a model's chat template, to show what the model will see.
 * A preference row shows the chosen answer; a pretrain row is its text plus eos, as LF's pt stage does.
 */
export function renderSamplePreview(sample: NormalizedSample, chatTemplate: string, tokens: PreviewTokens = {}): { text: string } | { error: string } {
  if (sample.text !== undefined) return { text: sample.text + (tokens.eos_token ?? "") };
  const messages: { role: string; content: string }[] = [];
  if (sample.system) messages.push({ role: "system", content: sample.system });
  for (const m of sample.messages) messages.push({ role: ROLE[m.role], content: m.content });
  if (sample.chosen !== undefined) messages.push({ role: "assistant", content: sample.chosen });

  const context: Record<string, unknown> = {
    messages,
    bos_token: tokens.bos_token ?? "",
    eos_token: tokens.eos_token ?? "",
    add_generation_prompt: false,
  };
  const tools = toolsFor(sample.tools);
  if (tools) context.tools = tools;
  try {
    return { text: new Template(chatTemplate).render(context) };
  } catch (e) {
    return { error: `The chat template could not be rendered: ${e instanceof Error ? e.message : String(e)}` };
  }
}
