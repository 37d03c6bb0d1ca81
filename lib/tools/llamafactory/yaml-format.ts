/**
 * Writes LF configs as YAML that both PyYAML (YAML 1.1) and OmegaConf read back with the same types,
 * laid out in `### section` blocks like LF's examples so a person can diff them.
 */
import { stringify } from "yaml";

/**
 * PyYAML only reads a float when it has a dot and a signed exponent ("1.0e-05"); JS writes 1e-7.
 * A float written as a plain string would reach HfArgumentParser.parse_dict as a str, which it
 * does not convert.
 */
export function formatYamlNumber(n: number): string {
  if (Number.isNaN(n)) return ".nan";
  if (!Number.isFinite(n)) return n > 0 ? ".inf" : "-.inf";
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const s = String(n);
  const m = /^(-?\d+)(\.\d+)?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  return `${m[1]}${m[2] ?? ".0"}e${m[3]}`;
}

function entry(key: string, value: unknown): string {
  if (typeof value === "number") return `${key}: ${formatYamlNumber(value)}\n`;
  // YAML 1.1 quoting also protects strings PyYAML would turn into booleans (yes, on, off).
  return stringify({ [key]: value }, { lineWidth: 0, version: "1.1" });
}

/** `sections` maps a key to its block; keys without one go to a final `### extra` block. */
export function writeSectionedYaml(config: Record<string, unknown>, sectionOf: (key: string) => string | undefined): string {
  const out: string[] = [];
  let current: string | undefined;
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    const section = sectionOf(key) ?? "extra";
    if (section !== current) {
      if (out.length) out.push("\n");
      out.push(`### ${section}\n`);
      current = section;
    }
    out.push(entry(key, value));
  }
  return out.join("");
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Structural equality for YAML values (numbers by value, so 3 equals 3.0). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameValue(a[k], b[k]));
  }
  return false;
}
