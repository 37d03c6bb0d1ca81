// Cross-site requests, bad input and oversized bodies against the built server: each answer is
// a 4xx with {code, message, hint}, never a 500 or a dropped connection.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, SESSION_COOKIE } from "../../lib/auth/sessions";
import { db } from "../../lib/db/client";
import { createTestUser, startWeb, type TestUser } from "../helpers/stack";

let web: Awaited<ReturnType<typeof startWeb>>;
let user: TestUser;
let cookie: string;
let hostId: string;
let jobId: string;

beforeAll(async () => {
  web = await startWeb();
  user = await createTestUser("MEMBER");
  cookie = `${SESSION_COOKIE}=${(await createSession(user.id)).token}`;
  const host = await db.host.create({ data: { name: `hardening-${Date.now()}`, storageRoots: ["/tmp"] } });
  hostId = host.id;
  jobId = (await db.job.create({ data: { kind: "host.log-burst", queue: "host-io", hostId, payload: { lines: 1 }, title: "hardening" } })).id;
}, 120_000);

afterAll(async () => {
  await web?.stop();
});

/** fetch refuses TRACE; node:http sends any method. */
function rawRequest(method: string, url: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string") headers.set(k, v);
        resolve(new Response(Buffer.concat(chunks), { status: res.statusCode, headers }));
      });
    });
    req.on("error", reject);
    req.end();
  });
}

async function expectError(res: Response, status: number, code?: string) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const body = JSON.parse(text);
  expect(typeof body.error.message).toBe("string");
  expect(typeof body.error.hint).toBe("string");
  if (code) expect(body.error.code).toBe(code);
  return body;
}

const tokenCount = () => db.apiToken.count({ where: { userId: user.id } });

