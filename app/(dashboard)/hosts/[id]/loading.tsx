import { getT } from "@/components/i18n/get-lang";
import { DetailSkeleton } from "@/components/ui/Skeleton";

export default async function Loading() {
  const { tr } = await getT();
  return <DetailSkeleton label={tr("common.loading")} />;
}
