import { afterAll, beforeAll } from "vitest";
import { closeProducers } from "../../lib/queue/producer";
import { createTestUser, tempRoot, type TestUser } from "./stack";

/**
 * For test files that start their own workers: a user (with worker token) and a storage root,
 * made before the file's tests, with the queue producers closed after them.
 */
export function workerTestContext(): { user: TestUser; root: string } {
  const ctx = {} as { user: TestUser; root: string };
  beforeAll(async () => {
    ctx.user = await createTestUser();
    ctx.root = await tempRoot();
  });
  afterAll(async () => {
    await closeProducers();
  });
  return ctx;
}
