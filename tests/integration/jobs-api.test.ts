// The job system end to end: REST API on the built Next.js server, a real worker process,
// PostgreSQL and Redis. Covers auth, bad input, streaming with resume, and cancel.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { api, createTestUser, startWeb, startWorker, tempRoot, waitFor, waitForJob, type TestUser } from "../helpers/stack";
import { processesOfJob } from "../helpers/processes";
import { readSse } from "../helpers/sse";

let web: Awaited<ReturnType<typeof startWeb>>;
let worker: Awaited<ReturnType<typeof startWorker>>;
let user: TestUser;
let call: ReturnType<typeof api>;
const hostName = `jobs-api-${process.pid}`;

beforeAll(async () => {
  user = await createTestUser();
  web = await startWeb();
  worker = await startWorker({ hostName, storageRoots: [await tempRoot()], token: user.workerToken });
  call = api(web.url, user.apiToken);
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await web?.stop();
});

describe("access", () => {
  it("refuses requests without or with a wrong token", async () => {
    const anon = await fetch(`${web.url}/api/v1/jobs`);
    expect(anon.status).toBe(401);
    const body = await anon.json();
    expect(body.error.code).toBe("unauthenticated");
    expect(body.error.hint).toBeTruthy();
    expect((await api(web.url, "my_pat_wrong")("GET", "/jobs")).status).toBe(401);
    // A worker token is not a personal token.
    expect((await api(web.url, user.workerToken)("GET", "/jobs")).status).toBe(401);
  });

  it("signs in with a session cookie and logs out", async () => {
    // As a browser sends it: JSON, from the dashboard's own origin.
    const browser = { "content-type": "application/json", origin: web.url };
    const bad = await fetch(`${web.url}/api/auth/login`, { method: "POST", headers: browser, body: JSON.stringify({ email: user.email, password: "nope" }) });
    expect(bad.status).toBe(401);
    const res = await fetch(`${web.url}/api/auth/login`, { method: "POST", headers: browser, body: JSON.stringify({ email: user.email, password: user.password }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    const session = cookie.split(";")[0];
    expect((await fetch(`${web.url}/api/v1/hosts`, { headers: { cookie: session } })).status).toBe(200);
    await fetch(`${web.url}/api/auth/logout`, { method: "POST", headers: { cookie: session, origin: web.url }, redirect: "manual" });
    expect((await fetch(`${web.url}/api/v1/hosts`, { headers: { cookie: session } })).status).toBe(401);
  });

  it("serves an OpenAPI 3.1 document built from the schemas", async () => {
    const doc = await (await fetch(`${web.url}/api/v1/openapi.json`)).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/jobs", "/jobs/{id}/events", "/hosts", "/models/import"]));
    expect(doc.components.schemas.ImportModelInput.properties.path.type).toBe("string");
  });
});

describe("bad input", () => {
  it("answers malformed, oversized and unknown input with a reason and a hint", async () => {
    const malformed = await call("POST", "/jobs", "{not json");
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe("invalid_json");

    const huge = await call("POST", "/jobs", JSON.stringify({ kind: "host.log-burst", hostId: worker.hostId, payload: { pad: "x".repeat(1_200_000) } }));
    expect(huge.status).toBe(413);

    const unknownKind = await call("POST", "/jobs", { kind: "rm -rf /", hostId: worker.hostId, payload: {} });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.json.error.code).toBe("validation_failed");
    expect(unknownKind.json.error.message).toMatch(/Unknown job kind; use one of: .*model\.import/);

    const badPayload = await call("POST", "/jobs", { kind: "host.log-burst", hostId: worker.hostId, payload: { lines: -5 } });
    expect(badPayload.status).toBe(400);
    expect(badPayload.json.error.message).toMatch(/lines/);

    // A well-formed id that names nothing is 404; something that cannot be an id is 400.
    expect((await call("GET", "/jobs/cnosuchjob000000000000000")).status).toBe(404);
    expect((await call("POST", "/jobs/cnosuchjob000000000000000/cancel")).status).toBe(404);
    expect((await call("GET", "/jobs/does-not-exist")).status).toBe(400);
    expect((await call("GET", "/models/nope")).status).toBe(404);
    const noHost = await call("POST", "/models/import", { hostId: "nope", path: "/x" });
    expect(noHost.status).toBe(404);
    const relative = await call("POST", "/models/import", { hostId: worker.hostId, path: "models/x" });
    expect(relative.status).toBe(400);
    expect(relative.json.error.message).toMatch(/absolute/);
  });
});

describe("jobs", () => {
  it("runs a job on the worker and streams every line in order, resuming after Last-Event-ID", async () => {
    const lines = 3000;
    const created = await call("POST", "/jobs", { kind: "host.log-burst", hostId: worker.hostId, payload: { lines } });
    expect(created.status).toBe(200);
    const id = created.json.id;
    const headers = { authorization: `Bearer ${user.apiToken}` };

    // First connection drops after 500 events, like a browser losing its network.
    const first = await readSse(`${web.url}/api/v1/jobs/${id}/events`, headers, { stopAfter: 500 });
    const lastId = first[first.length - 1].id!;
    const rest = await readSse(`${web.url}/api/v1/jobs/${id}/events`, { ...headers, "last-event-id": String(lastId) });

    const all = [...first, ...rest].filter((e) => e.event !== "end");
    const seqs = all.map((e) => e.id);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1)); // no gaps, no repeats
    const logged = all.filter((e) => e.event === "log" && e.data.stream === "stdout").map((e) => e.data.line);
    expect(logged).toHaveLength(lines);
    expect(logged[0]).toBe(`line 1 of ${lines}`);
    expect(logged[lines - 1]).toBe(`line ${lines} of ${lines}`);
    expect(all.filter((e) => e.event === "status").map((e) => e.data.status)).toEqual(["QUEUED", "RUNNING", "SUCCEEDED"]);
    expect(rest[rest.length - 1].event).toBe("end");

    const job = await call("GET", `/jobs/${id}`);
    expect(job.json.status).toBe("SUCCEEDED");
    expect(job.json.result.lines).toBe(lines);
  });

  it("reports a failing process with code, hint and log tail", async () => {
    const created = await call("POST", "/jobs", { kind: "host.log-burst", hostId: worker.hostId, payload: { lines: 5, exitCode: 3 } });
    const job = await waitForJob(created.json.id, ["FAILED"]);
    expect(job.failure).toMatchObject({ code: "selftest_exit" });
    expect((job.failure as { hint: string }).hint).toBeTruthy();
    expect(job.logTail).toContain("line 5 of 5");
  });

  it("cancels a queued job at once", async () => {
    const idle = await db.host.create({ data: { name: `idle-${process.pid}`, storageRoots: ["/nonexistent"] } });
    const created = await call("POST", "/jobs", { kind: "host.log-burst", hostId: idle.id, payload: { lines: 1 } });
    const cancelled = await call("POST", `/jobs/${created.json.id}/cancel`);
    expect(cancelled.json.status).toBe("CANCELLED");
    expect((await call("GET", `/jobs/${created.json.id}`)).json.status).toBe("CANCELLED");
    expect((await call("POST", `/jobs/${created.json.id}/cancel`)).status).toBe(409);
  });

  it("cancels a running job and its process group really stops", async () => {
    const created = await call("POST", "/jobs", { kind: "host.log-burst", hostId: worker.hostId, payload: { lines: 100_000, intervalMs: 20 } });
    const id = created.json.id;
    await waitFor("the job's process", async () => (await processesOfJob(id)).length > 0, 30_000);
    const started = Date.now();
    const res = await call("POST", `/jobs/${id}/cancel`);
    expect(res.json.status).toBe("CANCELLING");
    const job = await waitForJob(id, ["CANCELLED"], 15_000);
    console.log(`cancel of a running job took ${Date.now() - started} ms`);
    expect(job.status).toBe("CANCELLED");
    expect(await processesOfJob(id)).toEqual([]);
    const events = await db.jobEvent.findMany({ where: { jobId: id, type: "LOG" }, select: { payload: true } });
    expect(events.some((e) => (e.payload as { line: string }).line.includes("got SIGTERM"))).toBe(true);
  });

  it("lists jobs with filters and keyset pages", async () => {
    const page1 = await call("GET", `/jobs?limit=2&hostId=${worker.hostId}`);
    expect(page1.json.items).toHaveLength(2);
    const page2 = await call("GET", `/jobs?limit=2&hostId=${worker.hostId}&cursor=${page1.json.nextCursor}`);
    expect(page2.json.items[0].id).not.toBe(page1.json.items[1].id);
    const failed = await call("GET", `/jobs?status=FAILED&hostId=${worker.hostId}`);
    expect(failed.json.items.every((j: { status: string }) => j.status === "FAILED")).toBe(true);
    expect((await call("GET", "/jobs?status=BOGUS")).status).toBe(400);
  });

  it("shows the host online with its inventory", async () => {
    const hosts = await call("GET", "/hosts");
    const me = hosts.json.find((h: { name: string }) => h.name === hostName);
    expect(me.online).toBe(true);
    expect(me.system.cpuCount).toBeGreaterThan(0);
    expect(me.system.disks[0].freeBytes).toBeGreaterThan(0);
    const idle = hosts.json.find((h: { name: string }) => h.name === `idle-${process.pid}`);
    expect(idle.online).toBe(false);
  });
});
