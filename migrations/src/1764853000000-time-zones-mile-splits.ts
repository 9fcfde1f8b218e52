import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './app-role';
import { visibleToViewer } from './1764160000000-row-level-security';
import { runSplitsFunctionSql } from './1764811000000-privacy-zones';
import { notBlockedBy } from './1764820000000-follow-requests-blocks';

/**
 * A run's splits in the asked unit for whoever may see the run: `maratron_run_splits(run_ids uuid[],
 * per_mile boolean DEFAULT false)` returns `TABLE (run_id uuid, splits json)`, the kilometre splits (`splits`) or
 * the mile splits (`mile_splits`, NULL for recordings imported before they were kept), for those of
 * the runs the viewer may see that have a recording. `visible` is the runs_read rule, as for
 * maratron_run_track: a migration that changes the rule re-creates both.
 */
export function runSplitsByUnitFunctionSql(visible: string): string {
  return `maratron_run_splits(run_ids uuid[], per_mile boolean DEFAULT false)
    RETURNS TABLE (run_id uuid, splits json)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
      SELECT t.run_id, CASE WHEN maratron_run_splits.per_mile THEN t.mile_splits ELSE t.splits END
        FROM runs r JOIN run_tracks t ON t.run_id = r.id
       WHERE r.id = ANY(maratron_run_splits.run_ids)
         AND (${visible})
    $$`;
}

/**
 * The runner's time zone and splits per mile (issue 17).
 *
 * - training_profiles.time_zone: the IANA zone weeks, months, years and days are counted in (the
 *   app checks the name; PostgreSQL's `AT TIME ZONE` and Intl know the same tz database). Every
 *   runner from before has 'UTC', which is how everything was counted until now. Runners without
 *   a profile row count in UTC too (the column's default, applied in the app).
 * - run_tracks.mile_splits: splits per mile, computed from the file at import beside the
 *   kilometre splits (the recording alone cannot give them back: treadmill points are not kept).
 *   Recordings imported before have NULL; the app derives theirs from their kilometre splits.
 * - maratron_run_splits gains the unit, false (kilometres) by default: the one-argument version
 *   is replaced, so a call with the run ids alone still means kilometre splits, and there stays
 *   one function to re-create when the visibility rule changes.
 *
 * No new index: every period is a range of instants computed in the app ([local midnight, next
 * local midnight)) and compared with the bare `started_at`, so the existing (user_id, started_at)
 * indexes serve any zone.
 */
export class TimeZonesMileSplits1764853000000 implements MigrationInterface {
  name = 'TimeZonesMileSplits1764853000000';

  private readonly runVisible = `${visibleToViewer('r')} AND ${notBlockedBy('r.user_id')}`;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE training_profiles ADD COLUMN time_zone varchar(64) NOT NULL DEFAULT 'UTC'`);
    await q.query(`ALTER TABLE run_tracks ADD COLUMN mile_splits json`);
    await q.query(`DROP FUNCTION maratron_run_splits(uuid[])`);
    await q.query(`CREATE FUNCTION ${runSplitsByUnitFunctionSql(this.runVisible)}`);
    await q.query(`REVOKE ALL ON FUNCTION maratron_run_splits(uuid[], boolean) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION maratron_run_splits(uuid[], boolean) TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION maratron_run_splits(uuid[], boolean)`);
    await q.query(`CREATE FUNCTION ${runSplitsFunctionSql(this.runVisible)}`);
    await q.query(`REVOKE ALL ON FUNCTION maratron_run_splits(uuid[]) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION maratron_run_splits(uuid[]) TO ${APP_ROLE}`);
    await q.query(`ALTER TABLE run_tracks DROP COLUMN mile_splits`);
    await q.query(`ALTER TABLE training_profiles DROP COLUMN time_zone`);
  }
}
