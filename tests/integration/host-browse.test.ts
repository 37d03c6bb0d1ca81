// Browsing a host's storage roots: the web server asks the host's real worker process over Redis,
// and the worker lists only what lies inside its roots (links resolved).
import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { closeProducers } from "../../lib/queue/producer";
import { api, createTestUser, startWeb, startWorker, tempRoot, type TestUser } from "../helpers/stack";

let user: TestUser;
let web: Awaited<ReturnType<typeof startWeb>>;
let worker: Awaited<ReturnType<typeof startWorker>>;
let call: ReturnType<typeof api>;
let root: string;
let second: string;
let outside: string;

const browse = (hostId: string, p?: string) => call("GET", `/hosts/${hostId}/browse${p === undefined ? "" : `?path=${encodeURIComponent(p)}`}`);

beforeAll(async () => {
  user = await createTestUser("MEMBER");
  root = await tempRoot();
  second = await tempRoot("modelyard-root2-");
  outside = await tempRoot("modelyard-outside-");
  await writeFile(path.join(outside, "secret.txt"), "OUTSIDE-SECRET");
  await mkdir(path.join(outside, "dir"));
  await mkdir(path.join(root, "models", "SmolLM2", "nested"), { recursive: true });
  await writeFile(path.join(root, "models", "SmolLM2", "config.json"), "{}");
  await writeFile(path.join(root, "models", "small.gguf"), "GGUF1234");
  await writeFile(path.join(root, "b-file.txt"), "hello");
  await symlink(path.join(outside, "dir"), path.join(root, "escape-dir"));
  await symlink(path.join(outside, "secret.txt"), path.join(root, "escape.txt"));
  await symlink(path.join(root, "models"), path.join(root, "models-link"));
  await symlink(path.join(root, "nowhere"), path.join(root, "dangling"));
  const [w, s] = await Promise.all([
    startWorker({ hostName: `browse-${process.pid}`, storageRoots: [root, second], token: user.workerToken }),
    startWeb(),
  ]);
  worker = w;
  web = s;
  call = api(web.url, user.apiToken);
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await web?.stop();
  await closeProducers();
});

