import { requireUser } from "@/app/_lib/current-user";
import Link from "next/link";
import type { ReactNode } from "react";
import { getT } from "@/components/i18n/get-lang";
import { JobStatusBadge } from "@/components/jobs/JobStatusBadge";
import { LineageTree } from "@/components/models/LineageTree";
import { CustomCodeBadge, CustomCodeNotice } from "@/components/models/CustomCodeNotice";
import { ModelKindBadge } from "@/components/models/ModelKindBadge";
import { WeightsTable } from "@/components/models/WeightsTable";
import { Card, CardBody, CardHeader } from "@/components/ui/Card";
import { CopyButton } from "@/components/ui/CopyButton";
import { JsonBlock } from "@/components/ui/JsonBlock";
import { KeyValueList } from "@/components/ui/KeyValue";
import { PageHeader } from "@/components/ui/PageHeader";
import { DateTime } from "@/components/ui/Time";
import { formatBytes, formatNumber, formatParams } from "@/lib/i18n/format";
import { readArtifactMetadata, type TypeStats } from "@/lib/models/artifact-metadata";
import { TemplateNote } from "@/components/finetune/TemplateNote";
import { customCodeOf } from "@/lib/models/custom-code";
import { getLineage, getModel } from "@/lib/models/queries";
import { detailPage } from "@/app/_lib/detail-page";
import { QuantReport } from "@/components/conversion/QuantReport";
import { getQuantReport } from "@/lib/models/quant-report";

const SECONDARY_ACTION = "rounded-md px-3 py-1.5 text-sm font-medium text-zinc-700 ring-1 ring-zinc-300 hover:bg-zinc-50";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

const page = detailPage(getModel, (m) => m.name);
const load = page.load;
export const generateMetadata = page.generateMetadata;

const nonEmpty = (s: TypeStats | null | undefined) => (s && Object.keys(s).length > 0 ? s : null);

function str(v: unknown): string | null {
  return typeof v === "string" && v ? v : typeof v === "number" ? String(v) : null;
}

