// Seeds the runs-page data set: RUNNERS runners × RUNS_PER runs, each with two shoes (1,000 × 100
// unless BENCH_RUNNERS / BENCH_RUNS_PER say otherwise: a smaller set seeds faster on a busy machine).
const { Client } = require('pg');

async function seedRunsDataSet(
  url,
  { runners = Number(process.env.BENCH_RUNNERS ?? 1000), runsPer = Number(process.env.BENCH_RUNS_PER ?? 100) } = {},
) {
  const db = new Client({ connectionString: url });
  await db.connect();
  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM users WHERE email LIKE '%@bench.local'`)).rows;
  if (n >= runners) {
    await db.end();
    return;
  }
  const hash = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
  await db.query('BEGIN');
  const users = await db.query(
    `INSERT INTO users (email, username, password_hash, name)
     SELECT 'runner' || i || '@bench.local', 'runner' || i, $1, 'Runner ' || i FROM generate_series(1, $2) i RETURNING id`,
    [hash, runners],
  );
  const ids = users.rows.map((r) => r.id);
  await db.query(
    `INSERT INTO shoes (user_id, name, brand, max_distance, is_default)
     SELECT u, s.name, 'Brand', 800000, s.is_default FROM unnest($1::uuid[]) u, (VALUES ('Daily trainer', true), ('Racer', false)) s(name, is_default)`,
    [ids],
  );
  await db.query(
    `INSERT INTO runs (user_id, shoe_id, started_at, distance, duration, visibility)
     SELECT s.user_id, s.id, now() - (g * interval '1 day') - (random() * interval '6 hours'),
            d.dist, round(d.dist / 1000 * (270 + random() * 90))::int, CASE WHEN g % 10 = 0 THEN 'PRIVATE' ELSE 'PUBLIC' END
       FROM shoes s CROSS JOIN generate_series(1, $1) g CROSS JOIN LATERAL (SELECT 5000 + random() * 10000 + g * 0 AS dist) d
      WHERE s.is_default AND s.user_id = ANY($2::uuid[])`,
    [runsPer, ids],
  );
  await db.query('COMMIT');
  await db.query('ANALYZE');
  await db.end();
}

module.exports = { seedRunsDataSet };
