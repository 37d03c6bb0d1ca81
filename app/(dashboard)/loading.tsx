import { getT } from "@/components/i18n/get-lang";
import { PageSkeleton } from "@/components/ui/Skeleton";

export default async function Loading() {
  const { tr } = await getT();
  return <PageSkeleton label={tr("common.loading")} cards={4} rows={8} />;
}
