"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { toApiErrorBody } from "@/components/api/explain-api-error";
import type { ApiErrorBody } from "@/components/api/fetch-json";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ApiErrorBox } from "@/components/ui/ApiErrorBox";
import { Button } from "@/components/ui/Button";
import { labelClass, inputClass } from "@/components/ui/field";
import { ProgressBar } from "@/components/ui/ProgressBar";
import { formatBytes } from "@/lib/i18n/format";
import { DatasetNameField } from "./DatasetNameField";
import type { DatasetHost } from "./HostSelect";
import type { QueuedJob } from "./JobWatch";
import { UploadAborted, uploadFile, uploadProblem, uploadUrl, type UploadProgress } from "./upload-xhr";

/**
 * Upload mode: the file's bytes go to the dashboard with a real progress bar, then the host's
 * worker writes the file into its first storage root and validates it (a dataset.import job).
 */
export function UploadPanel({ host, maxBytes, onQueued }: { host: DatasetHost | undefined; maxBytes: number; onQueued: (job: QueuedJob) => void }) {
  const { tr } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const abortRef = useRef<(() => void) | null>(null);
  // Leaving the page mid-upload stops the transfer instead of finishing it unseen.
  useEffect(() => () => abortRef.current?.(), []);
  const uploading = progress !== null;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (uploading) return;
    setError(null);
    setCancelled(false);
    const local = !host ? { code: "host_required", message: tr("datasetNew.hostRequired") } : !file ? { code: "file_required", message: tr("datasetUpload.fileRequired") } : null;
    const problem = file ? uploadProblem(file, maxBytes) : null;
    if (local || problem) {
      setError(local ?? { code: `upload_${problem}`, message: tr(`datasetUpload.problem.${problem!}`, { max: formatBytes(maxBytes) }) });
      return;
    }
    const handle = uploadFile<{ job: QueuedJob }>(uploadUrl(host!.id, file!.name, name), file!, {
      onProgress: setProgress,
      messages: { network: tr("error.network"), unexpected: (status) => tr("error.unexpected", { status }) },
    });
    abortRef.current = handle.abort;
    setProgress({ sent: 0, total: file!.size });
    try {
      const { job } = await handle.done;
      onQueued(job);
    } catch (err) {
      if (err instanceof UploadAborted) setCancelled(true);
      else setError(toApiErrorBody(err));
    } finally {
      abortRef.current = null;
      setProgress(null);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate data-testid="upload-form">
      <div>
        <label htmlFor="upload-file" className={labelClass}>{tr("datasetUpload.file")}</label>
        <input
          id="upload-file"
          type="file"
          accept=".json,.jsonl,application/json"
          disabled={uploading}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          className={`${inputClass} h-auto py-1 file:mr-3 file:rounded file:border-0 file:bg-zinc-100 file:px-2 file:py-1 file:text-xs file:font-medium file:text-zinc-700`}
          data-testid="upload-file"
          aria-describedby="upload-file-help"
        />
        <p id="upload-file-help" className="mt-1.5 text-xs text-zinc-500">
          {file ? `${file.name} · ${formatBytes(file.size)} · ` : null}
          {tr("datasetUpload.fileHelp", { max: formatBytes(maxBytes) })}
        </p>
        {host && host.storageRoots.length === 0 ? <p className="mt-1 text-xs text-amber-700">{tr("datasetUpload.noRoots")}</p> : null}
        {host && host.storageRoots[0] ? <p className="mt-1 text-xs text-zinc-500">{tr("datasetUpload.destination", { root: host.storageRoots[0] })}</p> : null}
      </div>
      <DatasetNameField id="upload-name" value={name} onChange={setName} disabled={uploading} />
      {progress ? <UploadProgressRow progress={progress} onCancel={() => abortRef.current?.()} /> : null}
      {cancelled ? <p className="text-sm text-zinc-600" role="status">{tr("datasetUpload.cancelled")}</p> : null}
      <div aria-live="polite">{error ? <ApiErrorBox error={error} testId="upload-error" /> : null}</div>
      <Button type="submit" variant="primary" disabled={uploading} data-testid="upload-submit">
        {uploading ? tr("datasetUpload.uploading") : tr("datasetUpload.submit")}
      </Button>
    </form>
  );
}

function UploadProgressRow({ progress, onCancel }: { progress: UploadProgress; onCancel: () => void }) {
  const { tr } = useI18n();
  const fraction = progress.total > 0 ? progress.sent / progress.total : null;
  // Every byte sent but no answer yet: the server is still storing the last chunks.
  const label = fraction === 1 ? tr("datasetUpload.finishing") : tr("datasetUpload.progress", { sent: formatBytes(progress.sent), total: formatBytes(progress.total) });
  return (
    <div className="flex items-end gap-3" data-testid="upload-progress">
      <ProgressBar value={fraction} label={label} showPercent active size="md" className="flex-1" ariaLabel={tr("datasetUpload.progressLabel")} />
      <Button size="sm" onClick={onCancel} data-testid="upload-cancel">{tr("common.cancel")}</Button>
    </div>
  );
}
