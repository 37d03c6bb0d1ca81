import Link from "next/link";
import { t, type Lang } from "@/lib/i18n";
import { formatBytes } from "@/lib/i18n/format";
import type { QuantReport as QuantReportData } from "@/lib/models/quant-report";
import { Card, CardBody, CardHeader } from "@/components/ui/Card";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/Table";
import { QuantChart } from "./QuantChart";

const fmt = (v: number | null, digits: number) => (v === null || !Number.isFinite(v) ? "—" : v.toFixed(digits));

/**
 * "Which quant should I ship": every GGUF of a model family with size, bits per weight and
 * perplexity next to the unquantized baseline, as a table and a size/perplexity chart.
 * No hooks: render it from a server component with `getQuantReport(modelId)`.
 */
export function QuantReport({ report, lang, highlightId }: { report: QuantReportData; lang: Lang; highlightId?: string }) {
  const tr = t(lang);
  const base = report.rows.find((r) => r.baseline) ?? null;
  return (
    <Card data-testid="quant-report">
      <CardHeader title={tr("quantReport.title")} description={tr("quantReport.subtitle")} />
      <CardBody className="space-y-4">
        {report.rows.length === 0 ? (
          <p className="text-sm text-zinc-500" data-testid="quant-report-empty">{tr("quantReport.empty")}</p>
        ) : (
          <>
            <Table data-testid="quant-report-table">
              <THead>
                <tr>
                  <Th>{tr("quantReport.colType")}</Th>
                  <Th>{tr("quantReport.colName")}</Th>
                  <Th className="text-right">{tr("quantReport.colSize")}</Th>
                  <Th className="text-right">{tr("quantReport.colBpw")}</Th>
                  <Th className="text-right">{tr("quantReport.colPpl")}</Th>
                  <Th className="text-right">{tr("quantReport.colDelta")}</Th>
                </tr>
              </THead>
              <TBody>
                {report.rows.map((r) => (
                  <Tr key={r.artifactId} data-testid="quant-report-row" data-type={r.precision ?? ""} data-baseline={r.baseline ? "true" : undefined} className={r.artifactId === highlightId ? "bg-accent-50/50" : undefined}>
                    <Td className="font-mono text-xs font-semibold text-zinc-900">
                      {r.precision ?? "?"}
                      {r.baseline ? <span className="ml-1.5 rounded bg-emerald-50 px-1.5 py-px font-sans text-[11px] font-medium text-emerald-700 ring-1 ring-inset ring-emerald-200">{tr("quantReport.baseline")}</span> : null}
                    </Td>
                    <Td className="max-w-[18rem] truncate">
                      <Link href={`/models/${r.artifactId}`} className="text-zinc-800 hover:text-accent-700 hover:underline" title={r.name}>{r.name}</Link>
                    </Td>
                    <Td className="text-right tabular-nums">{formatBytes(r.sizeBytes)}</Td>
                    <Td className="text-right tabular-nums" title={r.expectedBitsPerWeight ? `≈${r.expectedBitsPerWeight}` : undefined}>{fmt(r.bitsPerWeight, 2)}</Td>
                    <Td className="text-right tabular-nums" data-part="ppl">
                      {r.perplexity === null ? (
                        <span className="text-zinc-400">{tr("quantReport.notEvaluated")}</span>
                      ) : (
                        <span title={r.comparable ? undefined : tr("quantReport.notComparable")} className={r.comparable ? undefined : "text-zinc-400"}>
                          {fmt(r.perplexity, 3)}
                          {r.pplError ? <span className="text-xs text-zinc-400"> ±{fmt(r.pplError, 3)}</span> : null}
                        </span>
                      )}
                    </Td>
                    <Td className="text-right tabular-nums">
                      {r.pplDelta === null || r.baseline ? "—" : <span className={r.pplDelta > 0.5 ? "text-red-700" : r.pplDelta > 0.1 ? "text-amber-700" : "text-emerald-700"}>{`${r.pplDelta >= 0 ? "+" : ""}${r.pplDelta.toFixed(3)}`}</span>}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
            {base?.evaluation ? (
              <p className="text-xs text-zinc-500" data-testid="quant-report-eval-info">
                {tr("quantReport.evalOn", { file: base.evaluation.textFile.split("/").pop() ?? base.evaluation.textFile, ctx: base.evaluation.contextSize, chunks: base.evaluation.chunks ?? "?" })}
              </p>
            ) : null}
            <QuantChart rows={report.rows} lang={lang} />
          </>
        )}
      </CardBody>
    </Card>
  );
}
