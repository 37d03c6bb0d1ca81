import Link from "next/link";
import { getT } from "@/components/i18n/get-lang";
import { buttonClass } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";

export default async function NotFound() {
  const { tr } = await getT();
  return (
    <EmptyState
      testId="not-found"
      className="mt-10"
      title={tr("notFound.title")}
      body={tr("notFound.body")}
      action={
        <Link href="/" className={buttonClass("secondary", "sm")}>
          {tr("notFound.home")}
        </Link>
      }
    />
  );
}
