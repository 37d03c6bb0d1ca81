import { describe, expect, it } from "vitest";
import { alignSeries, ema, emaPoints, formatValue, hasValues, paletteColor, PALETTE, tailRows, withAlpha } from "@/components/charts/series";
import { hasMetric, latestCurve, metricPoints, resumeSteps, splitSegments, type TrainingPoint } from "@/components/charts/training";

describe("ema", () => {
  it("debiases the first values like TensorBoard", () => {
    const out = ema([1, 2, 3], 0.5);
    expect(out[0]).toBeCloseTo(1, 10);
    expect(out[1]).toBeCloseTo(5 / 3, 10);
    expect(out[2]).toBeCloseTo(2.125 / 0.875, 10);
  });

  it("returns the values unchanged at weight 0 and a constant series unchanged at any weight", () => {
    expect(ema([3, 1, 4], 0)).toEqual([3, 1, 4]);
    for (const v of ema([2, 2, 2, 2], 0.9)) expect(v).toBeCloseTo(2, 10);
  });

  it("leaves missing values missing without advancing the average", () => {
    const out = ema([1, null, Number.NaN, 3], 0.5);
    expect(out[1]).toBeNull();
    expect(out[2]).toBeNull();
    // Same as ema([1, 3]): (0.25 + 1.5) / 0.75
    expect(out[3]).toBeCloseTo(7 / 3, 10);
  });

  it("keeps x when smoothing points", () => {
    const out = emaPoints([{ x: 10, y: 4 }, { x: 20, y: 2 }], 0.5);
    expect(out.map((p) => p.x)).toEqual([10, 20]);
    expect(out[1].y).toBeCloseTo((0.5 * 2 + 1) / 0.75, 10);
  });
});

describe("alignSeries", () => {
  it("merges x values, marks absent x undefined and bad y null", () => {
    const d = alignSeries([
      [{ x: 1, y: 2.5 }, { x: 3, y: Number.NaN }, { x: 2, y: 2.1 }],
      [{ x: 2, y: 3 }, { x: 4, y: null }, { x: 5, y: Number.POSITIVE_INFINITY }],
    ]);
    expect(d.xs).toEqual([1, 2, 3, 4, 5]);
    expect(d.ys[0]).toEqual([2.5, 2.1, null, undefined, undefined]);
    expect(d.ys[1]).toEqual([undefined, 3, undefined, null, null]);
  });

  it("keeps the last value of a repeated x and handles no series", () => {
    expect(alignSeries([[{ x: 1, y: 1 }, { x: 1, y: 7 }]]).ys[0]).toEqual([7]);
    expect(alignSeries([])).toEqual({ xs: [], ys: [] });
  });

  it("returns the last rows for the data table", () => {
    const d = alignSeries([[1, 2, 3, 4].map((x) => ({ x, y: x * 10 }))]);
    expect(tailRows(d, 2)).toEqual([{ x: 3, cells: [30] }, { x: 4, cells: [40] }]);
    expect(tailRows(d, 50)).toHaveLength(4);
  });

  it("tells whether there is anything to draw", () => {
    expect(hasValues([[], [{ x: 1, y: null }, { x: 2, y: Number.NaN }]])).toBe(false);
    expect(hasValues([[], [{ x: 1, y: 0 }]])).toBe(true);
  });
});

describe("formatting and colours", () => {
  it("formats numbers compactly", () => {
    expect(formatValue(0.693147)).toBe("0.6931");
    expect(formatValue(2e-5)).toBe("2e-5");
    expect(formatValue(1.5e-4)).toBe("1.5e-4");
    expect(formatValue(12345.6)).toBe("12346");
    expect(formatValue(3)).toBe("3");
    expect(formatValue(0)).toBe("0");
    expect(formatValue(null)).toBe("—");
    expect(formatValue(Number.NaN)).toBe("—");
  });

  it("cycles the palette and adds alpha", () => {
    expect(paletteColor(0)).toBe(PALETTE[0]);
    expect(paletteColor(PALETTE.length + 1)).toBe(PALETTE[1]);
    expect(withAlpha("#4f46e5", 0.3)).toBe("rgba(79, 70, 229, 0.3)");
    expect(withAlpha("red", 0.3)).toBe("red");
  });
});

describe("training points", () => {
  const pts: TrainingPoint[] = [
    { step: 10, loss: 2.0, lr: 1e-4, segment: 0 },
    { step: 20, loss: 1.8, lr: 9e-5, segment: 0 },
    { step: 20, evalLoss: 1.9, segment: 0 },
    { step: 30, loss: 1.7, lr: 8e-5, segment: 0 },
    { step: 20, loss: 1.75, lr: 9e-5, segment: 1 },
    { step: 30, loss: Number.NaN, lr: 8e-5, segment: 1 },
    { step: 40, loss: 1.5, lr: 7e-5, throughput: 5120, segment: 1 },
  ];

  it("splits into segments in order", () => {
    const segs = splitSegments([pts[4], pts[0], pts[5]]);
    expect(segs.map((s) => [s.segment, s.points.map((p) => p.step)])).toEqual([[0, [10]], [1, [20, 30]]]);
  });

  it("takes only rows that carry the metric, keeping a logged NaN", () => {
    const seg0 = splitSegments(pts)[0].points;
    expect(metricPoints(seg0, "loss")).toEqual([{ x: 10, y: 2 }, { x: 20, y: 1.8 }, { x: 30, y: 1.7 }]);
    expect(metricPoints(seg0, "evalLoss")).toEqual([{ x: 20, y: 1.9 }]);
    expect(metricPoints(splitSegments(pts)[1].points, "loss")[1].y).toBeNaN();
    expect(hasMetric(pts, "throughput")).toBe(true);
    expect(hasMetric(pts, "vramGiB")).toBe(false);
  });

  it("marks where each resumed segment starts", () => {
    expect(resumeSteps(splitSegments(pts))).toEqual([20]);
    expect(resumeSteps(splitSegments(pts.slice(0, 4)))).toEqual([]);
  });

  it("keeps the history the final weights went through", () => {
    const curve = latestCurve(pts);
    expect(curve.map((p) => [p.step, p.segment])).toEqual([[10, 0], [20, 1], [30, 1], [40, 1]]);
    expect(metricPoints(curve, "loss").map((p) => p.y)).toEqual([2, 1.75, Number.NaN, 1.5]);
  });
});
