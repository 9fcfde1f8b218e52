import DataLoader from 'dataloader';
import { METRES_PER_MILE, resplit, visibleToViewerSql } from '@maratron/domain';
import { Run, Shoe, User } from '@maratron/schema';
import type { ActivityLap, ActivitySplit, RecordedPoint } from '@maratron/domain';
import type { RunStats } from '@maratron/schema';
import { pick, select } from '../database/columns';
import type { Keyset } from '../common/pagination';
import type { RequestDb } from '../database/request-db';
import { byKey, groupByKey, hydrate } from '../database/rows';
import { SHOE_FIELDS } from '../shoes/shoes.sql';
import { USER_FIELDS } from '../users/users.sql';
import { RUN_COLUMNS, RUN_FIELDS } from './runs.sql';

/** Where a runs page puts the users and shoes it fetched alongside (their loaders' caches). */
export interface RunPagePriming {
  user(user: User): void;
  shoe(shoe: Shoe): void;
}

/** A page of one runner's runs as the viewer may see them, newest first. */
export interface RunsPageKey {
  ownerId: string;
  /** Rows to fetch (page size + 1). */
  limit: number;
  after: Keyset | null;
  from: Date | null;
  to: Date | null;
}

/** A run's track for the API, at most `maxPoints` points (TRACK_MAX_POINTS_PER_RESPONSE). */
export interface TrackKey {
  runId: string;
  maxPoints: number;
}

const trackKey = (k: TrackKey) => `${k.runId}:${k.maxPoints}`;

export interface RunsRangeKey {
  ownerId: string;
  from: Date | null;
  to: Date | null;
}

const json = (key: unknown) => JSON.stringify(key);

/** Splits a batch into groups that share the given parts of their keys (one SQL each). */
function groupsOf<K>(keys: readonly K[], shared: (k: K) => string): K[][] {
  const groups = new Map<string, K[]>();
  for (const k of keys) {
    const list = groups.get(shared(k));
    if (list) list.push(k);
    else groups.set(shared(k), [k]);
  }
  return [...groups.values()];
}

