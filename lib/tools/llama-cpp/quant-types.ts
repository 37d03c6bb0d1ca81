/**
 * Every GGUF file type `llama-quantize` offers (tools/quantize/quantize.cpp `QUANT_OPTIONS`), with
 * what a user needs to choose one: average bits per weight, a plain-words description and a
 * quality note (i18n keys `quant.<NAME>.summary` / `.quality`, texts in lib/i18n/en-conversion.ts
 * and zh-conversion.ts), and whether an importance matrix is required.
 *
 * Bits per weight: for the k-quant and legacy types this is the whole-file average llama.cpp
 * reports for Llama-3-8B (its "4.58G" style sizes are GiB over 8.03e9 parameters), because mixed
 * types put some tensors at higher precision; the IQ / ternary values are the nominal rates the
 * tool prints. Real files differ by model: small models with a large vocabulary, or tensors whose
 * rows are not a multiple of 256 (which fall back to a wider type), come out larger. The report
 * shows the measured value next to the estimate.
 */
import { t, type MessageKey } from "../../i18n";

export type QuantFamily = "float" | "legacy" | "k-quant" | "i-quant" | "ternary" | "other";
export type QualityTier = "lossless" | "excellent" | "very-good" | "good" | "fair" | "poor" | "very-poor";

export type Words = { summary: string; quality: string };

export type QuantTypeInfo = {
  /** Canonical name as llama-quantize prints it. */
  name: QuantTypeName;
  /** general.file_type (enum llama_ftype) that the output carries. */
  ftypeId: number;
  family: QuantFamily;
  /** Typical average bits per weight of a whole file (see the module comment). */
  bitsPerWeight: number;
  /** llama-quantize refuses without --imatrix (tensor_requires_imatrix for this type's tensors). */
  needsImatrix: boolean;
  /** Works without one, but an importance matrix clearly improves quality. */
  imatrixRecommended: boolean;
  /** Hidden behind "show all types" in the form: special-purpose or experimental. */
  advanced: boolean;
  quality: QualityTier;
  /** Perplexity increase llama-quantize quotes (Llama-3-8B; Mistral-7B for F16/BF16); null when it quotes none. */
  refPplDelta: number | null;
  /** i18n keys of the description and the quality note; the UI translates them. */
  text: { summary: MessageKey; quality: MessageKey };
  /** The same in English, for worker logs and API clients that do not translate. */
  en: Words;
};

export const QUANT_TYPE_NAMES = [
  "F32", "F16", "BF16",
  "Q8_0", "Q6_K", "Q5_K_M", "Q5_K_S", "Q5_1", "Q5_0", "Q4_K_M", "Q4_K_S", "Q4_1", "Q4_0",
  "Q3_K_L", "Q3_K_M", "Q3_K_S", "Q2_K", "Q2_K_S",
  "IQ4_NL", "IQ4_XS", "IQ3_M", "IQ3_S", "IQ3_XS", "IQ3_XXS", "IQ2_M", "IQ2_S", "IQ2_XS", "IQ2_XXS", "IQ1_M", "IQ1_S",
  "TQ2_0", "TQ1_0", "Q2_0", "Q1_0", "MXFP4_MOE",
] as const;
export type QuantTypeName = (typeof QUANT_TYPE_NAMES)[number];

/** Names llama-quantize also accepts, mapped to the type they mean. */
export const QUANT_TYPE_ALIASES: Readonly<Record<string, QuantTypeName>> = Object.freeze({ Q3_K: "Q3_K_M", Q4_K: "Q4_K_M", Q5_K: "Q5_K_M" });

/** The types users know from model hubs; the seed list (every one is tested on the fixture). */
export const COMMON_QUANT_TYPES: readonly QuantTypeName[] = [
  "Q2_K", "Q3_K_S", "Q3_K_M", "Q3_K_L", "Q4_0", "Q4_1", "Q4_K_S", "Q4_K_M", "Q5_0", "Q5_1", "Q5_K_S", "Q5_K_M", "Q6_K", "Q8_0",
];

const GIB = 2 ** 30;
/** Whole-file bits per weight from llama-quantize's "x.xxG @ Llama-3-8B" sizes (8.03e9 parameters). */
const l3 = (gib: number) => Math.round(((gib * GIB * 8) / 8.03e9) * 100) / 100;

type Row = Omit<QuantTypeInfo, "name" | "text" | "en">;