describe("GET /hosts/{id}/browse", () => {
  it("lists the storage roots when no path is given", async () => {
    const r = await browse(worker.hostId);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json).toMatchObject({ path: null, parent: null, roots: [root, second], truncated: false });
    expect(r.json.entries.map((e: { path: string; type: string }) => [e.path, e.type])).toEqual([[root, "dir"], [second, "dir"]]);
  });

  it("lists a root: folders first, then names; links inside the roots followed; links out marked and not described", async () => {
    const r = await browse(worker.hostId, root);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.path).toBe(root);
    expect(r.json.parent).toBeNull();
    const byName = Object.fromEntries(r.json.entries.map((e: { name: string }) => [e.name, e]));
    expect(r.json.entries.map((e: { name: string }) => e.name)).toEqual(["models", "models-link", "b-file.txt", "dangling", "escape-dir", "escape.txt"]);
    expect(byName["models-link"]).toMatchObject({ type: "dir", path: path.join(root, "models-link") });
    expect(byName["b-file.txt"]).toMatchObject({ type: "file", sizeBytes: 5, path: path.join(root, "b-file.txt") });
    expect(byName["b-file.txt"].modifiedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(byName["escape-dir"]).toEqual({ name: "escape-dir", path: path.join(root, "escape-dir"), type: "other", sizeBytes: null, modifiedAt: null, outside: true });
    expect(byName["escape.txt"]).toMatchObject({ type: "other", outside: true, sizeBytes: null });
    expect(byName.dangling).toMatchObject({ type: "other", sizeBytes: null });
    expect(byName.dangling.outside).toBeUndefined();
    expect(JSON.stringify(r.json)).not.toContain(outside);
  });

  it("lists a nested folder with its parent, also through a link that stays inside", async () => {
    const r = await browse(worker.hostId, path.join(root, "models"));
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.parent).toBe(root);
    expect(r.json.entries.map((e: { name: string; type: string }) => [e.name, e.type])).toEqual([["SmolLM2", "dir"], ["small.gguf", "file"]]);
    const viaLink = await browse(worker.hostId, path.join(root, "models-link", "SmolLM2"));
    expect(viaLink.status).toBe(200);
    expect(viaLink.json.path).toBe(path.join(root, "models-link", "SmolLM2"));
    expect(viaLink.json.entries.map((e: { path: string }) => e.path)).toEqual([path.join(root, "models-link", "SmolLM2", "nested"), path.join(root, "models-link", "SmolLM2", "config.json")]);
  });

  it("refuses to browse through a link that leaves the roots, never naming its target", async () => {
    for (const p of [path.join(root, "escape-dir"), path.join(root, "escape-dir", "x")]) {
      const r = await browse(worker.hostId, p);
      expect([403, 404], `${p}: ${JSON.stringify(r.json)}`).toContain(r.status);
      expect(JSON.stringify(r.json)).not.toContain(outside);
    }
    const r = await browse(worker.hostId, path.join(root, "escape-dir"));
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe("path_outside_roots");
  });

  it("refuses paths outside the roots and .. tricks", async () => {
    for (const p of [outside, "/", "/etc", `${root}/../${path.basename(outside)}`, `${root}/models/../../${path.basename(outside)}/dir`, `${root}/..`]) {
      const r = await browse(worker.hostId, p);
      expect(r.status, `${p}: ${JSON.stringify(r.json)}`).toBe(403);
      expect(r.json.error.code).toBe("path_outside_roots");
    }
    // `..` that stays inside a root is just a folder of that root.
    const inside = await browse(worker.hostId, `${root}/models/SmolLM2/..`);
    expect(inside.status).toBe(200);
    expect(inside.json.path).toBe(path.join(root, "models"));
  });

  it("answers a missing path 404, a file 400 and a malformed one 400, never 500", async () => {
    const missing = await browse(worker.hostId, path.join(root, "nope"));
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("path_not_found");
    const file = await browse(worker.hostId, path.join(root, "b-file.txt"));
    expect(file.status).toBe(400);
    expect(file.json.error.code).toBe("path_not_directory");
    const under = await browse(worker.hostId, path.join(root, "b-file.txt", "x"));
    expect(under.status).toBe(404);
    for (const bad of ["relative/path", "", "/a\u0001b"]) {
      const r = await browse(worker.hostId, bad);
      expect(r.status, bad).toBe(400);
    }
    expect((await browse("nosuchhost0000", root)).status).toBe(404);
  });

  it("caps a listing at 1000 entries and says it was truncated", async () => {
    const big = path.join(second, "big");
    await mkdir(big);
    await Promise.all(Array.from({ length: 1005 }, (_, i) => writeFile(path.join(big, `f${i}.txt`), "")));
    const r = await browse(worker.hostId, big);
    expect(r.status).toBe(200);
    expect(r.json.entries).toHaveLength(1000);
    expect(r.json.truncated).toBe(true);
  });

  it("answers 409 host_unreachable at once for a host whose worker is not running, and within the timeout for one that does not answer", async () => {
    const offline = await db.host.create({ data: { name: `browse-offline-${process.pid}-${Date.now()}`, storageRoots: [root] } });
    let t0 = Date.now();
    const r = await browse(offline.id, root);
    expect(r.status).toBe(409);
    expect(r.json.error.code).toBe("host_unreachable");
    expect(r.json.error.hint).toContain(offline.name);
    expect(Date.now() - t0).toBeLessThan(2_000);

    // A heartbeat that looks alive but nothing listening (a worker of an older version, or one that just died).
    const silent = await db.host.create({ data: { name: `browse-silent-${process.pid}-${Date.now()}`, storageRoots: [root], lastHeartbeatAt: new Date() } });
    t0 = Date.now();
    const s = await browse(silent.id);
    expect(s.status).toBe(409);
    expect(s.json.error.code).toBe("host_unreachable");
    expect(Date.now() - t0).toBeLessThan(8_000);
  }, 20_000);

  it("needs a signed-in user", async () => {
    const res = await fetch(`${web.url}/api/v1/hosts/${worker.hostId}/browse?path=${encodeURIComponent(root)}`);
    expect(res.status).toBe(401);
    const bad = await api(web.url, "my_pat_not_a_real_token")("GET", `/hosts/${worker.hostId}/browse`);
    expect(bad.status).toBe(401);
  });
});
