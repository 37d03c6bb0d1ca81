import type { ApiErrorBody } from "@/components/api/fetch-json";
import { cn } from "./cn";
import { AlertIcon } from "./icons";

/** An API error as the user should see it: the message, then the hint that says what to do. */
export function ApiErrorBox({ error, testId, className }: { error: ApiErrorBody; testId?: string; className?: string }) {
  return (
    <div role="alert" data-testid={testId} data-code={error.code} className={cn("flex gap-2.5 rounded-md border border-red-200 bg-red-50 px-3 py-2.5 text-sm", className)}>
      <AlertIcon className="mt-0.5 size-4 shrink-0 text-red-500" />
      <div className="min-w-0">
        <p className="break-words font-medium text-red-800" data-part="message">{error.message}</p>
        {error.hint ? <p className="mt-0.5 break-words text-red-700" data-part="hint">{error.hint}</p> : null}
      </div>
    </div>
  );
}
