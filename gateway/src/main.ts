import './tracing-first';
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from '@maratron/migrations';
import { createAiServer } from '@maratron/ai-server';
import { createGateway } from './app';
import { loadConfig, openDatabase, createEventBus, createLogger, handleProcessFaults, connectRedis } from '@maratron/core';
import type { Config, EventBus, Logger, RedisClient } from '@maratron/core';
import { stopTracing } from './observability/tracing';
import { seedDemoData } from './seed/demo';
import type { DataSource } from 'typeorm';

/** Outside production a secret is generated once and kept beside the data, so tokens survive restarts. */
function jwtSecretFor(config: Config): string {
  if (config.jwtSecret) return config.jwtSecret;
  const file = path.join(config.dataDir, 'jwt-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

interface EmbeddedAiServerDeps {
  config: Config & { jwtSecret: string };
  dataSource: DataSource;
  bus: EventBus;
  redis: RedisClient | null;
  logger: Logger;
}

/**
 * Without AI_SERVER_URL the ai-server runs in this process on AI_SERVER_PORT, sharing the
 * database pool and the event bus — so a run logged over MCP reaches this gateway's live
 * subscriptions without Redis.
 */
async function startEmbeddedAiServer(deps: EmbeddedAiServerDeps) {
  const server = createAiServer(deps);
  const port = await server.listen(deps.config.aiServerPort, deps.config.host);
  return { server, port };
}

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Until everything has started, a fatal error simply exits (the embedded PostgreSQL stops with
  // the process, see database/embedded.ts); from then on it shuts down in order (below).
  let shutdown: (reason: string, exitCode?: number) => Promise<void> = async (_reason, exitCode = 1) => process.exit(exitCode);
  handleProcessFaults(logger, (reason) => void shutdown(reason, 1));
  if (!config.databaseUrl) logger.info({ dataDir: config.dataDir }, 'no DATABASE_URL: starting the embedded PostgreSQL');
  const { dataSource, close: closeDatabase } = await openDatabase(config, (m) => logger.warn(m));
  const applied = await migrate(dataSource);
  if (applied.length) logger.info({ migrations: applied }, 'applied migrations');
  const redis = config.redisUrl
    ? await connectRedis(config.redisUrl, (err) => logger.warn({ err }, 'redis error'), { commandTimeoutMs: config.redisCommandTimeoutMs })
    : null;
  const bus = await createEventBus(redis, logger);
  const gatewayConfig = { ...config, jwtSecret: jwtSecretFor(config) };
  const gateway = await createGateway({ config: gatewayConfig, dataSource, redis, bus, logger });
  if (config.seedDemo) {
    const seeded = await seedDemoData(dataSource, gateway.services);
    if (seeded) logger.info(seeded, 'loaded the demo data set');
  }
  const port = await gateway.listen(config.port, config.host);
  logger.info({ port }, 'gateway listening');
  const aiServer = config.aiServerUrl ? null : await startEmbeddedAiServer({ config: gatewayConfig, dataSource, bus, redis, logger });
  if (aiServer) logger.info({ port: aiServer.port }, 'ai-server listening in this process (MCP at /mcp)');
  console.log(`\n  Maratron is running at http://localhost:${port}/   (GraphQL API: http://localhost:${port}/graphql)\n`);

  let stopping = false;
  /** A signal's orderly stop (exit 0), or a fatal error's (exit 1: the supervisor restarts the process). */
  shutdown = async (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    // A hung dependency must not keep the process alive forever.
    setTimeout(
      () => {
        logger.error('shutdown timed out');
        process.exit(1);
      },
      (config.shutdownGraceSeconds + 10) * 1000,
    ).unref();
    try {
      // Not ready first, so load balancers stop sending new work; then, after the grace
      // period (none after a fatal error), in-flight requests finish, WebSockets close with
      // 1001 and the process exits.
      gateway.drain();
      if (config.shutdownGraceSeconds > 0 && exitCode === 0) await new Promise((r) => setTimeout(r, config.shutdownGraceSeconds * 1000));
      await gateway.stop();
      await aiServer?.server.stop();
      await bus.close();
      await redis?.quit().catch(() => undefined);
      await closeDatabase();
      await stopTracing();
      process.exit(exitCode);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error('Maratron failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
