import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { errorResponse } from "../../lib/api/handler";
import { AppError, JobError, UNPROCESSABLE } from "../../lib/errors";
import { failureFrom } from "../../lib/jobs/failure";

describe("one error, two mappings", () => {
  it("a refusal with a status answers a route with that status and ends a job with the same code and hint", async () => {
    const refusal = new AppError(409, "needs_imatrix", "IQ2_XS needs an importance matrix", "Tick 'compute imatrix'.");
    const res = errorResponse(refusal);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: "needs_imatrix", message: "IQ2_XS needs an importance matrix", hint: "Tick 'compute imatrix'." } });
    expect(failureFrom(refusal)).toEqual({ code: "needs_imatrix", message: "IQ2_XS needs an importance matrix", hint: "Tick 'compute imatrix'." });
  });

  it("a JobError is an AppError without a status: a job failure in workers, 422 with its reason in routes", async () => {
    const err = new JobError("path_outside_roots", "/etc is outside the storage roots", "Use a path under a storage root.");
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBeUndefined();
    expect(failureFrom(err)).toEqual({ code: "path_outside_roots", message: "/etc is outside the storage roots", hint: "Use a path under a storage root." });
    const res = errorResponse(err);
    expect(res.status).toBe(UNPROCESSABLE);
    expect((await res.json()).error.code).toBe("path_outside_roots");
  });

  it("anything else is an internal error on both sides, and a route does not echo its message", async () => {
    expect(failureFrom(new Error("boom")).code).toBe("internal_error");
    expect(failureFrom("boom").message).toBe("boom");
    const original = console.error;
    console.error = () => {};
    try {
      const res = errorResponse(new Error("secret detail"));
      expect(res.status).toBe(500);
      expect(JSON.stringify(await res.json())).not.toContain("secret detail");
    } finally {
      console.error = original;
    }
  });
});

const root = path.resolve(import.meta.dirname, "../..");

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await sourceFiles(p)));
    else if (/\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

/** Import specifiers, resolved against the importing file so `../jobs` and `@/lib/jobs` read the same. */
async function importsOf(file: string): Promise<string[]> {
  const text = await readFile(file, "utf8");
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]);
  return specs.map((s) => (s.startsWith("@/") ? path.join(root, s.slice(2)) : s.startsWith(".") ? path.resolve(path.dirname(file), s) : s));
}

describe("layering", () => {
  // lib/jobs describes kinds in terms of tools and hosts; the reverse edge would make a cycle.
  it.each(["lib/tools", "lib/hosts"])("%s does not import from lib/jobs", async (dir) => {
    const jobs = path.join(root, "lib/jobs");
    const offenders: string[] = [];
    for (const f of await sourceFiles(path.join(root, dir))) {
      for (const target of await importsOf(f)) {
        if (target === jobs || target.startsWith(jobs + path.sep)) offenders.push(`${path.relative(root, f)} → ${path.relative(root, target)}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
