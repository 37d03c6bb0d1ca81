import Link from "next/link";
import type { listDatasets } from "@/lib/dataset-records/queries";
import type { Lang, Translate } from "@/lib/i18n";
import { formatBytes } from "@/lib/i18n/format";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/Table";
import { RelativeTime } from "@/components/ui/Time";
import { FormatBadge, PurposeBadge, RowCounts } from "./DatasetBadges";

export type DatasetListItem = Awaited<ReturnType<typeof listDatasets>>[number];

export function DatasetsTable({ datasets, tr, lang }: { datasets: DatasetListItem[]; tr: Translate; lang: Lang }) {
  return (
    <Table data-testid="datasets-table">
      <THead>
        <tr>
          <Th>{tr("datasets.colName")}</Th>
          <Th>{tr("datasets.colHost")}</Th>
          <Th>{tr("datasets.colPurpose")}</Th>
          <Th>{tr("datasets.colFormat")}</Th>
          <Th className="text-right">{tr("datasets.colRows")}</Th>
          <Th className="text-right">{tr("datasets.colSize")}</Th>
          <Th>{tr("datasets.colCreated")}</Th>
        </tr>
      </THead>
      <TBody>
        {datasets.map((d) => (
          <Tr key={d.id} data-testid="dataset-row" data-dataset-id={d.id} data-purpose={d.purpose}>
            <Td className="max-w-[20rem]">
              <Link href={`/datasets/${d.id}`} className="block truncate font-medium text-zinc-900 hover:text-accent-700 hover:underline" title={d.name}>
                {d.name}
              </Link>
              <div className="truncate font-mono text-[11px] text-zinc-400" title={d.path}>{d.path}</div>
            </Td>
            <Td className="whitespace-nowrap">
              <Link href={`/hosts/${d.hostId}`} className="text-zinc-600 hover:text-zinc-900 hover:underline">{d.host.name}</Link>
            </Td>
            <Td><PurposeBadge purpose={d.purpose} tr={tr} /></Td>
            <Td><FormatBadge format={d.format} /></Td>
            <Td className="whitespace-nowrap text-right">
              <RowCounts rows={d.rows} validRows={d.validRows} errorCount={d.errorCount} tr={tr} lang={lang} />
            </Td>
            <Td className="whitespace-nowrap text-right tabular-nums text-zinc-600">{formatBytes(d.sizeBytes)}</Td>
            <Td className="whitespace-nowrap text-zinc-500"><RelativeTime date={d.createdAt} /></Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
