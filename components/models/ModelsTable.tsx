import Link from "next/link";
import type { listModels } from "@/lib/models/queries";
import type { Lang, Translate } from "@/lib/i18n";
import { formatBytes, formatNumber, formatParams } from "@/lib/i18n/format";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/Table";
import { RelativeTime } from "@/components/ui/Time";
import { ModelKindBadge } from "./ModelKindBadge";

export type ModelListItem = Awaited<ReturnType<typeof listModels>>[number];

export function ModelsTable({ models, tr, lang, hideHost }: { models: ModelListItem[]; tr: Translate; lang: Lang; hideHost?: boolean }) {
  return (
    <Table data-testid="models-table">
      <THead>
        <tr>
          <Th>{tr("models.colName")}</Th>
          <Th>{tr("models.colKind")}</Th>
          <Th>{tr("models.colArch")}</Th>
          <Th className="text-right">{tr("models.colParams")}</Th>
          <Th>{tr("models.colPrecision")}</Th>
          <Th className="text-right">{tr("models.colContext")}</Th>
          <Th className="text-right">{tr("models.colSize")}</Th>
          {hideHost ? null : <Th>{tr("models.colHost")}</Th>}
          <Th>{tr("models.colCreated")}</Th>
        </tr>
      </THead>
      <TBody>
        {models.map((m) => (
          <Tr key={m.id} data-testid="model-row" data-model-id={m.id} data-kind={m.kind}>
            <Td className="max-w-[18rem]">
              <Link href={`/models/${m.id}`} className="block truncate font-medium text-zinc-900 hover:text-accent-700 hover:underline" title={m.name}>
                {m.name}
              </Link>
              <div className="truncate font-mono text-[11px] text-zinc-400" title={m.path}>{m.path}</div>
            </Td>
            <Td><ModelKindBadge kind={m.kind} tr={tr} /></Td>
            <Td className="whitespace-nowrap font-mono text-xs text-zinc-700">{m.architecture ?? "—"}</Td>
            <Td className="whitespace-nowrap text-right tabular-nums text-zinc-900" title={m.parameterCount !== null ? formatNumber(Number(m.parameterCount), lang) : undefined}>
              {formatParams(m.parameterCount)}
            </Td>
            <Td className="whitespace-nowrap">
              {m.precision ? <code className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700">{m.precision}</code> : <span className="text-zinc-400">—</span>}
            </Td>
            <Td className="whitespace-nowrap text-right tabular-nums text-zinc-600">{m.contextLength ? formatNumber(m.contextLength, lang) : "—"}</Td>
            <Td className="whitespace-nowrap text-right tabular-nums text-zinc-600">{formatBytes(m.sizeBytes)}</Td>
            {hideHost ? null : (
              <Td className="whitespace-nowrap">
                <Link href={`/hosts/${m.hostId}`} className="text-zinc-600 hover:text-zinc-900 hover:underline">{m.host.name}</Link>
              </Td>
            )}
            <Td className="whitespace-nowrap text-zinc-500"><RelativeTime date={m.createdAt} /></Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
