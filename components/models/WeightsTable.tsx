import type { Lang, Translate } from "@/lib/i18n";
import { formatNumber, formatParams } from "@/lib/i18n/format";
import type { TypeStats } from "@/lib/models/artifact-metadata";

export function WeightsTable({ stats, tr, lang }: { stats: TypeStats; tr: Translate; lang: Lang }) {
  const rows = Object.entries(stats).sort((a, b) => b[1].parameters - a[1].parameters);
  const total = rows.reduce((n, [, s]) => n + s.parameters, 0);
  return (
    <table className="w-full text-sm" data-testid="weights-table">
      <thead className="text-xs text-zinc-500">
        <tr>
          <th className="py-1 text-left font-medium">{tr("model.weightsType")}</th>
          <th className="py-1 text-right font-medium">{tr("model.weightsTensors")}</th>
          <th className="py-1 text-right font-medium">{tr("model.weightsParams")}</th>
          <th className="w-1/3 py-1" />
        </tr>
      </thead>
      <tbody>
        {rows.map(([type, s]) => (
          <tr key={type} className="border-t border-zinc-100">
            <td className="py-1.5"><code className="text-xs">{type}</code></td>
            <td className="py-1.5 text-right tabular-nums text-zinc-600">{formatNumber(s.count, lang)}</td>
            <td className="py-1.5 text-right tabular-nums text-zinc-900" title={formatNumber(s.parameters, lang)}>{formatParams(s.parameters)}</td>
            <td className="py-1.5 pl-3">
              <div className="h-1.5 w-full overflow-hidden rounded-full bg-zinc-100">
                <div className="h-full rounded-full bg-accent-400" style={{ width: `${total > 0 ? (s.parameters / total) * 100 : 0}%` }} />
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
