/**
 * Compute capability from a GPU's marketing name, for hosts whose inventory lacks it (older
 * nvidia-smi, non-NVIDIA reporting). Only the major.minor that decides bf16 / FlashAttention matters,
 * so families are mapped coarsely; an unknown name yields null and callers stay silent.
 */

// Ordered: more specific names first (e.g. "RTX A6000" is Ampere, "A100" too, but "T4" is Turing).
const FAMILIES: readonly [RegExp, number][] = [
  [/\b(B100|B200|GB200|B300|GB300)\b/i, 10.0],
  [/RTX\s*PRO\s*\d{4}\s*Blackwell|RTX\s*50\d0/i, 12.0],
  [/\b(H100|H200|H800|H20|GH200)\b/i, 9.0],
  [/\bL40S?\b|\bL4\b|\bL20\b|RTX\s*40\d0|RTX\s*\d{4}\s*Ada|RTX\s*[456]000\s*Ada/i, 8.9],
  [/\bA100\b|\bA800\b|\bA30\b/i, 8.0],
  [/RTX\s*30\d0|\bA10G?\b|\bA16\b|\bA2\b|\bA40\b|RTX\s*A\d{4}|\bA\d{4}\b/i, 8.6],
  [/\bT4\b|RTX\s*20\d0|GTX\s*16\d0|Quadro\s*RTX|TITAN\s*RTX/i, 7.5],
  [/\bV100\b|TITAN\s*V\b/i, 7.0],
  [/\bP100\b/i, 6.0],
  [/\bP40\b|\bP4\b|GTX\s*10\d0|TITAN\s*X/i, 6.1],
  [/\bK80\b/i, 3.7],
];

/** Parses "8.6" / "86"; falls back to the name. Returns null when neither says anything. */
export function computeCapability(gpu: { name: string; computeCapability?: string | null }): number | null {
  const cc = gpu.computeCapability?.trim();
  if (cc) {
    const m = /^(\d+)(?:\.(\d+))?$/.exec(cc);
    if (m) return m[2] !== undefined ? Number(`${m[1]}.${m[2]}`) : Number(m[1]) >= 10 ? Number(m[1]) / 10 : Number(m[1]);
  }
  for (const [re, value] of FAMILIES) if (re.test(gpu.name)) return value;
  return null;
}

/** bf16 (and pure_bf16, FlashAttention-2) need Ampere, compute capability 8.0. */
export const AMPERE = 8.0;
/** FlashAttention-3 targets Hopper. */
export const HOPPER = 9.0;
