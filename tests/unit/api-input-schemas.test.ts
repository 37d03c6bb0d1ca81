// The request schemas say in the OpenAPI document exactly what the server accepts: patterns and
// enums instead of trims and refines, lengths counted in code points as JSON Schema counts them.
import { describe, expect, it, vi } from "vitest";

vi.mock("../../lib/db/client", () => ({ db: {} }));

const { buildOpenApi } = await import("../../lib/api/openapi");
const { ArtifactNameSchema, HostPathSchema, QuantTypeSchema } = await import("../../lib/jobs/kinds/fields");
const { ConvertModelInputSchema } = await import("../../lib/jobs/kinds/model-convert");
const { integerText } = await import("../../lib/schemas/text");

const ok = (schema: { safeParse: (v: unknown) => { success: boolean } }, v: unknown) => schema.safeParse(v).success;

describe("input schemas", () => {
  it("host paths: absolute, no control characters, nothing trimmed, length in code points", () => {
    for (const p of ["/", "/a b", "/данные/模型", "/trailing space "]) expect(ok(HostPathSchema, p), p).toBe(true);
    for (const p of ["", "a", " /a", "/a\n", "/a\u0000b", "/a\tb"]) expect(ok(HostPathSchema, p), JSON.stringify(p)).toBe(false);
    expect(ok(HostPathSchema, `/${"😀".repeat(4095)}`)).toBe(true);
    expect(ok(HostPathSchema, `/${"😀".repeat(4096)}`)).toBe(false);
  });

  it("names: no control characters, no spaces at either end", () => {
    for (const n of ["a", "模型 Q4_K_M", "x".repeat(200), "😀".repeat(200)]) expect(ok(ArtifactNameSchema, n), n).toBe(true);
    for (const n of ["", " ", " a", "a ", "a\nb", "x".repeat(201)]) expect(ok(ArtifactNameSchema, n), JSON.stringify(n)).toBe(false);
  });

  it("quantization types: the listed spellings only, normalised to the canonical name", () => {
    expect(QuantTypeSchema.parse("q4_k")).toBe("Q4_K_M");
    expect(QuantTypeSchema.parse("iq2_xs")).toBe("IQ2_XS");
    expect(ok(QuantTypeSchema, "Q4_k_m")).toBe(false);
    expect(ok(QuantTypeSchema, " Q4_K_M")).toBe(false);
    expect(ConvertModelInputSchema.parse({}).outtype).toBe("f16");
    expect(ok(ConvertModelInputSchema, { outtype: "AUTO" })).toBe(true);
    expect(ok(ConvertModelInputSchema, { outtype: "f8" })).toBe(false);
  });

  it("integers in query strings and headers: plain decimal digits only", () => {
    const s = integerText(0, 100);
    expect(s.parse("7")).toBe(7);
    for (const v of ["", " 5", "0x10", "1e1", "5.0", "101", "-1"]) expect(ok(s, v), JSON.stringify(v)).toBe(false);
  });
});

type Json = Record<string, unknown>;

describe("the document's request side", () => {
  const doc = buildOpenApi() as unknown as Json;
  const components = (doc.components as { schemas: Record<string, Json> }).schemas;
  const resolve = (s: Json): Json => (typeof s.$ref === "string" ? components[s.$ref.split("/").pop()!] : s);

  /** Every string schema reachable from request bodies and parameters, with where it is. */
  function requestStrings(): { where: string; schema: Json }[] {
    const out: { where: string; schema: Json }[] = [];
    const seen = new Set<Json>();
    const walk = (raw: unknown, where: string) => {
      if (!raw || typeof raw !== "object") return;
      if (Array.isArray(raw)) return raw.forEach((r, i) => walk(r, `${where}[${i}]`));
      const s = resolve(raw as Json);
      if (seen.has(s)) return;
      seen.add(s);
      if (s.type === "string") out.push({ where, schema: s });
      for (const [k, v] of Object.entries(s)) if (typeof v === "object") walk(v, `${where}.${k}`);
    };
    for (const [p, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
      for (const [method, op] of Object.entries(item)) {
        walk((op.requestBody as Json | undefined)?.content, `${method} ${p} body`);
        walk(op.parameters, `${method} ${p} parameters`);
      }
    }
    return out;
  }

  it("states that NUL is refused on every request string (pattern, enum or const)", () => {
    const strings = requestStrings();
    expect(strings.length).toBeGreaterThan(20);
    // An upload's bytes (format: binary) are file content for the worker's own checks, not a string the handler keeps.
    const open = strings.filter(({ schema }) => schema.pattern === undefined && schema.enum === undefined && schema.const === undefined && schema.format !== "binary");
    expect(open.map((s) => s.where)).toEqual([]);
    for (const { where, schema } of strings) {
      if (typeof schema.pattern !== "string") continue;
      // ECMA-262 with the `u` flag, as JSON Schema reads patterns; a stray escape throws here.
      const re = new RegExp(schema.pattern, "u");
      expect(re.test("a\u0000b") || re.test("\u0000"), `${where} ${schema.pattern}`).toBe(false);
    }
  });

  it("states cross-field rules as JSON Schema (evaluate needs evalTextPath)", () => {
    const body = resolve(((doc.paths as Json)["/models/{id}/quantize"] as Json).post as Json);
    const schema = ((body.requestBody as Json).content as Json)["application/json"] as Json;
    expect(JSON.stringify(schema)).toContain('"then":{"required":["evalTextPath"]}');
  });
});
