"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { toApiErrorBody } from "@/components/api/explain-api-error";
import { ApiCallError, apiFetch, type ApiErrorBody } from "@/components/api/fetch-json";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Button, buttonClass } from "@/components/ui/Button";
import { cn } from "@/components/ui/cn";
import { AlertIcon, FileIcon, FolderIcon } from "@/components/ui/icons";
import type { BrowseEntry, BrowseListing } from "@/lib/hosts/browse-protocol";
import { isMessageKey } from "@/lib/i18n";
import { formatBytes, formatDateTime } from "@/lib/i18n/format";

/** "file": pick a file; "dir": pick a folder; "any": either (a model is a GGUF file or an HF folder). */
export type PathPickerMode = "file" | "dir" | "any";

export type PathPickerProps = {
  /** Nothing to browse until the form knows the host: the button is disabled. */
  hostId: string | null | undefined;
  hostName: string;
  /** The field's current value: browsing starts in its folder when it is one the host can list. */
  value?: string;
  onPick: (path: string) => void;
  mode?: PathPickerMode;
  /** Files shown by default, e.g. [".gguf"] or [".json", ".jsonl"]; folders always show. */
  extensions?: string[];
  /** The field's label, for the button's accessible name. */
  fieldLabel: string;
  /** The button gets `<testId>-open`, the dialog `<testId>-dialog`. */
  testId: string;
};

/** Where to start: the folder of the typed path, or the typed folder itself. */
function startFolder(value: string | undefined, mode: PathPickerMode): string | null {
  const v = value?.trim();
  if (!v || !v.startsWith("/")) return null;
  if (v.endsWith("/")) return v.length > 1 ? v.replace(/\/+$/, "") || "/" : "/";
  if (mode === "dir") return v;
  return v.slice(0, v.lastIndexOf("/")) || "/";
}

function joinPath(dir: string, name: string): string {
  return dir === "/" ? `/${name}` : `${dir}/${name}`;
}

/** Storage roots first, then each folder below the root that holds the current one. */
function crumbsOf(listing: BrowseListing | null): { label: string; path: string }[] {
  if (!listing?.path) return [];
  const here = listing.path;
  const root = listing.roots
    .map((r) => (r.length > 1 ? r.replace(/\/+$/, "") : r))
    .filter((r) => here === r || here.startsWith(r === "/" ? "/" : `${r}/`))
    .sort((a, b) => b.length - a.length)[0];
  if (!root) return [{ label: here, path: here }];
  const out = [{ label: root, path: root }];
  let acc = root;
  for (const seg of here.slice(root.length).split("/").filter(Boolean)) {
    acc = joinPath(acc, seg);
    out.push({ label: seg, path: acc });
  }
  return out;
}

const matches = (name: string, extensions: string[]) => extensions.some((x) => name.toLowerCase().endsWith(x.toLowerCase()));

/**
 * A "Browse…" button for a host path field: a modal dialog listing the host's storage roots and
 * folders, as the host's worker sees them (GET /api/v1/hosts/{id}/browse). The list is a listbox:
 * arrows move, Enter opens a folder or picks a file, Backspace goes up, Escape closes; focus stays
 * in the dialog (native modal) and returns to the button.
 */
