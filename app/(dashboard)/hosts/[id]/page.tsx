import { requireUser } from "@/app/_lib/current-user";
import Link from "next/link";
import { getT } from "@/components/i18n/get-lang";
import { HostCard } from "@/components/hosts/HostCard";
import { AutoRefresh } from "@/components/jobs/AutoRefresh";
import { JobsTable } from "@/components/jobs/JobsTable";
import { isActiveStatus } from "@/components/jobs/status-style";
import { ModelsTable } from "@/components/models/ModelsTable";
import { buttonClass } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { PlusIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/PageHeader";
import { getHost } from "@/lib/hosts/queries";
import { listJobs } from "@/lib/jobs/queries";
import { listModels } from "@/lib/models/queries";
import { detailPage } from "@/app/_lib/detail-page";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

const page = detailPage(getHost, (h) => h.name);
const load = page.load;
export const generateMetadata = page.generateMetadata;

export default async function HostPage({ params }: { params: Params }) {
  await requireUser();
  const { id } = await params;
  const [host, { tr, lang }] = await Promise.all([load(id), getT()]);
  const [jobs, models] = await Promise.all([listJobs({ hostId: host.id, limit: 15 }), listModels({ hostId: host.id })]);
  const anyActive = jobs.items.some((j) => isActiveStatus(j.status));

  return (
    <>
      <PageHeader
        back={{ href: "/hosts", label: tr("hosts.back") }}
        title={host.name}
        actions={
          <>
            <AutoRefresh active={anyActive || host.online} intervalMs={anyActive ? 3000 : 10_000} showIndicator={anyActive} />
            <Link href={`/models/import?hostId=${encodeURIComponent(host.id)}`} className={buttonClass("primary", "md")}>
              <PlusIcon className="size-4" />
              {tr("hosts.importHere")}
            </Link>
          </>
        }
      />
      <div className="grid gap-4 xl:grid-cols-[26rem_minmax(0,1fr)]">
        <div>
          <HostCard host={host} tr={tr} linkTitle={false} />
        </div>
        <div className="min-w-0 space-y-6">
          <section>
            <div className="mb-2 flex items-center justify-between">
              <h2 className="text-sm font-semibold text-zinc-900">{tr("hosts.recentJobs")}</h2>
              {jobs.items.length > 0 ? (
                <Link href={`/jobs?hostId=${encodeURIComponent(host.id)}`} className="text-xs font-medium text-accent-700 hover:underline">{tr("common.viewAll")}</Link>
              ) : null}
            </div>
            {jobs.items.length > 0 ? <JobsTable jobs={jobs.items} tr={tr} hideHost /> : <EmptyState title={tr("jobs.emptyAll")} className="py-8" />}
          </section>
          <section>
            <div className="mb-2 flex items-center justify-between">
              <h2 className="text-sm font-semibold text-zinc-900">{tr("hosts.models")}</h2>
              {models.length > 0 ? (
                <Link href={`/models?hostId=${encodeURIComponent(host.id)}`} className="text-xs font-medium text-accent-700 hover:underline">{tr("common.viewAll")}</Link>
              ) : null}
            </div>
            {models.length > 0 ? <ModelsTable models={models.slice(0, 20)} tr={tr} lang={lang} hideHost /> : <EmptyState title={tr("models.empty")} className="py-8" />}
          </section>
        </div>
      </div>
    </>
  );
}
