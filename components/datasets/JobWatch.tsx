"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { apiFetch } from "@/components/api/fetch-json";
import { useI18n } from "@/components/i18n/I18nProvider";
import { asFailure } from "@/components/jobs/failure";
import { JobProgress } from "@/components/jobs/JobProgress";
import { JobStatusBadge } from "@/components/jobs/JobStatusBadge";
import { ApiErrorBox } from "@/components/ui/ApiErrorBox";
import { Button, buttonClass } from "@/components/ui/Button";
import { registeredIds } from "./report";

export type QueuedJob = { id: string };

type WatchedJob = { id: string; title: string; status: string; progress: number | null; progressLabel: string | null; result: unknown; failure: unknown };

const POLL_MS = 1500;
const FINAL = new Set(["SUCCEEDED", "FAILED", "CANCELLED"]);

/**
 * After a submit: the validation job's status until it ends, then the registered dataset(s).
 * The job page has the full log (row errors are printed there), so it is always one click away.
 */
export function JobWatch({ job, onAnother }: { job: QueuedJob; onAnother: () => void }) {
  const { tr } = useI18n();
  const [row, setRow] = useState<WatchedJob | null>(null);
  const done = row ? FINAL.has(row.status) : false;

  useEffect(() => {
    if (done) return;
    let stopped = false;
    const messages = { network: tr("error.network"), unexpected: (status: number) => tr("error.unexpected", { status }) };
    // A failed poll is not the job failing: keep the last state and try again on the next tick.
    const poll = () => apiFetch<WatchedJob>(`/api/v1/jobs/${job.id}`, {}, messages).then((j) => !stopped && setRow(j), () => undefined);
    void poll();
    const id = setInterval(poll, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(id);
    };
  }, [job.id, done, tr]);

  const failure = row?.status === "FAILED" ? asFailure(row.failure) : null;
  const ids = row?.status === "SUCCEEDED" ? registeredIds(row.result) : [];
  return (
    <section className="space-y-3 rounded-lg border border-zinc-200 bg-white p-5 shadow-xs" data-testid="dataset-job" aria-live="polite">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-zinc-900">{done ? row?.title : tr("datasetWatch.validating")}</h2>
        {row ? <JobStatusBadge status={row.status} tr={tr} testId="dataset-job-status" /> : null}
      </div>
      {!done ? <JobProgress status={row?.status ?? "QUEUED"} progress={row?.progress ?? null} label={row?.progressLabel ?? tr("datasetWatch.queued")} size="sm" showPercent /> : null}
      {failure ? <ApiErrorBox error={{ code: failure.code, message: failure.message, hint: failure.hint ?? undefined }} testId="dataset-job-failure" /> : null}
      {ids.length > 0 ? <p className="text-sm text-emerald-800">{tr("datasetWatch.registered", { count: ids.length })}</p> : null}
      <div className="flex flex-wrap items-center gap-2">
        {ids.length === 1 ? (
          <Link href={`/datasets/${ids[0]}`} className={buttonClass("primary", "sm")} data-testid="open-dataset">{tr("datasetWatch.openDataset")}</Link>
        ) : ids.length > 1 ? (
          <Link href="/datasets" className={buttonClass("primary", "sm")} data-testid="open-datasets">{tr("datasetWatch.openDatasets")}</Link>
        ) : null}
        <Link href={`/jobs/${job.id}`} className={buttonClass(ids.length > 0 ? "secondary" : "primary", "sm")} data-testid="open-job">{tr("datasetWatch.openJob")}</Link>
        {done ? <Button size="sm" variant="ghost" onClick={onAnother} data-testid="add-another">{tr("datasetWatch.another")}</Button> : null}
      </div>
    </section>
  );
}
