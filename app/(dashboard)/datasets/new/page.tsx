import { requireUser } from "@/app/_lib/current-user";
import type { Metadata } from "next";
import Link from "next/link";
import { AddDatasetForm, type AddMode } from "@/components/datasets/AddDatasetForm";
import { getT } from "@/components/i18n/get-lang";
import { buttonClass } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { HostsIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/PageHeader";
import { listHosts } from "@/lib/hosts/queries";
import { MAX_UPLOAD_BYTES } from "@/lib/uploads/store-upload";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  await requireUser();
  const { tr } = await getT();
  return { title: tr("datasetNew.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const str = (v: string | string[] | undefined) => (typeof v === "string" && v ? v : undefined);
const modeOf = (v: string | undefined): AddMode | undefined => (v === "upload" || v === "path" ? v : undefined);

/** `?hostId=&path=&name=&mode=` prefill the form ("Re-check with another mapping" on a dataset's page). */
export default async function NewDatasetPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const sp = await searchParams;
  const [{ tr }, hosts] = await Promise.all([getT(), listHosts()]);
  // Online hosts first: that is where validation starts right away.
  const sorted = [...hosts].sort((a, b) => Number(b.online) - Number(a.online) || a.name.localeCompare(b.name));

  return (
    <>
      <PageHeader back={{ href: "/datasets", label: tr("datasets.back") }} title={tr("datasetNew.title")} description={tr("datasetNew.subtitle")} />
      {hosts.length === 0 ? (
        <EmptyState
          testId="dataset-no-hosts"
          icon={<HostsIcon className="size-5" />}
          title={tr("datasetNew.noHosts")}
          body={tr("datasetNew.noHostsBody")}
          action={<Link href="/hosts" className={buttonClass("primary", "sm")}>{tr("overview.quickHosts")}</Link>}
        />
      ) : (
        <AddDatasetForm
          hosts={sorted.map((h) => ({ id: h.id, name: h.name, online: h.online, storageRoots: h.storageRoots }))}
          maxUploadBytes={MAX_UPLOAD_BYTES}
          initialHostId={str(sp.hostId)}
          initialPath={str(sp.path)}
          initialName={str(sp.name)}
          initialMode={modeOf(str(sp.mode))}
        />
      )}
    </>
  );
}
