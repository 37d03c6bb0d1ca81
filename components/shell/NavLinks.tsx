"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useI18n } from "@/components/i18n/I18nProvider";
import { cn } from "@/components/ui/cn";
import { DatasetsIcon, HostsIcon, JobsIcon, KeyIcon, ModelsIcon, OverviewIcon, TrainIcon } from "@/components/ui/icons";
import type { MessageKey } from "@/lib/i18n";

const ITEMS: { href: string; key: MessageKey; icon: typeof OverviewIcon; exact?: boolean; match?: string }[] = [
  { href: "/", key: "nav.overview", icon: OverviewIcon, exact: true },
  { href: "/jobs", key: "nav.jobs", icon: JobsIcon },
  { href: "/models", key: "nav.models", icon: ModelsIcon },
  { href: "/datasets", key: "nav.datasets", icon: DatasetsIcon },
  { href: "/finetune", key: "nav.finetune", icon: TrainIcon },
  { href: "/hosts", key: "nav.hosts", icon: HostsIcon },
  { href: "/settings", key: "nav.settings", icon: KeyIcon },
];

export function NavLinks() {
  const pathname = usePathname();
  const { tr } = useI18n();
  return (
    <nav aria-label={tr("nav.main")} className="flex gap-0.5 overflow-x-auto md:flex-col md:overflow-visible">
      {ITEMS.map((item) => {
        const base = item.match ?? item.href;
        const active = item.exact ? pathname === item.href : pathname === base || pathname.startsWith(`${base}/`);
        const Icon = item.icon;
        return (
          <Link
            key={item.href}
            href={item.href}
            data-nav={item.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex shrink-0 items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors",
              active ? "bg-white text-zinc-900 shadow-xs ring-1 ring-zinc-200" : "text-zinc-600 hover:bg-zinc-200/50 hover:text-zinc-900",
            )}
          >
            <Icon className={cn("size-4", active ? "text-accent-600" : "text-zinc-400")} />
            {tr(item.key)}
          </Link>
        );
      })}
    </nav>
  );
}
