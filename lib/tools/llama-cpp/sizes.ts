import { OUTTYPE_BYTES_PER_PARAM, type ConvertOuttype } from "./convert";
import { quantType, type QuantTypeName } from "./quant-types";

/** 1536 → "1.5 KiB"; binary units, one decimal above bytes. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return "?";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = Math.abs(n);
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${n < 0 ? "-" : ""}${i === 0 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}

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
