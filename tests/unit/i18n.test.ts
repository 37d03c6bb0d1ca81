import { describe, expect, it } from "vitest";
import { en } from "@/lib/i18n/en";
import { zh } from "@/lib/i18n/zh";
import { interpolate, isMessageKey, resolveLang, t } from "@/lib/i18n";
import { CONVERT_OUTTYPES } from "@/lib/tools/llama-cpp/convert";
import { planConversion } from "@/lib/tools/llama-cpp/plan";
import { QUANT_TYPES } from "@/lib/tools/llama-cpp/quant-types";
import { formatBytes, formatDateTime, formatMiB, formatDuration, formatParams, formatPercent, formatRelative } from "@/lib/i18n/format";

const vars = (s: string) => Array.from(s.matchAll(/\{(\w+)\}/g), (m) => m[1]).sort();

describe("dictionaries", () => {
  it("en and zh have exactly the same keys", () => {
    const enKeys = Object.keys(en).sort();
    const zhKeys = Object.keys(zh).sort();
    expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([]);
  });

  it("has no empty strings", () => {
    for (const [lang, dict] of Object.entries({ en, zh })) {
      for (const [key, value] of Object.entries(dict)) {
        expect(typeof value, `${lang}.${key}`).toBe("string");
        expect(value.trim(), `${lang}.${key} is empty`).not.toBe("");
      }
    }
  });

  it("uses the same {variables} in both languages", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(vars(zh[key]), key).toEqual(vars(en[key]));
    }
  });

  it("has the agreed Chinese terms", () => {
    expect(zh["nav.jobs"]).toBe("任务");
    expect(zh["nav.models"]).toBe("模型");
    expect(zh["nav.hosts"]).toBe("主机");
    expect([zh["status.QUEUED"], zh["status.RUNNING"], zh["status.SUCCEEDED"], zh["status.FAILED"], zh["status.CANCELLED"]]).toEqual([
      "排队中", "运行中", "已成功", "已失败", "已取消",
    ]);
    expect(zh["models.import"]).toBe("导入模型");
  });
});

describe("texts that lib code hands to the UI as keys", () => {
  const cjk = /[\u4e00-\u9fff]/;

  it("has a description and a quality note for every quantization type, in both languages", () => {
    for (const q of QUANT_TYPES) {
      for (const key of [q.text.summary, q.text.quality]) {
        expect(isMessageKey(key), key).toBe(true);
        expect(zh[key], key).toMatch(cjk);
      }
      expect(q.en.summary).toBe(en[q.text.summary]);
      expect(zh[`quant.quality.${q.quality}`], q.quality).toBeTruthy();
    }
  });

  it("has every converter outtype and planner note", () => {
    for (const o of CONVERT_OUTTYPES) expect(isMessageKey(`convert.outtype.${o}`), o).toBe(true);
    const notes = [
      ...planConversion({ outtype: "Q4_K_M", sourceDtype: "BF16" }).notes,
      ...planConversion({ outtype: "q8_0", quantize: ["Q4_K_M"] }).notes,
      ...planConversion({ outtype: "f16", quantize: ["F16"] }).notes,
    ];
    expect(notes.map((n) => n.code).sort()).toEqual(["already_produced", "q8_0_as_quant", "two_step"]);
    for (const n of notes) {
      expect(n.en).toBe(t("en")(n.key, n.params));
      const zhText = t("zh")(n.key, n.params);
      expect(zhText, n.key).toMatch(cjk);
      expect(zhText, n.key).not.toMatch(/\{\w+\}/);
    }
  });

  it("renders the conversion UI's variables in both languages", () => {
    expect(t("en")("convert.planQuant", { types: "Q4_K_M, Q8_0" })).toBe("Quantize to Q4_K_M, Q8_0");
    expect(t("zh")("convert.planQuant", { types: "Q4_K_M" })).toBe("量化为 Q4_K_M");
    expect(t("zh")("quantReport.title")).toBe("大小与质量");
  });
});

describe("t and resolveLang", () => {
  it("translates and interpolates", () => {
    expect(t("en")("nav.jobs")).toBe("Jobs");
    expect(t("zh")("nav.jobs")).toBe("任务");
    expect(t("en")("log.lines", { count: 3 })).toBe("3 lines");
    expect(interpolate("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });

  it("prefers a valid cookie, then Accept-Language, then English", () => {
    expect(resolveLang("zh", "en-US")).toBe("zh");
    expect(resolveLang("en", "zh-CN")).toBe("en");
    expect(resolveLang("fr", "zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh");
    expect(resolveLang(undefined, "zh-TW")).toBe("zh");
    expect(resolveLang(undefined, "en-US,en;q=0.9,zh-CN;q=0.8")).toBe("en");
    expect(resolveLang(undefined, "fr-FR,zh;q=0.5")).toBe("zh");
    expect(resolveLang(undefined, "de-DE")).toBe("en");
    expect(resolveLang(undefined, "en;q=0.3,zh;q=0.7")).toBe("zh");
    expect(resolveLang(undefined, undefined)).toBe("en");
  });
});

describe("format", () => {
  it("formats sizes in binary units, labelled as such", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(270_885_888)).toBe("258.3 MiB");
    expect(formatBytes(1_234_567_890)).toBe("1.1 GiB");
    expect(formatBytes(2n ** 30n)).toBe("1 GiB");
    expect(formatBytes(2 ** 30 - 1000)).toBe("1 GiB");
    expect(formatBytes(null)).toBe("—");
    expect(formatMiB(81_920)).toBe("80 GiB");
    expect(formatMiB(500)).toBe("500 MiB");
  });

  it("formats parameter counts like model cards", () => {
    expect(formatParams(134_515_008)).toBe("134.5M");
    expect(formatParams(7_241_732_096n)).toBe("7.2B");
    expect(formatParams(494_032_768)).toBe("494M");
    expect(formatParams(1_500)).toBe("1.5K");
    expect(formatParams(999_999_999)).toBe("1B");
    expect(formatParams(42)).toBe("42");
    expect(formatParams(null)).toBe("—");
  });

  it("formats durations in both languages", () => {
    expect(formatDuration(850)).toBe("850ms");
    expect(formatDuration(2_500)).toBe("2.5s");
    expect(formatDuration(12_000)).toBe("12s");
    expect(formatDuration(185_000)).toBe("3m 05s");
    expect(formatDuration(3_720_000)).toBe("1h 02m");
    expect(formatDuration(185_000, "zh")).toBe("3 分 05 秒");
  });

  it("formats relative times", () => {
    const now = Date.parse("2026-01-01T12:00:00Z");
    expect(formatRelative(now - 500, now, "en")).toBe("just now");
    expect(formatRelative(now - 12_000, now, "en")).toBe("12 s ago");
    expect(formatRelative(now - 5 * 60_000, now, "en")).toBe("5 min ago");
    expect(formatRelative(now - 12_000, now, "zh")).toBe("12 秒前");
    expect(formatRelative(now - 3 * 3_600_000, now, "zh")).toBe("3 小时前");
    expect(formatRelative(now - 40 * 86_400_000, now, "en")).toBe("2025-11-22");
  });

  it("formats date-times in ISO order and percentages", () => {
    expect(formatDateTime("2026-01-02T03:04:05Z", "en", "UTC")).toBe("2026-01-02 03:04:05");
    expect(formatPercent(0.5)).toBe("50%");
    expect(formatPercent(0.055)).toBe("5.5%");
  });
});
