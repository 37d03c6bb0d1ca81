import { requireUser } from "@/app/_lib/current-user";
import type { Metadata } from "next";
import Link from "next/link";
import { getT } from "@/components/i18n/get-lang";
import { DatasetFilters } from "@/components/datasets/DatasetFilters";
import { DatasetsTable } from "@/components/datasets/DatasetsTable";
import { buttonClass } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { JobsIcon, PlusIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/PageHeader";
import { listDatasets, ListDatasetsQuerySchema } from "@/lib/dataset-records/queries";
import { listHosts } from "@/lib/hosts/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  await requireUser();
  const { tr } = await getT();
  return { title: tr("datasets.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function param(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s?.trim() || undefined;
}

export default async function DatasetsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const sp = await searchParams;
  const parsed = ListDatasetsQuerySchema.safeParse({ purpose: param(sp.purpose), hostId: param(sp.hostId), q: param(sp.q) });
  const query = parsed.success ? parsed.data : {};
  const [{ tr, lang }, datasets, hosts] = await Promise.all([getT(), listDatasets(query), listHosts()]);
  const filtered = Boolean(query.purpose || query.hostId || query.q);
  const addLink = (size: "sm" | "md", testId?: string) => (
    <Link href="/datasets/new" className={buttonClass("primary", size)} data-testid={testId}>
      <PlusIcon className="size-4" />
      {tr("datasets.add")}
    </Link>
  );

  return (
    <>
      <PageHeader title={tr("datasets.title")} description={tr("datasets.subtitle")} actions={addLink("md", "add-dataset-link")} />
      <DatasetFilters key={JSON.stringify(query)} values={query} hosts={hosts.map((h) => ({ id: h.id, name: h.name }))} tr={tr} />
      {datasets.length === 0 ? (
        <EmptyState
          testId="datasets-empty"
          icon={<JobsIcon className="size-5" />}
          title={filtered ? tr("datasets.emptyFiltered") : tr("datasets.empty")}
          body={filtered ? tr("datasets.emptyFilteredBody") : tr("datasets.emptyBody")}
          action={filtered ? <Link href="/datasets" className={buttonClass("secondary", "sm")}>{tr("common.clear")}</Link> : addLink("sm")}
        />
      ) : (
        <DatasetsTable datasets={datasets} tr={tr} lang={lang} />
      )}
    </>
  );
}
