import { loadingPage } from "@/components/i18n/loading-page";
import { PageSkeleton } from "@/components/ui/Skeleton";

export default loadingPage((label) => <PageSkeleton label={label} rows={10} />);
