// The access gate, tested by enumerating the app: every page found on the file system, asked
// for as a document, an RSC navigation and a prefetch, and every API operation in the table,
// with no cookie, an expired, a revoked and a malformed session. None may answer with data.
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATIONS } from "../../lib/api/operations";
import { newSecret, sha256 } from "../../lib/auth/secrets";
import { createSession, SESSION_COOKIE } from "../../lib/auth/sessions";
import { db } from "../../lib/db/client";
import { createTestUser, startWeb, type TestUser } from "../helpers/stack";

const APP = path.resolve(import.meta.dirname, "../../app");
const MARK = `gate${Date.now().toString(36)}`;

/** `app/(dashboard)/jobs/[id]/page.tsx` → `/jobs/[id]`; route groups and private folders dropped. */
function pageRoutes(dir = APP, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && /^page\.(tsx|ts|jsx|js)$/.test(entry.name)) out.push(prefix || "/");
    if (!entry.isDirectory() || entry.name.startsWith("_") || entry.name === "api") continue;
    const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`;
    out.push(...pageRoutes(path.join(dir, entry.name), prefix + segment));
  }
  return out;
}

let web: Awaited<ReturnType<typeof startWeb>>;
let user: TestUser;
const ids: Record<string, string> = {};
const cookies: Record<string, string> = {};

/** Fills `[id]` from the seeded row of the segment before it; a page with an unknown parameter fails the test so it gets a seed. */
function concrete(route: string): string {
  return route.replace(/\/(\w+)\/\[(\w+)\]/g, (_m, parent: string, param: string) => {
    const id = ids[parent];
    if (!id) throw new Error(`no seeded row for ${parent}/[${param}]: add one to access-gate.test.ts`);
    return `/${parent}/${id}`;
  });
}

const ROUTER_TREE = encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}] }, null, null, true]));
const VARIANTS: Record<string, { suffix: string; headers: Record<string, string> }> = {
  document: { suffix: "", headers: {} },
  rsc: { suffix: "", headers: { rsc: "1", "next-router-state-tree": ROUTER_TREE } },
  "rsc query": { suffix: "?_rsc=1a2b3", headers: { rsc: "1", "next-router-state-tree": ROUTER_TREE } },
  prefetch: { suffix: "", headers: { rsc: "1", "next-router-prefetch": "1", "next-router-state-tree": ROUTER_TREE } },
};

beforeAll(async () => {
  web = await startWeb();
  user = await createTestUser("MEMBER");
  const host = await db.host.create({ data: { name: `host-${MARK}`, storageRoots: [`/srv/${MARK}-root`], tools: [{ name: "llama-server", path: `/opt/${MARK}/bin` }] } });
  const job = await db.job.create({ data: { kind: "host.log-burst", queue: "host-io", hostId: host.id, payload: { lines: 1 }, title: `job ${MARK}` } });
  const model = await db.artifact.create({
    data: { name: `model-${MARK}`, kind: "HF_MODEL", hostId: host.id, path: `/srv/${MARK}-root/m`, sizeBytes: 1n, chatTemplate: `{{ '${MARK}' }}` },
  });
  const dataset = await db.dataset.create({
    data: {
      name: `dataset-${MARK}`, hostId: host.id, path: `/srv/${MARK}-root/d.json`, sizeBytes: 1n, format: "alpaca", purpose: "sft",
      entry: { file_name: "d.json" }, rows: 1, validRows: 1, errorCount: 0, report: { samples: [] },
    },
  });
  Object.assign(ids, { hosts: host.id, jobs: job.id, models: model.id, datasets: dataset.id });

  const valid = await createSession(user.id);
  cookies.valid = `${SESSION_COOKIE}=${valid.token}`;
  const expired = newSecret("my_ses");
  await db.session.create({ data: { tokenHash: sha256(expired), userId: user.id, expiresAt: new Date(Date.now() - 60_000) } });
  cookies.expired = `${SESSION_COOKIE}=${expired}`;
  const revoked = await createSession(user.id);
  await db.session.deleteMany({ where: { tokenHash: sha256(revoked.token) } });
  cookies.revoked = `${SESSION_COOKIE}=${revoked.token}`;
  cookies.malformed = `${SESSION_COOKIE}=%`;
  cookies.none = "";
}, 120_000);

afterAll(async () => {
  await web?.stop();
});

describe("pages", () => {
  const routes = pageRoutes().filter((r) => r !== "/login");

  it("finds the dashboard's pages on the file system", () => {
    expect(routes).toEqual(expect.arrayContaining(["/", "/jobs", "/jobs/[id]", "/models", "/models/[id]", "/models/import", "/hosts", "/hosts/[id]"]));
  });

  for (const who of ["none", "expired", "revoked", "malformed"]) {
    it(`answers every page, every request kind, with a sign-in redirect and no data (${who} session)`, async () => {
      for (const route of routes) {
        for (const [variant, v] of Object.entries(VARIANTS)) {
          const url = `${web.url}${concrete(route)}${v.suffix}`;
          const res = await fetch(url, { redirect: "manual", headers: { ...v.headers, ...(cookies[who] ? { cookie: cookies[who] } : {}) } });
          const body = await res.text();
          const where = `${route} as ${variant}`;
          expect(res.status, where).toBe(307);
          expect(new URL(res.headers.get("location")!, web.url).pathname, where).toBe("/login");
          expect(body, where).not.toContain(MARK);
        }
      }
    });
  }

  it("serves the same pages with their data to a signed-in user (so the test above can fail)", async () => {
    const seen: string[] = [];
    for (const route of routes) {
      const res = await fetch(`${web.url}${concrete(route)}`, { redirect: "manual", headers: { cookie: cookies.valid } });
      const body = await res.text();
      if (res.status === 200 && body.includes(MARK)) seen.push(route);
    }
    expect(seen).toEqual(expect.arrayContaining(["/jobs", "/jobs/[id]", "/models/[id]", "/hosts/[id]", "/datasets", "/datasets/[id]"]));
  });
});

describe("API operations", () => {
  const guarded = OPERATIONS.filter((op) => op.access !== "public");

  for (const who of ["none", "expired", "revoked", "malformed"]) {
    it(`answers every guarded operation with 401 and no data (${who} session)`, async () => {
      for (const op of guarded) {
        const url = `${web.url}/api/v1${op.path.replace(/\{\w+\}/g, ids.jobs)}`;
        const res = await fetch(url, {
          method: op.method,
          redirect: "manual",
          headers: { "content-type": "application/json", origin: web.url, ...(cookies[who] ? { cookie: cookies[who] } : {}) },
          body: op.method === "GET" ? undefined : "{}",
        });
        const body = await res.text();
        expect(res.status, `${op.method} ${op.path}`).toBe(401);
        expect(JSON.parse(body).error.code).toBe("unauthenticated");
        expect(body).not.toContain(MARK);
      }
    });
  }

  it("answers a revoked or mistyped bearer token with 401", async () => {
    const other = await createTestUser("MEMBER");
    await db.apiToken.updateMany({ where: { userId: other.id, kind: "PERSONAL" }, data: { revokedAt: new Date() } });
    for (const token of [other.apiToken, other.workerToken, "nonsense", ""]) {
      const res = await fetch(`${web.url}/api/v1/jobs`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, token).toBe(401);
    }
  });
});
