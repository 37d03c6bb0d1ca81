import uPlot from "uplot";
import { formatValue, paletteColor, type XY } from "./series";

export type LineSeries = {
  label: string;
  color?: string;
  points: XY[];
  dashed?: boolean;
  axis?: "left" | "right";
  /** Draw a dot at every value; for sparse series such as eval loss. */
  showPoints?: boolean;
};

/** A labelled vertical line, e.g. where a run resumed. */
export type Marker = { x: number; label: string };

type Config = {
  series: LineSeries[];
  xLabel: string;
  yLabel: string;
  yRightLabel?: string;
  logY: boolean;
  width: number;
  height: number;
  /** Read at every draw, so markers can change without re-creating the plot. */
  markers: () => Marker[];
  /** The x range when it is narrower than the data (the user zoomed), else null; live updates keep it. */
  onZoom: (range: { min: number; max: number } | null) => void;
};

const FONT = "11px ui-sans-serif, system-ui, sans-serif";
const AXIS = {
  stroke: "#71717a",
  font: FONT,
  labelFont: FONT,
  grid: { stroke: "rgba(113, 113, 122, 0.15)", width: 1 },
  ticks: { stroke: "rgba(113, 113, 122, 0.3)", width: 1 },
  values: (_u: uPlot, splits: number[]) => splits.map((v) => formatValue(v)),
  // uPlot's fixed 50px clips labels like "1.5e-4" or "12346".
  size: (_u: uPlot, values: string[] | null) => Math.max(36, ...(values ?? []).map((v) => v.length * 6.5)) + 12,
};
const legendValue = (_u: uPlot, v: number | null) => formatValue(v);

function drawMarkers(u: uPlot, markers: Marker[]) {
  if (markers.length === 0) return;
  const { ctx, bbox } = u;
  const px = uPlot.pxRatio;
  ctx.save();
  ctx.strokeStyle = "#a1a1aa";
  ctx.fillStyle = "#52525b";
  ctx.lineWidth = px;
  ctx.setLineDash([4 * px, 4 * px]);
  ctx.font = `${10 * px}px ui-sans-serif, system-ui, sans-serif`;
  for (const m of markers) {
    const x = Math.round(u.valToPos(m.x, "x", true));
    if (x < bbox.left || x > bbox.left + bbox.width) continue;
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    ctx.fillText(m.label, x + 3 * px, bbox.top + 11 * px);
  }
  ctx.restore();
}

/**
 * The legend's value for a series at the cursor. uPlot's default borrows the nearest value
 * anywhere, so a part that starts at step 400 would show a number at step 150; here a series
 * only snaps to a neighbour inside its own span (sparse eval points still show).
 */
function nearestWithinSpan(u: uPlot, seriesIdx: number, idx: number): number {
  const ys = u.data[seriesIdx];
  if (ys[idx] !== undefined) return idx;
  let l = idx;
  let r = idx;
  while (l >= 0 && ys[l] === undefined) l--;
  while (r < ys.length && ys[r] === undefined) r++;
  if (l < 0 || r >= ys.length) return idx;
  const xs = u.data[0];
  return xs[idx] - xs[l] <= xs[r] - xs[idx] ? l : r;
}

export function plotOptions(c: Config): uPlot.Options {
  const right = c.series.some((s) => s.axis === "right");
  return {
    width: c.width,
    height: c.height,
    scales: { x: { time: false }, y: c.logY ? { distr: 3 } : {}, ...(right ? { y2: {} } : {}) },
    axes: [
      { ...AXIS, label: c.xLabel },
      { ...AXIS, label: c.yLabel, scale: "y" },
      ...(right ? [{ ...AXIS, label: c.yRightLabel, scale: "y2", side: 1, grid: { show: false } }] : []),
    ],
    series: [
      { label: c.xLabel, value: legendValue },
      ...c.series.map((s, i) => {
        const color = s.color ?? paletteColor(i);
        return {
          label: s.label,
          scale: s.axis === "right" ? "y2" : "y",
          stroke: color,
          width: 1.5,
          dash: s.dashed ? [6, 4] : undefined,
          points: s.showPoints ? { show: true, size: 5, fill: color, stroke: color } : undefined,
          value: legendValue,
        };
      }),
    ],
    cursor: { drag: { x: true, y: false, setScale: true }, dataIdx: nearestWithinSpan },
    legend: { live: true },
    hooks: {
      setScale: [
        (u, key) => {
          if (key !== "x") return;
          const xs = u.data[0];
          const { min, max } = u.scales.x;
          const zoomed = xs.length > 1 && min != null && max != null && (min > xs[0] || max < xs[xs.length - 1]);
          c.onZoom(zoomed ? { min, max } : null);
        },
      ],
      draw: [(u) => drawMarkers(u, c.markers())],
    },
  };
}
