"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { FieldError } from "@/components/ui/FieldError";
import type { ExtraValue } from "./form-state";

/** LF keys from an imported YAML that the form has no field for; each can be dropped. */
export function ExtraKeys({ extra, onRemove, error }: { extra: Record<string, ExtraValue>; onRemove: (key: string) => void; error?: string }) {
  const { tr } = useI18n();
  const keys = Object.keys(extra);
  if (!keys.length && !error) return null;
  return (
    <fieldset className="rounded-md border border-zinc-200 px-3 pb-3 pt-1" data-testid="ft-extra">
      <legend className="px-1 text-xs font-semibold uppercase tracking-wide text-zinc-600">{tr("finetune.extra")}</legend>
      <p className="mb-2 text-xs text-zinc-500">{tr("finetune.extraHelp")}</p>
      <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200 font-mono text-xs">
        {keys.map((k) => (
          <li key={k} className="flex items-center justify-between gap-2 px-2 py-1">
            <span className="min-w-0 break-all"><span className="text-zinc-900">{k}</span>: <span className="text-zinc-600">{JSON.stringify(extra[k])}</span></span>
            <button type="button" onClick={() => onRemove(k)} aria-label={tr("finetune.removeExtra", { key: k })} title={tr("finetune.removeExtra", { key: k })} className="shrink-0 rounded px-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900" data-testid={`ft-extra-remove-${k}`}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <FieldError id="ft-extra-error" message={error} />
    </fieldset>
  );
}
