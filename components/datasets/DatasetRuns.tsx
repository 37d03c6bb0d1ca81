import Link from "next/link";
import { JobStatusBadge } from "@/components/jobs/JobStatusBadge";
import { RelativeTime } from "@/components/ui/Time";
import type { runsUsingDataset } from "@/lib/dataset-records/queries";
import type { Translate } from "@/lib/i18n";

export type DatasetRun = Awaited<ReturnType<typeof runsUsingDataset>>[number];

export function DatasetRuns({ runs, tr }: { runs: DatasetRun[]; tr: Translate }) {
  if (runs.length === 0) return <p className="text-sm text-zinc-500">{tr("dataset.noRuns")}</p>;
  return (
    <ul className="divide-y divide-zinc-100" data-testid="dataset-runs">
      {runs.map((r) => (
        <li key={r.id} className="flex items-center justify-between gap-3 py-2 first:pt-0 last:pb-0">
          <Link href={`/jobs/${r.id}`} className="min-w-0 truncate text-sm text-accent-700 hover:underline" title={r.title}>{r.title}</Link>
          <span className="flex shrink-0 items-center gap-2 text-xs text-zinc-500">
            <RelativeTime date={r.createdAt} />
            <JobStatusBadge status={r.status} tr={tr} testId="run-status" />
          </span>
        </li>
      ))}
    </ul>
  );
}
