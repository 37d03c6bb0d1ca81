import { localeOf, type Lang } from "./index";

/** Drops a trailing ".0" so 1.0 GB reads "1 GB" and 494.0M reads "494M". */
function trimZero(s: string): string {
  return s.endsWith(".0") ? s.slice(0, -2) : s;
}

const BYTE_UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

/**
 * Binary sizes, labelled as such, because that is how llama.cpp, nvidia-smi and free memory
 * count: 270_885_888 → "258.3 MiB", 2 ** 30 → "1 GiB". One formatter for the UI and the workers'
 * logs, so a size reads the same on the page and in the log.
 */
export function formatBytes(bytes: number | bigint | null | undefined): string {
  if (bytes === null || bytes === undefined) return "—";
  let v = Number(bytes);
  if (!Number.isFinite(v) || v < 0) return "—";
  if (v < 1024) return `${Math.round(v)} B`;
  let u = 0;
  // 1023.97 MiB would print as "1024.0 MiB": move up a unit once rounding reaches 1024.
  while (v >= 1023.95 && u < BYTE_UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return `${trimZero(v.toFixed(1))} ${BYTE_UNITS[u]}`;
}

/** Memory as nvidia-smi reports it (MiB): 81920 → "80 GiB". */
export function formatMiB(mib: number | null | undefined): string {
  if (mib === null || mib === undefined || !Number.isFinite(mib)) return "—";
  return formatBytes(mib * 2 ** 20);
}

const PARAM_UNITS: [number, string][] = [
  [1e12, "T"],
  [1e9, "B"],
  [1e6, "M"],
  [1e3, "K"],
];

/** Parameter counts as model cards write them: 134_515_008 → "134.5M", 7_241_732_096 → "7.2B". */
export function formatParams(count: number | bigint | null | undefined): string {
  if (count === null || count === undefined) return "—";
  const n = Number(count);
  if (!Number.isFinite(n) || n < 0) return "—";
  for (const [size, unit] of PARAM_UNITS) {
    if (n >= size * 0.9995) return `${trimZero((n / size).toFixed(1))}${unit}`;
  }
  return String(Math.round(n));
}

export function formatNumber(n: number | null | undefined, lang: Lang): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  return new Intl.NumberFormat(localeOf(lang)).format(n);
}

export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return "—";
  const pct = Math.max(0, Math.min(1, fraction)) * 100;
  return `${pct >= 10 || pct === 0 ? Math.round(pct) : pct.toFixed(1)}%`;
}

const DURATION_UNITS: Record<Lang, { ms: string; s: string; m: string; h: string; d: string; sep: string }> = {
  en: { ms: "ms", s: "s", m: "m", h: "h", d: "d", sep: " " },
  zh: { ms: " 毫秒", s: " 秒", m: " 分", h: " 小时", d: " 天", sep: " " },
};

/** 850 → "850ms", 12_000 → "12s", 185_000 → "3m 05s", 3_720_000 → "1h 02m"; Chinese: "3 分 05 秒". */
export function formatDuration(ms: number | null | undefined, lang: Lang = "en"): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return "—";
  const u = DURATION_UNITS[lang];
  if (ms < 1000) return `${Math.round(ms)}${u.ms}`;
  const totalS = Math.floor(ms / 1000);
  if (totalS < 60) return ms < 10_000 ? `${trimZero((ms / 1000).toFixed(1))}${u.s}` : `${totalS}${u.s}`;
  const pad = (n: number) => String(n).padStart(2, "0");
  const totalM = Math.floor(totalS / 60);
  if (totalM < 60) return `${totalM}${u.m}${u.sep}${pad(totalS % 60)}${u.s}`;
  const totalH = Math.floor(totalM / 60);
  if (totalH < 24) return `${totalH}${u.h}${u.sep}${pad(totalM % 60)}${u.m}`;
  return `${Math.floor(totalH / 24)}${u.d}${u.sep}${totalH % 24}${u.h}`;
}

const REL: Record<Lang, { now: string; past: (n: number, unit: string) => string; future: (n: number, unit: string) => string; units: Record<"s" | "m" | "h" | "d", string> }> = {
  en: {
    now: "just now",
    past: (n, unit) => `${n} ${unit} ago`,
    future: (n, unit) => `in ${n} ${unit}`,
    units: { s: "s", m: "min", h: "h", d: "d" },
  },
  zh: {
    now: "刚刚",
    past: (n, unit) => `${n} ${unit}前`,
    future: (n, unit) => `${n} ${unit}后`,
    units: { s: "秒", m: "分钟", h: "小时", d: "天" },
  },
};

/** "12 s ago", "5 min ago", "3 h ago" / "12 秒前"; beyond 30 days the date itself. */
export function formatRelative(date: Date | string | number | null | undefined, now: number, lang: Lang): string {
  if (date === null || date === undefined) return "—";
  const at = new Date(date).getTime();
  if (!Number.isFinite(at)) return "—";
  const r = REL[lang];
  const diff = now - at;
  const abs = Math.abs(diff);
  if (abs < 2_000) return r.now;
  const s = Math.floor(abs / 1000);
  let n: number;
  let unit: "s" | "m" | "h" | "d";
  if (s < 60) [n, unit] = [s, "s"];
  else if (s < 3600) [n, unit] = [Math.floor(s / 60), "m"];
  else if (s < 86_400) [n, unit] = [Math.floor(s / 3600), "h"];
  else if (s < 30 * 86_400) [n, unit] = [Math.floor(s / 86_400), "d"];
  else return formatDate(at, lang);
  return diff >= 0 ? r.past(n, r.units[unit]) : r.future(n, r.units[unit]);
}

function parts(date: Date | string | number, timeZone?: string): Record<string, string> {
  const fmt = new Intl.DateTimeFormat("en-US", {
    year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
    hourCycle: "h23", timeZone,
  });
  return Object.fromEntries(fmt.formatToParts(new Date(date)).map((p) => [p.type, p.value]));
}

/** "2026-11-28 17:40:12" in both languages (engineers read ISO order fastest); local time unless a zone is given. */
export function formatDateTime(date: Date | string | number | null | undefined, _lang: Lang, timeZone?: string): string {
  if (date === null || date === undefined || !Number.isFinite(new Date(date).getTime())) return "—";
  const p = parts(date, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

export function formatDate(date: Date | string | number | null | undefined, _lang: Lang, timeZone?: string): string {
  if (date === null || date === undefined || !Number.isFinite(new Date(date).getTime())) return "—";
  const p = parts(date, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

export function formatTime(date: Date | string | number | null | undefined, _lang: Lang, timeZone?: string): string {
  if (date === null || date === undefined || !Number.isFinite(new Date(date).getTime())) return "—";
  const p = parts(date, timeZone);
  return `${p.hour}:${p.minute}:${p.second}`;
}
