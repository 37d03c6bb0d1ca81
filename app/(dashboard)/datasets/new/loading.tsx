import { loadingPage } from "@/components/i18n/loading-page";
import { DetailSkeleton } from "@/components/ui/Skeleton";

export default loadingPage((label) => <DetailSkeleton label={label} layout="form" />);
