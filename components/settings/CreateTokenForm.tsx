"use client";

import { useState, type FormEvent } from "react";
import { useApiAction } from "@/components/api/use-api-action";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ApiErrorBox } from "@/components/ui/ApiErrorBox";
import { Button } from "@/components/ui/Button";
import { inputClass, labelClass } from "@/components/ui/field";

type Props = {
  /** Prefix for the input id and test ids: `<id>-name`, `<id>-create`, `<id>-error`. */
  id: string;
  /** Where the token is created: POST {name} → {secret}. */
  url: string;
  /** Dictionary section with `.name`, `.namePlaceholder`, `.create` and `.creating`. */
  texts: "tokens" | "workerToken";
  defaultName?: string;
  testId?: string;
  /** The secret exists only in this answer; the caller shows it once. */
  onCreated: (secret: string) => void;
};

/** The one-field "name a new token" form shared by personal and worker tokens. */
export function CreateTokenForm({ id, url, texts, defaultName = "", testId, onCreated }: Props) {
  const { tr } = useI18n();
  const [name, setName] = useState(defaultName);
  const create = useApiAction<{ secret: string }>({
    onSuccess: (token) => {
      setName("");
      onCreated(token.secret);
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void create.run(url, { method: "POST", body: { name: name.trim() } });
  }

  return (
    <>
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2" data-testid={testId}>
        <div className="min-w-48 flex-1 sm:max-w-xs">
          <label htmlFor={`${id}-name`} className={labelClass}>{tr(`${texts}.name`)}</label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={tr(`${texts}.namePlaceholder`)}
            required
            maxLength={100}
            className={inputClass}
            data-testid={`${id}-name`}
          />
        </div>
        <Button type="submit" variant="primary" disabled={create.pending || !name.trim()} data-testid={`${id}-create`}>
          {create.pending ? tr(`${texts}.creating`) : tr(`${texts}.create`)}
        </Button>
      </form>
      {create.error ? <ApiErrorBox error={create.error} className="mt-3" testId={`${id}-error`} /> : null}
    </>
  );
}
