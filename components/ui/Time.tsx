"use client";

import { useEffect, useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { formatDateTime, formatDuration, formatRelative } from "@/lib/i18n/format";

type DateLike = Date | string | number;

/** Re-renders every `ms` so relative times and running durations stay true. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

/** True after hydration: local time zones differ between server and browser. */
function useMounted(): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

/** "5 min ago" (ticking), with the absolute local time as tooltip. */
export function RelativeTime({ date, className }: { date: DateLike | null | undefined; className?: string }) {
  const { lang, tr } = useI18n();
  const now = useNow(5_000);
  const mounted = useMounted();
  if (date === null || date === undefined) return <span className={className}>{tr("time.never")}</span>;
  const d = new Date(date);
  return (
    <time dateTime={d.toISOString()} title={mounted ? formatDateTime(d, lang) : d.toISOString()} className={className} suppressHydrationWarning>
      {formatRelative(d, now, lang)}
    </time>
  );
}

/** "2026-11-28 17:40:12" in the viewer's time zone (UTC until hydrated, marked as such). */
export function DateTime({ date, className }: { date: DateLike | null | undefined; className?: string }) {
  const { lang } = useI18n();
  const mounted = useMounted();
  if (date === null || date === undefined) return <span className={className}>—</span>;
  const d = new Date(date);
  return (
    <time dateTime={d.toISOString()} className={className} suppressHydrationWarning>
      {mounted ? formatDateTime(d, lang) : `${formatDateTime(d, lang, "UTC")} UTC`}
    </time>
  );
}

/** Elapsed time between two instants; ticks while `end` is missing and `running` is set. */
export function Duration({ start, end, running, className }: { start: DateLike | null | undefined; end?: DateLike | null; running?: boolean; className?: string }) {
  const { lang } = useI18n();
  const now = useNow(running && !end ? 1_000 : 60_000);
  if (!start) return <span className={className}>—</span>;
  const s = new Date(start).getTime();
  const e = end ? new Date(end).getTime() : running ? now : null;
  return (
    <span className={`tabular-nums ${className ?? ""}`} suppressHydrationWarning>
      {e === null ? "—" : formatDuration(Math.max(0, e - s), lang)}
    </span>
  );
}