export default async function ModelPage({ params }: { params: Params }) {
  await requireUser();
  const { id } = await params;
  const [model, lineage, report, { tr, lang }] = await Promise.all([load(id), getLineage(id), getQuantReport(id), getT()]);
  const meta = readArtifactMetadata(model.metadata);
  const typeStats = nonEmpty(meta.tensorTypes) ?? nonEmpty(meta.weights?.dtypes);
  const warnings = meta.warnings ?? [];
  const adapter = meta.adapter ?? {};
  const tokenizer = meta.tokenizer ?? {};
  const customCode = customCodeOf(model.metadata);
  const hasLineage = lineage !== null && (lineage.children.length > 0 || lineage.id !== model.id);

  const items: { label: ReactNode; value: ReactNode; mono?: boolean; testId?: string }[] = [
    { label: tr("model.kind"), value: <ModelKindBadge kind={model.kind} tr={tr} /> },
    { label: tr("model.host"), value: <Link href={`/hosts/${model.host.id}`} className="text-accent-700 hover:underline">{model.host.name}</Link> },
    {
      label: tr("model.path"),
      mono: true,
      testId: "model-path",
      value: (
        <span className="inline-flex max-w-full items-center gap-1.5">
          <span className="break-all">{model.path}</span>
          <CopyButton text={model.path} iconOnly variant="ghost" label={tr("model.copyPath")} testId="copy-path" />
        </span>
      ),
    },
    { label: tr("model.size"), value: <span title={`${formatNumber(Number(model.sizeBytes), lang)} B`}>{formatBytes(model.sizeBytes)}</span> },
    {
      label: tr("model.params"),
      value: model.parameterCount !== null ? (
        <span>
          {formatParams(model.parameterCount)} <span className="text-xs text-zinc-400">({formatNumber(Number(model.parameterCount), lang)})</span>
        </span>
      ) : "—",
    },
    { label: tr("model.precision"), value: model.precision ? <code className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs">{model.precision}</code> : "—" },
    { label: tr("model.context"), value: model.contextLength ? tr("model.tokens", { count: formatNumber(model.contextLength, lang) }) : "—" },
    { label: tr("model.architecture"), value: model.architecture ? <code className="text-[13px]">{model.architecture}</code> : "—" },
    { label: tr("model.created"), value: <DateTime date={model.createdAt} /> },
  ];
  if (model.sourceJob) {
    items.push({
      label: tr("model.sourceJob"),
      value: (
        <span className="inline-flex flex-wrap items-center gap-2">
          <Link href={`/jobs/${model.sourceJob.id}`} data-testid="source-job" className="text-accent-700 hover:underline">{model.sourceJob.title}</Link>
          <JobStatusBadge status={model.sourceJob.status} tr={tr} testId="source-job-status" />
        </span>
      ),
    });
  }
  if (model.parent) {
    items.push({ label: tr("model.parent"), value: <Link href={`/models/${model.parent.id}`} className="text-accent-700 hover:underline">{model.parent.name}</Link> });
  }

  // A family with several members is worth seeing first; a lone model's tree goes below.
  const lineageCard = lineage ? (
    <Card>
      <CardHeader title={tr("model.lineage")} description={tr("model.lineageHelp")} />
      <CardBody>
        <LineageTree root={lineage} currentId={model.id} tr={tr} />
      </CardBody>
    </Card>
  ) : null;

  const trained = !!meta.training;
  return (
    <>
      <PageHeader
        back={{ href: "/models", label: tr("model.back") }}
        title={<span data-testid="model-name">{model.name}</span>}
        meta={
          <>
            <ModelKindBadge kind={model.kind} tr={tr} />
            {customCode ? <CustomCodeBadge tr={tr} /> : null}
            {model.architecture ? <code>{model.architecture}</code> : null}
            {model.parameterCount !== null ? <span>{formatParams(model.parameterCount)}</span> : null}
            {model.precision ? <span>{model.precision}</span> : null}
            <span>{formatBytes(model.sizeBytes)}</span>
          </>
        }
        actions={
          <div className="flex flex-wrap gap-2">
            {model.kind === "HF_MODEL" ? (
              <Link href={`/models/${model.id}/finetune`} data-testid="finetune-link" className={SECONDARY_ACTION}>
                {tr("model.finetune")}
              </Link>
            ) : null}
            {model.kind === "LORA_ADAPTER" || (model.kind === "HF_MODEL" && trained) ? (
              <Link href={`/models/${model.id}/export`} data-testid="export-link" className={SECONDARY_ACTION}>
                {tr("train.export")}
              </Link>
            ) : null}
            {model.kind !== "LORA_ADAPTER" ? (
              <Link href={`/models/${model.id}/convert`} data-testid="convert-link" className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700">
                {tr(model.kind === "GGUF" ? "model.quantize" : "model.convert")}
              </Link>
            ) : null}
          </div>
        }
      />

      <TemplateNote training={meta.training} tr={tr} />

      {report.rows.length > 0 ? (
        <div className="mb-4">
          <QuantReport report={report} lang={lang} highlightId={model.id} />
        </div>
      ) : null}

      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <div className="space-y-4">
          <Card>
            <CardHeader title={tr("model.overview")} />
            <CardBody>
              <KeyValueList items={items} />
            </CardBody>
          </Card>

          {Object.keys(adapter).length > 0 ? (
            <Card>
              <CardHeader title={tr("model.adapter")} />
              <CardBody>
                <KeyValueList
                  items={[
                    { label: tr("model.baseModel"), value: str(adapter.baseModelNameOrPath) ?? "—", mono: true },
                    { label: tr("model.rank"), value: str(adapter.r) ?? "—" },
                    { label: tr("model.alpha"), value: str(adapter.loraAlpha) ?? "—" },
                    {
                      label: tr("model.targetModules"),
                      mono: true,
                      value: Array.isArray(adapter.targetModules) ? adapter.targetModules.join(", ") : (str(adapter.targetModules) ?? "—"),
                    },
                  ]}
                />
              </CardBody>
            </Card>
          ) : null}

          {typeStats ? (
            <Card>
              <CardHeader title={tr("model.weights")} />
              <CardBody>
                <WeightsTable stats={typeStats} tr={tr} lang={lang} />
              </CardBody>
            </Card>
          ) : null}

          {Object.keys(tokenizer).length > 0 ? (
            <Card>
              <CardHeader title={tr("model.tokenizer")} />
              <CardBody>
                <KeyValueList
                  className="text-xs"
                  items={[
                    { label: "class", value: str(tokenizer.tokenizerClass) ?? "—", mono: true },
                    { label: "bos / eos", value: `${str(tokenizer.bosToken) ?? "—"} / ${str(tokenizer.eosToken) ?? "—"}`, mono: true },
                    { label: tr("model.files"), value: Array.isArray(tokenizer.files) ? tokenizer.files.join(", ") : "—", mono: true },
                  ]}
                />
              </CardBody>
            </Card>
          ) : null}

          {customCode ? <CustomCodeNotice code={customCode} tr={tr} /> : null}

          {warnings.length > 0 ? (
            <div className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
              <h2 className="mb-1 text-xs font-semibold">{tr("model.warnings")}</h2>
              <ul className="list-disc space-y-0.5 pl-5">
                {warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>

        <div className="space-y-4">
          {hasLineage ? lineageCard : null}

          <Card>
            <CardHeader
              title={tr("model.chatTemplate")}
              actions={model.chatTemplate ? <CopyButton text={model.chatTemplate} size="sm" testId="copy-chat-template" /> : null}
            />
            <CardBody>
              {model.chatTemplate ? (
                <pre data-testid="chat-template" className="max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-md border border-zinc-200 bg-zinc-50 p-3 text-xs leading-relaxed text-zinc-800">
                  {model.chatTemplate}
                </pre>
              ) : (
                <p className="text-sm text-zinc-500">{tr("model.noChatTemplate")}</p>
              )}
            </CardBody>
          </Card>

          {!hasLineage ? lineageCard : null}

          <details className="group rounded-lg border border-zinc-200 bg-white shadow-xs" data-testid="model-metadata">
            <summary className="flex cursor-pointer list-none items-center justify-between gap-2 px-4 py-3 text-sm font-semibold text-zinc-900 [&::-webkit-details-marker]:hidden">
              <span>
                {tr("model.metadata")}
                <span className="ml-2 text-xs font-normal text-zinc-500">{tr("model.metadataHelp")}</span>
              </span>
              <span className="text-xs font-normal text-zinc-500 group-open:hidden">{tr("common.show")}</span>
              <span className="hidden text-xs font-normal text-zinc-500 group-open:inline">{tr("common.hide")}</span>
            </summary>
            <div className="border-t border-zinc-100 px-4 py-3">
              <JsonBlock value={model.metadata} maxHeight="max-h-[36rem]" testId="model-metadata-json" />
            </div>
          </details>
        </div>
      </div>
    </>
  );
}
