import type { ReactNode } from "react";
import { requireUser } from "@/app/_lib/current-user";
import { getT } from "@/components/i18n/get-lang";
import { Sidebar } from "@/components/shell/Sidebar";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const [user, { tr }] = await Promise.all([requireUser(), getT()]);
  return (
    <div className="flex min-h-dvh flex-col md:flex-row">
      <Sidebar user={user} tr={tr} />
      <main className="min-w-0 flex-1">
        <div className="mx-auto w-full max-w-[1400px] px-4 py-6 md:px-8">{children}</div>
      </main>
    </div>
  );
}
