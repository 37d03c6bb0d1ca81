import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { getLang } from "@/components/i18n/get-lang";
import { I18nProvider } from "@/components/i18n/I18nProvider";
import { localeOf } from "@/lib/i18n";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Modelyard", template: "%s · Modelyard" },
  description: "Dashboard and job queue for the life of open LLMs: import, convert, quantize, fine-tune, deploy, chat.",
};

export const viewport: Viewport = { themeColor: "#fafafa" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const lang = await getLang();
  return (
    <html lang={localeOf(lang)}>
      <body className="min-h-dvh">
        <I18nProvider lang={lang}>{children}</I18nProvider>
      </body>
    </html>
  );
}
