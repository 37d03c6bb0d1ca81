import { getT } from "@/components/i18n/get-lang";
import { PageSkeleton } from "@/components/ui/Skeleton";

export default async function Loading() {
  const { tr } = await getT();
  return <PageSkeleton label={tr("common.loading")} rows={3} />;
}
