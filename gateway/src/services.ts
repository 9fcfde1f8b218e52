import { createServices } from '@maratron/core';
import type { Config, EventBus, ImportConfig, Logger, RedisClient } from '@maratron/core';
import { CoachService } from './coach/coach.service';

/**
 * The core's services, and the coach: the MCP host that only the gateway runs (it talks to
 * the ai-server's tools and to the language model).
 */
export function createGatewayServices(
  config: Pick<
    Config,
    | 'jwtTtlSeconds'
    | 'signInLimits'
    | 'aiServerUrl'
    | 'aiServerPort'
    | 'anthropic'
    | 'exports'
    | 'activityFiles'
    | 'query'
    | 'publicUrl'
    | 'mail'
    | 'passwordReset'
    | 'privacy'
    | 'webhooks'
  > & {
    jwtSecret: string;
    imports: Pick<ImportConfig, 'queueSchema'>;
  },
  redis: RedisClient | null,
  events: EventBus,
  logger?: Logger,
) {
  const core = createServices(config, redis, events, logger);
  return { ...core, coach: new CoachService(config, events, core.plans) };
}

export type GatewayServices = ReturnType<typeof createGatewayServices>;
