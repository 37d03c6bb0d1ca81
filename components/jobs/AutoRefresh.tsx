"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";

/**
 * Re-renders the server components every `intervalMs` while `active` (some visible job is
 * queued or running) and the tab is visible. The page stays the truth; this only refetches it.
 */
export function AutoRefresh({ active, intervalMs = 3000, showIndicator = true }: { active: boolean; intervalMs?: number; showIndicator?: boolean }) {
  const router = useRouter();
  const { tr } = useI18n();
  // A refresh that takes longer than the interval must not be superseded by the next one forever.
  const [pending, startTransition] = useTransition();
  const pendingRef = useRef(false);
  pendingRef.current = pending;
  useEffect(() => {
    if (!active) return;
    const tick = () => {
      if (document.visibilityState === "visible" && !pendingRef.current) startTransition(() => router.refresh());
    };
    const id = setInterval(tick, intervalMs);
    const onVisible = () => tick();
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
