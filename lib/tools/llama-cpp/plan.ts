import { CONVERT_OUTTYPES, OUTTYPE_PRECISION, resolveAutoOuttype, type ConvertOuttype } from "./convert";
import { AppError } from "../../errors";
import { t as translate, type MessageKey, type Vars } from "../../i18n";
import { findQuantType, type QuantTypeName } from "./quant-types";

export type PlanNoteCode = "two_step" | "q8_0_as_quant" | "already_produced";

/** `key` + `params` for the UI to translate; `en` for worker logs and API clients that do not. */
export type PlanNote = { code: PlanNoteCode; key: MessageKey; params: Vars; en: string };

function note(code: PlanNoteCode, params: Vars): PlanNote {
  const key = `plan.${code}` as const;
  return { code, key, params, en: translate("en")(key, params) };
}

export type ConversionPlan = {
  /** What convert_hf_to_gguf.py is asked for. */
  convertOuttype: ConvertOuttype;
  /** llama-quantize runs on the converter's output, one job per type, in this order. */
  quantize: QuantTypeName[];
  /** Some requested type cannot be made without an importance matrix. */
  needsImatrix: boolean;
  /** Types among `quantize` that require an imatrix. */
  imatrixRequiredBy: QuantTypeName[];
  /** What the planner changed from the literal request. */
  notes: PlanNote[];
};

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
 * asked as the outtype becomes convert-to-16-bit + quantize, never an error. A name that is neither
 * is invalid input (400) wherever the plan is made: a route, a worker or the form.
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
      throw new AppError(
        400,
        "unknown_outtype",
        `"${raw}" is neither a converter output type nor a llama.cpp quantization type`,
        `Use one of ${CONVERT_OUTTYPES.join(", ")}, or a quantization type such as Q4_K_M, Q5_K_M or Q8_0.`,
      );
    }
    convertOuttype = intermediate;
    wanted.push(q.name);
    notes.push(note("two_step", { type: q.name, intermediate: intermediate.toUpperCase() }));
  }

  for (const t of req.quantize ?? []) {
    const q = findQuantType(t);
    if (!q) {
      throw new AppError(400, "unknown_quant_type", `Unknown quantization type "${t}"`, "Pick types from the list llama-quantize offers, e.g. Q8_0, Q5_K_M, Q4_K_M.");
    }
    wanted.push(q.name);
  }

  // Quantizing from a Q8_0 file would requantize (worse, and refused by default): convert to a
  // 16-bit file instead and make Q8_0 one of the quantizations.
  if (convertOuttype === "q8_0" && wanted.length > 0) {
    convertOuttype = intermediate;
    wanted.unshift("Q8_0");
    notes.push(note("q8_0_as_quant", { intermediate: intermediate.toUpperCase() }));
  }

  const produced = convertOuttype === "auto" ? intermediate.toUpperCase() : OUTTYPE_PRECISION[convertOuttype];
  const quantize: QuantTypeName[] = [];
  for (const t of wanted) {
    if (t === produced) {
      notes.push(note("already_produced", { type: t }));
      continue;
    }
    if (!quantize.includes(t)) quantize.push(t);
  }
  const imatrixRequiredBy = quantize.filter((t) => findQuantType(t)!.needsImatrix);
  return { convertOuttype, quantize, needsImatrix: imatrixRequiredBy.length > 0, imatrixRequiredBy, notes };
}
