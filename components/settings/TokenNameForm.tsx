"use client";

import type { FormEvent } from "react";
import { Button } from "@/components/ui/Button";
import { inputClass, labelClass } from "@/components/ui/field";

type Props = {
  /** Prefix for the input id and test ids: `<id>-name`, `<id>-create`. */
  id: string;
  label: string;
  placeholder: string;
  submitLabel: string;
  pendingLabel: string;
  name: string;
  pending: boolean;
  onName: (name: string) => void;
  onSubmit: (e: FormEvent<HTMLFormElement>) => unknown;
  testId?: string;
};

/** The one-field "name a new token" form shared by personal and worker tokens. */
export function TokenNameForm(p: Props) {
  return (
    <form onSubmit={p.onSubmit} className="flex flex-wrap items-end gap-2" data-testid={p.testId}>
      <div className="min-w-48 flex-1 sm:max-w-xs">
        <label htmlFor={`${p.id}-name`} className={labelClass}>{p.label}</label>
        <input
          id={`${p.id}-name`}
          value={p.name}
          onChange={(e) => p.onName(e.target.value)}
          placeholder={p.placeholder}
          required
          maxLength={100}
          className={inputClass}
          data-testid={`${p.id}-name`}
        />
      </div>
      <Button type="submit" variant="primary" disabled={p.pending || !p.name.trim()} data-testid={`${p.id}-create`}>
        {p.pending ? p.pendingLabel : p.submitLabel}
      </Button>
    </form>
  );
}
