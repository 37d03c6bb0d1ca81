"use client";

import { useMemo, useState } from "react";
import { LineChart } from "@/components/charts/LineChart";
import { SmoothingControl } from "@/components/charts/SmoothingControl";
import { emaPoints, paletteColor } from "@/components/charts/series";
import { latestCurve, metricPoints, type TrainingPoint } from "@/components/charts/training";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardBody, CardHeader } from "@/components/ui/Card";

export type CompareRun = { id: string; label: string; points: TrainingPoint[] };

/**
 * Training loss of several runs on one step axis, one palette colour per run. A resumed run is
 * drawn as the history its final weights went through, so each run stays a single line.
 */
export function RunCompareChart({ runs, height, className }: { runs: CompareRun[]; height?: number; className?: string }) {
  const { tr } = useI18n();
  const [smoothing, setSmoothing] = useState(0.6);
  const series = useMemo(
    () =>
      runs.map((r, i) => {
        const raw = metricPoints(latestCurve(r.points), "loss");
        return { label: r.label, color: paletteColor(i), points: smoothing > 0 ? emaPoints(raw, smoothing) : raw };
      }),
    [runs, smoothing],
  );
  return (
    <Card className={className} data-testid="run-compare-chart">
      <CardHeader title={tr("charts.compareTitle")} actions={<SmoothingControl value={smoothing} onChange={setSmoothing} />} />
      <CardBody>
        <LineChart series={series} xLabel={tr("charts.step")} yLabel={tr("charts.loss")} ariaLabel={tr("charts.compareAria")} height={height} />
      </CardBody>
    </Card>
  );
}
