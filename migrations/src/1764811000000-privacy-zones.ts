import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './app-role';
import { visibleToViewer } from './1764160000000-row-level-security';

/**
 * The mean Earth radius of the domain's haversine distance (domain/src/geo.ts, EARTH_MEAN_RADIUS_M):
 * the database and the domain measure a point's distance from a zone's centre on the same sphere.
 */
const EARTH_MEAN_RADIUS_M = 6371008.8;

/**
 * THE track rule as SQL: `maratron_run_track(run_id uuid, max_points integer DEFAULT NULL)`
 * returns `TABLE (seq bigint, segment bigint, point json)`, the points of a run's recording the
 * viewer (`maratron_viewer()`) may see, in order:
 *
 * - nothing unless the viewer may see the run: `visible` is the runs_read policy's expression over
 *   the run `r` (visibleToViewer('r') when this migration was written); it is the function's one
 *   visibility check, so a later change of the rule re-creates the function with the new one
 *   (`CREATE OR REPLACE FUNCTION ${runTrackFunctionSql(newExpression)}`);
 * - nothing when the run hides its map (`hide_track`) and the viewer is not its runner;
 * - for anyone but the runner, no point inside any of the runner's privacy zones: the haversine
 *   distance from the zone's centre (on the domain's sphere) at most its radius. A segment that
 *   loses points in its middle is cut in two there, so no line is drawn across a zone;
 * - with `max_points`, at most that many of the remaining points, thinned evenly, the first and
 *   the last kept: point n of 0..last is kept when some k·last/(max_points − 1) falls in [n, n + 1),
 *   i.e. ceil(n·(max_points − 1) / last) · last < (n + 1)·(max_points − 1), in integers.
 *
 * `seq` numbers the returned points from 0, `segment` their segments from 0; `point` is the stored
 * point, [lat, lon, elevation, seconds from the start, heart rate]. SECURITY DEFINER: the runtime
 * role cannot read another runner's run_tracks rows (owner-only policy), only this.
 */
export function runTrackFunctionSql(visible: string): string {
  const haversine = (lat: string, lon: string, zLat: string, zLon: string) =>
    `2 * ${EARTH_MEAN_RADIUS_M} * asin(sqrt(least(1, sin(radians(${zLat} - ${lat}) / 2) ^ 2 + cos(radians(${lat})) * cos(radians(${zLat})) * sin(radians(${zLon} - ${lon}) / 2) ^ 2)))`;
  return `maratron_run_track(run_id uuid, max_points integer DEFAULT NULL)
    RETURNS TABLE (seq bigint, segment bigint, point json)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
      WITH run AS (
        SELECT r.id, r.user_id, r.user_id = (SELECT maratron_viewer()) AS own
          FROM runs r
         WHERE r.id = maratron_run_track.run_id
           AND (${visible})
           AND (NOT r.hide_track OR r.user_id = (SELECT maratron_viewer()))
      ), zone AS (
        SELECT z.latitude, z.longitude, z.radius
          FROM run JOIN privacy_zones z ON z.user_id = run.user_id
         WHERE NOT run.own
      ), recorded AS (
        SELECT s.i, p.j, p.point, (p.point->>0)::float8 AS lat, (p.point->>1)::float8 AS lon
          FROM run JOIN run_tracks t ON t.run_id = run.id
         CROSS JOIN LATERAL json_array_elements(t.segments) WITH ORDINALITY s(points, i)
         CROSS JOIN LATERAL json_array_elements(s.points) WITH ORDINALITY p(point, j)
      ), marked AS (
        -- A point is farther from a centre than its latitude alone is: |Δφ|·R > radius rules a zone out cheaply.
        SELECT c.i, c.j, c.point,
               EXISTS (SELECT 1 FROM zone z
                        WHERE abs(c.lat - z.latitude) <= degrees(z.radius / ${EARTH_MEAN_RADIUS_M})
                          AND ${haversine('c.lat', 'c.lon', 'z.latitude', 'z.longitude')} <= z.radius) AS hidden
          FROM recorded c
      ), cut AS (
        SELECT m.i, m.j, m.point, m.hidden, count(*) FILTER (WHERE m.hidden) OVER (PARTITION BY m.i ORDER BY m.j) AS gap
          FROM marked m
      ), shown AS (
        SELECT c.point, dense_rank() OVER (ORDER BY c.i, c.gap) - 1 AS segment,
               row_number() OVER (ORDER BY c.i, c.j) - 1 AS n, count(*) OVER () - 1 AS last
          FROM cut c
         WHERE NOT c.hidden
      ), thinned AS (
        SELECT v.n, v.segment, v.point FROM shown v
         WHERE CASE WHEN max_points IS NULL OR v.last < greatest(max_points, 2) THEN true
                    ELSE ((v.n * (greatest(max_points, 2) - 1) + v.last - 1) / v.last) * v.last < (v.n + 1) * (greatest(max_points, 2) - 1)
               END
      )
      SELECT row_number() OVER (ORDER BY t.n) - 1 AS seq, dense_rank() OVER (ORDER BY t.segment) - 1 AS segment, t.point
        FROM thinned t
       ORDER BY t.n
    $$`;
}

