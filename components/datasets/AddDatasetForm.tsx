"use client";

import { useRef, useState, type KeyboardEvent } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { cn } from "@/components/ui/cn";
import { HostSelect, type DatasetHost } from "./HostSelect";
import { JobWatch, type QueuedJob } from "./JobWatch";
import { RegisterPanel } from "./RegisterPanel";
import { UploadPanel } from "./UploadPanel";

export type AddMode = "upload" | "path";
const MODES: AddMode[] = ["upload", "path"];

export type AddDatasetFormProps = {
  hosts: DatasetHost[];
  /** The upload limit the server enforces, so a too-large file is refused before it is sent. */
  maxUploadBytes: number;
  initialHostId?: string;
  initialPath?: string;
  initialName?: string;
  initialMode?: AddMode;
};

/** Tabs as the ARIA pattern has them: arrows move between tabs, only the selected one is in the tab order. */
function ModeTabs({ mode, onChange }: { mode: AddMode; onChange: (m: AddMode) => void }) {
  const { tr } = useI18n();
  const refs = useRef<Record<AddMode, HTMLButtonElement | null>>({ upload: null, path: null });
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    e.preventDefault();
    const next = MODES[(MODES.indexOf(mode) + (e.key === "ArrowRight" ? 1 : MODES.length - 1)) % MODES.length];
    onChange(next);
    refs.current[next]?.focus();
  }
  return (
    <div role="tablist" aria-label={tr("datasetNew.modes")} className="flex gap-1 border-b border-zinc-200" onKeyDown={onKeyDown}>
      {MODES.map((m) => (
        <button
          key={m}
          ref={(el) => {
            refs.current[m] = el;
          }}
          type="button"
          role="tab"
          id={`dataset-tab-${m}`}
          aria-selected={mode === m}
          aria-controls={`dataset-panel-${m}`}
          tabIndex={mode === m ? 0 : -1}
          onClick={() => onChange(m)}
          data-testid={`dataset-tab-${m}`}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-accent-600",
            mode === m ? "border-accent-600 text-accent-700" : "border-transparent text-zinc-500 hover:text-zinc-800",
          )}
        >
          {tr(m === "upload" ? "datasetNew.modeUpload" : "datasetNew.modePath")}
        </button>
      ))}
    </div>
  );
}

/** Add a dataset by upload or by a path on a host; either way a dataset.import job validates it. */
export function AddDatasetForm({ hosts, maxUploadBytes, initialHostId, initialPath, initialName, initialMode }: AddDatasetFormProps) {
  const { tr } = useI18n();
  const [hostId, setHostId] = useState(() => (initialHostId && hosts.some((h) => h.id === initialHostId) ? initialHostId : hosts.length === 1 ? hosts[0].id : ""));
  const [mode, setMode] = useState<AddMode>(initialMode ?? (initialPath ? "path" : "upload"));
  const [job, setJob] = useState<QueuedJob | null>(null);
  const host = hosts.find((h) => h.id === hostId);

  if (job) return <div className="max-w-xl"><JobWatch job={job} onAnother={() => setJob(null)} /></div>;

  return (
    <div className="max-w-2xl space-y-4 rounded-lg border border-zinc-200 bg-white p-5 shadow-xs" data-testid="add-dataset-form">
      <HostSelect hosts={hosts} value={hostId} onChange={setHostId} />
      <ModeTabs mode={mode} onChange={setMode} />
      {/* Both stay mounted: switching tabs mid-upload must not cancel it or drop what was typed. */}
      <div role="tabpanel" id="dataset-panel-upload" aria-labelledby="dataset-tab-upload" hidden={mode !== "upload"}>
        <UploadPanel host={host} maxBytes={maxUploadBytes} onQueued={setJob} />
      </div>
      <div role="tabpanel" id="dataset-panel-path" aria-labelledby="dataset-tab-path" hidden={mode !== "path"}>
        <RegisterPanel host={host} initialPath={initialPath} initialName={initialName} autoFocus={Boolean(hostId) && mode === "path"} onQueued={setJob} />
      </div>
      <p className="text-xs text-zinc-500">{tr("datasetNew.afterSubmit")}</p>
    </div>
  );
}
