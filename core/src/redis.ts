import { createClient } from 'redis';

/** REDIS_COMMAND_TIMEOUT_MS when nothing else is said. */
export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 500;

/**
 * A Redis client that reconnects on its own (with backoff) when Redis drops, so a Redis
 * restart never needs a gateway restart. Errors are reported, not thrown: callers that need
 * Redis fail their own operation while it is away.
 *
 * `commandTimeoutMs` is how long a caller waits for an answer (see `withCommandTimeout`). It is
 * kept as the client's default command option, which node-redis applies to a command still
 * waiting to be written; once written, node-redis would wait for the reply without end.
 */
export async function connectRedis(
  url: string,
  onError: (error: unknown) => void,
  { commandTimeoutMs = DEFAULT_REDIS_COMMAND_TIMEOUT_MS } = {},
) {
  const client = createClient({
    url,
    socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 3000) },
    // While Redis is away, commands fail at once instead of queueing until it returns: a
    // rate limit then falls back to its in-memory insurance and a publish fails soft, so
    // requests never hang on Redis.
    disableOfflineQueue: true,
    commandOptions: { timeout: commandTimeoutMs },
  });
  client.on('error', onError);
  await client.connect();
  return client;
}

export type RedisClient = Awaited<ReturnType<typeof connectRedis>>;

/** How long callers wait for `redis` to answer a command (REDIS_COMMAND_TIMEOUT_MS). */
export function commandTimeoutOf(redis: RedisClient): number {
  return redis.options?.commandOptions?.timeout ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS;
}

export class RedisTimeoutError extends Error {
  constructor(ms: number) {
    super(`Redis did not answer within ${ms} ms`);
    this.name = 'RedisTimeoutError';
  }
}

/**
 * The command's reply, or a RedisTimeoutError once the client's command timeout has passed.
 * A Redis that is connected but silent (hung, or behind a stalled network) keeps its socket
 * open, so node-redis sees no error: without this its callers would wait for as long as it
 * stays silent. The command itself stays queued and is answered, unheard, if Redis recovers.
 */
export function withCommandTimeout<T>(redis: RedisClient, command: Promise<T>): Promise<T> {
  const ms = commandTimeoutOf(redis);
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisTimeoutError(ms)), ms);
  });
  // A reply (or error) after the timeout has nobody left to hear it.
  command.catch(() => undefined);
  return Promise.race([command, timeout]).finally(() => clearTimeout(timer));
}
