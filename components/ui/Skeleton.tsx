import type { ReactNode } from "react";
import { cn } from "./cn";

export function Skeleton({ className }: { className?: string }) {
  return <div className={cn("animate-pulse rounded-md bg-zinc-200/70", className)} />;
}

/** Announces the wait once for screen readers; the grey blocks inside are decoration. */
function SkeletonStatus({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="status" aria-busy="true" aria-label={label}>
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}

/** Placeholder for a page: header, a row of cards and a table. */
export function PageSkeleton({ label, cards = 0, rows = 6 }: { label: string; cards?: number; rows?: number }) {
  return (
    <SkeletonStatus label={label}>
      <Skeleton className="mb-2 h-6 w-48" />
      <Skeleton className="mb-6 h-4 w-80 max-w-full" />
      {cards > 0 ? (
        <div className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
          {Array.from({ length: cards }, (_, i) => (
            <Skeleton key={i} className="h-20" />
          ))}
        </div>
      ) : null}
      <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white">
        <div className="border-b border-zinc-200 bg-zinc-50 px-4 py-2.5">
          <Skeleton className="h-3 w-1/3" />
        </div>
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="flex items-center gap-4 border-b border-zinc-100 px-4 py-3 last:border-0">
            <Skeleton className="h-3.5 w-1/4" />
            <Skeleton className="h-3.5 w-16" />
            <Skeleton className="h-3.5 w-20" />
            <Skeleton className="ml-auto h-1.5 w-24" />
          </div>
        ))}
      </div>
    </SkeletonStatus>
  );
}

/**
 * The shapes of the pages that are not a plain list, so each loading.tsx names one instead of
 * drawing its own: header (with or without the back link) and the body's blocks.
 */
const DETAIL_LAYOUTS = {
  /** Model or host detail: two columns of cards. */
  split: { back: true, title: "w-80", subtitle: "w-56", bar: false, body: "grid gap-4 xl:grid-cols-2", blocks: ["h-72", "h-72"] },
  /** Job page: progress bar, the log, the side panel. */
  log: { back: true, title: "w-96", subtitle: "w-64", bar: true, body: "grid gap-4 xl:grid-cols-[minmax(0,1fr)_20rem]", blocks: ["h-[30rem] bg-zinc-300/60", "h-72"] },
  /** Hosts: a grid of large cards, no back link. */
  cards: { back: false, title: "w-40", subtitle: "w-96", bar: false, body: "grid gap-4 lg:grid-cols-2", blocks: ["h-96", "h-96"] },
  /** A form page (import). */
  form: { back: true, title: "w-48", subtitle: "w-96", bar: false, body: "", blocks: ["h-80 max-w-xl"] },
} as const;

export type DetailLayout = keyof typeof DETAIL_LAYOUTS;

/** Placeholder for a detail or form page, in one of the layouts above. */
export function DetailSkeleton({ label, layout = "split" }: { label: string; layout?: DetailLayout }) {
  const l = DETAIL_LAYOUTS[layout];
  return (
    <SkeletonStatus label={label}>
      {l.back ? <Skeleton className="mb-3 h-3 w-20" /> : null}
      <Skeleton className={cn("mb-2 h-6 max-w-full", l.title)} />
      <Skeleton className={cn("mb-6 h-4 max-w-full", l.subtitle)} />
      {l.bar ? <Skeleton className="mb-4 h-16" /> : null}
      <div className={l.body}>
        {l.blocks.map((b, i) => (
          <Skeleton key={i} className={b} />
        ))}
      </div>
    </SkeletonStatus>
  );
}
