"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiCallError, apiFetch, type ApiErrorBody } from "@/components/api/fetch-json";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ApiErrorBox } from "@/components/ui/ApiErrorBox";
import { Button } from "@/components/ui/Button";

type Phase = "idle" | "confirm" | "pending" | "requested";

/**
 * Cancel with an inline confirmation (no native dialog): `cancel-job` asks, `cancel-job-confirm`
 * sends POST /api/v1/jobs/:id/cancel, then the server-rendered page is refreshed.
 */
export function CancelJobButton({ jobId, cancelRequested }: { jobId: string; cancelRequested?: boolean }) {
  const { tr } = useI18n();
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>(cancelRequested ? "requested" : "idle");
  const [error, setError] = useState<ApiErrorBody | null>(null);

  async function confirm() {
    setPhase("pending");
    setError(null);
    try {
      const res = await apiFetch<{ status: "CANCELLED" | "CANCELLING" }>(
        `/api/v1/jobs/${encodeURIComponent(jobId)}/cancel`,
        { method: "POST" },
        { network: tr("error.network"), unexpected: (status) => tr("error.unexpected", { status }) },
      );
      setPhase(res?.status === "CANCELLING" ? "requested" : "idle");
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiCallError ? err.body : { code: "error", message: String(err) });
      setPhase("idle");
      router.refresh();
    }
  }

  return (
    <div className="flex flex-col items-end gap-2">
      {phase === "requested" ? (
        <span data-testid="cancel-requested" className="rounded-md bg-amber-50 px-2.5 py-1.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200">
          {tr("job.cancelRequested")}
        </span>
      ) : phase === "confirm" || phase === "pending" ? (
        <div className="flex items-center gap-2" role="group" aria-label={tr("job.cancelConfirm")}>
          <span className="text-sm text-zinc-700">{tr("job.cancelConfirm")}</span>
          <Button size="sm" variant="ghost" onClick={() => setPhase("idle")} disabled={phase === "pending"} data-testid="cancel-job-dismiss">
            {tr("job.cancelNo")}
          </Button>
          <Button size="sm" variant="danger" onClick={confirm} disabled={phase === "pending"} data-testid="cancel-job-confirm" autoFocus>
            {phase === "pending" ? tr("job.cancelling") : tr("job.cancelYes")}
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
