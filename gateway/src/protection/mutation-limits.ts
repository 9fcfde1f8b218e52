import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RequestContext, Metrics, RedisClient } from '@maratron/core';
import { createLimiter } from '@maratron/core';

export interface MutationLimits {
  /** Mutations per minute per signed-in runner. */
  perUser: number;
  /** Mutations per minute per client address. */
  perAddress: number;
}

/**
 * General limits on writes: every mutation operation costs one point per runner and per
 * address (rate-limiter-flexible, in Redis when configured so all replicas share the count).
 * Past a limit the operation is refused before it runs — nothing is written — with
 * RATE_LIMITED, `retryAfterSeconds` and HTTP 429 + Retry-After.
 */
export function mutationLimitsPlugin(
  limits: MutationLimits,
  redis: RedisClient | null,
  metrics: Metrics,
): ApolloServerPlugin<RequestContext> {
  const make = (keyPrefix: string, points: number) => createLimiter(redis, { keyPrefix, points, duration: 60 });
  const byUser = make('mutations:user', limits.perUser);
  const byAddress = make('mutations:address', limits.perAddress);

  const consume = async (limiter: RateLimiterAbstract, key: string, limit: string) => {
    try {
      await limiter.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      metrics.rateLimited.inc({ limit });
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new GraphQLError('Too many requests; try again later', {
        extensions: {
          code: 'RATE_LIMITED',
          retryAfterSeconds,
          http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
        },
      });
    }
  };

  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          await consume(byAddress, contextValue.address, 'address');
          if (contextValue.viewerId) await consume(byUser, contextValue.viewerId, 'user');
        },
      };
    },
  };
}
