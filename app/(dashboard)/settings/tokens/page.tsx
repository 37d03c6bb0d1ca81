import type { Metadata } from "next";
import { requireUser } from "@/app/_lib/current-user";
import { getT } from "@/components/i18n/get-lang";
import { TokensManager, type TokenRow } from "@/components/settings/TokensManager";
import { PageHeader } from "@/components/ui/PageHeader";
import { listApiTokens } from "@/lib/auth/api-tokens";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { tr } = await getT();
  return { title: tr("tokens.title") };
}

export default async function TokensPage() {
  const user = await requireUser();
  const [{ tr }] = await Promise.all([getT()]);
  const all: TokenRow[] = (await listApiTokens(user.id)).map((t) => ({ ...t, kind: t.kind === "WORKER" ? "WORKER" : "PERSONAL" }));
  return (
    <>
      <PageHeader title={tr("tokens.title")} description={tr("tokens.subtitle")} />
      <TokensManager tokens={all.filter((t) => t.kind === "PERSONAL")} workerTokens={all.filter((t) => t.kind === "WORKER")} />
    </>
  );
}
