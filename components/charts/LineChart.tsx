"use client";

import "uplot/dist/uPlot.min.css";
import uPlot from "uplot";
import { useEffect, useMemo, useRef } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { cn } from "@/components/ui/cn";
import { ChartDataTable } from "./ChartDataTable";
import { alignSeries, hasValues, type Aligned } from "./series";
import { plotOptions, type LineSeries, type Marker } from "./uplot-options";

export type { LineSeries, Marker };

export type LineChartProps = {
  series: LineSeries[];
  xLabel: string;
  yLabel: string;
  yRightLabel?: string;
  logY?: boolean;
  height?: number;
  ariaLabel: string;
  markers?: Marker[];
  className?: string;
  testId?: string;
};

const NO_MARKERS: Marker[] = [];
// uPlot's stylesheet is unlayered and so beats Tailwind's layered utilities unless they are important.
const LEGEND_CLASS = "[&_.u-legend]:text-xs! [&_.u-legend]:text-zinc-600! [&_.u-legend_th]:font-medium! [&_.u-legend_.u-series]:py-0.5!";
const toUplot = (d: Aligned) => [d.xs, ...d.ys] as uPlot.AlignedData;

/**
 * A uPlot line chart that follows live data: appended points go in through setData, so zoom,
 * cursor and legend survive; the plot is only rebuilt when the set of series or the axes change.
 * uPlot needs the DOM, so the plot is made in an effect and the server renders an empty box.
 */
export function LineChart({ series, xLabel, yLabel, yRightLabel, logY = false, height = 240, ariaLabel, markers = NO_MARKERS, className, testId }: LineChartProps) {
  const { tr } = useI18n();
  const points = useMemo(
    // A log scale cannot place zero or below; a gap is the honest picture.
    () => series.map((s) => (logY && s.axis !== "right" ? s.points.map((p) => (p.y !== null && p.y <= 0 ? { x: p.x, y: null } : p)) : s.points)),
    [series, logY],
  );
  const data = useMemo(() => alignSeries(points), [points]);
  const empty = !hasValues(points);
  const structure = JSON.stringify([series.map((s) => [s.label, s.color, s.dashed, s.axis, s.showPoints]), xLabel, yLabel, yRightLabel, logY, height]);
  const markerKey = JSON.stringify(markers);

  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const applied = useRef<Aligned | null>(null);
  const zoom = useRef<{ min: number; max: number } | null>(null);
  // The plot's hooks and the rebuild effect read the newest props without depending on them.
  const latest = useRef({ series, xLabel, yLabel, yRightLabel, logY, height, markers, data });
  latest.current = { series, xLabel, yLabel, yRightLabel, logY, height, markers, data };

  useEffect(() => {
    const el = host.current;
    if (!el || empty) return;
    const cur = latest.current;
    // Taken before the new plot's first setScale reports the full range.
    const kept = zoom.current;
    const u = new uPlot(
      plotOptions({
        ...cur,
        width: el.clientWidth || 320,
        markers: () => latest.current.markers,
        onZoom: (range) => {
          zoom.current = range;
        },
      }),
      toUplot(cur.data),
      el,
    );
    plot.current = u;
    applied.current = cur.data;
    // A rebuild (new series, e.g. the first eval loss) keeps the user's zoom.
    if (kept) u.setScale("x", kept);
    const ro = new ResizeObserver(() => {
      const w = el.clientWidth;
      if (w > 0 && w !== u.width) u.setSize({ width: w, height: u.height });
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [structure, empty]);

  useEffect(() => {
    const u = plot.current;
    if (!u || applied.current === data) return;
    applied.current = data;
    const kept = zoom.current;
    if (kept) {
      u.setData(toUplot(data), false);
      // Re-applying the range refits y to what is visible, new points included.
      u.setScale("x", kept);
    } else {
      u.setData(toUplot(data));
    }
  }, [data]);

  useEffect(() => {
    plot.current?.redraw(false);
  }, [markerKey]);

  if (empty) {
    return (
      <div
        data-testid={testId}
        data-state="empty"
        style={{ minHeight: height }}
        className={cn("flex items-center justify-center rounded-md border border-dashed border-zinc-200 text-xs text-zinc-500", className)}
      >
        {tr("charts.empty")}
      </div>
    );
  }
  return (
    <figure data-testid={testId} className={cn(LEGEND_CLASS, "min-w-0", className)}>
      <div ref={host} role="img" aria-label={ariaLabel} title={tr("charts.hint")} style={{ minHeight: height }} className="w-full" />
      <ChartDataTable data={data} xLabel={xLabel} labels={series.map((s) => s.label)} caption={ariaLabel} />
    </figure>
  );
}
