/**
 * Average storage bits per parameter. Uses the whole file size on purpose: that is what a
 * user downloads and what must fit in memory, and the header is negligible next to weights.
 * Returns null when there is nothing meaningful to divide by.
 */
export function bitsPerWeight(fileSize: number, parameterCount: number): number | null {
  if (!Number.isFinite(fileSize) || !Number.isFinite(parameterCount)) return null;
  if (fileSize < 0 || parameterCount <= 0) return null;
  return (fileSize * 8) / parameterCount;
}
