import { requireUser } from "@/app/_lib/current-user";
import Link from "next/link";
import type { ReactNode } from "react";
import { detailPage } from "@/app/_lib/detail-page";
import { FormatBadge, PurposeBadge } from "@/components/datasets/DatasetBadges";
import { DatasetRuns } from "@/components/datasets/DatasetRuns";
import { LengthStatsTable, RowErrorsTable, ValidationSummary, WarningsList } from "@/components/datasets/ReportSections";
import { datasetInfoSnippet, readReport } from "@/components/datasets/report";
import { SampleRows } from "@/components/datasets/SampleRows";
import { TemplatePreview } from "@/components/datasets/TemplatePreview";
import { TokenStats, type TokenRecord } from "@/components/datasets/TokenStats";
import { getT } from "@/components/i18n/get-lang";
import { JobStatusBadge } from "@/components/jobs/JobStatusBadge";
import { buttonClass } from "@/components/ui/Button";
import { Card, CardBody, CardHeader } from "@/components/ui/Card";
import { CopyButton } from "@/components/ui/CopyButton";
import { JsonBlock } from "@/components/ui/JsonBlock";
import { KeyValueList } from "@/components/ui/KeyValue";
import { PageHeader } from "@/components/ui/PageHeader";
import { DateTime } from "@/components/ui/Time";
import { getDataset, runsUsingDataset } from "@/lib/dataset-records/queries";
import { formatBytes, formatNumber } from "@/lib/i18n/format";
import { listModels } from "@/lib/models/queries";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

const page = detailPage(getDataset, (d) => d.name);
export const generateMetadata = page.generateMetadata;

/** Chat templates live on HF models and adapters; a GGUF's template is the converted copy of one. */
const PREVIEW_KINDS = new Set(["HF_MODEL", "LORA_ADAPTER"]);

export default async function DatasetPage({ params }: { params: Params }) {
  await requireUser();
  const { id } = await params;
  const dataset = await page.load(id);
  const [runs, models, { tr, lang }] = await Promise.all([runsUsingDataset(id), listModels({ hostId: dataset.hostId }), getT()]);
  const report = readReport(dataset.report);
  const recheck = `/datasets/new?${new URLSearchParams({ mode: "path", hostId: dataset.hostId, path: dataset.path, name: dataset.name }).toString()}`;

  const items: { label: ReactNode; value: ReactNode; mono?: boolean; testId?: string }[] = [
    { label: tr("dataset.host"), value: <Link href={`/hosts/${dataset.host.id}`} className="text-accent-700 hover:underline">{dataset.host.name}</Link> },
    {
      label: tr("dataset.path"),
      mono: true,
      testId: "dataset-path",
      value: (
        <span className="inline-flex max-w-full items-center gap-1.5">
          <span className="break-all">{dataset.path}</span>
          <CopyButton text={dataset.path} iconOnly variant="ghost" label={tr("dataset.copyPath")} testId="copy-path" />
        </span>
      ),
    },
    { label: tr("dataset.size"), value: <span title={`${formatNumber(Number(dataset.sizeBytes), lang)} B`}>{formatBytes(dataset.sizeBytes)}</span> },
    { label: tr("dataset.format"), value: <FormatBadge format={dataset.format} /> },
    { label: tr("dataset.purpose"), value: <PurposeBadge purpose={dataset.purpose} tr={tr} /> },
    { label: tr("dataset.created"), value: <DateTime date={dataset.createdAt} /> },
  ];
  if (dataset.sourceJob) {
    items.push({
      label: tr("dataset.sourceJob"),
      value: (
        <span className="inline-flex flex-wrap items-center gap-2">
          <Link href={`/jobs/${dataset.sourceJob.id}`} data-testid="source-job" className="text-accent-700 hover:underline">{dataset.sourceJob.title}</Link>
          <JobStatusBadge status={dataset.sourceJob.status} tr={tr} testId="source-job-status" />
        </span>
      ),
    });
  }

  return (
    <>
      <PageHeader
        back={{ href: "/datasets", label: tr("datasets.back") }}
        title={<span data-testid="dataset-name">{dataset.name}</span>}
        meta={
          <>
            <PurposeBadge purpose={dataset.purpose} tr={tr} />
            <FormatBadge format={dataset.format} />
            <span>{dataset.host.name}</span>
            <span>{formatBytes(dataset.sizeBytes)}</span>
          </>
        }
        actions={
          <Link href={recheck} className={buttonClass("secondary", "md")} data-testid="recheck-link">
            {tr("dataset.recheck")}
          </Link>
        }
      />

      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <div className="space-y-4">
          <Card>
            <CardHeader title={tr("dataset.overview")} />
            <CardBody>
              <KeyValueList items={items} />
            </CardBody>
          </Card>
          <ValidationSummary counts={dataset} tr={tr} lang={lang} />
          <WarningsList warnings={report.warnings} tr={tr} />
          <RowErrorsTable errors={report.errors} errorCount={dataset.errorCount} tr={tr} lang={lang} />
          {report.stats ? <LengthStatsTable stats={report.stats} tr={tr} lang={lang} /> : null}
          <Card>
            <CardHeader title={tr("dataset.entry")} description={tr("dataset.entryHelp")} />
            <CardBody>
              <JsonBlock value={datasetInfoSnippet(dataset.name, dataset.entry)} testId="dataset-entry" />
            </CardBody>
          </Card>
        </div>

        <div className="space-y-4">
          <Card>
            <CardHeader title={tr("dataset.samples")} description={tr("dataset.samplesHelp")} />
            <CardBody>
              <SampleRows samples={report.samples} tr={tr} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title={tr("datasetPreview.title")} description={tr("datasetPreview.help")} />
            <CardBody>
              <TemplatePreview datasetId={dataset.id} models={models.filter((m) => PREVIEW_KINDS.has(m.kind)).map((m) => ({ id: m.id, name: m.name, kind: m.kind }))} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title={tr("tokens.title")} description={tr("tokens.help")} />
            <CardBody>
              <TokenStats
                datasetId={dataset.id}
                models={models.filter((m) => PREVIEW_KINDS.has(m.kind)).map((m) => ({ id: m.id, name: m.name, kind: m.kind }))}
                records={Object.values(((dataset.report as { tokens?: Record<string, TokenRecord> } | null)?.tokens) ?? {})}
              />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title={tr("dataset.runs")} description={tr("dataset.runsHelp")} />
            <CardBody>
              <DatasetRuns runs={runs} tr={tr} />
            </CardBody>
          </Card>
        </div>
      </div>
    </>
  );
}
