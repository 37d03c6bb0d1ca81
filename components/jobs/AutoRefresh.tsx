"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";

/**
 * Re-renders the server components every `intervalMs` while `active` (some visible job is
 * queued or running) and the tab is visible. The page stays the truth; this only refetches it.
 */
export function AutoRefresh({ active, intervalMs = 3000, showIndicator = true }: { active: boolean; intervalMs?: number; showIndicator?: boolean }) {
  const router = useRouter();
  const { tr } = useI18n();
  useEffect(() => {
    if (!active) return;
    const tick = () => {
      if (document.visibilityState === "visible") router.refresh();
    };
    const id = setInterval(tick, intervalMs);
    const onVisible = () => {
      if (document.visibilityState === "visible") router.refresh();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(id);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [active, intervalMs, router]);

  if (!active || !showIndicator) return null;
  return (
    <span data-testid="auto-refresh" className="inline-flex items-center gap-1.5 text-xs text-zinc-500">
      <span className="relative inline-flex size-1.5">
        <span className="absolute inline-flex size-full animate-ping rounded-full bg-blue-400 opacity-60" />
        <span className="relative inline-flex size-1.5 rounded-full bg-blue-500" />
      </span>
      {tr("jobs.autoRefresh", { seconds: Math.round(intervalMs / 1000) })}
    </span>
  );
}
