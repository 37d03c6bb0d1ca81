"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { labelClass, selectClass } from "@/components/ui/field";

export type DatasetHost = { id: string; name: string; online: boolean; storageRoots: string[] };

/** Shared by both modes of the Add dataset form, so switching tabs keeps the chosen host. */
export function HostSelect({ hosts, value, onChange }: { hosts: DatasetHost[]; value: string; onChange: (id: string) => void }) {
  const { tr } = useI18n();
  const host = hosts.find((h) => h.id === value);
  return (
    <div>
      <label htmlFor="dataset-host" className={labelClass}>{tr("datasetNew.host")}</label>
      <select id="dataset-host" name="hostId" required value={value} onChange={(e) => onChange(e.target.value)} className={selectClass} data-testid="dataset-host" autoFocus={!value}>
        <option value="" disabled>{tr("datasetNew.hostPlaceholder")}</option>
        {hosts.map((h) => (
          <option key={h.id} value={h.id}>
            {h.online ? "● " : "○ "}
            {h.name}
            {h.online ? "" : ` (${tr("common.offline")})`}
          </option>
        ))}
      </select>
      {host && !host.online ? <p className="mt-1.5 text-xs text-amber-700">{tr("datasetNew.hostOffline")}</p> : null}
    </div>
  );
}
