import type { HTMLAttributes } from "react";
import { cn } from "./cn";

export type BadgeTone = "gray" | "blue" | "green" | "red" | "amber" | "violet" | "accent" | "teal";

export const BADGE_TONES: Record<BadgeTone, { badge: string; dot: string }> = {
  gray: { badge: "bg-zinc-100 text-zinc-700 ring-zinc-200", dot: "bg-zinc-400" },
  blue: { badge: "bg-blue-50 text-blue-700 ring-blue-200", dot: "bg-blue-500" },
  green: { badge: "bg-emerald-50 text-emerald-700 ring-emerald-200", dot: "bg-emerald-500" },
  red: { badge: "bg-red-50 text-red-700 ring-red-200", dot: "bg-red-500" },
  amber: { badge: "bg-amber-50 text-amber-800 ring-amber-200", dot: "bg-amber-500" },
  violet: { badge: "bg-violet-50 text-violet-700 ring-violet-200", dot: "bg-violet-500" },
  teal: { badge: "bg-teal-50 text-teal-700 ring-teal-200", dot: "bg-teal-500" },
  accent: { badge: "bg-accent-50 text-accent-700 ring-accent-200", dot: "bg-accent-500" },
};

export type BadgeProps = HTMLAttributes<HTMLSpanElement> & {
  tone?: BadgeTone;
  /** Extra classes that replace the tone's colours (status styles bring their own). */
  colorClass?: string;
  dot?: boolean | string;
  pulse?: boolean;
};

export function Badge({ tone = "gray", colorClass, dot, pulse, className, children, ...rest }: BadgeProps) {
  const t = BADGE_TONES[tone];
  const dotClass = typeof dot === "string" ? dot : t.dot;
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        colorClass ?? t.badge,
        className,
      )}
      {...rest}
    >
      {dot ? (
        <span className="relative inline-flex size-1.5">
          {pulse ? <span className={cn("absolute inline-flex size-full animate-ping rounded-full opacity-60", dotClass)} /> : null}
          <span className={cn("relative inline-flex size-1.5 rounded-full", dotClass)} />
        </span>
      ) : null}
      {children}
    </span>
  );
}
