"use client";

import type { ApiErrorBody } from "@/components/api/fetch-json";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ApiErrorBox } from "@/components/ui/ApiErrorBox";
import { Button } from "@/components/ui/Button";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/CopyButton";
import { labelOr } from "@/lib/i18n";
import { MemoryFit } from "./MemoryFit";
import type { FinetunePlan, PlanIssue } from "./use-plan-check";

function download(filename: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  // Revoked later: some browsers start the download only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function IssueList({ title, issues, tone, testId }: { title: string; issues: PlanIssue[]; tone: "red" | "amber"; testId: string }) {
  const { tr } = useI18n();
  if (!issues.length) return null;
  return (
    <div>
      <h3 className={cn("mb-1 text-xs font-semibold", tone === "red" ? "text-red-800" : "text-amber-900")}>{title}</h3>
      <ul className={cn("space-y-1 rounded-md px-3 py-2 text-xs", tone === "red" ? "bg-red-50 text-red-800" : "bg-amber-50 text-amber-900")} data-testid={testId}>
        {issues.map((i) => (
          <li key={`${i.field}:${i.code}`} data-code={i.code}>
            <span className="font-semibold">{labelOr(tr, `finetune.field.${i.field}`, i.field)}:</span> {i.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ConfigBlock({ title, help, text, filename, type, testId }: { title: string; help?: string; text: string; filename: string; type: string; testId: string }) {
  const { tr } = useI18n();
  return (
    <section>
      <div className="mb-1 flex items-center justify-between gap-2">
        <h3 className="font-mono text-xs font-semibold text-zinc-800">{title}</h3>
        <div className="flex gap-1.5">
          <CopyButton text={text} testId={`${testId}-copy`} />
          <Button size="sm" onClick={() => download(filename, text, type)} data-testid={`${testId}-download`}>{tr("finetune.download")}</Button>
        </div>
      </div>
      {help ? <p className="mb-1 text-[11px] text-zinc-500">{help}</p> : null}
      <pre className="max-h-96 overflow-auto rounded-md bg-zinc-950 p-3 font-mono text-[11px] leading-relaxed text-zinc-100" data-testid={testId}>{text}</pre>
    </section>
  );
}

/** `blockedBy`: why the form sends nothing yet (its own problems), shown instead of a plan. */
type Props = { plan: FinetunePlan | null; error: ApiErrorBody | null; checking: boolean; blockedBy: string | null; gpus: number };

/** The server's check of the current form: refusals, warnings, memory fit and the exact files the run gets. */
export function PlanPanel({ plan, error, checking, blockedBy, gpus }: Props) {
  const { tr } = useI18n();
  return (
    <div className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 text-sm shadow-xs" data-testid="ft-plan" aria-busy={checking}>
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-semibold text-zinc-900">{tr("finetune.plan")}</h2>
        <span className="text-xs text-zinc-500" aria-live="polite">{checking ? tr("finetune.checking") : ""}</span>
      </div>
      {blockedBy ? <p className="rounded bg-zinc-50 px-2 py-1 text-xs text-zinc-600" data-testid="ft-plan-blocked">{blockedBy}</p> : null}
      {error && !blockedBy ? <ApiErrorBox error={error} testId="ft-plan-error" /> : null}
      {plan && !blockedBy ? (
        <div className={cn("space-y-3", checking && "opacity-60")}>
          <IssueList title={tr("finetune.planErrors")} issues={plan.errors} tone="red" testId="ft-plan-errors" />
          <IssueList title={tr("finetune.planWarnings")} issues={plan.warnings} tone="amber" testId="ft-plan-warnings" />
          {!plan.errors.length && !plan.warnings.length ? <p className="text-xs font-medium text-emerald-700" data-testid="ft-plan-ok">{tr("finetune.planOk")}</p> : null}
          <section>
            <h3 className="mb-1 text-xs font-semibold text-zinc-800">{tr("finetune.memory")}</h3>
            <MemoryFit memory={plan.memory} gpus={gpus} />
          </section>
          <ConfigBlock title={tr("finetune.yaml")} help={tr("finetune.yamlHelp")} text={plan.yaml} filename="training.yaml" type="application/yaml" testId="ft-yaml" />
          {plan.deepspeed ? <ConfigBlock title={tr("finetune.deepspeed")} text={JSON.stringify(plan.deepspeed, null, 2)} filename="ds_config.json" type="application/json" testId="ft-deepspeed" /> : null}
        </div>
      ) : null}
    </div>
  );
}
