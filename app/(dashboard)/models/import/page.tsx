import { requireUser } from "@/app/_lib/current-user";
import type { Metadata } from "next";
import Link from "next/link";
import { getT } from "@/components/i18n/get-lang";
import { ImportModelForm } from "@/components/models/ImportModelForm";
import { buttonClass } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { HostsIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/PageHeader";
import { listHosts } from "@/lib/hosts/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { tr } = await getT();
  return { title: tr("import.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ImportModelPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const sp = await searchParams;
  const [{ tr }, hosts] = await Promise.all([getT(), listHosts()]);
  const str = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
  // Online hosts first: that is where an import starts right away.
  const sorted = [...hosts].sort((a, b) => Number(b.online) - Number(a.online) || a.name.localeCompare(b.name));

  return (
    <>
      <PageHeader back={{ href: "/models", label: tr("model.back") }} title={tr("import.title")} description={tr("import.subtitle")} />
      {hosts.length === 0 ? (
        <EmptyState
          testId="import-no-hosts"
          icon={<HostsIcon className="size-5" />}
          title={tr("import.noHosts")}
          body={tr("import.noHostsBody")}
          action={<Link href="/hosts" className={buttonClass("primary", "sm")}>{tr("overview.quickHosts")}</Link>}
        />
      ) : (
        <ImportModelForm
          hosts={sorted.map((h) => ({ id: h.id, name: h.name, online: h.online, storageRoots: h.storageRoots, labels: h.labels }))}
          initialHostId={str(sp.hostId)}
          initialPath={str(sp.path)}
        />
      )}
    </>
  );
}
