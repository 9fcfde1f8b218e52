import { DomainError, notFound, parseId } from '@maratron/domain';
import { ImportJob } from '@maratron/schema';
import { requireViewer } from '../context';
import type { RequestContext } from '../context';
import type { RequestDb } from '../database/request-db';
import { hydrate } from '../database/rows';
import { IMPORT_JOB_COLUMNS } from './imports.sql';

/** Most jobs importJobs lists. */
const MAX_JOBS = 50;

/**
 * Bulk import jobs as their owner sees them (row-level security keeps them the owner's: another
 * runner's job id reads as missing), and the row a new upload becomes.
 */
export class ImportsService {
  /**
   * A new QUEUED job for an archive waiting at `archivePath`; the caller enqueues it after commit.
   * A runner has at most `maxActive` jobs waiting or running: past it, RATE_LIMITED.
   */
  async create(
    ctx: RequestContext,
    upload: { fileName: string | null; archivePath: string; total: number },
    maxActive: number,
  ): Promise<ImportJob> {
    const viewerId = requireViewer(ctx);
    // Two uploads finishing together take turns here, so both can't slip under the limit.
    await ctx.db.execute(`SELECT pg_advisory_xact_lock(hashtext('maratron:imports:' || $1))`, [viewerId]);
    await this.assertRoomForAnother(ctx, maxActive);
    const rows = await ctx.db.query<ImportJob>(
      `INSERT INTO import_jobs AS j (user_id, file_name, archive_path, total) VALUES ($1, $2, $3, $4) RETURNING ${IMPORT_JOB_COLUMNS}`,
      [viewerId, upload.fileName?.slice(0, 255) ?? null, upload.archivePath, upload.total],
    );
    return hydrate(ImportJob, rows)[0];
  }

  /**
   * RATE_LIMITED when the viewer already has `maxActive` imports waiting or running: each job is one
   * worker's time, and a runner's queue must not grow without end (checked before an upload is
   * received, and again, under a lock, when it becomes a job).
   */
  async assertRoomForAnother(ctx: RequestContext, maxActive: number): Promise<void> {
    const viewerId = requireViewer(ctx);
    const [{ n }] = await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM import_jobs WHERE user_id = $1 AND status IN ('QUEUED', 'RUNNING')`,
      [viewerId],
    );
    if (n >= maxActive) {
      throw new DomainError(
        'RATE_LIMITED',
        `You already have ${n} imports waiting or running (at most ${maxActive}); upload this archive when one has finished`,
      );
    }
  }

  /** The viewer's own job, or null (someone else's looks missing). */
  async get(ctx: RequestContext, id: string): Promise<ImportJob | null> {
    const viewerId = requireViewer(ctx);
    return jobOf(ctx.db, parseId(id), viewerId);
  }

  /** importProgress: only the job's owner may follow it. */
  async require(ctx: RequestContext, id: string): Promise<ImportJob> {
    const job = await this.get(ctx, id);
    if (!job) throw notFound('Import job');
    return job;
  }

  /** The viewer's jobs, newest first. */
  async list(ctx: RequestContext, first: number | null | undefined): Promise<ImportJob[]> {
    const viewerId = requireViewer(ctx);
    const limit = Math.max(0, Math.min(first ?? 10, MAX_JOBS));
    const rows = await ctx.db.query<ImportJob>(
      `SELECT ${IMPORT_JOB_COLUMNS} FROM import_jobs j WHERE j.user_id = $1 ORDER BY j.created_at DESC, j.id DESC LIMIT $2`,
      [viewerId, limit],
    );
    return hydrate(ImportJob, rows);
  }
}

export async function jobOf(db: RequestDb, id: string, userId: string): Promise<ImportJob | null> {
  const rows = await db.query<ImportJob>(`SELECT ${IMPORT_JOB_COLUMNS} FROM import_jobs j WHERE j.id = $1 AND j.user_id = $2`, [
    id,
    userId,
  ]);
  return hydrate(ImportJob, rows)[0] ?? null;
}
