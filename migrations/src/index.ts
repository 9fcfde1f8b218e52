import { MigrationExecutor } from 'typeorm';
import type { DataSource, QueryRunner } from 'typeorm';
import { AccountsRunsShoes1764100000000 } from './1764100000000-accounts-runs-shoes';
import { UserSearch1764150000000 } from './1764150000000-user-search';
import { RowLevelSecurity1764160000000 } from './1764160000000-row-level-security';
import { Training1764200000000 } from './1764200000000-training';
import { TrainingRowLevelSecurity1764250000000 } from './1764250000000-training-row-level-security';
import { Social1764300000000 } from './1764300000000-social';
import { SocialRowLevelSecurity1764350000000 } from './1764350000000-social-row-level-security';
import { Coach1764400000000 } from './1764400000000-coach';
import { ImportJobs1764500000000 } from './1764500000000-import-jobs';
import { AccountDeletion1764650000000 } from './1764650000000-account-deletion';
import { FollowNotificationOnce1764700000000 } from './1764700000000-follow-notification-once';
import { ForgetQueuedJobs1764710000000 } from './1764710000000-forget-queued-jobs';
import { Sessions1764800000000 } from './1764800000000-sessions';
import { DefaultVisibility1764810000000 } from './1764810000000-default-visibility';
import { PrivacyZones1764811000000 } from './1764811000000-privacy-zones';
import { FollowRequestsBlocks1764820000000 } from './1764820000000-follow-requests-blocks';
import { BlocksRowLevelSecurity1764821000000 } from './1764821000000-blocks-row-level-security';
import { PersonalAccessTokens1764830000000 } from './1764830000000-personal-access-tokens';
import { Webhooks1764840000000 } from './1764840000000-webhooks';
import { OAuth1764850000000 } from './1764850000000-oauth';
import { TimeZonesMileSplits1764853000000 } from './1764853000000-time-zones-mile-splits';
import { HeartRates1764854000000 } from './1764854000000-heart-rates';
export { backfillHeartRates } from './1764854000000-heart-rates';
import { SplitPace1764857000000 } from './1764857000000-split-pace';
import { OpeningChecks1764860000000 } from './1764860000000-opening-checks';
import { LapsCadence1764855000000 } from './1764855000000-laps-cadence';

/** Every migration, oldest first. Add new ones at the end; never edit one that has shipped. */
export const migrations = [
  AccountsRunsShoes1764100000000,
  UserSearch1764150000000,
  RowLevelSecurity1764160000000,
  Training1764200000000,
  TrainingRowLevelSecurity1764250000000,
  Social1764300000000,
  SocialRowLevelSecurity1764350000000,
  Coach1764400000000,
  ImportJobs1764500000000,
  AccountDeletion1764650000000,
  FollowNotificationOnce1764700000000,
  ForgetQueuedJobs1764710000000,
  Sessions1764800000000,
  DefaultVisibility1764810000000,
  PrivacyZones1764811000000,
  FollowRequestsBlocks1764820000000,
  BlocksRowLevelSecurity1764821000000,
  PersonalAccessTokens1764830000000,
  Webhooks1764840000000,
  OAuth1764850000000,
  TimeZonesMileSplits1764853000000,
  HeartRates1764854000000,
  LapsCadence1764855000000,
  SplitPace1764857000000,
  OpeningChecks1764860000000,
];

export { APP_ROLE, VIEWER_SETTING } from './app-role';
export { notBlockedBy } from './1764820000000-follow-requests-blocks';

// Any constant works; it only has to be the same in every process that changes the schema.
const SCHEMA_LOCK_KEY = 7_204_655_118;

/**
 * Runs `change` while holding the database-wide lock that every schema change takes, so
 * replicas starting together take turns instead of racing (racing DDL deadlocks or fails on
 * duplicates). Held on a connection of its own, outside any transaction, and handed to
 * `change`. That connection runs without the pool's statement_timeout (DB_STATEMENT_TIMEOUT_MS),
 * for as long as it is held: a replica waits for the lock while another migrates, and a
 * migration may rewrite a large table; the setting is restored before the connection goes back.
 */
export async function withSchemaLock<T>(dataSource: DataSource, change: (lock: QueryRunner) => Promise<T>): Promise<T> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SET statement_timeout = 0');
    await lock.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK_KEY]);
    return await change(lock);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK_KEY]).catch(() => undefined);
    await lock.query('RESET statement_timeout').catch(() => undefined);
    await lock.release();
  }
}

/**
 * Applies pending migrations once, even when several replicas start together: they queue on
 * the schema lock and the later ones find nothing left to do. The migrations run on the lock's
 * own connection (so without a statement timeout), each in a transaction of its own.
 * Returns the names of the migrations this call applied.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  return withSchemaLock(dataSource, async (lock) => {
    const executor = new MigrationExecutor(dataSource, lock);
    executor.transaction = 'each';
    const applied = await executor.executePendingMigrations();
    return applied.map((m) => m.name);
  });
}
