// Seeds the trainingSummary data set: one runner with three years of daily runs (a long run on
// Sundays, a tempo on Wednesdays, a race every ~6 weeks), two shoes, and every run's best efforts,
// written by SQL exactly as the gateway stores them (bestEffortsForRun, whole-run for typed-in runs).
const { Client } = require('pg');
const { bestEffortsForRun, RACE_DISTANCE_KEYS } = require('@maratron/domain');

const EMAIL = 'trainer@bench.local';
const DAYS = 3 * 365;

/** Deterministic (mulberry32), so every seeded database is the same. */
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function seedTrainingRunner(url, passwordHash) {
  const db = new Client({ connectionString: url });
  await db.connect();
  const existing = await db.query(`SELECT id FROM users WHERE email = $1`, [EMAIL]);
  if (existing.rowCount > 0) {
    await db.end();
    return { email: EMAIL, userId: existing.rows[0].id, runs: DAYS };
  }
  const random = prng(2024);
  await db.query('BEGIN');
  const [{ id }] = (
    await db.query(`INSERT INTO users (email, username, password_hash, name) VALUES ($1, 'trainer', $2, 'Daily Trainer') RETURNING id`, [
      EMAIL,
      passwordHash,
    ])
  ).rows;
  const shoes = (
    await db.query(
      `INSERT INTO shoes (user_id, name, max_distance, initial_distance, is_default) VALUES ($1, 'Daily', 800000, 600000, true), ($1, 'Racer', 500000, 0, false) RETURNING id`,
      [id],
    )
  ).rows.map((r) => r.id);

  const cols = [[], [], [], [], [], [], []];
  const today = Math.floor(Date.now() / 86_400_000) * 86_400_000;
  for (let day = DAYS; day >= 1; day--) {
    const date = today - day * 86_400_000;
    const weekday = new Date(date).getUTCDay();
    const race = day % 42 === 0;
    const distance = race ? [5000, 10000, 21097.5][(day / 42) % 3] : weekday === 0 ? 18000 + random() * 14000 : 6000 + random() * 8000;
    const pace = race ? 250 + random() * 15 : weekday === 3 ? 265 + random() * 15 : 300 + random() * 40;
    cols[0].push(id);
    cols[1].push(race ? shoes[1] : shoes[0]);
    cols[2].push(new Date(date + (6 + random() * 12) * 3_600_000));
    cols[3].push(Math.round(distance * 10) / 10);
    cols[4].push(Math.round((distance / 1000) * pace));
    cols[5].push(race ? 'Race' : weekday === 0 ? 'Long run' : weekday === 3 ? 'Tempo' : 'Easy run');
    cols[6].push(135 + Math.round(random() * 30));
  }
  const runs = (
    await db.query(
      `INSERT INTO runs (user_id, shoe_id, started_at, distance, duration, name, average_heart_rate)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::float8[], $5::int[], $6::varchar[], $7::int[])
       RETURNING id, user_id, started_at, distance, duration`,
      cols,
    )
  ).rows;
  const efforts = [[], [], [], [], []];
  for (const run of runs) {
    const best = bestEffortsForRun({ distance: run.distance, duration: run.duration });
    for (const key of RACE_DISTANCE_KEYS) {
      if (best[key] === null) continue;
      efforts[0].push(run.id);
      efforts[1].push(key);
      efforts[2].push(run.user_id);
      efforts[3].push(best[key]);
      efforts[4].push(run.started_at);
    }
  }
  await db.query(
    `INSERT INTO run_efforts (run_id, distance, user_id, duration, started_at)
     SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::int[], $5::timestamptz[])`,
    efforts,
  );
  await db.query('COMMIT');
  await db.query('ANALYZE runs');
  await db.query('ANALYZE run_efforts');
  await db.end();
  return { email: EMAIL, userId: id, runs: runs.length, efforts: efforts[0].length };
}

module.exports = { seedTrainingRunner };
