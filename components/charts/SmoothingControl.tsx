"use client";

import { useId } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";

/** EMA weight 0–0.99 for noisy loss curves; 0 shows the raw values. */
export function SmoothingControl({ value, onChange }: { value: number; onChange: (value: number) => void }) {
  const { tr } = useI18n();
  const id = useId();
  return (
    <div className="flex items-center gap-2 text-xs text-zinc-600">
      <label htmlFor={id}>{tr("charts.smoothing")}</label>
      <input
        id={id}
        type="range"
        min={0}
        max={0.99}
        step={0.01}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        data-testid="chart-smoothing"
        className="w-24 accent-accent-600"
      />
      <output htmlFor={id} className="w-8 tabular-nums">{value.toFixed(2)}</output>
    </div>
  );
}
