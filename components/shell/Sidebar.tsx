import Link from "next/link";
import type { AuthUser } from "@/lib/auth/sessions";
import type { Translate } from "@/lib/i18n";
import { LangSwitch } from "@/components/i18n/LangSwitch";
import { LogoMark, LogoutIcon } from "@/components/ui/icons";
import { NavLinks } from "./NavLinks";

/** Left rail on wide screens, a top bar on narrow ones. */
export function Sidebar({ user, tr }: { user: AuthUser; tr: Translate }) {
  return (
    <aside className="flex shrink-0 flex-col gap-3 border-b border-zinc-200 bg-zinc-100/70 px-3 py-3 md:sticky md:top-0 md:h-dvh md:w-56 md:border-b-0 md:border-r md:py-4">
      <div className="flex items-center justify-between gap-2 px-1.5">
        <Link href="/" className="flex items-center gap-2 text-zinc-900">
          <LogoMark className="size-6 text-accent-600" />
          <span className="text-[15px] font-semibold tracking-tight">{tr("app.name")}</span>
        </Link>
        <LangSwitch />
      </div>
      <NavLinks />
      <div className="mt-auto hidden flex-col gap-3 md:flex">
        <div className="rounded-md border border-zinc-200 bg-white px-2.5 py-2">
          <div className="text-[11px] uppercase tracking-wide text-zinc-400">{tr("shell.signedInAs")}</div>
          <div className="mt-0.5 truncate text-sm font-medium text-zinc-900" data-testid="current-user" title={user.email}>
            {user.name}
          </div>
          <div className="truncate text-xs text-zinc-500">
            {user.email} · {user.role === "ADMIN" ? tr("shell.admin") : tr("shell.member")}
          </div>
          <form action="/api/auth/logout" method="post" className="mt-2">
            <button type="submit" data-testid="logout" className="inline-flex items-center gap-1.5 text-xs font-medium text-zinc-600 hover:text-zinc-900">
              <LogoutIcon className="size-3.5" />
              {tr("shell.logout")}
            </button>
          </form>
        </div>
      </div>
      <form action="/api/auth/logout" method="post" className="flex items-center justify-between gap-2 px-1.5 text-xs text-zinc-500 md:hidden">
        <span className="truncate">{user.name}</span>
        <button type="submit" className="inline-flex items-center gap-1 font-medium text-zinc-600 hover:text-zinc-900">
          <LogoutIcon className="size-3.5" />
          {tr("shell.logout")}
        </button>
      </form>
    </aside>
  );
}
