import type { MigrationInterface, QueryRunner } from 'typeorm';
import { activityOfRecording, summarizeActivity, sustainedPeak } from '@maratron/domain';
import type { RecordedPoint } from '@maratron/domain';

/** Runs backfilled per statement: their recordings are read into memory a batch at a time. */
const BACKFILL_BATCH = 200;

/**
 * run_heart_rates: one row per run with heart rate, the moving seconds it spent at each bpm
 * (`seconds[i]` at `from_bpm + i`, HeartRateHistogram) and its sustained peak (sustainedPeak, for
 * the max heart rate estimate). Written at import from the file; zones and heart-rate load are
 * computed from it for whatever max and resting heart rate the runner has at the time, without
 * reading the track. Owner-only under row-level security, like run_tracks: zones depend on the
 * runner's private max and resting heart rate, so only the runner sees them.
 *
 * training_profiles gains the runner's own max_heart_rate and resting_heart_rate (null: estimated).
 *
 * Runs imported before this migration are backfilled here from their stored recordings with the
 * same moving-time rule as an import (summarizeActivity), so every reader sees one state. Their
 * recordings keep positioned points only: a treadmill run imported earlier has no heart rate to
 * backfill and keeps the pace model.
 */
export class HeartRates1764854000000 implements MigrationInterface {
  name = 'HeartRates1764854000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE training_profiles
        ADD COLUMN max_heart_rate smallint CHECK (max_heart_rate BETWEEN 100 AND 240),
        ADD COLUMN resting_heart_rate smallint CHECK (resting_heart_rate BETWEEN 25 AND 120),
        ADD CONSTRAINT training_profiles_heart_rates_check CHECK (resting_heart_rate < max_heart_rate)`);
    await q.query(`
      CREATE TABLE run_heart_rates (
        run_id uuid PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        from_bpm smallint NOT NULL,
        seconds double precision[] NOT NULL,
        peak smallint NOT NULL
      )`);
    await q.query(`CREATE INDEX run_heart_rates_user_idx ON run_heart_rates (user_id)`);
    await q.query(`ALTER TABLE run_heart_rates ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY run_heart_rates_own ON run_heart_rates USING (user_id = (SELECT maratron_viewer())) WITH CHECK (user_id = (SELECT maratron_viewer()))`,
    );

    await backfillHeartRates((sql, params) => q.query(sql, params));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE run_heart_rates`);
    await q.query(`
      ALTER TABLE training_profiles DROP CONSTRAINT training_profiles_heart_rates_check,
        DROP COLUMN resting_heart_rate, DROP COLUMN max_heart_rate`);
  }
}

/**
 * Writes run_heart_rates for every recording that has none yet (summarizeActivity over the stored
 * points: the moving-time rule of an import), a batch of runs per statement. Exported for its test.
 */
export async function backfillHeartRates(query: (sql: string, params: unknown[]) => Promise<unknown>): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = (await query(
      `SELECT r.id, r.user_id AS "userId", r.started_at AS "startedAt", t.segments::text AS segments
         FROM run_tracks t JOIN runs r ON r.id = t.run_id
        WHERE t.run_id > $1 AND NOT EXISTS (SELECT 1 FROM run_heart_rates h WHERE h.run_id = t.run_id) ORDER BY t.run_id LIMIT ${BACKFILL_BATCH}`,
      [after],
    )) as { id: string; userId: string; startedAt: Date; segments: string }[];
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    const cols: [string[], string[], number[], string[], number[]] = [[], [], [], [], []];
    for (const row of rows) {
      const segments = JSON.parse(row.segments) as RecordedPoint[][];
      const histogram = summarizeActivity(activityOfRecording(row.startedAt, segments)).heartRates;
      const peak = histogram && sustainedPeak(histogram);
      if (!histogram || peak === null) continue;
      cols[0].push(row.id);
      cols[1].push(row.userId);
      cols[2].push(histogram.from);
      cols[3].push(`{${histogram.seconds.join(',')}}`);
      cols[4].push(peak);
    }
    if (cols[0].length > 0) {
      await query(
        `INSERT INTO run_heart_rates (run_id, user_id, from_bpm, seconds, peak)
         SELECT id, u, f, s::float8[], p FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::int[]) AS x(id, u, f, s, p)`,
        cols,
      );
    }
  }
}
