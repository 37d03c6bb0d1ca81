import type { Translate } from "@/lib/i18n";
import { CopyButton } from "@/components/ui/CopyButton";
import { AlertIcon } from "@/components/ui/icons";
import type { Failure } from "./failure";

/** Why a job failed: code, message, the hint that says what to try, and the last log lines. */
export function FailureBox({ failure, logTail, tr }: { failure: Failure | null; logTail: string | null; tr: Translate }) {
  return (
    <section data-testid="failure-box" className="overflow-hidden rounded-lg border border-red-200 bg-white shadow-xs">
      <div className="flex items-start gap-3 border-b border-red-100 bg-red-50/70 px-4 py-3">
        <AlertIcon className="mt-0.5 size-5 shrink-0 text-red-500" />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="text-sm font-semibold text-red-900">{tr("job.failure")}</h2>
            {failure ? (
              <code data-testid="failure-code" className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800">
                {failure.code}
              </code>
            ) : null}
          </div>
          {failure ? (
            <p data-testid="failure-message" className="mt-1 break-words text-sm text-red-900">
              {failure.message}
            </p>
          ) : null}
          {failure?.hint ? (
            <p data-testid="failure-hint" className="mt-2 break-words rounded-md bg-white/70 px-2.5 py-1.5 text-sm text-zinc-700 ring-1 ring-red-100">
              <span className="mr-1.5 font-medium text-zinc-900">{tr("common.hint")}:</span>
              {failure.hint}
            </p>
          ) : null}
        </div>
      </div>
      {logTail ? (
        <div className="px-4 py-3">
          <div className="mb-1.5 flex items-center justify-between">
            <h3 className="text-xs font-medium text-zinc-500">{tr("job.logTail")}</h3>
            <CopyButton text={logTail} size="sm" variant="ghost" />
          </div>
          <pre data-testid="failure-log-tail" className="max-h-72 overflow-auto rounded-md bg-zinc-950 p-3 text-xs leading-relaxed text-zinc-200">
            {logTail}
          </pre>
        </div>
      ) : null}
    </section>
  );
}
