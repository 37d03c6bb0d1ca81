import { z } from "zod";
import { CONVERT_OUTTYPES } from "../../tools/llama-cpp/convert";
import { QUANT_TYPE_ALIASES, QUANT_TYPE_NAMES, findQuantType, type QuantTypeName } from "../../tools/llama-cpp/quant-types";
import { lengthBetween, nameSchema } from "../../schemas/text";

// Fields more than one kind's input or payload is made of. Every rule is a pattern, an enum or a
// JSON Schema rule (documentRules) rather than a check in code, so the API document states
// exactly what the server accepts.

/**
 * Host paths arrive from forms and the API; control characters are never a legitimate part of one.
 * A pattern rather than checks in code, so the API document states the rule; nothing is trimmed,
 * so what the document accepts is the path that is used.
 */
export const HostPathSchema = lengthBetween(
  z.string().regex(/^\/[^\u0000-\u001f]*$/, "Path must be absolute (start with /) and contain no control characters"),
  1,
  4096,
  "Path is longer than 4096 characters",
);

export const ArtifactNameSchema = nameSchema(200);

/** Both cases of a list of names; the document enumerates every spelling the server accepts. */
const bothCases = (names: readonly string[]) => [...new Set(names.flatMap((n) => [n, n.toLowerCase()]))];

/** Every accepted spelling of a llama.cpp quantization type: the names and aliases, upper or lower case. */
export const QUANT_TYPE_SPELLINGS = bothCases([...QUANT_TYPE_NAMES, ...Object.keys(QUANT_TYPE_ALIASES)]) as [string, ...string[]];

/** A llama.cpp quantization type in any accepted spelling (q4_k → Q4_K_M), normalised to its name. */
export const QuantTypeSchema = z.enum(QUANT_TYPE_SPELLINGS).transform((s) => findQuantType(s)!.name as QuantTypeName);

/** What the converter can write directly (f16 ...), or a quantization type planned as convert + quantize. */
export const CONVERT_OUTTYPE_SPELLINGS = bothCases([...CONVERT_OUTTYPES.map((t) => t.toUpperCase()), ...QUANT_TYPE_SPELLINGS]) as [string, ...string[]];
export const ConvertOuttypeInputSchema = z.enum(CONVERT_OUTTYPE_SPELLINGS);

/** `evaluate: true` needs `evalTextPath`, in JSON Schema terms (a zod refine is invisible to the document). */
export const EVAL_TEXT_RULE = { if: { properties: { evaluate: { const: true } }, required: ["evaluate"] }, then: { required: ["evalTextPath"] } };
/** Spellings of the types llama-quantize refuses to make without an importance matrix. */
export const IMATRIX_TYPE_SPELLINGS = QUANT_TYPE_SPELLINGS.filter((s) => findQuantType(s)!.needsImatrix);
/** imatrixPath and imatrixDatasetPath exclude each other. */
export const ONE_IMATRIX_RULE = { not: { required: ["imatrixPath", "imatrixDatasetPath"] } };
/** Adds JSON Schema rules to an object's document form; a refine or a check in `prepare` enforces each. */
export const documentRules = (...rules: object[]) => ({
  override: ({ jsonSchema }: { jsonSchema: Record<string, unknown> }) => {
    const all = [...((jsonSchema.allOf as object[] | undefined) ?? []), ...rules];
    jsonSchema.allOf = all;
  },
});

/** Perplexity options shared by the job payloads and the API bodies that create them. */
export const EvalFields = {
  /** Compute perplexity of the output on a held-out text file on the host (llama-perplexity). */
  evaluate: z.boolean().default(false),
  evalTextPath: HostPathSchema.optional(),
  /** Tokens per perplexity chunk; the text must hold at least twice as many. */
  evalContextSize: z.number().int().min(16).max(32_768).default(512),
  /** Evaluate only the first N chunks (faster; keep it the same for every file you compare). */
  evalChunks: z.number().int().min(1).max(100_000).optional(),
};
export const needsEvalText = (p: { evaluate: boolean; evalTextPath?: string }) => !p.evaluate || !!p.evalTextPath;
export const evalTextMessage = { message: "Choose a held-out text file (evalTextPath) to measure perplexity", path: ["evalTextPath"] };

/** Importance-matrix options shared by the quantize payload and the quantize API body. */
export const ImatrixFields = {
  /** An existing importance matrix file (from llama-imatrix). */
  imatrixPath: HostPathSchema.optional(),
  /** Or: calibration text to compute one first (reused when the source already has one for it). */
  imatrixDatasetPath: HostPathSchema.optional(),
  imatrixChunks: z.number().int().min(1).max(100_000).optional(),
};
export const oneImatrixSource = (p: { imatrixPath?: string; imatrixDatasetPath?: string }) => !(p.imatrixPath && p.imatrixDatasetPath);
export const oneImatrixSourceMessage = { message: "Give either imatrixPath or imatrixDatasetPath, not both", path: ["imatrixPath"] };
