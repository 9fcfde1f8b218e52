import { createClient } from 'redis';

/**
 * A Redis client that reconnects on its own (with backoff) when Redis drops, so a Redis
 * restart never needs a gateway restart. Errors are reported, not thrown: callers that need
 * Redis fail their own operation while it is away.
 */
export async function connectRedis(url: string, onError: (error: unknown) => void) {
  const client = createClient({
    url,
    socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 3000) },
    // While Redis is away, commands fail at once instead of queueing until it returns: a
    // rate limit then falls back to its in-memory insurance and a publish fails soft, so
    // requests never hang on Redis.
    disableOfflineQueue: true,
  });
  client.on('error', onError);
  await client.connect();
  return client;
}

export type RedisClient = Awaited<ReturnType<typeof connectRedis>>;
