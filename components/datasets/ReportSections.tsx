import type { ReactNode } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/Card";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/Table";
import type { Dist, RowError } from "@/lib/datasets/validate";
import type { Lang, Translate } from "@/lib/i18n";
import { formatNumber } from "@/lib/i18n/format";
import { shownErrors, validityShares, validPercent, type ShownReport } from "./report";

type Counts = { rows: number; validRows: number; errorCount: number };

function Stat({ label, value, tone, testId }: { label: string; value: ReactNode; tone?: string; testId: string }) {
  return (
    <div>
      <div className="text-xs text-zinc-500">{label}</div>
      <div className={`text-xl font-semibold tabular-nums ${tone ?? "text-zinc-900"}`} data-testid={testId}>{value}</div>
    </div>
  );
}

/** Two segments rather than a progress bar: invalid rows are a result, not work left to do. */
function ValidityBar({ rows, validRows, tr, lang }: Omit<Counts, "errorCount"> & { tr: Translate; lang: Lang }) {
  const share = validityShares(rows, validRows);
  const label = tr("datasetReport.barLabel", { valid: formatNumber(validRows, lang), invalid: formatNumber(rows - validRows, lang) });
  return (
    <div role="img" aria-label={label} title={label} className="flex h-2 w-full overflow-hidden rounded-full bg-zinc-200" data-testid="validity-bar">
      <div className="h-full bg-emerald-500" style={{ width: `${share.valid * 100}%` }} />
      <div className="h-full bg-red-400" style={{ width: `${share.invalid * 100}%` }} />
    </div>
  );
}

export function ValidationSummary({ counts, tr, lang }: { counts: Counts; tr: Translate; lang: Lang }) {
  const { rows, validRows, errorCount } = counts;
  return (
    <Card data-testid="validation-summary">
      <CardHeader title={tr("datasetReport.summary")} description={tr("datasetReport.summaryHelp")} />
      <CardBody className="space-y-3">
        <div className="grid grid-cols-3 gap-3">
          <Stat label={tr("datasetReport.rows")} value={formatNumber(rows, lang)} testId="report-rows" />
          <Stat label={tr("datasetReport.validRows")} value={formatNumber(validRows, lang)} tone={validRows < rows ? "text-amber-700" : "text-emerald-700"} testId="report-valid" />
          <Stat label={tr("datasetReport.errors")} value={formatNumber(errorCount, lang)} tone={errorCount > 0 ? "text-red-700" : undefined} testId="report-errors" />
        </div>
        <ValidityBar rows={rows} validRows={validRows} tr={tr} lang={lang} />
        <p className="text-xs text-zinc-500">{tr("datasetReport.validShare", { percent: validPercent(rows, validRows) })}</p>
      </CardBody>
    </Card>
  );
}

export function RowErrorsTable({ errors, errorCount, tr, lang }: { errors: RowError[]; errorCount: number; tr: Translate; lang: Lang }) {
  const shown = shownErrors(errors, errorCount);
  return (
    <Card data-testid="row-errors">
      <CardHeader
        title={tr("datasetReport.rowErrors")}
        description={shown.capped ? tr("datasetReport.rowErrorsCapped", { shown: formatNumber(shown.rows.length, lang), total: formatNumber(errorCount, lang) }) : tr("datasetReport.rowErrorsHelp")}
      />
      <CardBody>
        {shown.rows.length === 0 ? (
          <p className="text-sm text-emerald-700">{tr("datasetReport.noRowErrors")}</p>
        ) : (
          <div className="max-h-[28rem] overflow-auto">
            <Table>
              <THead>
                <tr>
                  <Th className="text-right">{tr("datasetReport.colRow")}</Th>
                  <Th>{tr("datasetReport.colField")}</Th>
                  <Th>{tr("datasetReport.colProblem")}</Th>
                </tr>
              </THead>
              <TBody>
                {shown.rows.map((e, i) => (
                  <Tr key={i} data-testid="row-error">
                    <Td className="whitespace-nowrap text-right tabular-nums text-zinc-600">{e.row === 0 ? tr("datasetReport.wholeFile") : formatNumber(e.row, lang)}</Td>
                    <Td className="whitespace-nowrap font-mono text-xs text-zinc-800">{e.field || "—"}</Td>
                    <Td className="text-xs text-zinc-700">{e.problem}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </div>
        )}
      </CardBody>
    </Card>
  );
}

export function WarningsList({ warnings, tr }: { warnings: string[]; tr: Translate }) {
  if (warnings.length === 0) return null;
  return (
    <div className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="dataset-warnings">
      <h2 className="mb-1 text-xs font-semibold">{tr("datasetReport.warnings")}</h2>
      <ul className="list-disc space-y-0.5 pl-5">
        {warnings.map((w, i) => (
          <li key={i}>{w}</li>
        ))}
      </ul>
    </div>
  );
}

const DIST_KEYS = ["min", "p50", "mean", "p95", "max"] as const;

export function LengthStatsTable({ stats, tr, lang }: { stats: NonNullable<ShownReport["stats"]>; tr: Translate; lang: Lang }) {
  const rows: [string, Dist][] = [
    [tr("datasetReport.promptChars"), stats.promptChars],
    [tr("datasetReport.responseChars"), stats.responseChars],
    [tr("datasetReport.turns"), stats.turns],
  ];
  return (
    <Card data-testid="length-stats">
      <CardHeader title={tr("datasetReport.lengths")} description={tr("datasetReport.lengthsHelp")} />
      <Table>
        <THead>
          <tr>
            <Th />
            {DIST_KEYS.map((k) => (
              <Th key={k} className="text-right">{tr(`datasetReport.dist.${k}`)}</Th>
            ))}
          </tr>
        </THead>
        <TBody>
          {rows.map(([label, d]) => (
            <Tr key={label}>
              <Td className="whitespace-nowrap text-zinc-700">{label}</Td>
              {DIST_KEYS.map((k) => (
                <Td key={k} className="text-right tabular-nums text-zinc-900">{formatNumber(d[k], lang)}</Td>
              ))}
            </Tr>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
