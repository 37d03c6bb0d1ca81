// The report and chart are plain server-renderable components: render them to HTML with the
// numbers of a real run (SmolLM2-135M on the held-out text) and check what a user would see.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { QuantChart } from "../../components/conversion/QuantChart";
import { QuantReport } from "../../components/conversion/QuantReport";
import type { QuantReport as Report, QuantReportRow } from "../../lib/models/quant-report";

function row(precision: string, sizeBytes: number, perplexity: number | null, extra: Partial<QuantReportRow> = {}): QuantReportRow {
  return {
    artifactId: `id-${precision}`,
    name: `smollm2 ${precision}`,
    precision,
    parentId: "f16",
    sizeBytes,
    bitsPerWeight: (sizeBytes * 8) / 134_515_008,
    expectedBitsPerWeight: null,
    perplexity,
    pplError: perplexity === null ? null : 4,
    pplDelta: perplexity === null ? null : perplexity - 30.1473,
    baseline: false,
    comparable: perplexity !== null,
    evaluation: perplexity === null ? null : { textFile: "/data/text/heldout.txt", contextSize: 128, chunks: 8, evaluatedAt: "2026-11-28T18:12:00Z" },
    createdAt: "2026-11-28T18:12:00Z",
    ...extra,
  };
}

const report: Report = {
  rootId: "hf",
  rootName: "smollm2",
  parameterCount: 134_515_008,
  baselineId: "id-F16",
  rows: [
    row("F16", 270_885_888, 30.1473, { baseline: true, pplDelta: null }),
    row("Q8_0", 144_811_008, 30.2567),
    row("Q4_K_M", 105_454_080, 31.4646),
    row("Q2_K", 88_201_728, 39.4333),
    row("IQ2_XS", 80_000_000, null),
  ],
};

describe("QuantReport", () => {
  it("renders a row per GGUF with size, bits per weight, perplexity and the delta to the baseline", () => {
    const html = renderToStaticMarkup(createElement(QuantReport, { report, lang: "en" }));
    expect(html.match(/data-testid="quant-report-row"/g)?.length).toBe(5);
    expect(html).toContain('data-baseline="true"');
    expect(html).toContain("258.3 MiB");
    expect(html).toContain("31.465");
    expect(html).toContain("+1.317");
    expect(html).toContain("not measured");
    expect(html).toContain("Perplexity on heldout.txt, 128 tokens per chunk, 8 chunks.");
  });

  it("speaks Chinese when asked", () => {
    const html = renderToStaticMarkup(createElement(QuantReport, { report, lang: "zh" }));
    expect(html).toContain("大小与质量");
    expect(html).toContain("基准");
    expect(html).toContain("未测量");
  });

  it("draws one point per measured file and a dashed baseline line", () => {
    const html = renderToStaticMarkup(createElement(QuantChart, { rows: report.rows, lang: "en" }));
    expect(html.match(/data-testid="quant-chart-point"/g)?.length).toBe(4);
    expect(html).toContain('data-testid="quant-chart-baseline"');
    expect(html).toContain('stroke-dasharray="5 4"');
    expect(html).not.toContain("NaN");
  });

  it("explains an empty chart and an empty report", () => {
    expect(renderToStaticMarkup(createElement(QuantChart, { rows: [row("F16", 1, null)], lang: "en" }))).toContain("Measure perplexity");
    expect(renderToStaticMarkup(createElement(QuantReport, { report: { ...report, rows: [] }, lang: "en" }))).toContain("No GGUF files yet");
  });
});