export function PathPicker({ hostId, hostName, value, onPick, mode = "file", extensions, fieldLabel, testId }: PathPickerProps) {
  const { tr, lang } = useI18n();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const requestSeq = useRef(0);
  const ids = useId();
  const [open, setOpen] = useState(false);
  const [listing, setListing] = useState<BrowseListing | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<{ body: ApiErrorBody; path: string | null } | null>(null);
  const [active, setActive] = useState(0);
  const [showAll, setShowAll] = useState(false);

  const filtering = !!extensions?.length && !showAll;
  const visible = (list: BrowseListing | null) => (list?.entries ?? []).filter((e) => e.type !== "file" || !filtering || matches(e.name, extensions!));
  const entries = visible(listing);
  const pickable = (e: BrowseEntry) => e.type === "file" && mode !== "dir";
  const usable = (e: BrowseEntry) => e.type === "dir" || pickable(e);

  /** `from`: the folder just left, highlighted after going up. */
  async function load(path: string | null, opts: { fallbackToRoots?: boolean; from?: string } = {}) {
    if (!hostId) return;
    const mine = ++requestSeq.current;
    setLoading(true);
    setError(null);
    try {
      const url = `/api/v1/hosts/${encodeURIComponent(hostId)}/browse${path ? `?path=${encodeURIComponent(path)}` : ""}`;
      const data = await apiFetch<BrowseListing>(url, {}, { network: tr("error.network"), unexpected: (status) => tr("error.unexpected", { status }) });
      if (mine !== requestSeq.current) return;
      setListing(data);
      setActive(Math.max(0, visible(data).findIndex((e) => e.path === opts.from)));
      // Clicking a breadcrumb or Up leaves focus on a button; the keys work on the list.
      listRef.current?.focus();
    } catch (err) {
      if (mine !== requestSeq.current) return;
      // A typed path that is not a listable folder is no reason to greet the user with an error.
      if (opts.fallbackToRoots && err instanceof ApiCallError && [400, 403, 404].includes(err.status)) return void load(null);
      setError({ body: toApiErrorBody(err), path });
    } finally {
      if (mine === requestSeq.current) setLoading(false);
    }
  }

  useEffect(() => {
    if (!open) return;
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    listRef.current?.focus();
  }, [open]);

  function openDialog() {
    setOpen(true);
    setListing(null);
    const start = startFolder(value, mode);
    void load(start, { fallbackToRoots: start !== null });
  }

  function close() {
    requestSeq.current++;
    if (dialogRef.current?.open) dialogRef.current.close();
    setOpen(false);
    triggerRef.current?.focus();
  }

  function pick(path: string) {
    onPick(path);
    close();
  }

  function goUp() {
    if (!listing?.path) return;
    void load(listing.parent, { from: listing.path });
  }

  function activate(e: BrowseEntry | undefined) {
    if (!e) return;
    if (e.type === "dir") void load(e.path);
    else if (pickable(e)) pick(e.path);
  }

  function onListKey(ev: KeyboardEvent<HTMLDivElement>) {
    const last = entries.length - 1;
    const moves: Record<string, () => number> = {
      ArrowDown: () => Math.min(active + 1, last),
      ArrowUp: () => Math.max(active - 1, 0),
      Home: () => 0,
      End: () => last,
      PageDown: () => Math.min(active + 10, last),
      PageUp: () => Math.max(active - 10, 0),
    };
    if (moves[ev.key]) {
      ev.preventDefault();
      if (last >= 0) setActive(moves[ev.key]());
    } else if (ev.key === "Enter" || ev.key === "ArrowRight") {
      ev.preventDefault();
      if (!loading) activate(entries[active]);
    } else if (ev.key === "Backspace" || ev.key === "ArrowLeft") {
      ev.preventDefault();
      if (!loading) goUp();
    }
  }

  useEffect(() => {
    if (!open) return;
    document.getElementById(`${ids}-opt-${active}`)?.scrollIntoView({ block: "nearest" });
  }, [active, open, ids]);

  const title = tr(mode === "dir" ? "browse.titleDir" : mode === "any" ? "browse.titleAny" : "browse.titleFile", { host: hostName });
  const crumbs = crumbsOf(listing);
  const errorKey = error ? `browse.error.${error.body.code}` : "";
  const extList = extensions?.join(", ") ?? "";

  return (
    <>
      <button
        type="button"
        ref={triggerRef}
        className={buttonClass("secondary", "md")}
        onClick={openDialog}
        disabled={!hostId}
        title={hostId ? undefined : tr("browse.chooseHostFirst")}
        aria-label={tr("browse.openLabel", { field: fieldLabel })}
        aria-haspopup="dialog"
        data-testid={`${testId}-open`}
      >
        {tr("browse.open")}
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={`${ids}-title`}
        aria-describedby={`${ids}-help`}
        onCancel={(e) => {
          e.preventDefault();
          close();
        }}
        data-testid={`${testId}-dialog`}
        className="m-auto w-[min(44rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-0 shadow-xl backdrop:bg-zinc-900/40"
      >
        {open ? (
          <div className="flex max-h-[80vh] flex-col">
            <div className="border-b border-zinc-200 px-4 py-3">
              <h2 id={`${ids}-title`} className="text-sm font-semibold text-zinc-900">{title}</h2>
              <p id={`${ids}-help`} className="mt-0.5 text-xs text-zinc-500">{tr("browse.keyboardHelp")}</p>
              <nav aria-label={tr("browse.breadcrumb")} className="mt-2">
                <ol className="flex flex-wrap items-center gap-1 font-mono text-[12px]" data-testid={`${testId}-crumbs`}>
                  <li>
                    <button type="button" className="rounded px-1 text-accent-700 hover:bg-zinc-100" onClick={() => void load(null)} aria-current={crumbs.length === 0 ? "location" : undefined}>
                      {tr("browse.roots")}
                    </button>
                  </li>
                  {crumbs.map((c, i) => (
                    <li key={c.path} className="flex items-center gap-1">
                      <span aria-hidden="true" className="text-zinc-400">/</span>
                      <button type="button" className="rounded px-1 text-accent-700 hover:bg-zinc-100" onClick={() => void load(c.path)} aria-current={i === crumbs.length - 1 ? "location" : undefined}>
                        {c.label}
                      </button>
                    </li>
                  ))}
                </ol>
              </nav>
              {extensions?.length ? (
                <div className="mt-2 flex flex-wrap items-center gap-3 text-xs text-zinc-600">
                  {filtering ? <span>{tr("browse.filterShowing", { extensions: extList })}</span> : null}
                  <label className="flex items-center gap-1.5">
                    <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} data-testid={`${testId}-show-all`} />
                    {tr("browse.showAllFiles")}
                  </label>
                </div>
              ) : null}
            </div>

            <div className="min-h-48 flex-1 overflow-y-auto">
              {error ? (
                <div role="alert" className="space-y-2 p-4 text-sm" data-testid={`${testId}-error`}>
                  <p className="font-medium text-red-700">{isMessageKey(errorKey) ? tr(errorKey) : tr("browse.error.other")}</p>
                  <p className="text-xs text-zinc-600">{error.body.message}</p>
                  {error.body.hint ? <p className="text-xs text-zinc-500">{error.body.hint}</p> : null}
                  <div className="flex gap-2 pt-1">
                    <Button size="sm" onClick={() => void load(error.path)}>{tr("browse.retry")}</Button>
                    {error.path !== null ? <Button size="sm" variant="ghost" onClick={() => void load(null)}>{tr("browse.backToRoots")}</Button> : null}
                  </div>
                </div>
              ) : null}
              {!error && loading && !listing ? <p className="p-4 text-sm text-zinc-500" role="status">{tr("browse.loading")}</p> : null}
              <div
                ref={listRef}
                role="listbox"
                tabIndex={0}
                aria-labelledby={`${ids}-title`}
                aria-activedescendant={entries.length ? `${ids}-opt-${active}` : undefined}
                aria-busy={loading}
                onKeyDown={onListKey}
                hidden={!!error}
                className={cn("outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-accent-500/40", loading && listing ? "opacity-60" : "")}
                data-testid={`${testId}-list`}
              >
                {entries.map((e, i) => (
                  <div
                    key={e.path}
                    id={`${ids}-opt-${i}`}
                    role="option"
                    aria-selected={i === active}
                    aria-disabled={usable(e) ? undefined : true}
                    data-testid={`${testId}-entry`}
                    data-name={e.name}
                    data-type={e.type}
                    onClick={() => {
                      setActive(i);
                      activate(e);
                    }}
                    className={cn(
                      "grid cursor-pointer grid-cols-[minmax(0,1fr)_6rem_10rem] items-center gap-3 px-4 py-1.5 text-sm",
                      i === active ? "bg-accent-50" : "hover:bg-zinc-50",
                      usable(e) ? "text-zinc-800" : "cursor-default text-zinc-400",
                    )}
                  >
                    <span className="flex min-w-0 items-center gap-2">
                      {e.type === "dir" ? <FolderIcon className="size-4 shrink-0 text-accent-600" /> : e.type === "file" ? <FileIcon className="size-4 shrink-0" /> : <AlertIcon className="size-4 shrink-0" />}
                      <span className="truncate font-mono text-[13px]" title={e.path}>{e.name}</span>
                      {e.type === "dir" ? <span className="sr-only">({tr("browse.typeDir")})</span> : null}
                      {e.outside ? (
                        <span className="shrink-0 rounded bg-amber-50 px-1 text-[11px] text-amber-800">{tr("browse.outside")}</span>
                      ) : e.type === "other" ? (
                        <span className="shrink-0 text-[11px]">{listing?.path === null ? tr("browse.missingRoot") : tr("browse.typeOther")}</span>
                      ) : null}
                    </span>
                    <span className="text-right text-xs tabular-nums text-zinc-500">{e.sizeBytes !== null ? formatBytes(e.sizeBytes) : ""}</span>
                    <span className="text-xs tabular-nums text-zinc-500">{e.modifiedAt ? formatDateTime(e.modifiedAt, lang) : ""}</span>
                  </div>
                ))}
              </div>
              {!error && listing && !loading && entries.length === 0 ? (
                <p className="p-4 text-sm text-zinc-500" data-testid={`${testId}-empty`}>
                  {listing.path === null ? tr("browse.noRoots") : filtering && listing.entries.length > 0 ? tr("browse.emptyFiltered", { extensions: extList }) : tr("browse.empty")}
                </p>
              ) : null}
              {listing?.truncated ? <p className="px-4 py-2 text-xs text-amber-700">{tr("browse.truncated", { count: listing.entries.length })}</p> : null}
            </div>

            <div className="flex items-center justify-between gap-2 border-t border-zinc-200 px-4 py-3">
              <Button size="sm" variant="ghost" onClick={goUp} disabled={!listing?.path || loading} data-testid={`${testId}-up`}>
                ↑ {tr("browse.up")}
              </Button>
              <div className="flex gap-2">
                <Button size="sm" onClick={close}>{tr("browse.cancel")}</Button>
                {mode !== "file" ? (
                  <Button size="sm" variant="primary" disabled={!listing?.path || loading || !!error} onClick={() => listing?.path && pick(listing.path)} data-testid={`${testId}-use-folder`}>
                    {tr("browse.useFolder")}
                  </Button>
                ) : null}
              </div>
            </div>
          </div>
        ) : null}
      </dialog>
    </>
  );
}
