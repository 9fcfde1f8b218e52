import 'reflect-metadata';
import { migrate } from '@maratron/migrations';
import { openDatabase } from '@maratron/core';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
openDatabase()
  .then(async ({ dataSource, close }) => {
    const applied = await migrate(dataSource);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
    await close();
  })
  .catch((err) => {
    console.error('migration failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
