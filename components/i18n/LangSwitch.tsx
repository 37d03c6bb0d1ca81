"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LANG_COOKIE, type Lang } from "@/lib/i18n";
import { useI18n } from "./I18nProvider";

const OPTIONS: { lang: Lang; label: string }[] = [
  { lang: "en", label: "EN" },
  { lang: "zh", label: "中文" },
];

/** EN / 中文 toggle: stores the choice in the `lang` cookie (one year) and re-renders server components. */
export function LangSwitch({ className = "" }: { className?: string }) {
  const { lang, tr } = useI18n();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function choose(next: Lang) {
    if (next === lang) return;
    document.cookie = `${LANG_COOKIE}=${next}; Path=/; Max-Age=31536000; SameSite=Lax`;
    startTransition(() => router.refresh());
  }

  return (
    <div
      role="group"
      aria-label={tr("shell.language")}
      data-testid="lang-switch"
      data-lang={lang}
      className={`inline-flex shrink-0 rounded-md border border-zinc-200 bg-white p-0.5 text-xs ${pending ? "opacity-60" : ""} ${className}`}
    >
      {OPTIONS.map((o) => (
        <button
          key={o.lang}
          type="button"
          lang={o.lang === "zh" ? "zh-CN" : "en"}
          data-lang-option={o.lang}
          aria-pressed={lang === o.lang}
          onClick={() => choose(o.lang)}
          className={`whitespace-nowrap rounded px-2 py-0.5 font-medium transition-colors ${
            lang === o.lang ? "bg-zinc-900 text-white" : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900"
          }`}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