const TABLE: Record<QuantTypeName, Row> = {
  F32: {
    ftypeId: 0, family: "float", bitsPerWeight: 32, needsImatrix: false, imatrixRecommended: false, advanced: true, quality: "lossless", refPplDelta: 0,
  },
  F16: {
    ftypeId: 1, family: "float", bitsPerWeight: 16, needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "lossless", refPplDelta: 0.002,
  },
  BF16: {
    ftypeId: 32, family: "float", bitsPerWeight: 16, needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "lossless", refPplDelta: -0.005,
  },
  Q8_0: {
    ftypeId: 7, family: "legacy", bitsPerWeight: l3(7.96), needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "excellent", refPplDelta: 0.0026,
  },
  Q6_K: {
    ftypeId: 18, family: "k-quant", bitsPerWeight: l3(6.14), needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "excellent", refPplDelta: 0.0217,
  },
  Q5_K_M: {
    ftypeId: 17, family: "k-quant", bitsPerWeight: l3(5.33), needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "very-good", refPplDelta: 0.0569,
  },
  Q5_K_S: {
    ftypeId: 16, family: "k-quant", bitsPerWeight: l3(5.21), needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "very-good", refPplDelta: 0.1049,
  },
  Q5_1: {
    ftypeId: 9, family: "legacy", bitsPerWeight: l3(5.65), needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "very-good", refPplDelta: 0.1062,
  },
  Q5_0: {
    ftypeId: 8, family: "legacy", bitsPerWeight: l3(5.21), needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "very-good", refPplDelta: 0.1316,
  },
  Q4_K_M: {
    ftypeId: 15, family: "k-quant", bitsPerWeight: l3(4.58), needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "good", refPplDelta: 0.1754,
  },
  Q4_K_S: {
    ftypeId: 14, family: "k-quant", bitsPerWeight: l3(4.37), needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "good", refPplDelta: 0.2689,
  },
  Q4_1: {
    ftypeId: 3, family: "legacy", bitsPerWeight: l3(4.78), needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "fair", refPplDelta: 0.4511,
  },
  Q4_0: {
    ftypeId: 2, family: "legacy", bitsPerWeight: l3(4.34), needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "fair", refPplDelta: 0.4685,
  },
  Q3_K_L: {
    ftypeId: 13, family: "k-quant", bitsPerWeight: l3(4.03), needsImatrix: false, imatrixRecommended: true, advanced: false, quality: "fair", refPplDelta: 0.5562,
  },
  Q3_K_M: {
    ftypeId: 12, family: "k-quant", bitsPerWeight: l3(3.74), needsImatrix: false, imatrixRecommended: true, advanced: false, quality: "fair", refPplDelta: 0.6569,
  },
  Q3_K_S: {
    ftypeId: 11, family: "k-quant", bitsPerWeight: l3(3.41), needsImatrix: false, imatrixRecommended: true, advanced: false, quality: "poor", refPplDelta: 1.6321,
  },
  Q2_K: {
    ftypeId: 10, family: "k-quant", bitsPerWeight: l3(2.96), needsImatrix: false, imatrixRecommended: true, advanced: false, quality: "very-poor", refPplDelta: 3.5199,
  },
  Q2_K_S: {
    ftypeId: 21, family: "k-quant", bitsPerWeight: l3(2.96), needsImatrix: true, imatrixRecommended: true, advanced: true, quality: "very-poor", refPplDelta: 3.1836,
  },
  IQ4_NL: {
    ftypeId: 25, family: "i-quant", bitsPerWeight: 4.5, needsImatrix: false, imatrixRecommended: true, advanced: false, quality: "good", refPplDelta: null,
  },
  IQ4_XS: {
    ftypeId: 30, family: "i-quant", bitsPerWeight: 4.25, needsImatrix: false, imatrixRecommended: true, advanced: false, quality: "good", refPplDelta: null,
  },
  IQ3_M: {
    ftypeId: 27, family: "i-quant", bitsPerWeight: 3.66, needsImatrix: false, imatrixRecommended: true, advanced: false, quality: "fair", refPplDelta: null,
  },
  IQ3_S: {
    ftypeId: 26, family: "i-quant", bitsPerWeight: 3.44, needsImatrix: false, imatrixRecommended: true, advanced: false, quality: "fair", refPplDelta: null,
  },
  IQ3_XS: {
    ftypeId: 22, family: "i-quant", bitsPerWeight: 3.3, needsImatrix: false, imatrixRecommended: true, advanced: false, quality: "poor", refPplDelta: null,
  },
  IQ3_XXS: {
    ftypeId: 23, family: "i-quant", bitsPerWeight: 3.06, needsImatrix: true, imatrixRecommended: true, advanced: false, quality: "poor", refPplDelta: null,
  },
  IQ2_M: {
    ftypeId: 29, family: "i-quant", bitsPerWeight: 2.7, needsImatrix: true, imatrixRecommended: true, advanced: false, quality: "very-poor", refPplDelta: null,
  },
  IQ2_S: {
    ftypeId: 28, family: "i-quant", bitsPerWeight: 2.5, needsImatrix: true, imatrixRecommended: true, advanced: false, quality: "very-poor", refPplDelta: null,
  },
  IQ2_XS: {
    ftypeId: 20, family: "i-quant", bitsPerWeight: 2.31, needsImatrix: true, imatrixRecommended: true, advanced: false, quality: "very-poor", refPplDelta: null,
  },
  IQ2_XXS: {
    ftypeId: 19, family: "i-quant", bitsPerWeight: 2.06, needsImatrix: true, imatrixRecommended: true, advanced: false, quality: "very-poor", refPplDelta: null,
  },
  IQ1_M: {
    ftypeId: 31, family: "i-quant", bitsPerWeight: 1.75, needsImatrix: true, imatrixRecommended: true, advanced: true, quality: "very-poor", refPplDelta: null,
  },
  IQ1_S: {
    ftypeId: 24, family: "i-quant", bitsPerWeight: 1.56, needsImatrix: true, imatrixRecommended: true, advanced: true, quality: "very-poor", refPplDelta: null,
  },
  TQ2_0: {
    ftypeId: 37, family: "ternary", bitsPerWeight: 2.06, needsImatrix: false, imatrixRecommended: false, advanced: true, quality: "very-poor", refPplDelta: null,
  },
  TQ1_0: {
    ftypeId: 36, family: "ternary", bitsPerWeight: 1.69, needsImatrix: false, imatrixRecommended: false, advanced: true, quality: "very-poor", refPplDelta: null,
  },
  Q2_0: {
    ftypeId: 41, family: "other", bitsPerWeight: 2.25, needsImatrix: false, imatrixRecommended: true, advanced: true, quality: "very-poor", refPplDelta: null,
  },
  Q1_0: {
    ftypeId: 40, family: "other", bitsPerWeight: 1.125, needsImatrix: false, imatrixRecommended: false, advanced: true, quality: "very-poor", refPplDelta: null,
  },
  MXFP4_MOE: {
    ftypeId: 38, family: "other", bitsPerWeight: 4.25, needsImatrix: false, imatrixRecommended: false, advanced: true, quality: "good", refPplDelta: null,
  },
};

