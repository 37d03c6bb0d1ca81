// Starts the real stack for browser tests: built Next.js server, a worker process, a user.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { createTestUser, startWeb, startWorker, tempRoot } from "../helpers/stack";
import { loadToolchain } from "../helpers/toolchain";
import { STATE_FILE, type StackState } from "./stack-state";

export default async function globalSetup() {
  const tc = loadToolchain();
  const user = await createTestUser();
  const web = await startWeb();
  const root = await tempRoot("modelyard-e2e-");
  const hostName = `e2e-${process.pid}`;
  // No state file exists yet, so teardown could not stop the web server if the worker fails to start.
  const worker = await startWorker({ hostName, storageRoots: [root, path.dirname(tc.fixtureGguf)], token: user.workerToken }).catch(async (err: unknown) => {
    await web.stop();
    throw err;
  });
  // Detached from this process's lifetime: teardown stops them by pid.
  web.child.unref();
  worker.child.unref();
  const state: StackState = {
    baseUrl: web.url, email: user.email, password: user.password, apiToken: user.apiToken,
    hostId: worker.hostId, hostName, root, fixtureGguf: tc.fixtureGguf,
    pids: [web.child.pid!, worker.child.pid!],
  };
  await mkdir(path.dirname(STATE_FILE), { recursive: true });
  await writeFile(STATE_FILE, JSON.stringify(state, null, 2));
  process.env.E2E_BASE_URL = web.url;
}
