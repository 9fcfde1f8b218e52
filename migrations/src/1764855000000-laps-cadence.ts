import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Laps and cadence (issue 17, "Training depth").
 *
 * - runs.average_cadence (steps per minute) and runs.max_heart_rate: from the run's file; null for
 *   runs typed in by hand and for files without them.
 * - run_laps: one row per run with laps (the device's, from a TCX or FIT file, or restored from an
 *   account archive), all of them in one json array as Run.laps answers them: read whole, by run id.
 *   Laps are distances, times, heart rate and cadence — no position — so they are as visible as
 *   their run (the runs policy applies inside the subquery, visibility and blocks together),
 *   whatever its map shows, and written only by its runner, as run_efforts.
 */
export class LapsCadence1764855000000 implements MigrationInterface {
  name = 'LapsCadence1764855000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE runs
        ADD COLUMN average_cadence smallint CHECK (average_cadence BETWEEN 1 AND 300),
        ADD COLUMN max_heart_rate smallint CHECK (max_heart_rate BETWEEN 20 AND 250)`);
    await q.query(`
      CREATE TABLE run_laps (
        run_id uuid PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
        laps json NOT NULL
      )`);
    await q.query(`ALTER TABLE run_laps ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY run_laps_read ON run_laps FOR SELECT USING (EXISTS (SELECT 1 FROM runs r WHERE r.id = run_laps.run_id))`);
    await q.query(`
      CREATE POLICY run_laps_write ON run_laps FOR ALL
        USING (EXISTS (SELECT 1 FROM runs r WHERE r.id = run_laps.run_id AND r.user_id = (SELECT maratron_viewer())))
        WITH CHECK (EXISTS (SELECT 1 FROM runs r WHERE r.id = run_laps.run_id AND r.user_id = (SELECT maratron_viewer())))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE run_laps`);
    await q.query(`ALTER TABLE runs DROP COLUMN max_heart_rate, DROP COLUMN average_cadence`);
  }
}
