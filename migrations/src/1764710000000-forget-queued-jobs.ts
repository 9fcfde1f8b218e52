import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account deletion also takes the runner's rows out of the job queue's tables (pg-boss's `job` and
 * `archive`, whose data names the runner: `{ jobId, userId }`), which no foreign key ties to the
 * account. The queue's schema is a setting (PGBOSS_SCHEMA), so it is the argument; the runtime
 * role has no rights there, so this is SECURITY DEFINER and only ever deletes the viewer's own
 * rows, in the deleting request's transaction. A queue never started (no tables yet) is skipped.
 */
export class ForgetQueuedJobs1764710000000 implements MigrationInterface {
  name = 'ForgetQueuedJobs1764710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION maratron_forget_queued_jobs(queue_schema text) RETURNS integer LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE
          viewer uuid := maratron_viewer();
          gone integer := 0;
          n integer;
          tbl text;
        BEGIN
          IF viewer IS NULL THEN RETURN 0; END IF;
          FOREACH tbl IN ARRAY ARRAY['job', 'archive'] LOOP
            IF to_regclass(format('%I.%I', queue_schema, tbl)) IS NOT NULL THEN
              EXECUTE format('DELETE FROM %I.%I WHERE data->>''userId'' = $1', queue_schema, tbl) USING viewer::text;
              GET DIAGNOSTICS n = ROW_COUNT;
              gone := gone + n;
            END IF;
          END LOOP;
          RETURN gone;
        END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION maratron_forget_queued_jobs(text)`);
  }
}
