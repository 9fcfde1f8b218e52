import { DataSource } from 'typeorm';
import type { Logger } from 'typeorm';
import { entities } from '@maratron/schema';
import { migrations } from '@maratron/migrations';

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  /** Use this PostgreSQL schema instead of `public` (each test file gets its own). */
  schema?: string;
  logger?: Logger;
  applicationName?: string;
  /** Off only to measure what row-level security costs (ROW_LEVEL_SECURITY=false); default on. */
  rowLevelSecurity?: boolean;
}

/** Data sources whose requests run without the runtime role (the benchmark's baseline). */
const withoutRowLevelSecurity = new WeakSet<DataSource>();

/** Whether requests on this data source run as the runtime role, under row-level security. */
export const rowLevelSecurityOn = (dataSource: DataSource): boolean => !withoutRowLevelSecurity.has(dataSource);

export function createDataSource(opts: DataSourceOptions): DataSource {
  const dataSource = new DataSource({
    type: 'postgres',
    url: opts.url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install (and no
    // superuser needed) for uuid keys.
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    logger: opts.logger,
    logging: opts.logger ? ['query'] : false,
    poolSize: opts.poolSize ?? 10,
    applicationName: opts.applicationName ?? 'maratron',
    extra: opts.schema ? { options: `-c search_path=${opts.schema}` } : {},
  });
  if (opts.rowLevelSecurity === false) withoutRowLevelSecurity.add(dataSource);
  return dataSource;
}
