// The job queue behind bulk imports: pg-boss 10 (PostgreSQL-backed; 11+ needs a newer Node) in a
// schema of its own, so jobs survive restarts and any process with a worker can take them.
import fs from 'node:fs';
import { withSchemaLock } from '@maratron/migrations';
import PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import type { Logger } from '@maratron/core';
import { IMPORT_STALE_SECONDS } from './importer';
import type { Importer } from './importer';

const QUEUE = 'import';
/** How often a worker looks for interrupted jobs besides at start. */
const RECOVER_EVERY_MS = 30_000;

interface ImportMessage {
  jobId: string;
  userId: string;
}

export class ImportQueue {
  private readonly boss: PgBoss;
  private recoverTimer: NodeJS.Timeout | null = null;
  private started = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly importer: Importer,
    private readonly logger: Logger,
    opts: { url: string; schema: string },
  ) {
    // Its own two connections: polling never waits behind the request pool.
    this.boss = new PgBoss({ connectionString: opts.url, schema: opts.schema, max: 2, application_name: 'maratron-imports', schedule: false });
    this.boss.on('error', (err) => this.logger.warn({ err }, 'import queue error'));
  }

  /** Starts the queue; with `work`, this process also processes jobs (and resumes interrupted ones). */
  async start(work: boolean): Promise<void> {
    await this.boss.start();
    this.started = true;
    // pg-boss 10 creates a queue's partition table without a lock of its own: two replicas
    // starting together deadlock there, so they take turns under the schema lock.
    await withSchemaLock(this.dataSource, () => this.boss.createQueue(QUEUE));
    if (!work) return;
    await this.boss.work<ImportMessage>(QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      await this.importer.run(job.data.jobId, job.data.userId);
    });
    await this.recover();
    this.recoverTimer = setInterval(() => void this.recover().catch((err) => this.logger.warn({ err }, 'import recovery failed')), RECOVER_EVERY_MS);
    this.recoverTimer.unref();
  }

  async enqueue(jobId: string, userId: string): Promise<void> {
    // No pg-boss retries: a failing job records its reason; an interrupted one is found by recover().
    await this.boss.send(QUEUE, { jobId, userId } satisfies ImportMessage, { retryLimit: 0, expireInHours: 6 });
  }

  /**
   * Jobs left behind by a process that stopped (a restart, a crash): still QUEUED or RUNNING with
   * no progress committed for IMPORT_STALE_SECONDS. Those whose upload is still on disk are queued
   * again and resume at the entry they had reached; the others are marked FAILED with the reason.
   * Finding them spans every runner, so this one read is made as the table owner; everything done
   * to a job is done as its owner.
   */
  async recover(): Promise<void> {
    const stale: { id: string; userId: string; archivePath: string }[] = await this.dataSource.query(
      `SELECT id, user_id AS "userId", archive_path AS "archivePath" FROM import_jobs
        WHERE status IN ('QUEUED', 'RUNNING') AND coalesce(heartbeat_at, created_at) < now() - make_interval(secs => $1)`,
      [IMPORT_STALE_SECONDS],
    );
    for (const job of stale) {
      if (fs.existsSync(job.archivePath)) await this.enqueue(job.id, job.userId);
      else await this.importer.fail(job.id, job.userId, 'the import was interrupted by a restart and its uploaded archive is no longer there; upload it again');
    }
  }

  async stop(): Promise<void> {
    if (this.recoverTimer) clearInterval(this.recoverTimer);
    if (this.started) await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
  }
}
