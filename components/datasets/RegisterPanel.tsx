"use client";

import { useState, type FormEvent } from "react";
import { useApiAction } from "@/components/api/use-api-action";
import { PathPicker } from "@/components/hosts/PathPicker";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ApiErrorBox } from "@/components/ui/ApiErrorBox";
import { Button } from "@/components/ui/Button";
import { JsonBlock } from "@/components/ui/JsonBlock";
import { TextField } from "@/components/ui/TextField";
import type { DatasetHost } from "./HostSelect";
import { EMPTY_MAPPING, entryFromMapping, type DatasetEntryBody, type Mapping } from "./mapping";
import { MappingFields } from "./MappingFields";
import { DatasetNameField } from "./DatasetNameField";
import type { QueuedJob } from "./JobWatch";

// Only these have a field to show a message at; the rest (host, mapping) land in the error box.
type Field = "path" | "name";

/** Register mode: a JSON/JSONL file, or a dataset_info.json (or its folder), already on the host. */
export function RegisterPanel({ host, initialPath, initialName, autoFocus, onQueued }: {
  host: DatasetHost | undefined;
  initialPath?: string;
  initialName?: string;
  /** Only when this panel opens first: a hidden panel's field cannot take focus. */
  autoFocus?: boolean;
  onQueued: (job: QueuedJob) => void;
}) {
  const { tr } = useI18n();
  const [path, setPath] = useState(initialPath ?? "");
  const [name, setName] = useState(initialName ?? "");
  const [mapping, setMapping] = useState<Mapping>(EMPTY_MAPPING);
  const entry = entryFromMapping(mapping);
  const submit = useApiAction<{ job: QueuedJob }, Field>({
    fields: { path: "path", name: "name" },
    keepPendingOnSuccess: true,
    onSuccess: ({ job }) => onQueued(job),
  });
  const { pending, error, fieldErrors } = submit;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!host) {
      submit.setError({ code: "host_required", message: tr("datasetNew.hostRequired") });
      return;
    }
    const body: { hostId: string; path: string; name?: string; entry?: DatasetEntryBody } = { hostId: host.id, path: path.trim() };
    if (name.trim()) body.name = name.trim();
    if (entry) body.entry = entry;
    void submit.run("/api/v1/datasets/import", { method: "POST", body });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate data-testid="register-form">
      <TextField
        id="register-path"
        label={tr("datasetRegister.path")}
        required
        value={path}
        onChange={(e) => setPath(e.target.value)}
        placeholder={`${host?.storageRoots[0]?.replace(/\/$/, "") ?? "/data"}/datasets/train.jsonl`}
        autoComplete="off"
        spellCheck={false}
        inputClassName="font-mono text-[13px]"
        autoFocus={autoFocus}
        error={fieldErrors.path}
        action={<PathPicker hostId={host?.id} hostName={host?.name ?? ""} value={path} onPick={setPath} mode="any" extensions={[".json", ".jsonl"]} fieldLabel={tr("datasetRegister.path")} testId="register-path-browse" />}
        help={
          <>
            <p>{tr("datasetRegister.pathHelp")}</p>
            <p className="mt-1 rounded bg-sky-50 px-2 py-1 text-sky-900" data-testid="dataset-info-hint">{tr("datasetRegister.datasetInfoHint")}</p>
          </>
        }
      />
      <DatasetNameField id="register-name" value={name} onChange={setName} error={fieldErrors.name} />
      <MappingFields value={mapping} onChange={setMapping} />
      {entry ? (
        <div>
          <p className="mb-1 text-xs font-medium text-zinc-700">{tr("datasetRegister.entryPreview")}</p>
          <JsonBlock value={entry} maxHeight="max-h-48" testId="register-entry-preview" />
        </div>
      ) : null}
      <div aria-live="polite">{error ? <ApiErrorBox error={error} testId="register-error" /> : null}</div>
      <Button type="submit" variant="primary" disabled={pending} data-testid="register-submit">
        {pending ? tr("datasetRegister.submitting") : tr("datasetRegister.submit")}
      </Button>
    </form>
  );
}
