import { rateLimited } from '@maratron/domain';
import type { RedisClient } from '@maratron/core';
import { createLimiter } from '@maratron/core';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * MCP tool calls and resource reads per runner per minute (one budget): shared through Redis when configured (every
 * ai-server process counts together; memory while Redis is away), per process otherwise.
 */
export class ToolRateLimit {
  private readonly limiter: RateLimiterAbstract;

  constructor(perMinute: number, redis: RedisClient | null) {
    this.limiter = createLimiter(redis, { keyPrefix: 'maratron:ai:tools', points: perMinute, duration: 60 });
  }

  /** Counts one call; past the limit a RATE_LIMITED DomainError saying when to retry. */
  async consume(userId: string): Promise<void> {
    try {
      await this.limiter.consume(userId);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw rateLimited(seconds, `Too many tool calls (${this.limiter.points} a minute); retry after ${seconds} seconds`);
    }
  }
}
