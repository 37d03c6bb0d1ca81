"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useApiAction } from "@/components/api/use-api-action";
import { PathPicker } from "@/components/hosts/PathPicker";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ApiErrorBox } from "@/components/ui/ApiErrorBox";
import { Button } from "@/components/ui/Button";
import { FieldError } from "@/components/ui/FieldError";
import { labelClass, selectClass } from "@/components/ui/field";
import { TextField } from "@/components/ui/TextField";

export type ImportHost = { id: string; name: string; online: boolean; storageRoots: string[]; labels: string[] };

/**
 * POST /api/v1/models/import → job; on success the job page shows the import live. Errors keep
 * every field as typed and show the server's message and hint beside the form.
 */
export function ImportModelForm({ hosts, initialHostId, initialPath }: { hosts: ImportHost[]; initialHostId?: string; initialPath?: string }) {
  const { tr } = useI18n();
  const router = useRouter();
  const [hostId, setHostId] = useState(() => (initialHostId && hosts.some((h) => h.id === initialHostId) ? initialHostId : hosts.length === 1 ? hosts[0].id : ""));
  const [path, setPath] = useState(initialPath ?? "");
  const [name, setName] = useState("");
  const host = hosts.find((h) => h.id === hostId);
  const submit = useApiAction<{ id: string }, "hostId" | "path" | "name">({
    fields: { hostId: "hostId", path: "path", name: "name" },
    keepPendingOnSuccess: true,
    onSuccess: (job) => router.push(`/jobs/${job.id}`),
  });
  const { pending, error, fieldErrors } = submit;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const body: { hostId: string; path: string; name?: string } = { hostId, path: path.trim() };
    if (name.trim()) body.name = name.trim();
    void submit.run("/api/v1/models/import", { method: "POST", body });
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,36rem)_minmax(0,1fr)]">
      <form data-testid="import-form" onSubmit={onSubmit} className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5 shadow-xs" noValidate>
        <div>
          <label htmlFor="import-host" className={labelClass}>{tr("import.host")}</label>
          <select
            id="import-host"
            name="hostId"
            required
            value={hostId}
            onChange={(e) => setHostId(e.target.value)}
            className={selectClass}
            data-testid="import-host"
            autoFocus={!hostId}
            aria-invalid={fieldErrors.hostId ? true : undefined}
            aria-describedby={fieldErrors.hostId ? "import-host-error" : undefined}
          >
            <option value="" disabled>{tr("import.hostPlaceholder")}</option>
            {hosts.map((h) => (
              <option key={h.id} value={h.id}>
                {h.online ? "● " : "○ "}
                {h.name}
                {h.online ? "" : ` (${tr("import.hostOffline")})`}
              </option>
            ))}
          </select>
          {host && !host.online ? <p className="mt-1.5 text-xs text-amber-700">{tr("import.hostOfflineWarning")}</p> : null}
          <FieldError id="import-host-error" message={fieldErrors.hostId} />
        </div>

        <TextField
          id="import-path"
          label={tr("import.path")}
          name="path"
          required
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder={`${host?.storageRoots[0]?.replace(/\/$/, "") ?? "/data/models"}/SmolLM2-135M-Instruct`}
          autoComplete="off"
          spellCheck={false}
          inputClassName="font-mono text-[13px]"
          autoFocus={Boolean(hostId)}
          error={fieldErrors.path}
          action={<PathPicker hostId={host?.id} hostName={host?.name ?? ""} value={path} onPick={setPath} mode="any" extensions={[".gguf"]} fieldLabel={tr("import.path")} testId="import-path-browse" />}
          help={
            <>
              <p>{tr("import.pathHelp")}</p>
              {host ? (
                host.storageRoots.length > 0 ? (
                  <ul className="mt-1 flex flex-wrap gap-1.5" data-testid="import-roots">
                    {host.storageRoots.map((r) => (
                      <li key={r}>
                        <button
                          type="button"
                          onClick={() => setPath(r.endsWith("/") ? r : `${r}/`)}
                          className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[11px] text-zinc-700 hover:bg-zinc-200"
                          title={r}
                        >
                          {r}
                        </button>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="mt-1 text-amber-700">{tr("import.noRoots")}</p>
                )
              ) : null}
              <p className="mt-1 text-[11px] text-zinc-400">
                {tr("import.examples")} <span className="font-mono">/data/models/SmolLM2-135M-Instruct</span> · <span className="font-mono">/data/models/x.gguf</span>
              </p>
            </>
          }
        />

        <TextField
          id="import-name"
          label={
            <>
              {tr("import.name")} <span className="font-normal text-zinc-400">({tr("common.optional")})</span>
            </>
          }
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="off"
          maxLength={200}
          error={fieldErrors.name}
          help={tr("import.nameHelp")}
        />

        <div className="flex items-center gap-3 pt-1">
          <Button type="submit" variant="primary" disabled={pending} data-testid="import-submit">
            {pending ? tr("import.submitting") : tr("import.submit")}
          </Button>
        </div>
      </form>
      <div aria-live="polite">{error ? <ApiErrorBox error={error} testId="import-error" /> : null}</div>
    </div>
  );
}
