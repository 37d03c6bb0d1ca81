import { getT } from "@/components/i18n/get-lang";
import { Skeleton } from "@/components/ui/Skeleton";

export default async function Loading() {
  const { tr } = await getT();
  return (
    <div role="status" aria-busy="true" aria-label={tr("common.loading")}>
      <Skeleton className="mb-2 h-6 w-40" />
      <Skeleton className="mb-6 h-4 w-96 max-w-full" />
      <div className="grid gap-4 lg:grid-cols-2">
        <Skeleton className="h-96" />
        <Skeleton className="h-96" />
      </div>
    </div>
  );
}
