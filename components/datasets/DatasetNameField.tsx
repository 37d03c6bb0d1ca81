"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { TextField } from "@/components/ui/TextField";

/** The optional display name; both modes default it to the file name. */
export function DatasetNameField({ id, value, onChange, disabled, error }: { id: string; value: string; onChange: (v: string) => void; disabled?: boolean; error?: string }) {
  const { tr } = useI18n();
  return (
    <TextField
      id={id}
      label={
        <>
          {tr("datasetNew.name")} <span className="font-normal text-zinc-400">({tr("common.optional")})</span>
        </>
      }
      value={value}
      onChange={(e) => onChange(e.target.value)}
      disabled={disabled}
      autoComplete="off"
      maxLength={200}
      error={error}
      help={tr("datasetNew.nameHelp")}
    />
  );
}
