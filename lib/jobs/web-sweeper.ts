import { createRedis } from "../redis";
import { sweepJobs } from "./sweeper";

const SWEEP_MS = 5_000;
let started = false;

export function startWebSweeper(): void {
  if (started) return;
  started = true;
  const redis = createRedis();
  redis.on("error", () => undefined);
  const timer = setInterval(() => {
    sweepJobs(redis).catch((err) => console.warn(`[sweeper] ${err.message}`));
  }, SWEEP_MS);
  timer.unref();
}
