"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { t, type Lang, type Translate } from "@/lib/i18n";

type I18nValue = { lang: Lang; tr: Translate };

const I18nContext = createContext<I18nValue>({ lang: "en", tr: t("en") });

/** Gives client components the language the server resolved for this request. */
export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  const value = useMemo(() => ({ lang, tr: t(lang) }), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  return useContext(I18nContext);
}
