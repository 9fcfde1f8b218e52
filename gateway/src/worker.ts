import './tracing-first';
import 'reflect-metadata';
import { migrate } from '@maratron/migrations';
import { createImportQueue } from './app';
import {
  loadConfig,
  openDatabase,
  createEventBus,
  createLogger,
  handleProcessFaults,
  connectRedis,
  createServices,
  WebhookDispatcher,
} from '@maratron/core';

/**
 * `node gateway/dist/worker.js`: a process that only processes bulk imports (and sends webhook deliveries), for deployments that
 * run gateways with IMPORT_WORKER=false. It needs the same DATABASE_URL, REDIS_URL (progress reaches
 * the gateways' subscribers over Redis) and IMPORT_DIR (a shared volume) as the gateways.
 */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Until the worker has started, a fatal error simply exits; from then on it stops in order.
  let shutdown: (exitCode?: number) => Promise<void> = async (exitCode = 1) => process.exit(exitCode);
  handleProcessFaults(logger, () => void shutdown(1));
  const { dataSource, close } = await openDatabase(config, (m) => logger.warn(m));
  await migrate(dataSource);
  const redis = config.redisUrl
    ? await connectRedis(config.redisUrl, (err) => logger.warn({ err }, 'redis error'), { commandTimeoutMs: config.redisCommandTimeoutMs })
    : null;
  const bus = await createEventBus(redis, logger);
  // Tokens are never issued here; the services only need a secret to be constructed.
  const services = createServices({ ...config, jwtSecret: config.jwtSecret ?? 'worker-issues-no-tokens' }, redis, bus);
  const queue = createImportQueue(dataSource, services, bus, config, logger);
  await queue.start(true);
  logger.info('import worker started');
  // Webhook deliveries too (WEBHOOK_DISPATCH, by default on here): signing needs the gateways' JWT_SECRET,
  // from which the key of the stored signing secrets is derived.
  const webhooks = new WebhookDispatcher(dataSource, services.webhooks, services.webhookSecrets, config.webhooks, logger);
  if (config.webhooks.dispatch && config.jwtSecret) webhooks.start();
  else if (config.webhooks.dispatch) logger.warn('webhook deliveries are not sent from this worker: JWT_SECRET is not set');
  let stopping = false;
  shutdown = async (exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    // A hung dependency must not keep the process alive forever.
    setTimeout(() => process.exit(1), 15_000).unref();
    try {
      await queue.stop();
      await webhooks.stop();
      await services.activityReaders.close();
      await bus.close();
      await redis?.quit().catch(() => undefined);
      await close();
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
  console.error('the import worker failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
