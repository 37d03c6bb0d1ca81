import { CONVERT_OUTTYPES, OUTTYPE_PRECISION, resolveAutoOuttype, type ConvertOuttype } from "./convert";
import { findQuantType, type QuantTypeName } from "./quant-types";

export type PlanNote = { code: string; en: string; zh: string };

export type ConversionPlan = {
  /** What convert_hf_to_gguf.py is asked for. */
  convertOuttype: ConvertOuttype;
  /** llama-quantize runs on the converter's output, one job per type, in this order. */
  quantize: QuantTypeName[];
  /** Some requested type cannot be made without an importance matrix. */
  needsImatrix: boolean;
  /** Types among `quantize` that require an imatrix. */
  imatrixRequiredBy: QuantTypeName[];
  /** What the planner changed from the literal request, in both UI languages. */
  notes: PlanNote[];
};

export class PlanError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = "PlanError";
  }
}

export type PlanRequest = {
  /** A converter outtype (f16, q8_0, auto ...) or any llama-quantize type asked "as an outtype" (Q4_K_M). */
  outtype: string;
  /** Follow-up quantizations of the converted file. */
  quantize?: readonly string[];
  /** Source dtype (HF config / safetensors), used to pick f16 or bf16 for the intermediate. */
  sourceDtype?: string | null;
};

function isConvertOuttype(s: string): s is ConvertOuttype {
  return (CONVERT_OUTTYPES as readonly string[]).includes(s);
}

/**
 * Turns "convert to X and quantize to [A, B, C]" into the steps llama.cpp can actually run:
 * convert once to a float (or q8_0) GGUF, then one llama-quantize per type. A k-quant or IQ type
 * asked as the outtype becomes convert-to-16-bit + quantize, never an error.
 */
export function planConversion(req: PlanRequest): ConversionPlan {
  const notes: PlanNote[] = [];
  const intermediate = resolveAutoOuttype(req.sourceDtype);
  const raw = req.outtype.trim();
  const lower = raw.toLowerCase();
  const wanted: QuantTypeName[] = [];
  let convertOuttype: ConvertOuttype;

  if (isConvertOuttype(lower)) {
    convertOuttype = lower;
  } else {
    const q = findQuantType(raw);
    if (!q) {
      throw new PlanError(
        "unknown_outtype",
        `"${raw}" is neither a converter output type nor a llama.cpp quantization type`,
        `Use one of ${CONVERT_OUTTYPES.join(", ")}, or a quantization type such as Q4_K_M, Q5_K_M or Q8_0.`,
      );
    }
    convertOuttype = intermediate;
    wanted.push(q.name);
    notes.push({
      code: "two_step",
      en: `${q.name} is made by llama-quantize, not by the converter: converting to ${intermediate.toUpperCase()} first, then quantizing to ${q.name}.`,
      zh: `${q.name} 由 llama-quantize 生成，转换脚本不能直接输出：先转换为 ${intermediate.toUpperCase()}，再量化为 ${q.name}。`,
    });
  }

  for (const t of req.quantize ?? []) {
    const q = findQuantType(t);
    if (!q) {
      throw new PlanError("unknown_quant_type", `Unknown quantization type "${t}"`, "Pick types from the list llama-quantize offers, e.g. Q8_0, Q5_K_M, Q4_K_M.");
    }
    wanted.push(q.name);
  }

  // Quantizing from a Q8_0 file would requantize (worse, and refused by default): convert to a
  // 16-bit file instead and make Q8_0 one of the quantizations.
  if (convertOuttype === "q8_0" && wanted.length > 0) {
    convertOuttype = intermediate;
    wanted.unshift("Q8_0");
    notes.push({
      code: "q8_0_as_quant",
      en: `Other quantizations need an unquantized source, so the model is converted to ${intermediate.toUpperCase()} and Q8_0 is produced by llama-quantize alongside them.`,
      zh: `其他量化类型需要未量化的源文件，因此先转换为 ${intermediate.toUpperCase()}，Q8_0 与其他类型一起由 llama-quantize 生成。`,
    });
  }

  const produced = convertOuttype === "auto" ? intermediate.toUpperCase() : OUTTYPE_PRECISION[convertOuttype];
  const quantize: QuantTypeName[] = [];
  for (const t of wanted) {
    if (t === produced) {
      notes.push({ code: "already_produced", en: `${t} is the converter's own output; no separate quantize step.`, zh: `${t} 就是转换步骤的输出，无需单独量化。` });
      continue;
    }
    if (!quantize.includes(t)) quantize.push(t);
  }
  const imatrixRequiredBy = quantize.filter((t) => findQuantType(t)!.needsImatrix);
  return { convertOuttype, quantize, needsImatrix: imatrixRequiredBy.length > 0, imatrixRequiredBy, notes };
}
