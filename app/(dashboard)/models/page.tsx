import { requireUser } from "@/app/_lib/current-user";
import type { Metadata } from "next";
import Link from "next/link";
import { getT } from "@/components/i18n/get-lang";
import { ModelFilters } from "@/components/models/ModelFilters";
import { ModelsTable } from "@/components/models/ModelsTable";
import { buttonClass } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { ModelsIcon, PlusIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/PageHeader";
import { listHosts } from "@/lib/hosts/queries";
import { listModels, ListModelsQuerySchema } from "@/lib/models/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { tr } = await getT();
  return { title: tr("models.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function one(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.trim() ? s.trim() : undefined;
}

export default async function ModelsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const sp = await searchParams;
  const parsed = ListModelsQuerySchema.safeParse({ kind: one(sp.kind), hostId: one(sp.hostId), q: one(sp.q) });
  const query = parsed.success ? parsed.data : {};
  const [{ tr, lang }, models, hosts] = await Promise.all([getT(), listModels(query), listHosts()]);
  const filtered = Boolean(query.kind || query.hostId || query.q);

  return (
    <>
      <PageHeader
        title={tr("models.title")}
        description={tr("models.subtitle")}
        actions={
          <Link href="/models/import" className={buttonClass("primary", "md")} data-testid="import-model-link">
            <PlusIcon className="size-4" />
            {tr("models.import")}
          </Link>
        }
      />
      <ModelFilters key={JSON.stringify(query)} values={query} hosts={hosts.map((h) => ({ id: h.id, name: h.name }))} tr={tr} />
      {models.length === 0 ? (
        <EmptyState
          testId="models-empty"
          icon={<ModelsIcon className="size-5" />}
          title={filtered ? tr("models.emptyFiltered") : tr("models.empty")}
          body={filtered ? tr("models.emptyFilteredBody") : tr("models.emptyBody")}
          action={
            filtered ? (
              <Link href="/models" className={buttonClass("secondary", "sm")}>{tr("common.clear")}</Link>
            ) : (
              <Link href="/models/import" className={buttonClass("primary", "sm")}>{tr("models.import")}</Link>
            )
          }
        />
      ) : (
        <ModelsTable models={models} tr={tr} lang={lang} />
      )}
    </>
  );
}
