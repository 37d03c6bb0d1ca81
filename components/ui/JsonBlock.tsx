import { CopyButton } from "./CopyButton";
import { cn } from "./cn";

/** Pretty-printed JSON in a scrollable <pre>, with a copy button. */
export function JsonBlock({ value, className, testId, maxHeight = "max-h-96" }: { value: unknown; className?: string; testId?: string; maxHeight?: string }) {
  const text = JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2) ?? "null";
  return (
    <div className={cn("relative", className)}>
      <div className="absolute right-2 top-2 z-10">
        <CopyButton text={text} iconOnly size="sm" />
      </div>
      <pre data-testid={testId} className={cn("overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 pr-12 text-xs leading-relaxed text-zinc-800", maxHeight)}>
        {text}
      </pre>
    </div>
  );
}
