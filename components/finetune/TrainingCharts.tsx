"use client";

import { useMemo, useState, type ReactNode } from "react";
import { LineChart, type LineSeries } from "@/components/charts/LineChart";
import { SmoothingControl } from "@/components/charts/SmoothingControl";
import { emaPoints, paletteColor, withAlpha } from "@/components/charts/series";
import { hasMetric, metricPoints, resumeSteps, splitSegments, type Metric, type Segment, type TrainingPoint } from "@/components/charts/training";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardBody, CardHeader } from "@/components/ui/Card";
import { cn } from "@/components/ui/cn";
import type { Translate } from "@/lib/i18n";

export type { TrainingPoint };

type SeriesStyle = Omit<LineSeries, "label" | "points">;

/**
 * One series per segment: steps may restart on resume, and uPlot needs each line's x to grow.
 * Segments share a colour across charts so a part is easy to follow.
 */
function perSegment(segments: Segment[], metric: Metric, name: string, tr: Translate, style: (color: string) => SeriesStyle = (color) => ({ color })): LineSeries[] {
  return segments
    .map((s, i) => ({
      label: segments.length > 1 ? tr("charts.part", { name, n: i + 1 }) : name,
      points: metricPoints(s.points, metric),
      ...style(paletteColor(i)),
    }))
    .filter((s) => s.points.length > 0);
}

function ChartCard({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Card className="min-w-0">
      <CardHeader title={title} actions={actions} />
      <CardBody>{children}</CardBody>
    </Card>
  );
}

/** Live curves of one fine-tuning run from its trainer_log.jsonl: loss, learning rate, and throughput and GPU memory when logged. */
export function TrainingCharts({ points, className }: { points: TrainingPoint[]; className?: string }) {
  const { tr } = useI18n();
  const [smoothing, setSmoothing] = useState(0.6);
  const segments = useMemo(() => splitSegments(points), [points]);
  const markerLabel = tr("charts.resumed");
  const markers = useMemo(() => resumeSteps(segments).map((x) => ({ x, label: markerLabel })), [segments, markerLabel]);

  const loss = useMemo(() => {
    const raw = perSegment(segments, "loss", tr("charts.loss"), tr, (color) => ({ color: smoothing > 0 ? withAlpha(color, 0.3) : color }));
    const smooth = smoothing > 0 ? perSegment(segments, "loss", tr("charts.lossSmoothed"), tr).map((s) => ({ ...s, points: emaPoints(s.points, smoothing) })) : [];
    const evals = perSegment(segments, "evalLoss", tr("charts.evalLoss"), tr, (color) => ({ color, dashed: true, showPoints: true }));
    return [...raw, ...smooth, ...evals];
  }, [segments, smoothing, tr]);
  const lr = useMemo(() => perSegment(segments, "lr", tr("charts.learningRate"), tr), [segments, tr]);
  const throughput = useMemo(() => perSegment(segments, "throughput", tr("charts.tokensPerSec"), tr), [segments, tr]);
  const vram = useMemo(() => perSegment(segments, "vramGiB", tr("charts.gib"), tr), [segments, tr]);
  const step = tr("charts.step");

  return (
    <div data-testid="training-charts" className={cn("space-y-3", className)}>
      {segments.length > 1 ? <p className="text-xs text-zinc-500">{tr("charts.resumedNote", { count: segments.length })}</p> : null}
      <div className="grid gap-4 xl:grid-cols-2">
        <ChartCard title={tr("charts.loss")} actions={<SmoothingControl value={smoothing} onChange={setSmoothing} />}>
          <LineChart series={loss} xLabel={step} yLabel={tr("charts.loss")} ariaLabel={tr("charts.lossAria")} markers={markers} testId="chart-loss" />
        </ChartCard>
        <ChartCard title={tr("charts.learningRate")}>
          <LineChart series={lr} xLabel={step} yLabel={tr("charts.learningRate")} ariaLabel={tr("charts.lrAria")} markers={markers} testId="chart-lr" />
        </ChartCard>
        {hasMetric(points, "throughput") ? (
          <ChartCard title={tr("charts.throughput")}>
            <LineChart series={throughput} xLabel={step} yLabel={tr("charts.tokensPerSec")} ariaLabel={tr("charts.throughputAria")} markers={markers} testId="chart-throughput" />
          </ChartCard>
        ) : null}
        {hasMetric(points, "vramGiB") ? (
          <ChartCard title={tr("charts.gpuMemory")}>
            <LineChart series={vram} xLabel={step} yLabel={tr("charts.gib")} ariaLabel={tr("charts.gpuMemoryAria")} markers={markers} testId="chart-vram" />
          </ChartCard>
        ) : null}
      </div>
    </div>
  );
}
