import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training intelligence: the recording of imported runs and every run's best efforts.
 *
 * - run_tracks: one row per imported run (segments for the map and the GPX export, kilometre
 *   splits); read by run id only, so the primary key is its index. The format check already allows
 *   FIT so that its importer needs no migration of its own.
 * - run_efforts: a run's best time over each race distance it covers, written with the run. The
 *   records query (fastest effort per distance, all time and since a date) walks
 *   run_efforts_best_idx: one index probe per distance, however many runs there are.
 *
 * Runs that exist already get their whole-run efforts here, with the rule of bestEffortsForRun for
 * runs without a track: each distance the run covers (to the millimetre) at its average pace,
 * rounded to whole seconds (half up, as Math.round).
 */
export class Training1764200000000 implements MigrationInterface {
  name = 'Training1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE run_tracks (
        run_id uuid PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
        source_format varchar(8) NOT NULL CHECK (source_format IN ('GPX', 'TCX', 'FIT')),
        segments json NOT NULL,
        splits json NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE run_efforts (
        run_id uuid NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        distance varchar(16) NOT NULL CHECK (distance IN ('K5', 'K10', 'HALF_MARATHON', 'MARATHON')),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        duration int NOT NULL CHECK (duration > 0),
        started_at timestamptz NOT NULL,
        PRIMARY KEY (run_id, distance)
      )`);
    await q.query(`CREATE INDEX run_efforts_best_idx ON run_efforts (user_id, distance, duration, started_at)`);

    await q.query(`
      INSERT INTO run_efforts (run_id, distance, user_id, duration, started_at)
      SELECT r.id, d.key, r.user_id, round((r.duration * d.metres / r.distance)::numeric)::int, r.started_at
        FROM runs r
        JOIN (VALUES ('K5', 5000::float8), ('K10', 10000), ('HALF_MARATHON', 21097.5), ('MARATHON', 42195)) d(key, metres)
          ON r.distance >= d.metres - 0.001
       WHERE round((r.duration * d.metres / r.distance)::numeric) > 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE run_efforts`);
    await q.query(`DROP TABLE run_tracks`);
  }
}
