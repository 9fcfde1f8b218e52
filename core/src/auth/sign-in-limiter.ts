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
 *
 * Counted first, checked second: each attempt takes its point with one atomic increment per key
 * (Redis INCR, or the in-process counter) before the password is hashed, so concurrent attempts
 * can't all read "under the limit" during the ~50 ms hash and all go through. A right password
 * gives its point back (succeeded()); a wrong one keeps it — that is the count.
 */
export class SignInLimiter {
  private readonly byAccount: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;

  constructor(limits: SignInLimits, redis: RedisClient | null) {
    const make = (keyPrefix: string, points: number) => createLimiter(redis, { keyPrefix, points, duration: limits.windowSeconds });
    this.byAccount = make('signin:account', limits.perAccount);
    this.byAddress = make('signin:address', limits.perAddress);
  }

  /**
   * Takes one attempt from the account's and the address's limits before the password is checked;
   * RATE_LIMITED when either has none left. A refused attempt is no attempt: the limit it did not
   * exceed gets its point back.
   */
  async reserve(account: string, address: string): Promise<void> {
    const keys = [
      [this.byAccount, account],
      [this.byAddress, address],
    ] as const;
    const taken = await Promise.allSettled(keys.map(([limiter, key]) => limiter.consume(key, 1)));
    const refused = taken.find((t) => t.status === 'rejected');
    if (!refused) return;
    await Promise.all(keys.map(([limiter, key], i) => (taken[i].status === 'fulfilled' ? limiter.reward(key, 1) : undefined)));
    if (refused.reason instanceof RateLimiterRes) throw rateLimited(refused.reason.msBeforeNext / 1000);
    throw refused.reason;
  }

  /**
   * The attempt guessed nothing (a right password that still wants its second step): both limits
   * get its point back, and the account's earlier failures stay counted.
   */
  async refund(account: string, address: string): Promise<void> {
    await Promise.all([this.byAccount.reward(account, 1), this.byAddress.reward(address, 1)]);
  }

  /** The password was right: the account's failures are forgotten and the address gets its point back. */
  async succeeded(account: string, address: string): Promise<void> {
    await Promise.all([this.byAccount.delete(account), this.byAddress.reward(address, 1)]);
  }
}
