"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useApiAction } from "@/components/api/use-api-action";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ApiErrorBox } from "@/components/ui/ApiErrorBox";
import { Button } from "@/components/ui/Button";
import { Card, CardBody, CardHeader } from "@/components/ui/Card";
import { TrainingCharts } from "./TrainingCharts";
import { latestOf, type RunMetrics } from "./run-summary";

const POLL_MS = 2_000;

type Props = {
  jobId: string;
  initial: RunMetrics;
  /** The model the run trains (for "Clone with edits"). */
  baseModelId: string | null;
};

/**
 * A fine-tune's live view: step/epoch/ETA, latest loss and learning rate, and the curves of every
 * attempt of the run. Reads the run's metrics from the server (polled while an attempt is active),
 * so closing the browser or restarting the dashboard loses nothing: the worker keeps writing them.
 */
export function TrainingPanel({ jobId, initial, baseModelId }: Props) {
  const { tr } = useI18n();
  const router = useRouter();
  const [metrics, setMetrics] = useState(initial);
  const active = metrics.attempts.some((a) => a.status === "QUEUED" || a.status === "RUNNING");
  const wasActive = useRef(active);

  useEffect(() => {
    if (!active) return;
    let stop = false;
    const tick = async () => {
      try {
        const res = await fetch(`/api/v1/jobs/${encodeURIComponent(jobId)}/training`, { cache: "no-store" });
        if (res.ok && !stop) setMetrics((await res.json()) as RunMetrics);
      } catch {
        // the next poll retries; the chart keeps what it has
      }
    };
    const t = setInterval(() => void tick(), POLL_MS);
    return () => {
      stop = true;
      clearInterval(t);
    };
  }, [active, jobId]);

  useEffect(() => {
    // An attempt ended while the page was open: the server-rendered status, result and buttons are stale.
    if (wasActive.current && !active) router.refresh();
    wasActive.current = active;
  }, [active, router]);

  const last = metrics.attempts[metrics.attempts.length - 1];
  const resumable = !!last && (last.status === "CANCELLED" || last.status === "FAILED");
  const resume = useApiAction<{ job: { id: string } }>({ onSuccess: (r) => router.push(`/jobs/${r.job.id}`), keepPendingOnSuccess: true });
  const s = latestOf(metrics.points);

  return (
    <Card data-testid="training-panel">
      <CardHeader
        title={tr("train.panelTitle")}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            {resumable ? (
              <Button size="sm" data-testid="resume-run" disabled={resume.pending} onClick={() => void resume.run(`/api/v1/jobs/${encodeURIComponent(last.id)}/resume`, { method: "POST" })}>
                {tr("train.resume")}
              </Button>
            ) : null}
            {baseModelId ? (
              <Link className="text-sm font-medium text-accent-700 hover:underline" href={`/models/${baseModelId}/finetune?from=${encodeURIComponent(metrics.runId)}`} data-testid="clone-run">
                {tr("train.clone")}
              </Link>
            ) : null}
            <Link className="text-sm font-medium text-accent-700 hover:underline" href={`/finetune?compare=${encodeURIComponent(metrics.runId)}`}>
              {tr("train.compare")}
            </Link>
          </div>
        }
      />
      <CardBody className="space-y-4">
        {resume.error ? <ApiErrorBox error={resume.error} /> : null}
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-3 lg:grid-cols-6" data-testid="training-summary">
          <Stat label={tr("train.step")} value={s ? `${s.step}${s.totalSteps ? ` / ${s.totalSteps}` : ""}` : "—"} testId="training-step" />
          <Stat label={tr("train.epoch")} value={s?.epoch !== undefined ? s.epoch.toFixed(2) : "—"} />
          <Stat label={tr("train.loss")} value={s?.loss !== undefined ? s.loss.toFixed(4) : "—"} testId="training-loss" />
          <Stat label={tr("train.evalLoss")} value={s?.evalLoss !== undefined ? s.evalLoss.toFixed(4) : "—"} />
          <Stat label={tr("train.lr")} value={s?.lr !== undefined ? s.lr.toExponential(2) : "—"} />
          <Stat label={tr("train.throughput")} value={s?.throughput !== undefined ? `${Math.round(s.throughput)} tok/s` : "—"} />
        </dl>
        {metrics.attempts.length > 1 ? (
          <ol className="flex flex-wrap gap-2 text-xs" aria-label={tr("train.attempts")}>
            {metrics.attempts.map((a, i) => (
              <li key={a.id}>
                <Link href={`/jobs/${a.id}`} className={a.id === jobId ? "font-semibold text-zinc-900" : "text-accent-700 hover:underline"} data-testid="training-attempt" data-status={a.status}>
                  {tr("train.attempt", { n: i + 1 })} · {tr(`status.${a.status}`)}
                </Link>
              </li>
            ))}
          </ol>
        ) : null}
        <TrainingCharts points={metrics.points} />
      </CardBody>
    </Card>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-md bg-zinc-50 px-3 py-2 ring-1 ring-zinc-200">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="font-mono text-sm tabular-nums text-zinc-900" data-testid={testId}>{value}</dd>
    </div>
  );
}
