"use client";

import Link from "next/link";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardBody, CardHeader } from "@/components/ui/Card";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/Table";
import type { TrainPoint } from "@/lib/training/run-metrics";
import { RunCompareChart } from "./RunCompareChart";

type Compared = { runId: string; title: string; args: Record<string, unknown>; datasetIds: string[]; points: TrainPoint[] };

const show = (v: unknown) => (v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** Loss curves on one axis and every setting side by side, rows that differ first. */
export function RunCompare({ runs }: { runs: Compared[] }) {
  const { tr } = useI18n();
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.args)))].sort();
  const differs = (k: string) => new Set(runs.map((r) => show(r.args[k]))).size > 1;
  const ordered = [...keys.filter(differs), ...keys.filter((k) => !differs(k))];
  return (
    <Card className="mb-4" data-testid="run-compare">
      <CardHeader title={tr("runs.compareTitle")} />
      <CardBody className="space-y-4">
        <RunCompareChart runs={runs.map((r) => ({ id: r.runId, label: r.title, points: r.points }))} />
        <div className="overflow-x-auto">
          <Table>
            <THead>
              <Tr>
                <Th>{tr("runs.setting")}</Th>
                {runs.map((r) => (
                  <Th key={r.runId}><Link className="hover:underline" href={`/jobs/${r.runId}`}>{r.title}</Link></Th>
                ))}
              </Tr>
            </THead>
            <TBody>
              <Tr>
                <Td className="font-mono text-xs">{tr("runs.datasets")}</Td>
                {runs.map((r) => <Td key={r.runId} className="font-mono text-xs">{r.datasetIds.join(", ")}</Td>)}
              </Tr>
              {ordered.map((k) => (
                <Tr key={k} className={differs(k) ? "bg-amber-50" : undefined} data-differs={differs(k) || undefined}>
                  <Td className="font-mono text-xs">{k}{differs(k) ? <span className="ml-2 text-amber-700">{tr("runs.differs")}</span> : null}</Td>
                  {runs.map((r) => <Td key={r.runId} className="font-mono text-xs">{show(r.args[k])}</Td>)}
                </Tr>
              ))}
            </TBody>
          </Table>
        </div>
      </CardBody>
    </Card>
  );
}
