import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import type { NormalizedSample } from "@/lib/datasets/validate";
import { labelOr, type Translate } from "@/lib/i18n";

const ROLE_STYLE: Record<string, string> = {
  system: "bg-zinc-100 text-zinc-700",
  user: "bg-sky-50 text-sky-800",
  assistant: "bg-emerald-50 text-emerald-800",
  function: "bg-violet-50 text-violet-800",
  observation: "bg-amber-50 text-amber-800",
  chosen: "bg-emerald-100 text-emerald-900",
  rejected: "bg-red-50 text-red-800",
  text: "bg-teal-50 text-teal-800",
  tools: "bg-zinc-100 text-zinc-700",
};

function Turn({ role, tr, children }: { role: string; tr: Translate; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-2" data-role={role}>
      <span className={cn("h-fit rounded px-1.5 py-0.5 text-center text-[11px] font-medium", ROLE_STYLE[role] ?? ROLE_STYLE.system)}>{labelOr(tr, `datasetSample.role.${role}`, role)}</span>
      <div className="min-w-0 whitespace-pre-wrap break-words text-xs leading-relaxed text-zinc-800">{children}</div>
    </div>
  );
}

/** One row as LLaMA-Factory's converter hands it to the template: system, turns, then the answers compared. */
export function SampleRow({ sample, tr }: { sample: NormalizedSample; tr: Translate }) {
  return (
    <div className="space-y-1.5" data-testid="sample-row">
      {sample.system ? <Turn role="system" tr={tr}>{sample.system}</Turn> : null}
      {sample.tools ? <Turn role="tools" tr={tr}><code className="font-mono text-[11px]">{sample.tools}</code></Turn> : null}
      {sample.text !== undefined ? <Turn role="text" tr={tr}>{sample.text}</Turn> : null}
      {sample.messages.map((m, i) => (
        <Turn key={i} role={m.role} tr={tr}>{m.content}</Turn>
      ))}
      {sample.chosen !== undefined ? <Turn role="chosen" tr={tr}>{sample.chosen}</Turn> : null}
      {sample.rejected !== undefined ? <Turn role="rejected" tr={tr}>{sample.rejected}</Turn> : null}
      {sample.kto !== undefined ? (
        <p className="text-[11px] text-zinc-500">{tr(sample.kto ? "datasetSample.ktoDesirable" : "datasetSample.ktoUndesirable")}</p>
      ) : null}
    </div>
  );
}

export function SampleRows({ samples, tr }: { samples: NormalizedSample[]; tr: Translate }) {
  if (samples.length === 0) return <p className="text-sm text-zinc-500">{tr("datasetSample.none")}</p>;
  return (
    <ol className="divide-y divide-zinc-100" data-testid="sample-rows">
      {samples.map((s, i) => (
        <li key={i} className="py-3 first:pt-0 last:pb-0">
          <SampleRow sample={s} tr={tr} />
        </li>
      ))}
    </ol>
  );
}
