"use client";

import { useEffect } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Button } from "./Button";
import { AlertIcon } from "./icons";

/** Body of every error.tsx: says what happened, offers a retry, shows the digest for the server log. */
export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const { tr } = useI18n();
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error && typeof error === "object" && "digest" in error ? String((error as { digest?: unknown }).digest ?? "") : "";
  const message = error instanceof Error && !digest ? error.message : "";
  return (
    <div role="alert" data-testid="page-error" className="mx-auto mt-10 max-w-lg rounded-lg border border-red-200 bg-white p-6 shadow-xs">
      <div className="flex items-start gap-3">
        <AlertIcon className="mt-0.5 size-5 shrink-0 text-red-500" />
        <div className="min-w-0">
          <h2 className="text-sm font-semibold text-zinc-900">{tr("error.title")}</h2>
          <p className="mt-1 text-sm text-zinc-600">{tr("error.body")}</p>
          {message ? <p className="mt-2 break-words font-mono text-xs text-red-700">{message}</p> : null}
          {digest ? <p className="mt-2 font-mono text-xs text-zinc-400">{tr("error.digest", { digest })}</p> : null}
          {retry ? (
            <Button variant="secondary" size="sm" className="mt-4" onClick={() => retry()}>
              {tr("common.retry")}
            </Button>
          ) : null}
        </div>
      </div>
    </div>
  );
}