const english = t("en");

function info(name: QuantTypeName): QuantTypeInfo {
  // A template type, so a type added to QUANT_TYPE_NAMES without its texts does not compile.
  const text = { summary: `quant.${name}.summary`, quality: `quant.${name}.quality` } as const satisfies QuantTypeInfo["text"];
  return Object.freeze({ name, ...TABLE[name], text, en: { summary: english(text.summary), quality: english(text.quality) } });
}

export const QUANT_TYPES: readonly QuantTypeInfo[] = QUANT_TYPE_NAMES.map(info);
const BY_NAME = new Map<string, QuantTypeInfo>(QUANT_TYPES.map((q) => [q.name, q]));

/** Case-insensitive lookup that also resolves llama-quantize's aliases (Q4_K → Q4_K_M). */
export function findQuantType(name: string): QuantTypeInfo | null {
  const upper = name.trim().toUpperCase();
  return BY_NAME.get(QUANT_TYPE_ALIASES[upper] ?? upper) ?? null;
}

export function quantType(name: QuantTypeName): QuantTypeInfo {
  return BY_NAME.get(name)!;
}

/** Expected file size of a model quantized to `type` (bytes, rounded), from its parameter count. */
export function estimateQuantSizeBytes(type: QuantTypeName, parameterCount: number): number {
  return Math.round((parameterCount * quantType(type).bitsPerWeight) / 8);
}

/** Float types a GGUF may have to be a proper quantize source (no requantizing involved). */
export const UNQUANTIZED_PRECISIONS: readonly string[] = ["F32", "F16", "BF16"];

export function isUnquantizedPrecision(precision: string | null | undefined): boolean {
  return !!precision && UNQUANTIZED_PRECISIONS.includes(precision.toUpperCase());
}
