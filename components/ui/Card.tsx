import type { HTMLAttributes, ReactNode } from "react";
import Link from "next/link";
import { cn } from "./cn";

export function Card({ className, ...rest }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("rounded-lg border border-zinc-200 bg-white shadow-xs", className)} {...rest} />;
}

export function CardHeader({ title, description, actions, className }: { title: ReactNode; description?: ReactNode; actions?: ReactNode; className?: string }) {
  return (
    <div className={cn("flex items-start justify-between gap-4 border-b border-zinc-100 px-4 py-3", className)}>
      <div className="min-w-0">
        <h2 className="text-sm font-semibold text-zinc-900">{title}</h2>
        {description ? <p className="mt-0.5 text-xs text-zinc-500">{description}</p> : null}
      </div>
      {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
    </div>
  );
}

export function CardBody({ className, ...rest }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("px-4 py-3", className)} {...rest} />;
}

/** A small labelled number for dashboards. */
export function StatCard({ label, value, sub, tone, href, testId }: { label: ReactNode; value: ReactNode; sub?: ReactNode; tone?: string; href?: string; testId?: string }) {
  const body = (
    <>
      <div className="text-xs font-medium text-zinc-500">{label}</div>
      <div className={cn("mt-1 text-2xl font-semibold tabular-nums tracking-tight", tone ?? "text-zinc-900")}>{value}</div>
      {sub ? <div className="mt-0.5 text-xs text-zinc-500">{sub}</div> : null}
    </>
  );
  const cls = "block rounded-lg border border-zinc-200 bg-white px-4 py-3 shadow-xs";
  return href ? (
    <Link href={href} data-testid={testId} className={cn(cls, "transition-colors hover:border-zinc-300 hover:bg-zinc-50")}>
      {body}
    </Link>
  ) : (
    <div data-testid={testId} className={cls}>
      {body}
    </div>
  );
}
