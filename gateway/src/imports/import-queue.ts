// The job queue behind bulk imports: pg-boss 10 (PostgreSQL-backed; 11+ needs a newer Node) in a
// schema of its own, so jobs survive restarts and any process with a worker can take them.
//
// Fair between runners: a job is queued with a pg-boss priority of minus the number of its owner's
// earlier jobs still waiting or running, and pg-boss hands out the highest priority first (oldest
// first among equals). A runner's first job therefore goes before anyone's second, their second
// before anyone's third: one runner's uploads never hold another's single upload back for longer
// than the job already running. (Per-runner queues would need a worker per runner; pg-boss 10's
// singleton keys only stop a runner's jobs running side by side, not one runner filling the queue.)
//
// The worker loop is ours rather than pg-boss's work(): pg-boss 10 calls complete()/fail() without
// awaiting them, so with the database down (a restart) their rejection is unhandled and ends the
// process. Here every call to the queue is awaited and its failure caught.
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { withSchemaLock } from '@maratron/migrations';
import PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import { isDatabaseOutage, WakeablePause } from '@maratron/core';
import type { Logger } from '@maratron/core';
import { IMPORT_STALE_SECONDS } from './importer';
import type { Importer } from './importer';

const QUEUE = 'import';
/** How often a worker looks for interrupted jobs besides at start. */
const RECOVER_EVERY_MS = 30_000;
/** How often an idle worker asks for a job (a job queued by this process wakes it at once). */
const POLL_MS = 500;
/** How often a worker whose job the database interrupted checks whether it is back. */
const OUTAGE_RETRY_MS = 1_000;
/** How long stop() lets the job in hand go on before pg-boss is stopped under it. */
const STOP_WAIT_MS = 5_000;

interface ImportMessage {
  jobId: string;
  userId: string;
}

export class ImportQueue {
  private readonly boss: PgBoss;
  private recoverTimer: NodeJS.Timeout | null = null;
  private started = false;
  private stopping = false;
  /** The worker loop, while it runs (its failure is logged, never unhandled). */
  private working: Promise<void> | null = null;
  /** Set when a job is queued (or the queue stops) so that the worker loop's next pause is skipped or cut short. */
  private readonly sleeper = new WakeablePause();

  constructor(
    private readonly dataSource: DataSource,
    private readonly importer: Importer,
    private readonly logger: Logger,
    opts: { url: string; schema: string },
  ) {
    // Its own two connections: polling never waits behind the request pool.
    this.boss = new PgBoss({
      connectionString: opts.url,
      schema: opts.schema,
      max: 2,
      application_name: 'maratron-imports',
      schedule: false,
    });
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
    this.working = this.work().catch((err) => this.logger.error({ err }, 'the import worker stopped'));
    await this.recover();
    this.recoverTimer = setInterval(
      () => void this.recover().catch((err) => this.logger.warn({ err }, 'import recovery failed')),
      RECOVER_EVERY_MS,
    );
    this.recoverTimer.unref();
  }

  async enqueue(jobId: string, userId: string): Promise<void> {
    // The owner's earlier jobs still waiting or running (read as the table owner, a count only).
    const [{ ahead }] = await this.dataSource.query(
      `SELECT count(*)::int AS ahead FROM import_jobs j, import_jobs this
        WHERE this.id = $1 AND j.user_id = this.user_id AND j.id <> this.id AND j.status IN ('QUEUED', 'RUNNING')
          AND (j.created_at, j.id) < (this.created_at, this.id)`,
      [jobId],
    );
    // No pg-boss retries: a failing job records its reason; an interrupted one is resumed (see work()) or found by recover().
    await this.boss.send(QUEUE, { jobId, userId } satisfies ImportMessage, {
      retryLimit: 0,
      expireInHours: 6,
      priority: -Number(ahead ?? 0),
    });
    this.sleeper.wake();
  }

  /** One job at a time, highest priority first, for as long as the queue runs. */
  private async work(): Promise<void> {
    while (!this.stopping) {
      let job: PgBoss.Job<ImportMessage> | undefined;
      let unreachable = false;
      try {
        [job] = await this.boss.fetch<ImportMessage>(QUEUE, { batchSize: 1, priority: true });
      } catch (err) {
        unreachable = true;
        this.logger.warn({ err }, 'the import queue cannot be read; trying again');
      }
      if (job) await this.process(job);
      else await this.sleeper.pause(unreachable ? OUTAGE_RETRY_MS : POLL_MS);
    }
  }

  /**
   * Runs one job. With the database gone (a restart), the importer stops without writing more and
   * the job is resumed from its last committed batch as soon as the database answers again.
   */
  private async process(job: PgBoss.Job<ImportMessage>): Promise<void> {
    const { jobId, userId } = job.data;
    try {
      await this.importer.run(jobId, userId);
    } catch (err) {
      if (!isDatabaseOutage(err)) {
        this.logger.error({ err, jobId }, 'import job failed');
        await this.settle(() => this.boss.fail(QUEUE, job.id, { message: err instanceof Error ? err.message : String(err) }));
        return;
      }
      this.logger.warn({ err, jobId }, 'import interrupted: the database is unavailable; it resumes once the database is back');
      await this.resumeWhenBack(jobId, userId);
    }
    await this.settle(() => this.boss.complete(QUEUE, job.id));
  }

  /** Waits for the database, then queues the interrupted job again; if the queue stops first, recover() finds it at the next start. */
  private async resumeWhenBack(jobId: string, userId: string): Promise<void> {
    while (!this.stopping) {
      await this.sleeper.pause(OUTAGE_RETRY_MS);
      try {
        await this.importer.requeue(jobId, userId);
        await this.enqueue(jobId, userId);
        return;
      } catch (err) {
        if (!isDatabaseOutage(err)) {
          this.logger.error({ err, jobId }, 'an interrupted import could not be queued again; recovery will find it');
          return;
        }
      }
    }
  }

  /** A call to pg-boss whose failure is logged, never thrown: the job's own state is in import_jobs. */
  private async settle(call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (err) {
      this.logger.warn({ err }, 'the import queue could not record a job’s end');
    }
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
      else
        await this.importer.fail(
          job.id,
          job.userId,
          'the import was interrupted by a restart and its uploaded archive is no longer there; upload it again',
        );
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.sleeper.stop();
    if (this.recoverTimer) clearInterval(this.recoverTimer);
    // A job still running after the wait is interrupted with the process; recover() resumes it at the next start.
    if (this.working) await Promise.race([this.working, sleep(STOP_WAIT_MS, undefined, { ref: false })]);
    if (this.started) await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
  }
}
