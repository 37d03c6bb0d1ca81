"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useApiAction } from "@/components/api/use-api-action";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ApiErrorBox } from "@/components/ui/ApiErrorBox";
import { Button } from "@/components/ui/Button";

type Phase = "idle" | "confirm" | "requested";

/**
 * Cancel with an inline confirmation (no native dialog): `cancel-job` asks, `cancel-job-confirm`
 * sends POST /api/v1/jobs/:id/cancel, then the server-rendered page is refreshed.
 */
export function CancelJobButton({ jobId, cancelRequested }: { jobId: string; cancelRequested?: boolean }) {
  const { tr } = useI18n();
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>(cancelRequested ? "requested" : "idle");
  // Refresh either way: a job that finished meanwhile answers with an error and a new status.
  const cancel = useApiAction<{ status: "CANCELLED" | "CANCELLING" } | null>({
    onSuccess: (res) => {
      setPhase(res?.status === "CANCELLING" ? "requested" : "idle");
      router.refresh();
    },
    onError: () => {
      setPhase("idle");
      router.refresh();
    },
  });
  const { pending, error } = cancel;

  return (
    <div className="flex flex-col items-end gap-2">
      {phase === "requested" ? (
        <span data-testid="cancel-requested" className="rounded-md bg-amber-50 px-2.5 py-1.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200">
          {tr("job.cancelRequested")}
        </span>
      ) : phase === "confirm" || pending ? (
        <div className="flex items-center gap-2" role="group" aria-label={tr("job.cancelConfirm")}>
          <span className="text-sm text-zinc-700">{tr("job.cancelConfirm")}</span>
          <Button size="sm" variant="ghost" onClick={() => setPhase("idle")} disabled={pending} data-testid="cancel-job-dismiss">
            {tr("job.cancelNo")}
          </Button>
          <Button
            size="sm"
            variant="danger"
            onClick={() => void cancel.run(`/api/v1/jobs/${encodeURIComponent(jobId)}/cancel`, { method: "POST" })}
            disabled={pending}
            data-testid="cancel-job-confirm"
            autoFocus
          >
            {pending ? tr("job.cancelling") : tr("job.cancelYes")}
          </Button>
        </div>
      ) : (
        <Button size="sm" variant="secondary" className="text-red-700 hover:text-red-800" onClick={() => setPhase("confirm")} data-testid="cancel-job">
          {tr("job.cancel")}
        </Button>
      )}
      {error ? <ApiErrorBox error={error} testId="cancel-error" className="max-w-md" /> : null}
    </div>
  );
}
