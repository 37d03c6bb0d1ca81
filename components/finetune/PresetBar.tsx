"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { cn } from "@/components/ui/cn";
import { labelOr } from "@/lib/i18n";
import { TRAIN_PRESETS } from "@/lib/tools/llamafactory/train-args";

/** One button per preset, the last one applied marked (null = LlamaBoard's defaults, undefined = none: args came from a YAML). */
export function PresetBar({ selected, onApply }: { selected: string | null | undefined; onApply: (id: string | null) => void }) {
  const { tr } = useI18n();
  const items = [
    { id: null, label: tr("finetune.presetDefaults"), description: tr("finetune.presetDefaultsHelp") },
    ...TRAIN_PRESETS.map((p) => ({ id: p.id, label: labelOr(tr, `finetune.preset.${p.id}.label`, p.label), description: labelOr(tr, `finetune.preset.${p.id}.description`, p.description) })),
  ];
  return (
    <fieldset>
      <legend className="mb-1 text-xs font-medium text-zinc-700">{tr("finetune.presets")}</legend>
      <p className="mb-2 text-xs text-zinc-500">{tr("finetune.presetsHelp")}</p>
      <div className="flex flex-wrap gap-2" role="group">
        {items.map((p) => (
          <button
            key={p.id ?? "defaults"}
            type="button"
            title={p.description}
            aria-pressed={selected === p.id}
            onClick={() => onApply(p.id)}
            data-testid={`ft-preset-${p.id ?? "defaults"}`}
            className={cn(
              "rounded-md border px-2.5 py-1 text-xs font-medium transition-colors",
              selected === p.id ? "border-accent-500 bg-accent-50 text-accent-800" : "border-zinc-300 bg-white text-zinc-700 hover:bg-zinc-50",
            )}
          >
            {p.label}
          </button>
        ))}
      </div>
      {selected !== undefined ? <p className="mt-1.5 text-xs text-zinc-500" data-testid="ft-preset-description">{items.find((p) => p.id === selected)?.description}</p> : null}
    </fieldset>
  );
}
