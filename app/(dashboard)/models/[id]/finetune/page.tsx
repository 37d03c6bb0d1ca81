import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_lib/current-user";
import { detailPage } from "@/app/_lib/detail-page";
import { FinetuneForm } from "@/components/finetune/FinetuneForm";
import { listHosts } from "@/lib/hosts/queries";
import { initialState, stateFromPayload, type FormState } from "@/components/finetune/form-state";
import { getLang } from "@/components/i18n/get-lang";
import { ApiErrorBox } from "@/components/ui/ApiErrorBox";
import { buttonClass } from "@/components/ui/Button";
import { PageHeader } from "@/components/ui/PageHeader";
import { listDatasets } from "@/lib/dataset-records/queries";
import { db } from "@/lib/db/client";
import type { GpuInfo } from "@/lib/hosts/system-info";
import { t, type Translate } from "@/lib/i18n";
import { getModel } from "@/lib/models/queries";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;
type SearchParams = Promise<{ from?: string | string[] }>;

const modelPage = detailPage(getModel, (m) => m.name);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { title } = await modelPage.generateMetadata({ params });
  const tr = t(await getLang());
  return { title: title ? `${tr("finetune.pageTitle")} · ${String(title)}` : tr("finetune.pageTitle") };
}

/**
 * The form's first state: a cloned run (`?from=<jobId>`, fine-tune jobs only) or the default
 * preset, plus a note saying what happened to the clone.
 */
async function startingPoint(from: string | undefined, datasetIds: string[], gpuSlots: number, tr: Translate): Promise<{ initial: FormState; preset: string | null | undefined; note: string | null }> {
  const fresh = initialState(gpuSlots);
  if (!from) return { initial: fresh.state, preset: fresh.presetId, note: null };
  const job = from.length <= 64 ? await db.job.findUnique({ where: { id: from }, select: { id: true, kind: true, title: true, payload: true } }) : null;
  const cloned = job?.kind === "model.finetune" ? stateFromPayload(job.payload, datasetIds, gpuSlots) : null;
  if (!job || !cloned) return { initial: fresh.state, preset: fresh.presetId, note: tr("finetune.cloneMissing", { id: from }) };
  const dropped = cloned.droppedDatasets ? ` ${tr("finetune.cloneDropped", { n: cloned.droppedDatasets })}` : "";
  return { initial: cloned.state, preset: undefined, note: `${tr("finetune.clonedFrom", { title: job.title })}${dropped}` };
}

/** LLaMA-Factory fine-tuning of a registered HF model on datasets of its host. */
export default async function FinetuneModelPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  await requireUser();
  const [{ id }, { from }] = await Promise.all([params, searchParams]);
  const [model, lang] = await Promise.all([modelPage.load(id), getLang()]);
  const tr = t(lang);
  const header = (
    <PageHeader
      back={{ href: `/models/${model.id}`, label: tr("finetune.backToModel") }}
      title={`${tr("finetune.pageTitle")}: ${model.name}`}
      description={tr("finetune.pageSubtitle")}
      meta={<span className="font-mono">{model.host.name}:{model.path}</span>}
    />
  );
  if (model.kind !== "HF_MODEL") {
    return (
      <>
        {header}
        <ApiErrorBox error={{ code: "not_trainable", message: tr("finetune.notTrainable") }} testId="ft-not-trainable" />
        <Link href={`/models/${model.id}`} className={buttonClass("secondary", "md", "mt-4")}>{tr("finetune.backToModel")}</Link>
      </>
    );
  }

  const [hostRow, datasets, hosts] = await Promise.all([
    db.host.findUnique({ where: { id: model.hostId }, select: { id: true, name: true, gpuSlots: true, gpus: true, address: true } }),
    listDatasets({ hostId: model.hostId }),
    listHosts(),
  ]);
  if (!hostRow) notFound();
  const gpus = (Array.isArray(hostRow.gpus) ? (hostRow.gpus as GpuInfo[]) : []).map((g) => ({ index: g.index, name: g.name, memoryTotalMiB: g.memoryTotalMiB, memoryUsedMiB: g.memoryUsedMiB }));
  const host = { id: hostRow.id, name: hostRow.name, gpuSlots: hostRow.gpuSlots, gpus, address: hostRow.address };
  const otherHosts = hosts.filter((h) => h.id !== hostRow.id).map((h) => ({ id: h.id, name: h.name, gpuSlots: h.gpuSlots.length, online: h.online }));
  const options = datasets.map((d) => ({ id: d.id, name: d.name, purpose: d.purpose, rows: d.rows, validRows: d.validRows, errorCount: d.errorCount }));
  const start = await startingPoint(typeof from === "string" ? from : undefined, options.map((d) => d.id), host.gpuSlots.length, tr);

  return (
    <>
      {header}
      {start.note ? <p className="mb-4 rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="ft-clone-note">{start.note}</p> : null}
      <FinetuneForm model={{ id: model.id, name: model.name }} host={host} datasets={options} initial={start.initial} initialPreset={start.preset} otherHosts={otherHosts} />
    </>
  );
}
