import type { ReactNode } from "react";
import { DateTime } from "@/components/ui/Time";
import { cn } from "@/components/ui/cn";
import { formatDuration } from "@/lib/i18n/format";
import type { Lang } from "@/lib/i18n";
import { statusStyle } from "./status-style";

export type TimelineEntry = {
  /** A job status (colours the dot) or null for a neutral step. */
  status: string | null;
  title: ReactNode;
  at: Date | null;
  note?: ReactNode;
  pending?: boolean;
};

/** Vertical status history: QUEUED → RUNNING → … with times and the gap between steps. */
export function StatusTimeline({ entries, lang }: { entries: TimelineEntry[]; lang: Lang }) {
  return (
    <ol data-testid="job-timeline" className="relative space-y-3">
      {entries.map((e, i) => {
        const prev = entries.slice(0, i).reverse().find((p) => p.at);
        const gap = e.at && prev?.at ? e.at.getTime() - prev.at.getTime() : null;
        const s = e.status ? statusStyle(e.status) : null;
        return (
          <li key={i} className="relative flex gap-3 pl-0.5" data-status={e.status ?? undefined}>
            {i < entries.length - 1 ? <span className="absolute left-[6px] top-4 h-[calc(100%+0.25rem)] w-px bg-zinc-200" aria-hidden /> : null}
            <span
              className={cn(
                "relative mt-1 inline-flex size-2.5 shrink-0 rounded-full ring-4 ring-white",
                e.pending ? "border border-dashed border-zinc-400 bg-white" : (s?.dot ?? "bg-zinc-300"),
              )}
              aria-hidden
            />
            <div className="min-w-0 flex-1">
              <div className={cn("text-sm font-medium", e.pending ? "text-zinc-400" : "text-zinc-900")}>{e.title}</div>
              <div className="flex flex-wrap items-baseline gap-x-2 text-xs text-zinc-500">
                {e.at ? <DateTime date={e.at} /> : null}
                {gap !== null && gap >= 0 ? <span className="tabular-nums text-zinc-400">+{formatDuration(gap, lang)}</span> : null}
              </div>
              {e.note ? <div className="mt-0.5 text-xs text-zinc-500">{e.note}</div> : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
