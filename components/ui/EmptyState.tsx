import type { ReactNode } from "react";
import { cn } from "./cn";

export function EmptyState({ icon, title, body, action, className, testId }: { icon?: ReactNode; title: ReactNode; body?: ReactNode; action?: ReactNode; className?: string; testId?: string }) {
  return (
    <div data-testid={testId} className={cn("flex flex-col items-center justify-center rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-12 text-center", className)}>
      {icon ? <div className="mb-3 flex size-10 items-center justify-center rounded-full bg-zinc-100 text-zinc-500">{icon}</div> : null}
      <h3 className="text-sm font-semibold text-zinc-900">{title}</h3>
      {body ? <p className="mt-1 max-w-md text-sm text-zinc-500">{body}</p> : null}
      {action ? <div className="mt-4 flex flex-wrap items-center justify-center gap-2">{action}</div> : null}
    </div>
  );
}
