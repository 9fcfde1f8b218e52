import { bestEffortsForRun, RACE_DISTANCE_KEYS } from '@maratron/domain';
import type { ActivityFileFormat, RaceDistanceKey, TrackSample } from '@maratron/domain';
import type { RequestDb } from '../database/request-db';

/** What a run's best efforts are computed from. */
export interface EffortSource {
  id: string;
  userId: string;
  startedAt: Date;
  distance: number;
  duration: number;
  /** The (moving time, distance) series of an imported run; none for a run typed in by hand. */
  samples?: readonly TrackSample[] | null;
  /** Best efforts already computed (an import does it as it reads the file); else from the above. */
  efforts?: Record<RaceDistanceKey, number | null>;
}

/**
 * Stores the best efforts of new runs (bestEffortsForRun: from the track when there is one, else the
 * whole run pro-rated), in one statement however many runs. Personal records and VDOT read them.
 */
export async function insertEfforts(db: RequestDb, runs: readonly EffortSource[]): Promise<void> {
  const cols: [string[], string[], string[], number[], Date[]] = [[], [], [], [], []];
  for (const run of runs) {
    const best = run.efforts ?? bestEffortsForRun(run);
    for (const key of RACE_DISTANCE_KEYS) {
      const seconds = best[key];
      if (seconds === null) continue;
      cols[0].push(run.id);
      cols[1].push(key);
      cols[2].push(run.userId);
      cols[3].push(seconds);
      cols[4].push(run.startedAt);
    }
  }
  if (cols[0].length === 0) return;
  await db.execute(
    `INSERT INTO run_efforts (run_id, distance, user_id, duration, started_at)
     SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::int[], $5::timestamptz[])`,
    cols,
  );
}

/** Recomputes a run's efforts after its distance or duration changed. */
export async function replaceEfforts(db: RequestDb, run: EffortSource): Promise<void> {
  await db.execute(`DELETE FROM run_efforts WHERE run_id = $1`, [run.id]);
  await insertEfforts(db, [run]);
}

/** Keeps the efforts' copy of the start time (the VDOT window reads it) in step with the run's. */
export async function moveEfforts(db: RequestDb, runId: string, startedAt: Date): Promise<void> {
  await db.execute(`UPDATE run_efforts SET started_at = $2 WHERE run_id = $1`, [runId, startedAt]);
}

/** An imported run's recording and splits, kept beside it. */
export interface RunRecording {
  runId: string;
  format: ActivityFileFormat;
  /** RecordedPoint[][] as JSON. */
  segments: string;
  /** ActivitySplit[] as JSON, per kilometre and per mile. */
  splits: string;
  mileSplits: string;
}

/** Stores the recordings of new runs, in one statement however many runs. */
export async function insertRecordings(db: RequestDb, recordings: readonly RunRecording[]): Promise<void> {
  if (recordings.length === 0) return;
  await db.execute(
    `INSERT INTO run_tracks (run_id, source_format, segments, splits, mile_splits)
     SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::json[], $4::json[], $5::json[])`,
    [
      recordings.map((r) => r.runId),
      recordings.map((r) => r.format),
      recordings.map((r) => r.segments),
      recordings.map((r) => r.splits),
      recordings.map((r) => r.mileSplits),
    ],
  );
}
