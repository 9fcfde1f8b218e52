// A run's laps (table run_laps, one json array per run): stored with an imported run, read as Run.laps.
import type { RequestDb } from '../database/request-db';

/** A run's laps as stored: ActivityLap[] as JSON. */
export interface RunLaps {
  runId: string;
  laps: string;
}

/** Stores the laps of new runs in one statement; runs without laps get no row. */
export async function insertLaps(db: RequestDb, runs: readonly RunLaps[]): Promise<void> {
  const withLaps = runs.filter((r) => r.laps !== '[]');
  if (withLaps.length === 0) return;
  await db.execute(`INSERT INTO run_laps (run_id, laps) SELECT * FROM unnest($1::uuid[], $2::json[])`, [
    withLaps.map((r) => r.runId),
    withLaps.map((r) => r.laps),
  ]);
}
