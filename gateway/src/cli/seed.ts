import 'reflect-metadata';
import { migrate } from '@maratron/migrations';
import { loadConfig, openDatabase, createEventBus, createLogger, connectRedis, createServices } from '@maratron/core';
import { DEMO_PASSWORD, seedDemoData } from '../seed/demo';

/** `npm run seed`: loads the demo data set into an empty database. */
openDatabase()
  .then(async ({ dataSource, close }) => {
    await migrate(dataSource);
    // Events of the seed (new posts, notifications) reach running gateways through Redis.
    const config = loadConfig();
    const logger = createLogger('warn');
    const redis = config.redisUrl
      ? await connectRedis(config.redisUrl, (err) => logger.warn({ err }, 'redis error'), {
          commandTimeoutMs: config.redisCommandTimeoutMs,
        })
      : null;
    const bus = await createEventBus(redis, logger);
    const services = createServices({ ...config, jwtSecret: config.jwtSecret ?? 'unused: the seed issues no tokens' }, redis, bus);
    const seeded = await seedDemoData(dataSource, services);
    await services.activityReaders.close();
    await bus.close();
    await redis?.quit();
    console.log(
      seeded
        ? `loaded ${seeded.runners} runners and ${seeded.runs} runs, ${seeded.imported} of them from GPX files (password: ${DEMO_PASSWORD})`
        : 'the database already has runners; nothing loaded',
    );
    await close();
  })
  .catch((err) => {
    console.error('seeding failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
