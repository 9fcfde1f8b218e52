import 'reflect-metadata';
import { migrate } from '@maratron/migrations';
import { loadConfig, openDatabase, createEventBus, createLogger, handleProcessFaults, connectRedis } from '@maratron/core';
import { createAiServer } from './server';

/**
 * The ai-server on its own (`node ai-server/dist/main.js`): its own database pool and event bus
 * (Redis pub/sub, so a run logged here reaches the gateways' live subscriptions), the same
 * settings as the gateway (DATABASE_URL, REDIS_URL, JWT_SECRET, AI_SERVER_PORT…).
 */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Until the server has started, a fatal error simply exits; from then on it stops in order.
  let shutdown: (exitCode?: number) => Promise<void> = async (exitCode = 1) => process.exit(exitCode);
  handleProcessFaults(logger, () => void shutdown(1));
  if (!config.jwtSecret) throw new Error('JWT_SECRET must be set: the ai-server verifies the tokens the gateway issues');
  if (!config.databaseUrl)
    throw new Error('DATABASE_URL must be set for a standalone ai-server (npm start runs it inside the gateway instead)');
  const { dataSource, close: closeDatabase } = await openDatabase(config, (m) => logger.warn(m));
  await migrate(dataSource);
  const redis = config.redisUrl
    ? await connectRedis(config.redisUrl, (err) => logger.warn({ err }, 'redis error'), { commandTimeoutMs: config.redisCommandTimeoutMs })
    : null;
  if (!redis) logger.warn('no REDIS_URL: events from this ai-server reach no other process');
  const bus = await createEventBus(redis, logger);
  const server = createAiServer({ config: { ...config, jwtSecret: config.jwtSecret }, dataSource, bus, redis, logger });
  const port = await server.listen(config.aiServerPort, config.host);
  logger.info({ port }, 'ai-server listening (MCP at /mcp)');

  let stopping = false;
  shutdown = async (exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await server.stop();
      await bus.close();
      await redis?.quit().catch(() => undefined);
      await closeDatabase();
      process.exit(exitCode);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err) => {
  console.error('The ai-server failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
