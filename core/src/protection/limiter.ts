import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisClient } from '../redis';

/**
 * A rate limiter (rate-limiter-flexible) counted in Redis when it is configured, so every
 * replica shares the count — and in this process while Redis is away (its insurance), so a
 * Redis outage never fails or blocks the request. In memory without Redis.
 */
export function createLimiter(redis: RedisClient | null, opts: { keyPrefix: string; points: number; duration: number }): RateLimiterAbstract {
  return redis
    ? new RateLimiterRedis({ ...opts, storeClient: redis, useRedisPackage: true, insuranceLimiter: new RateLimiterMemory(opts) })
    : new RateLimiterMemory(opts);
}
