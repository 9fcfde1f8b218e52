import DataLoader from 'dataloader';
import { heartRateLimits, MAX_ESTIMATE_DAYS, sustainedPeak } from '@maratron/domain';
import type { HeartRateHistogram, HeartRateLimits } from '@maratron/domain';
import type { RequestDb } from '../database/request-db';
import { byKey } from '../database/rows';

/** The viewer's max and resting heart rate, and whether each was estimated rather than set. */
export type ViewerHeartRateLimits = HeartRateLimits & { maxEstimated: boolean; restEstimated: boolean };

/** A run's heart-rate histogram as stored (run_heart_rates). */
export interface RunHeartRates {
  runId: string;
  histogram: HeartRateHistogram;
}

/** Stores the heart-rate histograms of new runs (those with heart rate), in one statement. */
export async function insertHeartRates(
  db: RequestDb,
  userId: string,
  runs: readonly { runId: string; histogram: HeartRateHistogram | null }[],
): Promise<void> {
  const rows = runs.flatMap(({ runId, histogram }) => {
    const peak = histogram && sustainedPeak(histogram);
    return histogram && peak !== null ? [{ runId, histogram, peak }] : [];
  });
  if (rows.length === 0) return;
  await db.execute(
    `INSERT INTO run_heart_rates (run_id, user_id, from_bpm, seconds, peak)
     SELECT id, $1, f, s::float8[], p FROM unnest($2::uuid[], $3::int[], $4::text[], $5::int[]) AS x(id, f, s, p)`,
    [
      userId,
      rows.map((r) => r.runId),
      rows.map((r) => r.histogram.from),
      rows.map((r) => `{${r.histogram.seconds.join(',')}}`),
      rows.map((r) => r.peak),
    ],
  );
}

/** Histograms of the owner's runs that started in [from, to). */
export async function heartRatesBetween(db: RequestDb, ownerId: string, from: Date, to: Date): Promise<RunHeartRates[]> {
  const rows = await db.query<{ runId: string; from: number; seconds: number[] }>(
    `SELECT h.run_id AS "runId", h.from_bpm AS "from", h.seconds FROM run_heart_rates h JOIN runs r ON r.id = h.run_id
      WHERE h.user_id = $1 AND r.started_at >= $2 AND r.started_at < $3`,
    [ownerId, from, to],
  );
  return rows.map((r) => ({ runId: r.runId, histogram: { from: r.from, seconds: r.seconds } }));
}

/**
 * Heart-rate data of the viewer's own runs: run_heart_rates is owner-only under row-level security,
 * and zones need the runner's private max and resting heart rate, so nobody else's is ever read.
 */
export function createHeartRateLoaders(db: RequestDb, viewerId: string | null) {
  let limits: Promise<ViewerHeartRateLimits | null> | undefined;
  const loadLimits = async (): Promise<ViewerHeartRateLimits | null> => {
    if (!viewerId) return null;
    const [row] = await db.query<{ max: number | null; rest: number | null; peak: number | null }>(
      `SELECT p.max_heart_rate AS max, p.resting_heart_rate AS rest,
              (SELECT max(h.peak) FROM run_heart_rates h JOIN runs r ON r.id = h.run_id
                WHERE h.user_id = $1 AND r.started_at >= now() - make_interval(days => $2)) AS peak
         FROM (SELECT 1) one LEFT JOIN training_profiles p ON p.user_id = $1`,
      [viewerId, MAX_ESTIMATE_DAYS],
    );
    return heartRateLimits({ maxHeartRate: row.max, restingHeartRate: row.rest }, row.peak === null ? [] : [row.peak]);
  };
  return {
    /** A run's histogram; null without heart rate or when the run is not the viewer's. */
    runHeartRates: new DataLoader<string, HeartRateHistogram | null>(async (ids) => {
      const rows = await db.query<{ runId: string; from: number; seconds: number[] }>(
        `SELECT run_id AS "runId", from_bpm AS "from", seconds FROM run_heart_rates WHERE run_id = ANY($1::uuid[])`,
        [ids],
      );
      return byKey(ids, rows, (r) => r.runId).map((r) => r && { from: r.from, seconds: r.seconds });
    }),
    /**
     * The viewer's limits (heartRateLimits): as set in their training profile, else the max from
     * the highest sustained peak of their runs of the last MAX_ESTIMATE_DAYS days. Read once per request.
     */
    viewerHeartRateLimits: (): Promise<ViewerHeartRateLimits | null> => (limits ??= loadLimits()),
  };
}