export function createRunLoaders(db: RequestDb, viewerId: string | null, prime: RunPagePriming) {
  const visible = visibleToViewerSql('r', '$1');

  /**
   * Kilometre splits of runs imported from a file ([] for the others), as visible as their run
   * whatever its map shows: through maratron_run_splits, since the recording they are stored
   * beside is its runner's alone. Kept apart from the recording so a list of runs with their
   * splits never reads the tracks.
   */
  const runSplits = new DataLoader<string, ActivitySplit[]>(async (ids) => {
    const rows = await db.query<{ runId: string; splits: ActivitySplit[] }>(
      `SELECT s.run_id AS "runId", s.splits FROM maratron_run_splits($1::uuid[], false) s`,
      [ids],
    );
    return byKey(ids, rows, (r) => r.runId).map((r) => r?.splits ?? []);
  });

  return {
    /** Runs by id that the viewer may see; null for missing or hidden ones. */
    visibleRunById: new DataLoader<string, Run | null>(async (ids) => {
      const rows = await db.query<Run>(`SELECT ${RUN_COLUMNS} FROM runs r WHERE r.id = ANY($2::uuid[]) AND ${visible}`, [viewerId, ids]);
      return byKey(ids, hydrate(Run, rows), (r) => r.id);
    }),

    /**
     * Pages of runs for many runners at once (a list of users each with `runs`): one
     * LATERAL query per distinct (limit, from, to), however many runners are on the page.
     * A page almost always shows its runs' runner and shoe, so they come in the same
     * statement and prime those loaders: a runs page is one SQL statement.
     */
    runsPage: new DataLoader<RunsPageKey, Run[], string>(
      async (keys) => {
        const results = new Map<RunsPageKey, Run[]>();
        for (const group of groupsOf(keys, (k) => json([k.limit, k.from, k.to]))) {
          const { limit, from, to } = group[0];
          const rows = await db.query<Record<string, unknown> & { k: string }>(
            `SELECT k.n::text AS k, r.* FROM unnest($2::uuid[], $3::timestamptz[], $4::uuid[]) WITH ORDINALITY AS k(owner, c_at, c_id, n)
             CROSS JOIN LATERAL (
               SELECT ${RUN_COLUMNS}, ${select('u', USER_FIELDS, 'u.')}, ${select('s', SHOE_FIELDS, 's.')}
                 FROM runs r JOIN users u ON u.id = r.user_id LEFT JOIN shoes s ON s.id = r.shoe_id
                WHERE r.user_id = k.owner AND ${visible}
                  AND (k.c_at IS NULL OR (r.started_at, r.id) < (k.c_at, k.c_id))
                  AND ($5::timestamptz IS NULL OR r.started_at >= $5)
                  AND ($6::timestamptz IS NULL OR r.started_at <= $6)
                ORDER BY r.started_at DESC, r.id DESC
                LIMIT $7
             ) r`,
            [
              viewerId,
              group.map((k) => k.ownerId),
              group.map((k) => k.after?.at ?? null),
              group.map((k) => k.after?.id ?? null),
              from,
              to,
              limit,
            ],
          );
          const perKey = groupByKey(
            group.map((_, i) => String(i + 1)),
            rows,
            (r) => r.k,
          );
          group.forEach((key, i) =>
            results.set(
              key,
              perKey[i].map((row) => {
                const user = pick(User, row, USER_FIELDS, 'u.');
                const shoe = pick(Shoe, row, SHOE_FIELDS, 's.');
                if (user) prime.user(user);
                if (shoe) prime.shoe(shoe);
                return pick(Run, row, RUN_FIELDS, '')!;
              }),
            ),
          );
        }
        return keys.map((k) => results.get(k)!);
      },
      { cacheKeyFn: json },
    ),

    /** How many runs of a runner the viewer may see (in a date range). */
    runsCount: new DataLoader<RunsRangeKey, number, string>(
      async (keys) => {
        const results = new Map<RunsRangeKey, number>();
        for (const group of groupsOf(keys, (k) => json([k.from, k.to]))) {
          const rows = await db.query<{ owner: string; n: number }>(
            `SELECT r.user_id AS owner, count(*)::int AS n FROM runs r
              WHERE r.user_id = ANY($2::uuid[]) AND ${visible}
                AND ($3::timestamptz IS NULL OR r.started_at >= $3)
                AND ($4::timestamptz IS NULL OR r.started_at <= $4)
              GROUP BY r.user_id`,
            [viewerId, group.map((k) => k.ownerId), group[0].from, group[0].to],
          );
          const counts = byKey(
            group.map((k) => k.ownerId),
            rows,
            (r) => r.owner,
          );
          group.forEach((key, i) => results.set(key, counts[i]?.n ?? 0));
        }
        return keys.map((k) => results.get(k)!);
      },
      { cacheKeyFn: json },
    ),

    /** Totals of a runner's runs started in [from, to) (null: unbounded), as the viewer may see them. */
    runStats: new DataLoader<RunsRangeKey, RunStats, string>(
      async (keys) => {
        const results = new Map<RunsRangeKey, RunStats>();
        for (const group of groupsOf(keys, (k) => json([k.from, k.to]))) {
          const rows = await db.query<{ owner: string; runCount: number; distance: number; duration: number; elevationGain: number }>(
            `SELECT r.user_id AS owner, count(*)::int AS "runCount", sum(r.distance) AS distance,
                    sum(r.duration)::float8 AS duration, coalesce(sum(r.elevation_gain), 0) AS "elevationGain"
               FROM runs r
              WHERE r.user_id = ANY($2::uuid[]) AND ${visible}
                AND ($3::timestamptz IS NULL OR r.started_at >= $3) AND ($4::timestamptz IS NULL OR r.started_at < $4)
              GROUP BY r.user_id`,
            [viewerId, group.map((k) => k.ownerId), group[0].from, group[0].to],
          );
          const stats = byKey(
            group.map((k) => k.ownerId),
            rows,
            (r) => r.owner,
          );
          group.forEach((key, i) => {
            const s = stats[i];
            results.set(key, {
              runCount: s?.runCount ?? 0,
              distance: s?.distance ?? 0,
              duration: Math.round(s?.duration ?? 0),
              elevationGain: s?.elevationGain ?? 0,
              averagePace: s && s.distance > 0 ? s.duration / (s.distance / 1000) : null,
            });
          });
        }
        return keys.map((k) => results.get(k)!);
      },
      { cacheKeyFn: json },
    ),

    runSplits,

    /**
     * Mile splits, by the same rule and function. Recordings kept before mile splits were have none
     * stored (NULL): theirs are cut from their kilometre splits (resplit).
     */
    runMileSplits: new DataLoader<string, ActivitySplit[]>(async (ids) => {
      // The run's totals (read under runs' own policy, as visible as the splits) let the derived
      // splits cover what the kilometre ones leave out at the end.
      const rows = await db.query<{ runId: string; splits: ActivitySplit[] | null; distance: number; duration: number }>(
        `SELECT s.run_id AS "runId", s.splits, r.distance, r.duration
           FROM maratron_run_splits($1::uuid[], true) s JOIN runs r ON r.id = s.run_id`,
        [ids],
      );
      return Promise.all(
        byKey(ids, rows, (r) => r.runId).map(async (r) =>
          !r ? [] : (r.splits ?? resplit(await runSplits.load(r.runId), METRES_PER_MILE, r)),
        ),
      );
    }),

    /** The device's laps of runs ([] without): run_laps, as visible as their run (its row-level security). */
    runLaps: new DataLoader<string, ActivityLap[]>(async (ids) => {
      const rows = await db.query<{ runId: string; laps: ActivityLap[] }>(
        `SELECT l.run_id AS "runId", l.laps FROM run_laps l WHERE l.run_id = ANY($1::uuid[])`,
        [ids],
      );
      return byKey(ids, rows, (r) => r.runId).map((r) => r?.laps ?? []);
    }),

    /**
     * `Run.track` as the API answers it: [lat, lon] or [lat, lon, elevation] per point, segments in
     * order, at most `maxPoints` points. The points come from maratron_run_track, THE track rule in
     * the database (migrations/src/1764811000000-privacy-zones.ts): only runs the viewer may see,
     * nothing of a hidden map but to its runner, no point inside the runner's privacy zones for
     * anyone else, thinned there evenly (first and last kept) so a 200,000-point recording never
     * crosses into this process whole. Null when no point is left (or the run has none).
     */
    runTrack: new DataLoader<TrackKey, number[][] | null, string>(
      async (keys) => {
        const results = new Map<string, number[][] | null>();
        const byLimit = new Map<number, TrackKey[]>();
        for (const key of keys) byLimit.set(key.maxPoints, [...(byLimit.get(key.maxPoints) ?? []), key]);
        for (const group of byLimit.values()) {
          const ids = group.map((k) => k.runId);
          const rows = await db.query<{ runId: string; track: number[][] }>(
            `SELECT k.id AS "runId",
                    json_agg(CASE WHEN p.point->>2 IS NULL THEN json_build_array(p.point->0, p.point->1)
                                  ELSE json_build_array(p.point->0, p.point->1, p.point->2) END ORDER BY p.seq) AS track
               FROM unnest($1::uuid[]) AS k(id) CROSS JOIN LATERAL maratron_run_track(k.id, $2::int) p
              GROUP BY k.id`,
            [ids, group[0].maxPoints],
          );
          byKey(ids, rows, (r) => r.runId).forEach((row, i) => results.set(trackKey(group[i]), row?.track ?? null));
        }
        return keys.map((k) => results.get(trackKey(k)) ?? null);
      },
      { cacheKeyFn: trackKey },
    ),

    /**
     * A run's whole recording as the viewer may see it (maratron_run_track, not thinned), by segment:
     * the GPX download. Null when no point is left (or the run has none).
     */
    runRecording: new DataLoader<string, RecordedPoint[][] | null>(async (ids) => {
      const rows = await db.query<{ runId: string; segments: RecordedPoint[][] }>(
        `SELECT k.id AS "runId", json_agg(s.points ORDER BY s.segment) AS segments
           FROM unnest($1::uuid[]) AS k(id)
          CROSS JOIN LATERAL (SELECT p.segment, json_agg(p.point ORDER BY p.seq) AS points
                                FROM maratron_run_track(k.id) p GROUP BY p.segment) s
          GROUP BY k.id`,
        [ids],
      );
      return byKey(ids, rows, (r) => r.runId).map((r) => r?.segments ?? null);
    }),
  };
}
