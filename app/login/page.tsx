import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getT } from "@/components/i18n/get-lang";
import { LangSwitch } from "@/components/i18n/LangSwitch";
import { LoginForm } from "@/components/login/LoginForm";
import { LogoMark } from "@/components/ui/icons";
import { safeNext } from "@/lib/auth/safe-next";
import { SESSION_COOKIE, userForSession } from "@/lib/auth/sessions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { tr } = await getT();
  return { title: tr("login.submit") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const [sp, { tr }, jar] = await Promise.all([searchParams, getT(), cookies()]);
  const next = safeNext(sp.next);
  // Already signed in: go straight to the dashboard. A database hiccup here just shows the form.
  const user = await userForSession(jar.get(SESSION_COOKIE)?.value).catch(() => null);
  if (user) redirect(next);

  return (
    <div className="flex min-h-dvh flex-col bg-zinc-50">
      <div className="flex justify-end p-4">
        <LangSwitch />
      </div>
      <main className="flex flex-1 items-start justify-center px-4 pt-[12vh]">
        <div className="w-full max-w-sm">
          <div className="mb-6 flex flex-col items-center text-center">
            <LogoMark className="size-10 text-accent-600" />
            <h1 className="mt-4 text-lg font-semibold tracking-tight text-zinc-900">{tr("login.title")}</h1>
            <p className="mt-1 text-sm text-zinc-500">{tr("login.subtitle")}</p>
          </div>
          <div className="rounded-lg border border-zinc-200 bg-white p-6 shadow-sm">
            <LoginForm next={next} />
          </div>
          <p className="mt-4 text-center text-xs text-zinc-400">{tr("login.firstAdmin")}</p>
        </div>
      </main>
      <footer className="p-4 text-center text-xs text-zinc-400">{tr("app.tagline")}</footer>
    </div>
  );
}
