"use client";

import Link from "next/link";
import { useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { JobProgress } from "@/components/jobs/JobProgress";
import { JobStatusBadge } from "@/components/jobs/JobStatusBadge";
import { buttonClass } from "@/components/ui/Button";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/Table";
import { RelativeTime } from "@/components/ui/Time";

type Run = { runId: string; title: string; host: string; createdAt: string | Date; status: string; progress: number | null; progressLabel: string | null; lastAttemptId: string; attempts: number };

/** Runs with a checkbox each; "Compare selected" reloads the page with `?compare=`. */
export function RunsTable({ runs, selected }: { runs: Run[]; selected: string[] }) {
  const { tr } = useI18n();
  const [picked, setPicked] = useState<string[]>(selected);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3">
        {picked.length >= 2 ? (
          <Link href={`/finetune?compare=${picked.join(",")}`} className={buttonClass("primary", "sm")} data-testid="compare-runs">
            {tr("runs.compareSelected")} ({picked.length})
          </Link>
        ) : (
          <span className="text-sm text-zinc-500">{tr("runs.compareHint")}</span>
        )}
      </div>
      <Table data-testid="runs-table">
        <THead>
          <Tr>
            <Th className="w-8"><span className="sr-only">{tr("runs.compareSelected")}</span></Th>
            <Th>{tr("runs.run")}</Th>
            <Th>{tr("common.status")}</Th>
            <Th>{tr("runs.attempts")}</Th>
            <Th>{tr("common.host")}</Th>
            <Th>{tr("common.created")}</Th>
          </Tr>
        </THead>
        <TBody>
          {runs.map((r) => (
            <Tr key={r.runId} data-testid="run-row">
              <Td>
                <input type="checkbox" checked={picked.includes(r.runId)} onChange={() => toggle(r.runId)} aria-label={tr("runs.select", { name: r.title })} data-testid={`select-run-${r.runId}`} />
              </Td>
              <Td>
                <Link href={`/jobs/${r.lastAttemptId}`} className="font-medium text-zinc-900 hover:underline">{r.title}</Link>
                {r.status === "RUNNING" ? <JobProgress status={r.status} progress={r.progress} label={r.progressLabel ?? ""} className="mt-1 max-w-xs" /> : null}
              </Td>
              <Td><JobStatusBadge status={r.status} tr={tr} /></Td>
              <Td className="tabular-nums">{r.attempts}</Td>
              <Td>{r.host}</Td>
              <Td><RelativeTime date={r.createdAt} /></Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
