import { useI18n } from "@/components/i18n/I18nProvider";
import { formatValue, tailRows, type Aligned } from "./series";

const ROWS = 50;

/** The canvas says nothing to a screen reader or keyboard; the latest numbers do, in a table. */
export function ChartDataTable({ data, xLabel, labels, caption }: { data: Aligned; xLabel: string; labels: string[]; caption: string }) {
  const { tr } = useI18n();
  const rows = tailRows(data, ROWS);
  return (
    <details className="mt-2 text-xs text-zinc-600" data-testid="chart-data-table">
      <summary className="cursor-pointer select-none text-zinc-500 hover:text-zinc-800">{tr("charts.dataTable", { count: rows.length })}</summary>
      <div className="mt-2 max-h-64 overflow-auto rounded-md border border-zinc-200">
        <table className="w-full border-collapse text-left tabular-nums">
          <caption className="sr-only">{caption}</caption>
          <thead className="sticky top-0 bg-zinc-50 text-zinc-500">
            <tr>
              <th scope="col" className="px-2 py-1 font-medium">{xLabel}</th>
              {labels.map((l, i) => (
                <th key={i} scope="col" className="px-2 py-1 font-medium">{l}</th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {rows.map((r) => (
              <tr key={r.x}>
                <th scope="row" className="px-2 py-1 font-normal">{formatValue(r.x)}</th>
                {r.cells.map((v, i) => (
                  <td key={i} className="px-2 py-1">{v === undefined ? "" : formatValue(v)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
