import { en, type MessageKey } from "./en";
import { zh } from "./zh";

export type { MessageKey };
export const LANGS = ["en", "zh"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "en";
/** Cookie that holds the chosen UI language ("en" | "zh"); readable by the server on every request. */
export const LANG_COOKIE = "lang";

export type Messages = Record<MessageKey, string>;
export const dictionaries: Record<Lang, Messages> = { en, zh };

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** Replaces `{name}` with vars.name; unknown variables stay visible so a missing one is noticed. */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : whole));
}

/** `t(lang)("nav.jobs")` → "Jobs" / "任务". */
export function t(lang: Lang): Translate {
  const messages = dictionaries[lang] ?? en;
  return (key, vars) => interpolate(messages[key] ?? en[key] ?? key, vars);
}

/** A label for a value that may or may not have a dictionary entry (job kinds, statuses from newer servers). */
export function labelOr(tr: Translate, key: string, fallback: string): string {
  return isMessageKey(key) ? tr(key) : fallback;
}

/**
 * The language for a request: the `lang` cookie when it is valid, otherwise the highest-ranked
 * supported language in Accept-Language (zh* → zh, en* → en), otherwise English.
 */
export function resolveLang(cookieValue: string | undefined | null, acceptLanguage: string | undefined | null): Lang {
  if (isLang(cookieValue)) return cookieValue;
  if (!acceptLanguage) return DEFAULT_LANG;
  const ranked = acceptLanguage
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === "zh" || tag.startsWith("zh-")) return "zh";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return DEFAULT_LANG;
}

/** BCP 47 tag for <html lang> and Intl formatters. */
export function localeOf(lang: Lang): string {
  return lang === "zh" ? "zh-CN" : "en-US";
}
