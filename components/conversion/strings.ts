import type { Lang } from "@/lib/i18n";

/** Strings of the conversion UI in both languages (kept here so lib/i18n stays its owner's). */
export type Bi = { en: string; zh: string };

export const S = {
  pageTitle: { en: "Convert and quantize", zh: "转换与量化" },
  pageSubtitleHf: {
    en: "Turn this Hugging Face model into GGUF for llama.cpp and Ollama, and make smaller quantized copies. Each step runs as a job on the model's host.",
    zh: "把这个 Hugging Face 模型转换为 llama.cpp 和 Ollama 使用的 GGUF，并生成更小的量化版本。每一步都作为任务在模型所在主机上运行。",
  },
  pageSubtitleGguf: {
    en: "Make quantized copies of this GGUF. Each type runs as its own job on the model's host.",
    zh: "为这个 GGUF 生成量化版本。每种类型在模型所在主机上作为单独的任务运行。",
  },
  backToModel: { en: "Back to model", zh: "返回模型" },
  notConvertible: { en: "LoRA adapters cannot be converted directly: merge the adapter into its base model first.", zh: "LoRA 适配器不能直接转换：请先把适配器合并到基础模型。" },

  outtype: { en: "Converter output", zh: "转换输出格式" },
  outtypeHelp: {
    en: "The converter writes one GGUF in this format. F16/BF16 keep the model's quality and are the source for the quantizations below.",
    zh: "转换脚本按此格式写出一个 GGUF。F16/BF16 保持模型原有质量，并作为下面各量化类型的源文件。",
  },
  outtypeGroupConvert: { en: "Written by the converter", zh: "由转换脚本直接输出" },
  outtypeGroupQuant: { en: "Quantized (convert, then llama-quantize)", zh: "量化类型（先转换，再用 llama-quantize）" },
  outtype_auto: { en: "auto: 16-bit, as the model was trained (BF16 or F16)", zh: "auto：与训练时一致的 16 位（BF16 或 F16）" },
  outtype_f16: { en: "F16: 16-bit floats, full quality", zh: "F16：16 位浮点，完整质量" },
  outtype_bf16: { en: "BF16: bfloat16, full quality, native for most new models", zh: "BF16：bfloat16，完整质量，多数新模型的原生格式" },
  outtype_f32: { en: "F32: 32-bit floats, twice the size of F16", zh: "F32：32 位浮点，体积是 F16 的两倍" },
  outtype_q8_0: { en: "Q8_0: 8-bit, half of F16, near-lossless", zh: "Q8_0：8 位，F16 的一半大小，几乎无损" },

  quantTypes: { en: "Quantized copies", zh: "量化版本" },
  quantTypesHelp: {
    en: "Each selected type becomes its own GGUF, made from the converted file by llama-quantize; several run at the same time when the host allows. Fewer bits = smaller file, lower quality.",
    zh: "每个选中的类型都会由 llama-quantize 从转换后的文件生成一个单独的 GGUF；主机允许时会同时运行。位数越少，文件越小，质量越低。",
  },
  showAll: { en: "Show all types", zh: "显示全部类型" },
  showCommon: { en: "Show common types only", zh: "只显示常用类型" },
  bitsPerWeight: { en: "bits/weight", zh: "位/权重" },
  expectedSize: { en: "expected size", zh: "预计大小" },
  needsImatrix: { en: "needs importance matrix", zh: "需要重要性矩阵" },
  imatrixHelps: { en: "importance matrix helps", zh: "重要性矩阵有帮助" },
  recommended: { en: "popular", zh: "常用" },
  sizeUnknown: { en: "size unknown (no parameter count)", zh: "大小未知（缺少参数量）" },

  quality_lossless: { en: "original quality", zh: "原始质量" },
  quality_excellent: { en: "excellent", zh: "极好" },
  "quality_very-good": { en: "very good", zh: "很好" },
  quality_good: { en: "good", zh: "好" },
  quality_fair: { en: "fair", zh: "一般" },
  quality_poor: { en: "poor", zh: "较差" },
  "quality_very-poor": { en: "very poor", zh: "很差" },

  imatrix: { en: "Calibration text (importance matrix)", zh: "校准文本（重要性矩阵）" },
  imatrixHelp: {
    en: "A plain-text file on the host. llama-imatrix runs it through the model once to learn which weights matter most; the quantizations then keep those more precise. Required for the IQ1/IQ2/IQ3_XXS types and Q2_K_S.",
    zh: "主机上的纯文本文件。llama-imatrix 用它运行一次模型，找出最重要的权重，量化时让这些权重保留更高精度。IQ1/IQ2/IQ3_XXS 类型和 Q2_K_S 必须提供。",
  },
  imatrixRequired: { en: "Required by: {types}", zh: "以下类型必须提供：{types}" },
  imatrixMissing: { en: "Enter a calibration text file: {types} cannot be made without an importance matrix.", zh: "请填写校准文本文件：没有重要性矩阵无法生成 {types}。" },

  evaluate: { en: "Measure quality (perplexity)", zh: "测量质量（困惑度）" },
  evaluateHelp: {
    en: "Runs llama-perplexity on a held-out text for the converted file (the baseline) and every quantization, so the report can show size against quality. Lower perplexity is better.",
    zh: "用一段未参与训练的文本，对转换后的文件（基准）和每个量化版本运行 llama-perplexity，报告中即可对比大小与质量。困惑度越低越好。",
  },
  evalText: { en: "Held-out text file", zh: "评测文本文件" },
  evalTextMissing: { en: "Enter the held-out text file to measure perplexity.", zh: "请填写用于测量困惑度的评测文本文件。" },
  evalContext: { en: "Context (tokens per chunk)", zh: "上下文（每块 token 数）" },
  evalChunks: { en: "Chunks (blank = whole file)", zh: "块数（留空 = 整个文件）" },

  name: { en: "Output name", zh: "输出名称" },
  nameHelp: { en: "Used for the file names and the new models' names; default: this model's name.", zh: "用于文件名和新模型的名称；默认使用本模型的名称。" },
  more: { en: "More options", zh: "更多选项" },
  metaAuthor: { en: "Author (general.author)", zh: "作者（general.author）" },
  metaDescription: { en: "Description (general.description)", zh: "描述（general.description）" },
  metaLicense: { en: "License (general.license.name)", zh: "许可证（general.license.name）" },
  outputPath: { en: "Output file (blank = next to the model)", zh: "输出文件（留空 = 放在模型旁边）" },
  outputPathHelp: { en: "Default: {dir}", zh: "默认：{dir}" },
  allowCustomCode: {
    en: "I have read this model's Python code and trust it",
    zh: "我已阅读并信任该模型自带的 Python 代码",
  },
  allowCustomCodeHelp: {
    en: "This folder carries its own Python code ({files}). The converter may import it, which runs it on the host with the worker's rights.",
    zh: "该文件夹自带 Python 代码（{files}）。转换器可能会导入它，即以 worker 的权限在主机上运行这些代码。",
  },
  customCodeMissing: { en: "Confirm that you trust this model's Python code, or convert a model without it.", zh: "请确认你信任该模型自带的 Python 代码，或改为转换不含代码的模型。" },
  allowRequantize: { en: "Allow requantizing an already-quantized file", zh: "允许对已量化的文件再次量化" },
  allowRequantizeHelp: {
    en: "This GGUF is already quantized. Quantizing it again loses more quality than quantizing from F16/BF16; prefer the 16-bit file if you have it.",
    zh: "这个 GGUF 已经量化过。再次量化比从 F16/BF16 量化损失更多质量；如有 16 位文件请优先使用。",
  },

  plan: { en: "What will run", zh: "将要运行的步骤" },
  planConvert: { en: "Convert to {type} ({size})", zh: "转换为 {type}（{size}）" },
  planImatrix: { en: "Compute the importance matrix", zh: "计算重要性矩阵" },
  planQuant: { en: "Quantize to {types}", zh: "量化为 {types}" },
  planEval: { en: "Measure perplexity of every output", zh: "测量每个输出的困惑度" },
  planDisk: { en: "Needs about {size} of free disk space", zh: "约需 {size} 可用磁盘空间" },
  chooseType: { en: "Choose at least one quantization type.", zh: "请至少选择一种量化类型。" },

  submitConvert: { en: "Start conversion", zh: "开始转换" },
  submitQuantize: { en: "Start quantization", zh: "开始量化" },
  submitting: { en: "Queuing…", zh: "正在排队…" },
  network: { en: "Could not reach the server. Check your connection and try again.", zh: "无法连接服务器。请检查网络后重试。" },
  unexpected: { en: "The server answered with status {status}.", zh: "服务器返回了状态码 {status}。" },

  reportTitle: { en: "Size and quality", zh: "大小与质量" },
  reportSubtitle: {
    en: "Every GGUF of this model: file size, bits per weight and perplexity on the same held-out text. Lower perplexity is better; the dashed line is the unquantized baseline.",
    zh: "本模型的所有 GGUF：文件大小、每权重位数，以及在同一评测文本上的困惑度。困惑度越低越好；虚线为未量化的基准。",
  },
  reportEmpty: { en: "No GGUF files yet. Convert the model to see sizes and quality here.", zh: "还没有 GGUF 文件。转换模型后，这里会显示大小和质量。" },
  colType: { en: "Type", zh: "类型" },
  colName: { en: "Model", zh: "模型" },
  colSize: { en: "Size", zh: "大小" },
  colBpw: { en: "Bits/weight", zh: "位/权重" },
  colPpl: { en: "Perplexity", zh: "困惑度" },
  colDelta: { en: "vs baseline", zh: "相对基准" },
  baseline: { en: "baseline", zh: "基准" },
  notEvaluated: { en: "not measured", zh: "未测量" },
  notComparable: { en: "measured on other text or settings", zh: "使用了不同的文本或设置" },
  chartTitle: { en: "File size vs perplexity", zh: "文件大小与困惑度" },
  chartX: { en: "file size", zh: "文件大小" },
  chartY: { en: "perplexity (lower is better)", zh: "困惑度（越低越好）" },
  chartNoData: { en: "Measure perplexity (Convert → “Measure quality”) to see the chart.", zh: "测量困惑度后（转换 → “测量质量”）即可看到图表。" },
  evalOn: { en: "Perplexity on {file}, {ctx} tokens per chunk, {chunks} chunks.", zh: "困惑度基于 {file}，每块 {ctx} 个 token，共 {chunks} 块。" },
} satisfies Record<string, Bi>;

export type StringKey = keyof typeof S;

/** `s(lang, "planQuant", {types: "Q4_K_M"})` */
export function s(lang: Lang, key: StringKey, vars?: Record<string, string | number>): string {
  const text = S[key][lang] ?? S[key].en;
  return vars ? text.replace(/\{(\w+)\}/g, (w, k: string) => (k in vars ? String(vars[k]) : w)) : text;
}
