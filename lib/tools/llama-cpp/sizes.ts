import { OUTTYPE_BYTES_PER_PARAM, type ConvertOuttype } from "./convert";
import { quantType, type QuantTypeName } from "./quant-types";

// Re-exported so the workers' log lines and the pages print sizes with the same units.
export { formatBytes } from "../../i18n/format";

/**
 * Expected converter output size: parameters × bytes per parameter of the outtype; without a
 * parameter count, scaled from the source's size on disk assuming 16-bit weights.
 */
export function estimateConvertSizeBytes(outtype: ConvertOuttype, parameterCount: number | null, sourceSizeBytes: number): number {
  if (parameterCount && parameterCount > 0) return Math.round(parameterCount * OUTTYPE_BYTES_PER_PARAM[outtype]);
  return Math.round((sourceSizeBytes / 2) * OUTTYPE_BYTES_PER_PARAM[outtype]);
}

/** Expected llama-quantize output size from parameters, or from the source size and its bits per weight. */
export function estimateQuantizeSizeBytes(type: QuantTypeName, parameterCount: number | null, sourceSizeBytes: number, sourceBitsPerWeight = 16): number {
  const bpw = quantType(type).bitsPerWeight;
  if (parameterCount && parameterCount > 0) return Math.round((parameterCount * bpw) / 8);
  return Math.round(sourceSizeBytes * (bpw / sourceBitsPerWeight));
}

/** Measured average bits per weight of a file. */
export function measuredBitsPerWeight(sizeBytes: number, parameterCount: number | null | undefined): number | null {
  if (!parameterCount || parameterCount <= 0 || !Number.isFinite(sizeBytes)) return null;
  return (sizeBytes * 8) / parameterCount;
}
