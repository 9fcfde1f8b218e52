import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../config';
import type { Config } from '../config';
import { createDataSource } from './data-source';
import { startEmbeddedPostgres } from './embedded';

/** The configured database (DATABASE_URL), or the embedded one in the data folder. */
export async function openDatabase(
  config: Config = loadConfig(),
  log: (msg: string) => void = () => {},
): Promise<{ dataSource: DataSource; close: () => Promise<void> }> {
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.dataDir, log);
  try {
    const url = config.databaseUrl ?? embedded!.url;
    if (config.databaseSchema) await createSchemaIfMissing(url, config.databaseSchema);
    const dataSource = createDataSource({
      url,
      schema: config.databaseSchema ?? undefined,
      poolSize: config.dbPoolSize,
      timeouts: config.dbTimeouts,
      rowLevelSecurity: config.rowLevelSecurity,
      applicationName: 'maratron-gateway',
      onConnectionLost: (error) => log(`an idle database connection was lost (${error.message}); the pool opens a new one when needed`),
    });
    await dataSource.initialize();
    return {
      dataSource,
      close: async () => {
        try {
          await dataSource.destroy();
        } finally {
          // Whatever became of the pool, the embedded PostgreSQL is never left running.
          await embedded?.stop();
        }
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/** DATABASE_SCHEMA names a schema the migrations then fill; it is created when missing. */
async function createSchemaIfMissing(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await client.end();
  }
}
