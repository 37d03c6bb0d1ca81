import { cn } from "./cn";

export type ProgressBarProps = {
  /** 0..1; null means "unknown" (striped bar while active, empty otherwise). */
  value: number | null | undefined;
  /** Tailwind background class for the filled part. */
  barClass?: string;
  label?: string | null;
  showPercent?: boolean;
  active?: boolean;
  size?: "xs" | "sm" | "md";
  className?: string;
  testId?: string;
  ariaLabel?: string;
};

const HEIGHTS = { xs: "h-1", sm: "h-1.5", md: "h-2" } as const;

export function ProgressBar({ value, barClass = "bg-accent-500", label, showPercent, active, size = "sm", className, testId, ariaLabel }: ProgressBarProps) {
  const known = typeof value === "number" && Number.isFinite(value);
  const v = known ? Math.max(0, Math.min(1, value)) : 0;
  const pct = Math.round(v * 1000) / 10;
  return (
    <div className={cn("min-w-0", className)} data-testid={testId} data-value={known ? v : ""}>
      {label || showPercent ? (
        <div className="mb-1 flex items-baseline justify-between gap-2 text-xs">
          <span className="truncate text-zinc-600" title={label ?? undefined}>{label}</span>
          {showPercent && known ? <span className="shrink-0 tabular-nums text-zinc-500">{pct}%</span> : null}
        </div>
      ) : null}
      <div
        role="progressbar"
        aria-label={ariaLabel ?? label ?? undefined}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={known ? pct : undefined}
        className={cn("w-full overflow-hidden rounded-full bg-zinc-200/80", HEIGHTS[size])}
      >
        {known ? (
          <div className={cn("h-full rounded-full transition-[width] duration-500", barClass)} style={{ width: `${pct}%` }} />
        ) : active ? (
          <div className={cn("progress-indeterminate h-full w-1/3 rounded-full", barClass)} />
        ) : null}
      </div>
    </div>
  );
}

/** Used/total bar for memory and disks: turns amber then red as it fills. */
export function UsageBar({ used, total, label, detail, className }: { used: number; total: number; label?: string; detail?: string; className?: string }) {
  const frac = total > 0 ? used / total : 0;
  const bar = frac >= 0.9 ? "bg-red-500" : frac >= 0.75 ? "bg-amber-500" : "bg-zinc-700";
  return (
    <div className={cn("min-w-0", className)}>
      {label || detail ? (
        <div className="mb-1 flex items-baseline justify-between gap-2 text-xs">
          <span className="truncate font-mono text-zinc-700" title={label}>{label}</span>
          <span className="shrink-0 tabular-nums text-zinc-500">{detail}</span>
        </div>
      ) : null}
      <ProgressBar value={total > 0 ? frac : null} barClass={bar} size="sm" ariaLabel={label} />
    </div>
  );
}
