import { RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited } from '@maratron/domain';
import { createLimiter } from '../protection/limiter';
import type { RedisClient } from '../redis';

export interface SignInLimits {
  perAccount: number;
  perAddress: number;
  windowSeconds: number;
}

/**
 * Slows password guessing: failed sign-ins are counted per account and per client address
 * (rate-limiter-flexible; in Redis when configured so every replica shares the count).
 * Past the limit sign-in is refused with RATE_LIMITED until the window passes; a successful
 * sign-in clears the account's count.
 */
export class SignInLimiter {
  private readonly byAccount: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;

  constructor(limits: SignInLimits, redis: RedisClient | null) {
    const make = (keyPrefix: string, points: number) => createLimiter(redis, { keyPrefix, points, duration: limits.windowSeconds });
    this.byAccount = make('signin:account', limits.perAccount);
    this.byAddress = make('signin:address', limits.perAddress);
  }

  /** Throws RATE_LIMITED when either key has used up its failures. */
  async check(account: string, address: string): Promise<void> {
    const [a, b] = await Promise.all([this.byAccount.get(account), this.byAddress.get(address)]);
    for (const [res, limiter] of [[a, this.byAccount], [b, this.byAddress]] as const) {
      if (res && res.consumedPoints >= limiter.points) throw rateLimited(res.msBeforeNext / 1000);
    }
  }

  async recordFailure(account: string, address: string): Promise<void> {
    await Promise.all([
      this.byAccount.penalty(account, 1),
      this.byAddress.penalty(address, 1),
    ]).catch((e: unknown) => {
      if (!(e instanceof RateLimiterRes)) throw e;
    });
  }

  async recordSuccess(account: string): Promise<void> {
    await this.byAccount.delete(account);
  }
}
