import type { ReactNode } from "react";
import { cn } from "./cn";

/** Dense two-column metadata list. */
export function KeyValueList({ items, className }: { items: { label: ReactNode; value: ReactNode; mono?: boolean; testId?: string }[]; className?: string }) {
  return (
    <dl className={cn("grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-2 text-sm", className)}>
      {items.map((it, i) => (
        <div key={i} className="contents">
          <dt className="text-zinc-500">{it.label}</dt>
          <dd data-testid={it.testId} className={cn("min-w-0 break-words text-zinc-900", it.mono && "font-mono text-[13px]")}>
            {it.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
