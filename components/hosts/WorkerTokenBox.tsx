"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { CopyButton } from "@/components/ui/CopyButton";
import { CreateTokenForm } from "@/components/settings/CreateTokenForm";

export function workerCommand(secret: string): string {
  return `MODELYARD_WORKER_TOKEN=${secret} MODELYARD_STORAGE_ROOTS=/data/models npm run worker`;
}

/** Admins: create a worker token and get the one-time command that starts a worker with it. */
export function WorkerTokenBox({ defaultName = "" }: { defaultName?: string }) {
  const { tr } = useI18n();
  const [secret, setSecret] = useState<string | null>(null);

  const command = secret ? workerCommand(secret) : null;
  return (
    <section data-testid="worker-token-box" className="rounded-lg border border-zinc-200 bg-white p-4 shadow-xs">
      <h2 className="text-sm font-semibold text-zinc-900">{tr("workerToken.title")}</h2>
      <p className="mt-0.5 text-xs text-zinc-500">{tr("workerToken.body")}</p>
      <div className="mt-3">
        <CreateTokenForm id="worker-token" url="/api/v1/worker-tokens" texts="workerToken" defaultName={defaultName} onCreated={setSecret} />
      </div>
      {command ? (
        <div className="mt-4 rounded-md border border-amber-200 bg-amber-50/60 p-3" data-testid="worker-token-result">
          <p className="text-xs font-medium text-amber-900">{tr("workerToken.once")}</p>
          <p className="mt-2 text-xs text-zinc-600">{tr("workerToken.command")}</p>
          <div className="mt-1 flex items-start gap-2">
            <pre data-testid="worker-command" className="min-w-0 flex-1 overflow-x-auto rounded-md bg-zinc-950 px-3 py-2 text-xs text-zinc-100">{command}</pre>
            <CopyButton text={command} testId="copy-worker-command" />
          </div>
          <p className="mt-2 text-[11px] text-zinc-500">{tr("workerToken.envNote")}</p>
        </div>
      ) : null}
    </section>
  );
}