/**
 * A run's kilometre splits for whoever may see the run (distances and times are the whole run's,
 * whatever its map shows): `maratron_run_splits(run_ids uuid[])` returns `TABLE (run_id uuid,
 * splits json)` for those of the runs the viewer may see that have splits. They are stored in
 * run_tracks beside the recording, which the runtime role may read only for its own runs; `visible`
 * is the same expression as maratron_run_track's (re-create both together).
 */
export function runSplitsFunctionSql(visible: string): string {
  return `maratron_run_splits(run_ids uuid[])
    RETURNS TABLE (run_id uuid, splits json)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
      SELECT t.run_id, t.splits
        FROM runs r JOIN run_tracks t ON t.run_id = r.id
       WHERE r.id = ANY(maratron_run_splits.run_ids)
         AND (${visible})
    $$`;
}

/**
 * Trust, part one: privacy zones and hidden maps.
 *
 * - privacy_zones: up to PRIVACY_ZONES_MAX circles per runner (a centre and a radius of 100–2,000 m),
 *   owner-only under row-level security; listed per runner oldest first (privacy_zones_user_idx).
 * - runs.hide_track: the run's map for its runner only.
 * - run_tracks becomes owner-only: another runner's recording is read only through
 *   maratron_run_track (above), which strips what they may not see at every read, so zones apply
 *   to past runs at once and no stored track is ever rewritten; the splits stored beside it, through
 *   maratron_run_splits (as visible as the run). A replica still running the previous version during
 *   a rolling upgrade reads others' tracks and splits as absent until it is replaced: it never
 *   shows more.
 *
 * Both functions check visibility with the runs_read policy's expression as it stands here
 * (visibleToViewer('r')); a migration that changes the rule re-creates them with the new one:
 * `CREATE OR REPLACE FUNCTION ${runTrackFunctionSql(expr)}` and `… ${runSplitsFunctionSql(expr)}`.
 */
export class PrivacyZones1764811000000 implements MigrationInterface {
  name = 'PrivacyZones1764811000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE privacy_zones (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name varchar(100) NOT NULL,
        latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
        radius double precision NOT NULL CHECK (radius BETWEEN 100 AND 2000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX privacy_zones_user_idx ON privacy_zones (user_id, created_at, id)`);
    await q.query(`ALTER TABLE privacy_zones ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY privacy_zones_own ON privacy_zones USING (user_id = (SELECT maratron_viewer())) WITH CHECK (user_id = (SELECT maratron_viewer()))`,
    );

    await q.query(`ALTER TABLE runs ADD COLUMN hide_track boolean NOT NULL DEFAULT false`);

    await q.query(`DROP POLICY run_tracks_read ON run_tracks`);
    await q.query(`
      CREATE POLICY run_tracks_read ON run_tracks FOR SELECT
        USING (EXISTS (SELECT 1 FROM runs r WHERE r.id = run_tracks.run_id AND r.user_id = (SELECT maratron_viewer())))`);

    const visible = visibleToViewer('r');
    await q.query(`CREATE FUNCTION ${runTrackFunctionSql(visible)}`);
    await q.query(`CREATE FUNCTION ${runSplitsFunctionSql(visible)}`);
    for (const fn of ['maratron_run_track(uuid, integer)', 'maratron_run_splits(uuid[])']) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO ${APP_ROLE}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION maratron_run_splits(uuid[])`);
    await q.query(`DROP FUNCTION maratron_run_track(uuid, integer)`);
    await q.query(`DROP POLICY run_tracks_read ON run_tracks`);
    await q.query(
      `CREATE POLICY run_tracks_read ON run_tracks FOR SELECT USING (EXISTS (SELECT 1 FROM runs r WHERE r.id = run_tracks.run_id))`,
    );
    await q.query(`ALTER TABLE runs DROP COLUMN hide_track`);
    await q.query(`DROP TABLE privacy_zones`);
  }
}
