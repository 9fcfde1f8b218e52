import 'reflect-metadata';
import { migrate } from '@maratron/migrations';
import { openDatabase } from '../database/open';
import { DEMO_PASSWORD, seedDemoData } from '../seed/demo';

/** `npm run seed`: loads the demo data set into an empty database. */
openDatabase()
  .then(async ({ dataSource, close }) => {
    await migrate(dataSource);
    const seeded = await seedDemoData(dataSource);
    console.log(seeded ? `loaded ${seeded.runners} runners and ${seeded.runs} runs, ${seeded.imported} of them from GPX files (password: ${DEMO_PASSWORD})` : 'the database already has runners; nothing loaded');
    await close();
  })
  .catch((err) => {
    console.error('seeding failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