describe("cross-site requests with the session cookie", () => {
  const mint = (headers: Record<string, string>, body = JSON.stringify({ name: "csrf" })) =>
    fetch(`${web.url}/api/v1/tokens`, { method: "POST", headers: { cookie, ...headers }, body });

  it("refuses a foreign Origin, another port on the same host, and a missing Origin", async () => {
    const before = await tokenCount();
    const port = Number(new URL(web.url).port);
    await expectError(await mint({ origin: "http://evil.example", "content-type": "text/plain" }), 403, "cross_origin_refused");
    await expectError(await mint({ origin: "http://evil.example", "content-type": "application/json" }), 403, "cross_origin_refused");
    await expectError(await mint({ origin: `http://127.0.0.1:${port + 1}`, "content-type": "application/json" }), 403, "cross_origin_refused");
    await expectError(await mint({ "content-type": "application/json" }), 403, "origin_required");
    await expectError(await mint({ "sec-fetch-site": "same-site", "content-type": "application/json" }), 403, "origin_required");
    expect(await tokenCount()).toBe(before);
  });

  it("refuses a same-origin body that is not JSON", async () => {
    await expectError(await mint({ origin: web.url, "content-type": "text/plain" }), 415, "unsupported_media_type");
    await expectError(await mint({ origin: web.url, "content-type": "application/x-www-form-urlencoded" }, "name=x"), 415);
  });

  it("accepts the dashboard's own origin, and bearer tokens without any Origin", async () => {
    const before = await tokenCount();
    const own = await mint({ origin: web.url, "content-type": "application/json" });
    expect(own.status, await own.clone().text()).toBe(200);
    const bearer = await fetch(`${web.url}/api/v1/tokens`, {
      method: "POST",
      headers: { authorization: `Bearer ${user.apiToken}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "script" }),
    });
    expect(bearer.status).toBe(200);
    expect(await tokenCount()).toBe(before + 2);
  });
});

describe("bad input", () => {
  const auth = () => ({ authorization: `Bearer ${user.apiToken}` });

  it("refuses NUL bytes in ids, query strings and bodies with 400", async () => {
    await expectError(await fetch(`${web.url}/api/v1/jobs/abc%00def`, { headers: auth() }), 400);
    await expectError(await fetch(`${web.url}/api/v1/jobs?q=a%00b`, { headers: auth() }), 400);
    await expectError(await fetch(`${web.url}/api/v1/models?q=%00`, { headers: auth() }), 400);
    await expectError(
      await fetch(`${web.url}/api/v1/tokens`, { method: "POST", headers: { ...auth(), "content-type": "application/json" }, body: JSON.stringify({ name: "a\u0000b" }) }),
      400,
    );
  });

  it("answers an unknown parentJobId with 404, not a foreign-key 500", async () => {
    const res = await fetch(`${web.url}/api/v1/jobs`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/json" },
      body: JSON.stringify({ kind: "host.log-burst", hostId, payload: { lines: 1 }, parentJobId: "cnosuchjob000000000000000" }),
    });
    await expectError(res, 404);
  });

  it("treats a malformed session cookie as no session", async () => {
    await expectError(await fetch(`${web.url}/api/v1/jobs`, { headers: { cookie: `${SESSION_COOKIE}=%` } }), 401, "unauthenticated");
    await expectError(await fetch(`${web.url}/api/v1/jobs`, { headers: { cookie: `${SESSION_COOKIE}=%E0%A4%A` } }), 401, "unauthenticated");
  });

  it("refuses an out-of-range Last-Event-ID or after with 400", async () => {
    await expectError(await fetch(`${web.url}/api/v1/jobs/${jobId}/events`, { headers: { ...auth(), "last-event-id": "99999999999" } }), 400);
    await expectError(await fetch(`${web.url}/api/v1/jobs/${jobId}/events?after=99999999999`, { headers: auth() }), 400);
    await expectError(await fetch(`${web.url}/api/v1/jobs/${jobId}/events`, { headers: { ...auth(), "last-event-id": "-1" } }), 400);
  });

  it("answers undeclared methods with 405 and Allow, on API routes and pages", async () => {
    for (const [method, route, allow] of [
      ["TRACE", "/api/v1/jobs", "GET, POST, HEAD"],
      ["PUT", "/api/v1/jobs", "GET, POST, HEAD"],
      ["DELETE", `/api/v1/jobs/${jobId}`, "GET, HEAD"],
      ["PATCH", "/api/v1/tokens", "GET, POST, HEAD"],
      ["GET", "/api/v1/models/import", "POST"],
      ["GET", "/api/auth/login", "POST"],
      ["POST", "/jobs", "GET, HEAD"],
    ] as const) {
      const res = await rawRequest(method, `${web.url}${route}`);
      await expectError(res, 405, "method_not_allowed");
      expect(res.headers.get("allow"), `${method} ${route}`).toBe(allow);
    }
  });

  it("answers unknown API paths with a JSON 404", async () => {
    await expectError(await fetch(`${web.url}/api/v1/no-such-thing`, { headers: auth() }), 404, "no_such_route");
  });
});

/** A chunked body with no Content-Length, generated as it is sent. */
function hugeChunkedBody(totalBytes: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(1 << 20).fill(0x61);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      controller.enqueue(chunk);
      sent += chunk.length;
    },
  });
}

async function rssKiB(pid: number): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
}

/** `next start` forks the server; the process that holds the memory is the largest in its tree. */
async function serverPid(rootPid: number): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  const children = (await readFile(`/proc/${rootPid}/task/${rootPid}/children`, "utf8").catch(() => "")).trim().split(/\s+/).filter(Boolean).map(Number);
  return children.length ? children[children.length - 1] : rootPid;
}

describe("bodies are limited while they stream", () => {
  for (const route of ["/api/v1/tokens", "/api/auth/login"]) {
    it(`refuses a chunked 100 MB body to ${route} with 413 without buffering it`, async () => {
      const pid = await serverPid(web.child.pid!);
      const before = await rssKiB(pid);
      const res = await fetch(`${web.url}${route}`, {
        method: "POST",
        headers: { authorization: `Bearer ${user.apiToken}`, "content-type": "application/json", origin: web.url },
        body: hugeChunkedBody(100 << 20),
        duplex: "half",
      } as RequestInit).catch((err) => err as Error);
      // The server may close the connection once it has answered; either way nothing was accepted.
      if (res instanceof Response) await expectError(res, 413, "body_too_large");
      const grown = (await rssKiB(pid)) - before;
      expect(grown).toBeLessThan(50 * 1024);
    });
  }
});
