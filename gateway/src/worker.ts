import './tracing-first';
import 'reflect-metadata';
import { migrate } from '@maratron/migrations';
import { createImportQueue } from './app';
import { loadConfig } from './config';
import { openDatabase } from './database/open';
import { createEventBus } from './events';
import { createLogger } from './logger';
import { connectRedis } from './redis';
import { createServices } from './services';

/**
 * `node gateway/dist/worker.js`: a process that only processes bulk imports, for deployments that
 * run gateways with IMPORT_WORKER=false. It needs the same DATABASE_URL, REDIS_URL (progress reaches
 * the gateways' subscribers over Redis) and IMPORT_DIR (a shared volume) as the gateways.
 */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const { dataSource, close } = await openDatabase(config, (m) => logger.warn(m));
  await migrate(dataSource);
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, (err) => logger.warn({ err }, 'redis error')) : null;
  const bus = await createEventBus(redis, logger);
  // Tokens are never issued here; the services only need a secret to be constructed.
  const services = createServices({ ...config, jwtSecret: config.jwtSecret ?? 'worker-issues-no-tokens' }, redis, bus);
  const queue = createImportQueue(dataSource, services, bus, config, logger);
  await queue.start(true);
  logger.info('import worker started');
  const shutdown = async () => {
    await queue.stop();
    await services.activityReaders.close();
    await bus.close();
    await redis?.quit().catch(() => undefined);
    await close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err) => {
  console.error('the import worker failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
