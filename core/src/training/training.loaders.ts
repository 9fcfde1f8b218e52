import DataLoader from 'dataloader';
import { RACE_DISTANCE_KEYS } from '@maratron/domain';
import { Run } from '@maratron/schema';
import type { Effort, RaceDistanceKey } from '@maratron/domain';
import type { RequestDb } from '../database/request-db';
import { groupByKey, hydrate } from '../database/rows';
import { RUN_COLUMNS } from '../runs/runs.sql';

/** A personal record: the fastest effort over a race distance and the run it was found in. */
export interface BestEffort {
  distance: RaceDistanceKey;
  /** Seconds. */
  duration: number;
  run: Run;
}

export interface ViewerBests {
  /** Fastest effort per race distance of all time, in RACE_DISTANCE_KEYS order; distances never covered are absent. */
  allTime: BestEffort[];
  /** Fastest effort per race distance since the key's date (the VDOT window). */
  recent: Effort[];
}

/**
 * The viewer's own training data: every run of theirs counts, whatever its visibility, and
 * nobody else's ever does (the viewer is bound here, not passed in keys).
 */
export function createTrainingLoaders(db: RequestDb, viewerId: string | null) {
  return {
    /**
     * Personal records and recent bests, keyed by the start of the recent window. One statement:
     * per race distance, one probe of run_efforts_best_idx (user, distance, duration) for the fastest
     * effort ever and one for the fastest since the date, with the record's run joined.
     */
    viewerBestEfforts: new DataLoader<Date, ViewerBests, number>(
      async (sinces) => {
        if (!viewerId) return sinces.map(() => ({ allTime: [], recent: [] }));
        const rows = await db.query<
          Run & { n: string; effortDistance: RaceDistanceKey; effortDuration: number; recentDuration: number | null }
        >(
          `SELECT s.n::text AS n, k.key AS "effortDistance", best.duration AS "effortDuration", recent.duration AS "recentDuration", ${RUN_COLUMNS}
             FROM unnest($2::timestamptz[]) WITH ORDINALITY AS s(since, n)
            CROSS JOIN unnest($3::varchar[]) WITH ORDINALITY AS k(key, ord)
            CROSS JOIN LATERAL (
              SELECT e.run_id, e.duration FROM run_efforts e
               WHERE e.user_id = $1 AND e.distance = k.key
               ORDER BY e.duration, e.started_at LIMIT 1
            ) best
             JOIN runs r ON r.id = best.run_id
             LEFT JOIN LATERAL (
              SELECT e.duration FROM run_efforts e
               WHERE e.user_id = $1 AND e.distance = k.key AND e.started_at >= s.since
               ORDER BY e.duration LIMIT 1
            ) recent ON true
            ORDER BY s.n, k.ord`,
          [viewerId, sinces, RACE_DISTANCE_KEYS],
        );
        const perSince = groupByKey(
          sinces.map((_, i) => String(i + 1)),
          rows,
          (r) => r.n,
        );
        return perSince.map((list) => ({
          allTime: list.map(({ n: _n, effortDistance, effortDuration, recentDuration: _r, ...run }) => ({
            distance: effortDistance,
            duration: effortDuration,
            run: hydrate(Run, [run])[0],
          })),
          recent: list.filter((r) => r.recentDuration !== null).map((r) => ({ distance: r.effortDistance, duration: r.recentDuration! })),
        }));
      },
      { cacheKeyFn: (d) => d.getTime() },
    ),
  };
}
