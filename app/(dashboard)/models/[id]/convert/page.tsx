import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_lib/current-user";
import { ConvertForm } from "@/components/conversion/ConvertForm";
import { QuantReport } from "@/components/conversion/QuantReport";
import { getLang } from "@/components/i18n/get-lang";
import { t } from "@/lib/i18n";
import { PageHeader } from "@/components/ui/PageHeader";
import { AppError } from "@/lib/errors";
import { customCodeOf } from "@/lib/models/custom-code";
import { getModel } from "@/lib/models/queries";
import { getQuantReport } from "@/lib/models/quant-report";
import { readArtifactMetadata } from "@/lib/models/artifact-metadata";
import { TemplateNote } from "@/components/finetune/TemplateNote";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

async function load(id: string) {
  try {
    return await getModel(id);
  } catch (err) {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  await requireUser();
  const { id } = await params;
  const lang = await getLang();
  try {
    return { title: `${t(lang)("convert.pageTitle")} · ${(await getModel(id)).name}` };
  } catch {
    return { title: t(lang)("convert.pageTitle") };
  }
}

/** Convert (HF model) or quantize (GGUF) a registered model; the family's size/quality report below. */
export default async function ConvertModelPage({ params }: { params: Params }) {
  await requireUser();
  const { id } = await params;
  const [model, lang] = await Promise.all([load(id), getLang()]);
  const report = await getQuantReport(model.id);
  return (
    <>
      <PageHeader
        back={{ href: `/models/${model.id}`, label: t(lang)("convert.backToModel") }}
        title={`${t(lang)("convert.pageTitle")}: ${model.name}`}
        description={model.kind === "GGUF" ? t(lang)("convert.pageSubtitleGguf") : t(lang)("convert.pageSubtitleHf")}
        meta={<span className="font-mono">{model.host.name}:{model.path}</span>}
      />
      <TemplateNote training={readArtifactMetadata(model.metadata).training} tr={t(lang)} />
      <ConvertForm
        model={{
          id: model.id,
          name: model.name,
          kind: model.kind,
          precision: model.precision,
          parameterCount: model.parameterCount === null ? null : Number(model.parameterCount),
          sizeBytes: Number(model.sizeBytes),
          path: model.path,
          host: model.host,
          customCode: customCodeOf(model.metadata),
        }}
      />
      {report.rows.length > 0 ? (
        <div className="mt-8">
          <QuantReport report={report} lang={lang} highlightId={model.id} />
        </div>
      ) : null}
    </>
  );
}
