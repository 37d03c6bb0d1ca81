"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { cn } from "@/components/ui/cn";
import { labelOr } from "@/lib/i18n";
import type { FinetunePlan } from "./use-plan-check";

/** The estimator's term names → dictionary keys. */
const TERM_KEYS: Record<string, string> = { weights: "weights", gradients: "gradients", "optimizer states": "optimizer", activations: "activations", logits: "logits", "CUDA context": "cuda" };

const gib = (n: number) => (n >= 10 ? n.toFixed(1) : n.toFixed(2));

/** Per-GPU estimate against the free memory of the chosen GPUs, and the formula behind each term. */
export function MemoryFit({ memory, gpus }: { memory: FinetunePlan["memory"]; gpus: number }) {
  const { tr } = useI18n();
  if (!memory) return <p className="text-xs text-zinc-500" data-testid="ft-memory-unknown">{tr("finetune.memUnknown")}</p>;
  const { perDeviceGiB, freeGiB, fits } = memory;
  const pct = freeGiB && freeGiB > 0 ? Math.min(100, (perDeviceGiB / freeGiB) * 100) : 100;
  return (
    <div data-testid="ft-memory" data-fits={fits === null ? "unknown" : String(fits)}>
      <div className="flex items-baseline justify-between text-xs">
        <span className="font-medium text-zinc-800">{tr("finetune.memNeeded", { n: gib(perDeviceGiB) })}</span>
        {freeGiB !== null ? <span className="text-zinc-500">{tr("finetune.memFree", { n: gib(freeGiB) })}</span> : null}
      </div>
      {freeGiB !== null ? (
        <div className="mt-1 h-2 overflow-hidden rounded-full bg-zinc-100" role="meter" aria-valuemin={0} aria-valuemax={freeGiB} aria-valuenow={perDeviceGiB} aria-label={tr("finetune.memory")}>
          <div className={cn("h-full rounded-full", fits ? "bg-emerald-500" : "bg-red-500")} style={{ width: `${pct}%` }} />
        </div>
      ) : null}
      {fits === false ? (
        <p className="mt-2 rounded bg-red-50 px-2 py-1 text-xs font-medium text-red-800" role="alert" data-testid="ft-memory-nofit">
          {tr("finetune.memNoFit", { need: gib(perDeviceGiB), free: gib(freeGiB ?? 0) })}
        </p>
      ) : fits ? (
        <p className="mt-1 text-xs font-medium text-emerald-700">{tr("finetune.memFits")}</p>
      ) : gpus === 0 ? (
        <p className="mt-1 text-xs text-zinc-500">{tr("finetune.memCpu")}</p>
      ) : null}
      <table className="mt-2 w-full text-left text-[11px]">
        <thead className="text-zinc-500">
          <tr>
            <th className="py-0.5 pr-2 font-medium">{tr("finetune.memTerm")}</th>
            <th className="py-0.5 pr-2 text-right font-medium">{tr("finetune.memGiB")}</th>
            <th className="py-0.5 font-medium">{tr("finetune.memFormula")}</th>
          </tr>
        </thead>
        <tbody className="align-top text-zinc-700">
          {memory.terms.map((t) => (
            <tr key={t.name} className="border-t border-zinc-100">
              <td className="whitespace-nowrap py-0.5 pr-2">{TERM_KEYS[t.name] ? labelOr(tr, `finetune.memTerm.${TERM_KEYS[t.name]}`, t.name) : t.name}</td>
              <td className="py-0.5 pr-2 text-right tabular-nums">{gib(t.gib)}</td>
              <td className="py-0.5 font-mono text-[10px] text-zinc-500">{t.formula}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
