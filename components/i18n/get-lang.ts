import { cookies, headers } from "next/headers";
import { LANG_COOKIE, resolveLang, t, type Lang, type Translate } from "@/lib/i18n";

/** Server components: the request's language (cookie `lang`, else Accept-Language, else English). */
export async function getLang(): Promise<Lang> {
  const [c, h] = await Promise.all([cookies(), headers()]);
  return resolveLang(c.get(LANG_COOKIE)?.value, h.get("accept-language"));
}

/** Server components: the language and its translate function in one call. */
export async function getT(): Promise<{ lang: Lang; tr: Translate }> {
  const lang = await getLang();
  return { lang, tr: t(lang) };
}
