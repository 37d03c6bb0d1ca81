import type { Metadata } from "next";
import { requireUser } from "@/app/_lib/current-user";
import { RunCompare } from "@/components/finetune/RunCompare";
import { RunsTable } from "@/components/finetune/RunsTable";
import { getT } from "@/components/i18n/get-lang";
import { EmptyState } from "@/components/ui/EmptyState";
import { TrainIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/PageHeader";
import { jsonSafe } from "@/lib/api/handler";
import { IdSchema } from "@/lib/schemas/text";
import { compareRuns, listRuns } from "@/lib/training/runs";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  await requireUser();
  const { tr } = await getT();
  return { title: tr("runs.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `?compare=a,b`: run ids (first attempts); anything that is not an id is ignored. */
function compareIds(v: string | string[] | undefined): string[] {
  const raw = (Array.isArray(v) ? v.join(",") : (v ?? "")).split(",");
  return [...new Set(raw.filter((id) => IdSchema.safeParse(id).success))].slice(0, 8);
}

/** Every fine-tune run (attempts grouped), and the side-by-side comparison of the ones picked. */
export default async function RunsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const ids = compareIds((await searchParams).compare);
  const [{ tr }, runs, compared] = await Promise.all([getT(), listRuns(), ids.length ? compareRuns(ids) : Promise.resolve([])]);
  return (
    <>
      <PageHeader title={tr("runs.title")} description={tr("runs.subtitle")} />
      {compared.length ? <RunCompare runs={jsonSafe(compared)} /> : null}
      {runs.length ? (
        <RunsTable runs={jsonSafe(runs)} selected={ids} />
      ) : (
        <EmptyState icon={<TrainIcon className="size-6" />} title={tr("runs.empty")} body={tr("runs.emptyBody")} testId="runs-empty" />
      )}
    </>
  );
}
