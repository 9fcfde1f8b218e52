import { DataSource } from 'typeorm';
import type { Logger } from 'typeorm';
import type { DatabaseTimeouts } from '../config';
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
  /** Timeouts for every pooled connection (none where unset); see `DatabaseTimeouts` in config.ts. */
  timeouts?: Partial<DatabaseTimeouts>;
  /**
   * An idle pooled connection died (PostgreSQL restarted, the network dropped it). The pool drops
   * it and opens another when next needed; this only reports it.
   */
  onConnectionLost?: (error: Error) => void;
}

/** Data sources whose requests run without the runtime role (the benchmark's baseline). */
const withoutRowLevelSecurity = new WeakSet<DataSource>();

/** Whether requests on this data source run as the runtime role, under row-level security. */
export const rowLevelSecurityOn = (dataSource: DataSource): boolean => !withoutRowLevelSecurity.has(dataSource);

export function createDataSource(opts: DataSourceOptions): DataSource {
  const dataSource = new DataSource({
    type: 'postgres',
    url: opts.url,
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
    extra: {
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
      // node-pg: how long pool.connect() waits for a free (or new) connection before it fails, and
      // the session's statement_timeout / idle_in_transaction_session_timeout, sent when each
      // connection opens. A wait for a connection fails cleanly instead of hanging the request;
      // a runaway statement or a transaction left open is ended by PostgreSQL itself.
      connectionTimeoutMillis: opts.timeouts?.acquireMs || undefined,
      statement_timeout: opts.timeouts?.statementMs || undefined,
      idle_in_transaction_session_timeout: opts.timeouts?.idleInTransactionMs || undefined,
    },
    // Without a listener node-pg's pool 'error' event (an idle connection dying) would kill the process.
    poolErrorHandler: opts.onConnectionLost ?? (() => undefined),
  });
  if (opts.rowLevelSecurity === false) withoutRowLevelSecurity.add(dataSource);
  return dataSource;
}
