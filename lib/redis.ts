import { Redis, type RedisOptions } from "ioredis";
import { env } from "./env";

/**
 * BullMQ needs `maxRetriesPerRequest: null` on blocking connections; the same options suit
 * our pub/sub nudges. Reconnects forever with a capped back-off so a Redis restart heals.
 */
export function createRedis(extra: RedisOptions = {}): Redis {
  return new Redis(env().REDIS_URL, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    ...extra,
  });
}
