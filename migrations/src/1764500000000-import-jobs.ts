import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk imports (POST /api/imports): one row per uploaded archive, its progress and the reason
 * of every file that was skipped or failed. Listed per owner newest first (importJobs), hence the
 * index; a job goes with its owner's account. `next_entry` is how far the worker got (committed
 * with the runs it imported), so a job interrupted by a restart resumes there; `heartbeat_at` tells
 * a live worker's job from an interrupted one.
 *
 * Row-level security: a job is its owner's alone, for reading and writing alike; the worker acts
 * as the job's owner.
 */
export class ImportJobs1764500000000 implements MigrationInterface {
  name = 'ImportJobs1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        status varchar(8) NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
        file_name varchar(255),
        archive_path text NOT NULL,
        total int NOT NULL DEFAULT 0,
        imported int NOT NULL DEFAULT 0,
        skipped int NOT NULL DEFAULT 0,
        failed int NOT NULL DEFAULT 0,
        next_entry int NOT NULL DEFAULT 0,
        problems jsonb NOT NULL DEFAULT '[]',
        heartbeat_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX import_jobs_user_created ON import_jobs (user_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX import_jobs_unfinished ON import_jobs (heartbeat_at) WHERE status IN ('QUEUED', 'RUNNING')`);
    await q.query(`ALTER TABLE import_jobs ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY import_jobs_read ON import_jobs FOR SELECT USING (user_id = (SELECT maratron_viewer()))`);
    await q.query(`CREATE POLICY import_jobs_insert ON import_jobs FOR INSERT WITH CHECK (user_id = (SELECT maratron_viewer()))`);
    await q.query(
      `CREATE POLICY import_jobs_update ON import_jobs FOR UPDATE USING (user_id = (SELECT maratron_viewer())) WITH CHECK (user_id = (SELECT maratron_viewer()))`,
    );
    await q.query(`CREATE POLICY import_jobs_delete ON import_jobs FOR DELETE USING (user_id = (SELECT maratron_viewer()))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_jobs`);
  }
}
