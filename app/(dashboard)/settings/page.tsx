import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_lib/current-user";
import { getT } from "@/components/i18n/get-lang";
import { PageHeader } from "@/components/ui/PageHeader";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { tr } = await getT();
  return { title: tr("settings.title") };
}

export default async function SettingsPage() {
  await requireUser();
  const { tr } = await getT();
  const sections = [
    { href: "/settings/tokens", title: tr("tokens.title"), body: tr("settings.tokensBody") },
    { href: "/settings/password", title: tr("password.title"), body: tr("settings.passwordBody") },
  ];
  return (
    <>
      <PageHeader title={tr("settings.title")} description={tr("settings.subtitle")} />
      <ul className="grid max-w-3xl gap-3 sm:grid-cols-2">
        {sections.map((s) => (
          <li key={s.href}>
            <Link href={s.href} className="block h-full rounded-lg border border-zinc-200 bg-white p-4 shadow-sm hover:border-accent-500 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent-500/40" data-testid={`settings-link-${s.href.split("/").pop()}`}>
              <span className="block text-sm font-semibold text-zinc-900">{s.title}</span>
              <span className="mt-1 block text-sm text-zinc-500">{s.body}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
