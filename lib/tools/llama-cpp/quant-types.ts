/**
 * Every GGUF file type `llama-quantize` offers (tools/quantize/quantize.cpp `QUANT_OPTIONS`), with
 * what a user needs to choose one: average bits per weight, a plain-words description in English
 * and Simplified Chinese, a quality note, and whether an importance matrix is required.
 *
 * Bits per weight: for the k-quant and legacy types this is the whole-file average llama.cpp
 * reports for Llama-3-8B (its "4.58G" style sizes are GiB over 8.03e9 parameters), because mixed
 * types put some tensors at higher precision; the IQ / ternary values are the nominal rates the
 * tool prints. Real files differ by model: small models with a large vocabulary, or tensors whose
 * rows are not a multiple of 256 (which fall back to a wider type), come out larger. The report
 * shows the measured value next to the estimate.
 */

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
  en: Words;
  zh: Words;
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

type Row = Omit<QuantTypeInfo, "name">;

const TABLE: Record<QuantTypeName, Row> = {
  F32: {
    ftypeId: 0, family: "float", bitsPerWeight: 32, needsImatrix: false, imatrixRecommended: false, advanced: true, quality: "lossless", refPplDelta: 0,
    en: { summary: "Full 32-bit floats: the exact weights, twice the size of F16. Only useful as a source for quantizing.", quality: "Reference quality." },
    zh: { summary: "完整的 32 位浮点数：原样保存权重，体积是 F16 的两倍。一般只作为量化的源文件。", quality: "原始精度，作为对照基准。" },
  },
  F16: {
    ftypeId: 1, family: "float", bitsPerWeight: 16, needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "lossless", refPplDelta: 0.002,
    en: { summary: "16-bit floats: practically the original model. The usual source for every other type and the quality baseline.", quality: "Same quality as the original (+0.002 perplexity on Mistral-7B)." },
    zh: { summary: "16 位浮点数：几乎就是原始模型。通常作为其他量化类型的源文件和质量基准。", quality: "与原始模型质量相同（Mistral-7B 上困惑度仅 +0.002）。" },
  },
  BF16: {
    ftypeId: 32, family: "float", bitsPerWeight: 16, needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "lossless", refPplDelta: -0.005,
    en: { summary: "bfloat16: same size as F16 with a wider range; the native format of most recent models, so nothing is rounded on conversion.", quality: "Same quality as the original." },
    zh: { summary: "bfloat16：与 F16 同样大小但数值范围更大；多数新模型原生就是这种格式，转换时不损失精度。", quality: "与原始模型质量相同。" },
  },
  Q8_0: {
    ftypeId: 7, family: "legacy", bitsPerWeight: l3(7.96), needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "excellent", refPplDelta: 0.0026,
    en: { summary: "8 bits per weight: about half of F16 and almost indistinguishable from it. Pick it when memory allows.", quality: "Near-lossless (+0.003 perplexity on Llama-3-8B)." },
    zh: { summary: "每个权重 8 位：大约是 F16 的一半大小，几乎看不出差别。内存够用时首选。", quality: "几乎无损（Llama-3-8B 上困惑度 +0.003）。" },
  },
  Q6_K: {
    ftypeId: 18, family: "k-quant", bitsPerWeight: l3(6.14), needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "excellent", refPplDelta: 0.0217,
    en: { summary: "6-bit k-quant: smaller than Q8_0 with a barely measurable loss.", quality: "Near-lossless (+0.02 perplexity on Llama-3-8B)." },
    zh: { summary: "6 位 k 量化：比 Q8_0 更小，损失几乎测不出来。", quality: "几乎无损（Llama-3-8B 上困惑度 +0.02）。" },
  },
  Q5_K_M: {
    ftypeId: 17, family: "k-quant", bitsPerWeight: l3(5.33), needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "very-good", refPplDelta: 0.0569,
    en: { summary: "5-bit k-quant, medium mix: important tensors get 6 bits. A safe high-quality choice.", quality: "Very good (+0.06 perplexity on Llama-3-8B)." },
    zh: { summary: "5 位 k 量化（中等混合）：关键张量使用 6 位。稳妥的高质量选择。", quality: "很好（Llama-3-8B 上困惑度 +0.06）。" },
  },
  Q5_K_S: {
    ftypeId: 16, family: "k-quant", bitsPerWeight: l3(5.21), needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "very-good", refPplDelta: 0.1049,
    en: { summary: "5-bit k-quant, small mix: nearly all tensors at 5 bits.", quality: "Very good (+0.10 perplexity on Llama-3-8B)." },
    zh: { summary: "5 位 k 量化（小混合）：几乎所有张量都是 5 位。", quality: "很好（Llama-3-8B 上困惑度 +0.10）。" },
  },
  Q5_1: {
    ftypeId: 9, family: "legacy", bitsPerWeight: l3(5.65), needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "very-good", refPplDelta: 0.1062,
    en: { summary: "Older 5-bit format with an offset per block. Larger than Q5_K_M for similar quality; kept for compatibility.", quality: "Very good (+0.11 perplexity on Llama-3-8B)." },
    zh: { summary: "旧式 5 位格式，每块带偏移量。质量与 Q5_K_M 相近但更大，主要为兼容保留。", quality: "很好（Llama-3-8B 上困惑度 +0.11）。" },
  },
  Q5_0: {
    ftypeId: 8, family: "legacy", bitsPerWeight: l3(5.21), needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "very-good", refPplDelta: 0.1316,
    en: { summary: "Older 5-bit format. Prefer Q5_K_S or Q5_K_M unless a runtime needs legacy types.", quality: "Very good (+0.13 perplexity on Llama-3-8B)." },
    zh: { summary: "旧式 5 位格式。除非运行环境只支持旧格式，否则建议用 Q5_K_S 或 Q5_K_M。", quality: "很好（Llama-3-8B 上困惑度 +0.13）。" },
  },
  Q4_K_M: {
    ftypeId: 15, family: "k-quant", bitsPerWeight: l3(4.58), needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "good", refPplDelta: 0.1754,
    en: { summary: "4-bit k-quant, medium mix: the most popular download. About a third of F16 with a small quality loss.", quality: "Good, the usual default (+0.18 perplexity on Llama-3-8B)." },
    zh: { summary: "4 位 k 量化（中等混合）：下载最多的类型。大约是 F16 的三分之一，质量损失很小。", quality: "好，常用的默认选择（Llama-3-8B 上困惑度 +0.18）。" },
  },
  Q4_K_S: {
    ftypeId: 14, family: "k-quant", bitsPerWeight: l3(4.37), needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "good", refPplDelta: 0.2689,
    en: { summary: "4-bit k-quant, small mix: a little smaller than Q4_K_M, a little worse.", quality: "Good (+0.27 perplexity on Llama-3-8B)." },
    zh: { summary: "4 位 k 量化（小混合）：比 Q4_K_M 略小，质量也略差。", quality: "好（Llama-3-8B 上困惑度 +0.27）。" },
  },
  Q4_1: {
    ftypeId: 3, family: "legacy", bitsPerWeight: l3(4.78), needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "fair", refPplDelta: 0.4511,
    en: { summary: "Older 4-bit format with an offset per block. Bigger and worse than Q4_K_M; kept for compatibility.", quality: "Fair (+0.45 perplexity on Llama-3-8B)." },
    zh: { summary: "旧式 4 位格式，每块带偏移量。比 Q4_K_M 更大、质量更差，主要为兼容保留。", quality: "一般（Llama-3-8B 上困惑度 +0.45）。" },
  },
  Q4_0: {
    ftypeId: 2, family: "legacy", bitsPerWeight: l3(4.34), needsImatrix: false, imatrixRecommended: false, advanced: false, quality: "fair", refPplDelta: 0.4685,
    en: { summary: "The original 4-bit format: simple and fast on many CPUs and phones, but lower quality than the k-quants.", quality: "Fair (+0.47 perplexity on Llama-3-8B)." },
    zh: { summary: "最早的 4 位格式：简单，在许多 CPU 和手机上速度快，但质量不如 k 量化。", quality: "一般（Llama-3-8B 上困惑度 +0.47）。" },
  },
  Q3_K_L: {
    ftypeId: 13, family: "k-quant", bitsPerWeight: l3(4.03), needsImatrix: false, imatrixRecommended: true, advanced: false, quality: "fair", refPplDelta: 0.5562,
    en: { summary: "3-bit k-quant, large mix: more tensors kept at higher precision. For tight memory.", quality: "Fair; noticeable loss (+0.56 perplexity on Llama-3-8B)." },
    zh: { summary: "3 位 k 量化（大混合）：更多张量保留较高精度。适合内存紧张时使用。", quality: "一般，损失可察觉（Llama-3-8B 上困惑度 +0.56）。" },
  },
  Q3_K_M: {
    ftypeId: 12, family: "k-quant", bitsPerWeight: l3(3.74), needsImatrix: false, imatrixRecommended: true, advanced: false, quality: "fair", refPplDelta: 0.6569,
    en: { summary: "3-bit k-quant, medium mix. Small, with a clear quality drop.", quality: "Fair; clear loss (+0.66 perplexity on Llama-3-8B)." },
    zh: { summary: "3 位 k 量化（中等混合）。体积小，质量明显下降。", quality: "一般，损失明显（Llama-3-8B 上困惑度 +0.66）。" },
  },
  Q3_K_S: {
    ftypeId: 11, family: "k-quant", bitsPerWeight: l3(3.41), needsImatrix: false, imatrixRecommended: true, advanced: false, quality: "poor", refPplDelta: 1.6321,
    en: { summary: "3-bit k-quant, small mix: nearly everything at 3 bits. Only when nothing larger fits.", quality: "Poor (+1.63 perplexity on Llama-3-8B)." },
    zh: { summary: "3 位 k 量化（小混合）：几乎全部为 3 位。只在放不下更大文件时使用。", quality: "较差（Llama-3-8B 上困惑度 +1.63）。" },
  },
  Q2_K: {
    ftypeId: 10, family: "k-quant", bitsPerWeight: l3(2.96), needsImatrix: false, imatrixRecommended: true, advanced: false, quality: "very-poor", refPplDelta: 3.5199,
    en: { summary: "2-bit k-quant: the smallest common type. The model gets noticeably worse; an importance matrix helps.", quality: "Very poor (+3.52 perplexity on Llama-3-8B)." },
    zh: { summary: "2 位 k 量化：最小的常用类型。模型会明显变差；使用重要性矩阵会有帮助。", quality: "很差（Llama-3-8B 上困惑度 +3.52）。" },
  },
  Q2_K_S: {
    ftypeId: 21, family: "k-quant", bitsPerWeight: l3(2.96), needsImatrix: true, imatrixRecommended: true, advanced: true, quality: "very-poor", refPplDelta: 3.1836,
    en: { summary: "2-bit k-quant, small mix. Requires an importance matrix.", quality: "Very poor (+3.18 perplexity on Llama-3-8B, with an imatrix)." },
    zh: { summary: "2 位 k 量化（小混合）。必须提供重要性矩阵。", quality: "很差（Llama-3-8B 上困惑度 +3.18，使用重要性矩阵）。" },
  },
  IQ4_NL: {
    ftypeId: 25, family: "i-quant", bitsPerWeight: 4.5, needsImatrix: false, imatrixRecommended: true, advanced: false, quality: "good", refPplDelta: null,
    en: { summary: "4.5-bit non-linear quant in small blocks of 32: works on tensors whose size does not suit k-quants.", quality: "Good; better with an importance matrix." },
    zh: { summary: "4.5 位非线性量化，按 32 个一组：适用于尺寸不适合 k 量化的张量。", quality: "好；配合重要性矩阵更好。" },
  },
  IQ4_XS: {
    ftypeId: 30, family: "i-quant", bitsPerWeight: 4.25, needsImatrix: false, imatrixRecommended: true, advanced: false, quality: "good", refPplDelta: null,
    en: { summary: "4.25-bit non-linear quant: close to Q4_K_M quality in a smaller file.", quality: "Good; better with an importance matrix." },
    zh: { summary: "4.25 位非线性量化：文件比 Q4_K_M 更小，质量接近。", quality: "好；配合重要性矩阵更好。" },
  },
  IQ3_M: {
    ftypeId: 27, family: "i-quant", bitsPerWeight: 3.66, needsImatrix: false, imatrixRecommended: true, advanced: false, quality: "fair", refPplDelta: null,
    en: { summary: "3.66-bit importance-aware mix: usually beats Q3_K_M at a smaller size.", quality: "Fair; use an importance matrix." },
    zh: { summary: "3.66 位重要性感知混合量化：通常比 Q3_K_M 更小且更好。", quality: "一般；建议使用重要性矩阵。" },
  },
  IQ3_S: {
    ftypeId: 26, family: "i-quant", bitsPerWeight: 3.44, needsImatrix: false, imatrixRecommended: true, advanced: false, quality: "fair", refPplDelta: null,
    en: { summary: "3.44-bit importance-aware quant.", quality: "Fair; use an importance matrix." },
    zh: { summary: "3.44 位重要性感知量化。", quality: "一般；建议使用重要性矩阵。" },
  },
  IQ3_XS: {
    ftypeId: 22, family: "i-quant", bitsPerWeight: 3.3, needsImatrix: false, imatrixRecommended: true, advanced: false, quality: "poor", refPplDelta: null,
    en: { summary: "3.3-bit importance-aware quant.", quality: "Poor to fair; use an importance matrix." },
    zh: { summary: "3.3 位重要性感知量化。", quality: "较差到一般；建议使用重要性矩阵。" },
  },
  IQ3_XXS: {
    ftypeId: 23, family: "i-quant", bitsPerWeight: 3.06, needsImatrix: true, imatrixRecommended: true, advanced: false, quality: "poor", refPplDelta: null,
    en: { summary: "3.06-bit importance-aware quant. Requires an importance matrix.", quality: "Poor." },
    zh: { summary: "3.06 位重要性感知量化。必须提供重要性矩阵。", quality: "较差。" },
  },
  IQ2_M: {
    ftypeId: 29, family: "i-quant", bitsPerWeight: 2.7, needsImatrix: true, imatrixRecommended: true, advanced: false, quality: "very-poor", refPplDelta: null,
    en: { summary: "2.7-bit importance-aware quant for very large models on small machines. Requires an importance matrix.", quality: "Very poor on small models; tolerable on 70B-class models." },
    zh: { summary: "2.7 位重要性感知量化，用于在小机器上运行超大模型。必须提供重要性矩阵。", quality: "小模型上很差；70B 级模型尚可接受。" },
  },
  IQ2_S: {
    ftypeId: 28, family: "i-quant", bitsPerWeight: 2.5, needsImatrix: true, imatrixRecommended: true, advanced: false, quality: "very-poor", refPplDelta: null,
    en: { summary: "2.5-bit importance-aware quant. Requires an importance matrix.", quality: "Very poor on small models." },
    zh: { summary: "2.5 位重要性感知量化。必须提供重要性矩阵。", quality: "小模型上很差。" },
  },
  IQ2_XS: {
    ftypeId: 20, family: "i-quant", bitsPerWeight: 2.31, needsImatrix: true, imatrixRecommended: true, advanced: false, quality: "very-poor", refPplDelta: null,
    en: { summary: "2.31-bit importance-aware quant. Requires an importance matrix.", quality: "Very poor on small models." },
    zh: { summary: "2.31 位重要性感知量化。必须提供重要性矩阵。", quality: "小模型上很差。" },
  },
  IQ2_XXS: {
    ftypeId: 19, family: "i-quant", bitsPerWeight: 2.06, needsImatrix: true, imatrixRecommended: true, advanced: false, quality: "very-poor", refPplDelta: null,
    en: { summary: "2.06-bit importance-aware quant. Requires an importance matrix.", quality: "Very poor on small models." },
    zh: { summary: "2.06 位重要性感知量化。必须提供重要性矩阵。", quality: "小模型上很差。" },
  },
  IQ1_M: {
    ftypeId: 31, family: "i-quant", bitsPerWeight: 1.75, needsImatrix: true, imatrixRecommended: true, advanced: true, quality: "very-poor", refPplDelta: null,
    en: { summary: "1.75-bit extreme quant. Requires an importance matrix; mostly an experiment.", quality: "Very poor; often unusable." },
    zh: { summary: "1.75 位极限量化。必须提供重要性矩阵；多用于实验。", quality: "很差，常常无法使用。" },
  },
  IQ1_S: {
    ftypeId: 24, family: "i-quant", bitsPerWeight: 1.56, needsImatrix: true, imatrixRecommended: true, advanced: true, quality: "very-poor", refPplDelta: null,
    en: { summary: "1.56-bit extreme quant. Requires an importance matrix; mostly an experiment.", quality: "Very poor; often unusable." },
    zh: { summary: "1.56 位极限量化。必须提供重要性矩阵；多用于实验。", quality: "很差，常常无法使用。" },
  },
  TQ2_0: {
    ftypeId: 37, family: "ternary", bitsPerWeight: 2.06, needsImatrix: false, imatrixRecommended: false, advanced: true, quality: "very-poor", refPplDelta: null,
    en: { summary: "Ternary (-1, 0, +1) weights at 2.06 bits. Only for models trained ternary (BitNet-style); ruins ordinary models.", quality: "Unusable for ordinary models." },
    zh: { summary: "三值（-1、0、+1）权重，2.06 位。只适用于按三值训练的模型（BitNet 类）；普通模型会被破坏。", quality: "普通模型无法使用。" },
  },
  TQ1_0: {
    ftypeId: 36, family: "ternary", bitsPerWeight: 1.69, needsImatrix: false, imatrixRecommended: false, advanced: true, quality: "very-poor", refPplDelta: null,
    en: { summary: "Ternary weights at 1.69 bits. Only for models trained ternary (BitNet-style).", quality: "Unusable for ordinary models." },
    zh: { summary: "三值权重，1.69 位。只适用于按三值训练的模型（BitNet 类）。", quality: "普通模型无法使用。" },
  },
  Q2_0: {
    ftypeId: 41, family: "other", bitsPerWeight: 2.25, needsImatrix: false, imatrixRecommended: true, advanced: true, quality: "very-poor", refPplDelta: null,
    en: { summary: "Plain 2-bit blocks of 64 (new in 2026). Experimental.", quality: "Very poor." },
    zh: { summary: "简单的 2 位格式，每 64 个一组（2026 年新增）。实验性。", quality: "很差。" },
  },
  Q1_0: {
    ftypeId: 40, family: "other", bitsPerWeight: 1.125, needsImatrix: false, imatrixRecommended: false, advanced: true, quality: "very-poor", refPplDelta: null,
    en: { summary: "1-bit sign quant for models trained for it. Experimental.", quality: "Unusable for ordinary models." },
    zh: { summary: "1 位符号量化，只适用于专门训练的模型。实验性。", quality: "普通模型无法使用。" },
  },
  MXFP4_MOE: {
    ftypeId: 38, family: "other", bitsPerWeight: 4.25, needsImatrix: false, imatrixRecommended: false, advanced: true, quality: "good", refPplDelta: null,
    en: { summary: "MXFP4 for the expert tensors of mixture-of-experts models (e.g. gpt-oss); other tensors stay as they are.", quality: "Good for models released in MXFP4; no effect on dense models." },
    zh: { summary: "对混合专家（MoE）模型的专家张量使用 MXFP4（如 gpt-oss），其他张量保持不变。", quality: "对以 MXFP4 发布的模型效果好；对稠密模型无作用。" },
  },
};

export const QUANT_TYPES: readonly QuantTypeInfo[] = QUANT_TYPE_NAMES.map((name) => Object.freeze({ name, ...TABLE[name] }));
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
