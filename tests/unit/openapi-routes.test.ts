// The OpenAPI document and the route files must describe the same API: every method a route file
// under app/api/v1 exports is in the document, and every operation in the document has a route
// file exporting its method. Routes are found on the file system, not listed here, so a new route
// without an operation (or an operation without a route) fails this test.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";

// The operation table imports query modules that open a database client; none is used here.
vi.mock("../../lib/db/client", () => ({ db: {} }));

const { buildOpenApi } = await import("../../lib/api/openapi");
const { operations } = await import("../../lib/api/operations");

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js|mjs)$/.test(e.name) ? [full] : [];
  });
}

/** `app/api/v1/jobs/[id]/events/route.ts` → `/jobs/{id}/events`; route groups `(x)` add no segment. */
function apiPath(file: string): string {
  const segments = path
    .relative(API_DIR, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/^\[(?:\.\.\.)?([^\]]+)\]$/, "{$1}"));
  return `/${segments.join("/")}`;
}

/** Methods a route module exports, read from its source: `export const GET =`, `export async function POST`, `export { x as GET }`. */
function exportedMethods(source: string): { method: string; operation?: string }[] {
  const found = new Map<string, string | undefined>();
  for (const m of source.matchAll(/export\s+(?:const|let|var)\s+([A-Z]+)\s*=\s*(?:apiRoute\(\s*operations\.(\w+))?/g)) found.set(m[1], m[2]);
  for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+([A-Z]+)\s*\(/g)) found.set(m[1], undefined);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop();
      if (name) found.set(name, undefined);
    }
  }
  return [...found].filter(([name]) => METHODS.includes(name)).map(([method, operation]) => ({ method, operation }));
}

const files = routeFiles(API_DIR);
const fromFiles = files.flatMap((file) => exportedMethods(readFileSync(file, "utf8")).map((e) => ({ ...e, file, key: `${e.method} ${apiPath(file)}` })));
const doc = buildOpenApi() as unknown as { paths: Record<string, Record<string, unknown>> };
const fromDoc = Object.entries(doc.paths).flatMap(([p, item]) =>
  Object.keys(item)
    .filter((k) => METHODS.includes(k.toUpperCase()))
    .map((m) => `${m.toUpperCase()} ${p}`),
);

describe("OpenAPI document vs app/api/v1 route files", () => {
  it("finds the route files", () => {
    expect(files.length).toBeGreaterThan(10);
    expect(fromFiles.map((f) => f.key)).toContain("GET /jobs/{id}/events");
  });

  it("documents every method a route file exports", () => {
    const missing = fromFiles.filter((f) => !fromDoc.includes(f.key)).map((f) => `${f.key} (${path.relative(API_DIR, f.file)})`);
    expect(missing, "exported by a route file but not in /api/v1/openapi.json").toEqual([]);
  });

  it("has a route file exporting every documented operation", () => {
    const keys = new Set(fromFiles.map((f) => f.key));
    expect(fromDoc.filter((k) => !keys.has(k)), "in the document but no route file exports it").toEqual([]);
  });

  it("binds each exported handler to the operation of its own method and path", () => {
    const table = operations as Record<string, { method: string; path: string }>;
    const wrong = fromFiles
      .filter((f) => {
        if (!f.operation) return true; // every /api/v1 handler goes through apiRoute(operations.x, ...)
        const op = table[f.operation];
        return !op || `${op.method} ${op.path}` !== f.key;
      })
      .map((f) => `${f.key} → ${f.operation ?? "not apiRoute(operations.…)"}`);
    expect(wrong).toEqual([]);
  });
});
