import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security for a run's recording and efforts: they are as visible as their run
 * (the runs policy applies inside these subqueries) and written only by its runner.
 */
export class TrainingRowLevelSecurity1764250000000 implements MigrationInterface {
  name = 'TrainingRowLevelSecurity1764250000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['run_tracks', 'run_efforts']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY ${table}_read ON ${table} FOR SELECT USING (EXISTS (SELECT 1 FROM runs r WHERE r.id = ${table}.run_id))`,
      );
      await q.query(`
        CREATE POLICY ${table}_write ON ${table} FOR ALL
          USING (EXISTS (SELECT 1 FROM runs r WHERE r.id = ${table}.run_id AND r.user_id = (SELECT maratron_viewer())))
          WITH CHECK (EXISTS (SELECT 1 FROM runs r WHERE r.id = ${table}.run_id AND r.user_id = (SELECT maratron_viewer())))`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['run_tracks', 'run_efforts']) {
      await q.query(`DROP POLICY ${table}_write ON ${table}`);
      await q.query(`DROP POLICY ${table}_read ON ${table}`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
  }
}
