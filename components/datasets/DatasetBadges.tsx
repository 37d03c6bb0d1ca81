import { Badge, type BadgeTone } from "@/components/ui/Badge";
import { labelOr, type Lang, type Translate } from "@/lib/i18n";
import { formatNumber } from "@/lib/i18n/format";

const PURPOSE_TONES: Record<string, BadgeTone> = { sft: "accent", preference: "violet", kto: "amber", pretrain: "teal" };

export function PurposeBadge({ purpose, tr }: { purpose: string; tr: Translate }) {
  return (
    <Badge tone={PURPOSE_TONES[purpose] ?? "gray"} data-purpose={purpose} className="rounded-md">
      {labelOr(tr, `datasets.purpose.${purpose}`, purpose)}
    </Badge>
  );
}

/** LLaMA-Factory's `formatting` value, shown as written in dataset_info.json. */
export function FormatBadge({ format }: { format: string }) {
  return <code className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700" data-format={format}>{format}</code>;
}

/** "980 / 1,000", with the error count in red when there is one. */
export function RowCounts({ rows, validRows, errorCount, tr, lang }: { rows: number; validRows: number; errorCount: number; tr: Translate; lang: Lang }) {
  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-x-2 tabular-nums" title={tr("datasets.rowsTitle", { valid: formatNumber(validRows, lang), rows: formatNumber(rows, lang) })}>
      <span className={validRows < rows ? "text-amber-700" : "text-zinc-900"}>{formatNumber(validRows, lang)}</span>
      <span className="text-zinc-400">/ {formatNumber(rows, lang)}</span>
      {errorCount > 0 ? (
        <span className="rounded bg-red-50 px-1.5 text-xs font-medium text-red-700 ring-1 ring-inset ring-red-200" data-testid="dataset-error-count">
          {tr("datasets.errorCount", { count: formatNumber(errorCount, lang) })}
        </span>
      ) : null}
    </span>
  );
}
