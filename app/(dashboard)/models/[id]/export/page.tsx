import Link from "next/link";
import { requireUser } from "@/app/_lib/current-user";
import { detailPage } from "@/app/_lib/detail-page";
import { ExportForm } from "@/components/finetune/ExportForm";
import { getLang } from "@/components/i18n/get-lang";
import { PageHeader } from "@/components/ui/PageHeader";
import { t } from "@/lib/i18n";
import { readArtifactMetadata } from "@/lib/models/artifact-metadata";
import { getModel } from "@/lib/models/queries";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

const page = detailPage(getModel, (m) => m.name);
export const generateMetadata = page.generateMetadata;

/** Merge a LoRA adapter into its base (or re-save / GPTQ a trained model) with llamafactory-cli export. */
export default async function ExportModelPage({ params }: { params: Params }) {
  await requireUser();
  const { id } = await params;
  const [model, lang] = await Promise.all([page.load(id), getLang()]);
  const tr = t(lang);
  const template = readArtifactMetadata(model.metadata).training?.template ?? null;
  return (
    <>
      <PageHeader
        back={{ href: `/models/${model.id}`, label: tr("convert.backToModel") }}
        title={`${tr("export.pageTitle")}: ${model.name}`}
        description={tr(model.kind === "LORA_ADAPTER" ? "export.subtitleAdapter" : "export.subtitleModel")}
        meta={<span className="font-mono">{model.host.name}:{model.path}</span>}
      />
      {model.kind === "GGUF" ? (
        <p className="rounded-md bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200">
          {tr("export.notExportable")} <Link className="underline" href={`/models/${model.id}`}>{tr("convert.backToModel")}</Link>
        </p>
      ) : (
        <ExportForm modelId={model.id} hostId={model.hostId} hostName={model.host.name} isAdapter={model.kind === "LORA_ADAPTER"} parentName={model.parent?.name ?? null} template={template} defaultName={`${model.name}-merged`} />
      )}
    </>
  );
}
