import type { Metadata } from "next";
import { requireUser } from "@/app/_lib/current-user";
import { getT } from "@/components/i18n/get-lang";
import { HostCard } from "@/components/hosts/HostCard";
import { WorkerTokenBox } from "@/components/hosts/WorkerTokenBox";
import { AutoRefresh } from "@/components/jobs/AutoRefresh";
import { EmptyState } from "@/components/ui/EmptyState";
import { HostsIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/PageHeader";
import { listHosts } from "@/lib/hosts/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { tr } = await getT();
  return { title: tr("hosts.title") };
}

export default async function HostsPage() {
  const user = await requireUser();
  const [{ tr }, hosts] = await Promise.all([getT(), listHosts()]);
  const isAdmin = user.role === "ADMIN";
  const online = hosts.filter((h) => h.online).length;

  return (
    <>
      <PageHeader
        title={tr("hosts.title")}
        description={tr("hosts.subtitle")}
        meta={hosts.length > 0 ? <span>{online} / {hosts.length} {tr("common.online").toLowerCase()}</span> : null}
        actions={<AutoRefresh active={hosts.length > 0} intervalMs={10_000} showIndicator={false} />}
      />
      <div className="space-y-4">
        {hosts.length === 0 ? (
          <EmptyState
            testId="hosts-empty"
            icon={<HostsIcon className="size-5" />}
            title={tr("hosts.empty")}
            body={
              <>
                {tr("hosts.emptyBody")}
                {isAdmin ? null : <span className="mt-1 block text-xs">{tr("workerToken.adminOnly")}</span>}
              </>
            }
          />
        ) : (
          <div className="grid items-start gap-4 lg:grid-cols-2 2xl:grid-cols-3">
            {hosts.map((h) => (
              <HostCard key={h.id} host={h} tr={tr} />
            ))}
          </div>
        )}
        {isAdmin ? <WorkerTokenBox /> : null}
      </div>
    </>
  );
}
