import type { DataSource } from 'typeorm';
import { loadConfig } from '../config';
import type { Config } from '../config';
import { createDataSource } from './data-source';
import { startEmbeddedPostgres } from './embedded';

/** The configured database (DATABASE_URL), or the embedded one in the data folder. */
export async function openDatabase(config: Config = loadConfig(), log: (msg: string) => void = () => {}): Promise<{ dataSource: DataSource; close: () => Promise<void> }> {
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.dataDir, log);
  try {
    const dataSource = createDataSource({ url: config.databaseUrl ?? embedded!.url, poolSize: config.dbPoolSize, applicationName: 'maratron-gateway' });
    await dataSource.initialize();
    return {
      dataSource,
      close: async () => {
        await dataSource.destroy();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
