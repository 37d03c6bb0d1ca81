import type { Metadata } from "next";
import { requireUser } from "@/app/_lib/current-user";
import { getT } from "@/components/i18n/get-lang";
import { PasswordForm } from "@/components/settings/PasswordForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-input";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { tr } = await getT();
  return { title: tr("password.title") };
}

export default async function PasswordPage() {
  const user = await requireUser();
  const { tr } = await getT();
  return (
    <>
      <PageHeader title={tr("password.title")} description={tr("password.subtitle")} back={{ href: "/settings", label: tr("settings.title") }} />
      <PasswordForm email={user.email} minLength={PASSWORD_MIN_LENGTH} />
    </>
  );
}
