import { stackState } from "./stack-state";

export default async function globalTeardown() {
  const { pids } = stackState();
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  // Give the worker its orderly shutdown before the runner exits.
  await new Promise((r) => setTimeout(r, 3000));
}
