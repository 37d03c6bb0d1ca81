import { describe, expect, it } from "vitest";
import { renderSamplePreview } from "../../lib/datasets/preview";
import { validateDataset } from "../../lib/datasets/validate";

// A small ChatML-style template written for this test (system, tools line, turns, optional generation prompt).
const CHATML = [
  "{{ bos_token }}",
  "{% if tools is defined %}<|im_start|>tools\n{% for t in tools %}{{ t.function.name }};{% endfor %}<|im_end|>\n{% endif %}",
  "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}",
  "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}",
].join("");

describe("renderSamplePreview", () => {
  it("renders a validated alpaca row through a ChatML template", () => {
    const report = validateDataset([{ instruction: "Translate to French.", input: "Good morning", output: "Bonjour.", system: "Be brief." }], {
      file_name: "x.json", columns: { prompt: "instruction", query: "input", response: "output", system: "system" },
    });
    const out = renderSamplePreview(report.samples[0], CHATML, { bos_token: "<s>" });
    expect(out).toEqual({
      text: "<s><|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nTranslate to French.\nGood morning<|im_end|>\n<|im_start|>assistant\nBonjour.<|im_end|>\n",
    });
  });

  it("maps observation to tool and function to assistant, and passes tools in OpenAI shape", () => {
    const out = renderSamplePreview(
      {
        tools: '[{"name": "get_weather", "parameters": {}}]',
        messages: [
          { role: "user", content: "Weather?" },
          { role: "function", content: '{"name": "get_weather", "arguments": {}}' },
          { role: "observation", content: "sunny" },
          { role: "assistant", content: "Sunny." },
        ],
      },
      CHATML,
    );
    expect("text" in out && out.text).toContain("<|im_start|>tools\nget_weather;<|im_end|>");
    expect("text" in out && out.text).toContain('<|im_start|>assistant\n{"name": "get_weather", "arguments": {}}<|im_end|>\n<|im_start|>tool\nsunny<|im_end|>');
  });

  it("shows the chosen answer of a preference row and the text of a pretrain row", () => {
    const pref = renderSamplePreview({ messages: [{ role: "user", content: "Q" }], chosen: "Good", rejected: "Bad" }, CHATML);
    expect("text" in pref && pref.text).toBe("<|im_start|>user\nQ<|im_end|>\n<|im_start|>assistant\nGood<|im_end|>\n");
    expect(renderSamplePreview({ messages: [], text: "plain text" }, CHATML, { eos_token: "</s>" })).toEqual({ text: "plain text</s>" });
  });

  it("returns the jinja error for a broken template", () => {
    const out = renderSamplePreview({ messages: [{ role: "user", content: "a" }] }, "{% for m in messages %}{{ m.content }}");
    expect(out).toMatchObject({ error: expect.stringMatching(/^The chat template could not be rendered: .+/) });
    const thrown = renderSamplePreview({ messages: [{ role: "user", content: "a" }] }, "{{ raise_exception('no system role') }}");
    expect(thrown).toEqual({ error: "The chat template could not be rendered: no system role" });
  });
});
