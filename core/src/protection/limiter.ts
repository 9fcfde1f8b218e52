import { RateLimiterMemory, RateLimiterRedis, RLWrapperTimeouts } from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { commandTimeoutOf } from '../redis';
import type { RedisClient } from '../redis';

/**
 * A rate limiter (rate-limiter-flexible) counted in Redis when it is configured, so every
 * replica shares the count — and in this process while Redis is away or silent (its
 * insurance), so a Redis outage never fails or blocks the request. In memory without Redis.
 *
 * "Away" is an error from the client (Redis down: it fails at once); "silent" is Redis not
 * answering within the client's command timeout (REDIS_COMMAND_TIMEOUT_MS), which the library's
 * RLWrapperTimeouts turns into the same fallback. Each call tries Redis first, so the count goes
 * back to Redis as soon as it answers again.
 */
export function createLimiter(
  redis: RedisClient | null,
  opts: { keyPrefix: string; points: number; duration: number },
): RateLimiterAbstract {
  if (!redis) return new RateLimiterMemory(opts);
  const insuranceLimiter = new RateLimiterMemory(opts);
  const limiter = new RLWrapperTimeouts({
    limiter: new RateLimiterRedis({ ...opts, storeClient: redis, useRedisPackage: true, insuranceLimiter }),
    insuranceLimiter,
    timeoutMs: commandTimeoutOf(redis),
  });
  // The wrapper counts nothing itself (it is built with 0 points); callers read the limit from it.
  limiter.points = opts.points;
  limiter.duration = opts.duration;
  return limiter;
}
