"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent, type KeyboardEvent } from "react";
import { useApiAction } from "@/components/api/use-api-action";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ApiErrorBox } from "@/components/ui/ApiErrorBox";
import { Button } from "@/components/ui/Button";
import { presetArgs, type TrainArgs } from "@/lib/tools/llamafactory/train-args";
import { DatasetPicker, type FinetuneDatasetOption } from "./DatasetPicker";
import { ExtraKeys } from "./ExtraKeys";
import { buildBody, fieldMessagesFromError, valuesFromArgs, type ExtraValue, type FormState, type FormValues } from "./form-state";
import { PlanPanel } from "./PlanPanel";
import { PresetBar } from "./PresetBar";
import { RunFields, type FinetuneHostInfo, type NodeHostOption } from "./RunFields";
import { TrainFields, type FieldMessages } from "./TrainFields";
import { usePlanCheck, type PlanIssue } from "./use-plan-check";
import { YamlImport } from "./YamlImport";

export type FinetuneFormProps = {
  model: { id: string; name: string };
  host: FinetuneHostInfo;
  datasets: FinetuneDatasetOption[];
  initial: FormState;
  /** The preset the initial args came from (null = LlamaBoard's defaults, undefined = a cloned run). */
  initialPreset: string | null | undefined;
  /** Hosts that can join as nodes 1..n of a multi-node run. */
  otherHosts?: NodeHostOption[];
};

function byField(issues: PlanIssue[] | undefined): FieldMessages {
  const out: Record<string, string> = {};
  for (const i of issues ?? []) out[i.field] = out[i.field] ? `${out[i.field]} ${i.message}` : i.message;
  return out;
}

/**
 * The LLaMA-Factory launch form. Every change is checked by the server after a short pause (the
 * same refusals, YAML and memory estimate the run will get); Launch stays off while the form or the
 * check finds errors, and opens the job page once the run is queued.
 */
export function FinetuneForm({ model, host, datasets, initial, initialPreset, otherHosts = [] }: FinetuneFormProps) {
  const { tr } = useI18n();
  const router = useRouter();
  const [state, setState] = useState<FormState>(initial);
  const [preset, setPreset] = useState(initialPreset);
  // The empty dataset list is only an error once the user tries to launch; before that it is a hint.
  const [attempted, setAttempted] = useState(false);
  const [launchFieldErrors, setLaunchFieldErrors] = useState<FieldMessages>({});
  const launch = useApiAction<{ job: { id: string } }>({ keepPendingOnSuccess: true, onError: (err) => setLaunchFieldErrors(fieldMessagesFromError(err)) });

  const { body, problems } = useMemo(() => buildBody(state), [state]);
  const problemKeys = Object.keys(problems);
  const check = usePlanCheck(model.id, problemKeys.length ? null : body);
  const blockedBy = problemKeys.length === 0 ? null : problemKeys.length === 1 && problems.dataset ? tr("finetune.err.datasetRequired") : tr("finetune.planFixFields");

  const local: FieldMessages = {};
  for (const [field, p] of Object.entries(problems)) if (p && (field !== "dataset" || attempted)) local[field] = tr(p.key, p.vars);
  const errors: FieldMessages = { ...byField(check.plan?.errors), ...(check.error ? fieldMessagesFromError(check.error) : {}), ...launchFieldErrors, ...local };
  const warnings = byField(check.plan?.warnings);
  const planBlocks = !!check.plan?.errors.length;

  function update(patch: Partial<FormState>) {
    setState((s) => ({ ...s, ...patch }));
    setLaunchFieldErrors({});
  }
  const setValue = <K extends keyof FormValues>(key: K, value: FormValues[K]) => {
    setState((s) => ({ ...s, values: { ...s.values, [key]: value } }));
    setLaunchFieldErrors({});
  };
  function applyPreset(id: string | null) {
    update({ values: valuesFromArgs(id ? presetArgs(id) : {}) });
    setPreset(id);
  }
  function applyImport(args: Partial<TrainArgs>, extra: Record<string, ExtraValue>) {
    update({ values: valuesFromArgs(args), extra });
    setPreset(undefined);
  }
  function removeExtra(key: string) {
    const rest = { ...state.extra };
    delete rest[key];
    update({ extra: rest });
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setAttempted(true);
    if (launch.pending) return;
    if (problemKeys.length) {
      document.getElementById(problems.dataset ? "ft-datasets" : `ft-${problemKeys[0]}`)?.focus();
      return;
    }
    if (planBlocks) return;
    const res = await launch.run(`/api/v1/models/${model.id}/finetune`, { method: "POST", body });
    if (res?.job) router.push(`/jobs/${res.job.id}`);
  }

  // Enter in a text field would launch a GPU run by accident; only the button launches.
  function onKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    if (e.key === "Enter" && (e.target as HTMLElement).tagName === "INPUT") e.preventDefault();
  }

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,46rem)_minmax(0,1fr)]">
      <div className="space-y-4">
        <YamlImport onApply={applyImport} />
        <form data-testid="ft-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate className="space-y-5 rounded-lg border border-zinc-200 bg-white p-5 shadow-xs">
          <PresetBar selected={preset} onApply={applyPreset} />
          <DatasetPicker
            hostName={host.name}
            datasets={datasets}
            datasetIds={state.datasetIds}
            evalDatasetIds={state.evalDatasetIds}
            onDatasets={(ids) => update({ datasetIds: ids })}
            onEvalDatasets={(ids) => update({ evalDatasetIds: ids })}
            errors={errors}
          />
          <TrainFields values={state.values} onChange={setValue} errors={errors} warnings={warnings} gpus={state.gpus} />
          <RunFields
            host={host}
            values={state.values}
            onChange={setValue}
            gpus={state.gpus}
            onGpus={(gpus) => update({ gpus })}
            name={state.name}
            onName={(name) => update({ name })}
            defaultName={`${model.name}-${state.values.finetuning_type}-${state.values.stage}`}
            errors={errors}
            warnings={warnings}
            otherHosts={otherHosts}
            nodeHostIds={state.nodeHostIds ?? []}
            onNodes={(nodeHostIds) => update({ nodeHostIds })}
          />
          <ExtraKeys extra={state.extra} onRemove={removeExtra} error={errors.extra} />
          {launch.error ? <ApiErrorBox error={launch.error} testId="ft-launch-error" /> : null}
          <div className="flex flex-wrap items-center gap-3 pt-1">
            <Button type="submit" variant="primary" disabled={launch.pending || planBlocks} data-testid="ft-submit">
              {launch.pending ? tr("finetune.submitting") : tr("finetune.submit")}
            </Button>
            {planBlocks ? <span className="text-xs text-red-700" data-testid="ft-blocked">{tr("finetune.blocked")}</span> : null}
          </div>
        </form>
      </div>
      <aside className="xl:sticky xl:top-4 xl:self-start" aria-label={tr("finetune.plan")}>
        <PlanPanel plan={check.plan} error={check.error} checking={check.checking} blockedBy={blockedBy} gpus={state.gpus} />
      </aside>
    </div>
  );
}
