import { t, type Lang } from "@/lib/i18n";
import { formatBytes } from "@/lib/i18n/format";
import type { QuantReportRow } from "@/lib/models/quant-report";

const W = 640;
const H = 320;
const M = { top: 16, right: 24, bottom: 44, left: 56 };

/** 1, 2, 5 × 10^k steps giving about `count` ticks over [lo, hi]. */
function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((st) => st >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

type LabelPos = { x: number; y: number; textAnchor: "start" | "end" };

/**
 * Greedy label placement: try right-above, right-below, left-above, left-below of each point and
 * keep the first spot that overlaps no placed label and no point; otherwise leave the label out
 * (the point's tooltip still names it).
 */
function placeLabels(points: { id: string; x: number; y: number; text: string }[]): Map<string, LabelPos> {
  const boxes: { x0: number; y0: number; x1: number; y1: number }[] = points.map((p) => ({ x0: p.x - 5, y0: p.y - 5, x1: p.x + 5, y1: p.y + 5 }));
  const out = new Map<string, LabelPos>();
  const hit = (b: { x0: number; y0: number; x1: number; y1: number }) => boxes.some((o) => b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1);
  for (const p of [...points].sort((a, b) => a.x - b.x)) {
    if (!p.text) continue;
    const w = p.text.length * 6.2;
    for (const [dx, dy, anchor] of [[7, -6, "start"], [7, 13, "start"], [-7, -6, "end"], [-7, 13, "end"]] as const) {
      const x = p.x + dx;
      const y = p.y + dy;
      const box = anchor === "start" ? { x0: x, y0: y - 10, x1: x + w, y1: y + 2 } : { x0: x - w, y0: y - 10, x1: x, y1: y + 2 };
      if (box.x0 < M.left || box.x1 > W - 2 || box.y0 < 0 || box.y1 > H - M.bottom || hit(box)) continue;
      boxes.push(box);
      out.set(p.id, { x, y, textAnchor: anchor });
      break;
    }
  }
  return out;
}

/**
 * Size (x) against perplexity (y) for every measured GGUF of a family, with ± error bars and the
 * unquantized baseline as a dashed line. Plain SVG, no chart library; renders on the server.
 */
export function QuantChart({ rows, lang }: { rows: QuantReportRow[]; lang: Lang }) {
  const tr = t(lang);
  const pts = rows.filter((r) => r.perplexity !== null && r.comparable);
  if (pts.length === 0) return <p className="text-xs text-zinc-500" data-testid="quant-chart-empty">{tr("quantReport.chartNoData")}</p>;
  const base = pts.find((r) => r.baseline) ?? null;
  const xs = pts.map((r) => r.sizeBytes);
  const ys = pts.flatMap((r) => [r.perplexity! - (r.pplError ?? 0), r.perplexity! + (r.pplError ?? 0)]);
  let [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const xPad = (x1 - x0 || x1 || 1) * 0.08;
  const yPad = (y1 - y0 || y1 || 1) * 0.1;
  x0 = Math.max(0, x0 - xPad);
  x1 += xPad;
  y0 = Math.max(0, y0 - yPad);
  y1 += yPad;
  const px = (v: number) => M.left + ((v - x0) / (x1 - x0)) * (W - M.left - M.right);
  const py = (v: number) => H - M.bottom - ((v - y0) / (y1 - y0)) * (H - M.top - M.bottom);
  const xt = ticks(x0, x1, 5);
  const yt = ticks(y0, y1, 5);
  const labels = placeLabels(pts.map((r) => ({ id: r.artifactId, x: px(r.sizeBytes), y: py(r.perplexity!), text: r.baseline ? "" : (r.precision ?? "") })));

  return (
    <figure data-testid="quant-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={tr("quantReport.chartTitle")} className="h-auto w-full max-w-3xl text-zinc-500">
        <title>{tr("quantReport.chartTitle")}</title>
        {yt.map((v) => (
          <g key={`y${v}`}>
            <line x1={M.left} x2={W - M.right} y1={py(v)} y2={py(v)} stroke="currentColor" strokeOpacity={0.15} />
            <text x={M.left - 6} y={py(v)} textAnchor="end" dominantBaseline="middle" fontSize={11} fill="currentColor">{Number(v.toPrecision(4))}</text>
          </g>
        ))}
        {xt.map((v) => (
          <g key={`x${v}`}>
            <line x1={px(v)} x2={px(v)} y1={M.top} y2={H - M.bottom} stroke="currentColor" strokeOpacity={0.08} />
            <text x={px(v)} y={H - M.bottom + 16} textAnchor="middle" fontSize={11} fill="currentColor">{formatBytes(v)}</text>
          </g>
        ))}
        <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} stroke="currentColor" strokeOpacity={0.5} />
        <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} stroke="currentColor" strokeOpacity={0.5} />
        <text x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle" fontSize={11} fill="currentColor">{tr("quantReport.chartX")}</text>
        <text x={14} y={(M.top + H - M.bottom) / 2} textAnchor="middle" fontSize={11} fill="currentColor" transform={`rotate(-90 14 ${(M.top + H - M.bottom) / 2})`}>{tr("quantReport.chartY")}</text>
        {base ? (
          <g data-testid="quant-chart-baseline">
            <line x1={M.left} x2={W - M.right} y1={py(base.perplexity!)} y2={py(base.perplexity!)} stroke="#059669" strokeDasharray="5 4" strokeWidth={1.5} />
            <text x={M.left + 6} y={py(base.perplexity!) - 5} textAnchor="start" fontSize={11} fill="#059669">{`${tr("quantReport.baseline")} ${base.precision ?? ""} ${base.perplexity!.toFixed(2)}`}</text>
          </g>
        ) : null}
        {pts.map((r) => {
          const cx = px(r.sizeBytes);
          const cy = py(r.perplexity!);
          const err = r.pplError ?? 0;
          return (
            <g key={r.artifactId} data-testid="quant-chart-point" data-type={r.precision ?? ""}>
              {err > 0 ? <line x1={cx} x2={cx} y1={py(r.perplexity! - err)} y2={py(r.perplexity! + err)} stroke="#6366f1" strokeOpacity={0.25} /> : null}
              <circle cx={cx} cy={cy} r={4.5} fill={r.baseline ? "#059669" : "#4f46e5"}>
                <title>{`${r.precision ?? r.name}: ${formatBytes(r.sizeBytes)}, PPL ${r.perplexity!.toFixed(3)}${err ? ` ± ${err.toFixed(3)}` : ""}`}</title>
              </circle>
              {labels.get(r.artifactId) ? <text {...labels.get(r.artifactId)} fontSize={10.5} fill="#3f3f46">{r.precision ?? ""}</text> : null}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
