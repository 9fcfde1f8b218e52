import type { DataSource } from 'typeorm';
import { APP_ROLE, VIEWER_SETTING } from '@maratron/migrations';
import { hashPassword } from '../auth/passwords';

/** Every demo runner signs in with this password (README: "Demo data"). */
export const DEMO_PASSWORD = 'maratron-demo';

const RUNNERS = [
  { username: 'ana', name: 'Ana Ribeiro', bio: 'Marathoner chasing sub-3. Coffee before every long run.', level: 'ADVANCED', weekly: 70_000, pace: 270 },
  { username: 'ben', name: 'Ben Okafor', bio: 'Trail and tempo. Training for my first half.', level: 'INTERMEDIATE', weekly: 35_000, pace: 320 },
  { username: 'chloe', name: 'Chloé Martin', bio: 'Parkrun regular, slowly getting faster.', level: 'BEGINNER', weekly: 20_000, pace: 380 },
  { username: 'dev', name: 'Dev Patel', bio: 'Track sessions on Tuesdays, long runs on Sundays.', level: 'ADVANCED', weekly: 60_000, pace: 285 },
  { username: 'emma', name: 'Emma Lindqvist', bio: 'Running the city one neighbourhood at a time.', level: 'INTERMEDIATE', weekly: 40_000, pace: 330 },
  { username: 'farid', name: 'Farid Haddad', bio: 'Back from injury, building up carefully.', level: 'INTERMEDIATE', weekly: 25_000, pace: 345 },
] as const;

const FOLLOWS: [string, string][] = [
  ['ana', 'dev'], ['dev', 'ana'], ['ben', 'ana'], ['chloe', 'ana'], ['chloe', 'emma'], ['emma', 'chloe'],
  ['emma', 'ben'], ['farid', 'ana'], ['farid', 'dev'], ['ben', 'farid'], ['dev', 'emma'],
];

/** A small deterministic PRNG (mulberry32), so every fresh start gets the same demo data. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 24 * 3600 * 1000;

/**
 * Loads the demo runners (with ~4 months of runs, shoes and follows) into an empty database.
 * Returns what it loaded, or null when the database already has runners.
 */
export async function seedDemoData(dataSource: DataSource, now = new Date()): Promise<{ runners: number; runs: number } | null> {
  return dataSource.transaction(async (em) => {
    const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM users`);
    if (n > 0) return null;
    // Like any request, the seed writes as the runtime role, as the runner it writes for.
    await em.query(`SET LOCAL ROLE ${APP_ROLE}`);
    const actAs = (userId: string) => em.query(`SELECT set_config('${VIEWER_SETTING}', $1, true)`, [userId]);
    const random = prng(42);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const ids = new Map<string, string>();
    let runCount = 0;

    for (const r of RUNNERS) {
      const [{ id }] = await em.query(
        `INSERT INTO users (email, username, password_hash, name, bio, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [`${r.username}@demo.maratron.run`, r.username, passwordHash, r.name, r.bio, new Date(now.getTime() - 150 * DAY)],
      );
      ids.set(r.username, id);
      await actAs(id);
      await em.query(
        `INSERT INTO training_profiles (user_id, level, goals, weekly_distance_goal, preferred_days, years_running) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, r.level, ['Run a strong half marathon', 'Stay injury free'], r.weekly, ['TUE', 'THU', 'SAT', 'SUN'], Math.floor(random() * 10) + 1],
      );
      // An old pair near retirement (a shoe alert), a racer, and the current default.
      const shoe = async (name: string, brand: string, max: number, initial: number, isDefault: boolean, ageDays: number) =>
        (await em.query(
          `INSERT INTO shoes (user_id, name, brand, max_distance, initial_distance, is_default, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [id, name, brand, max, initial, isDefault, new Date(now.getTime() - ageDays * DAY)],
        ))[0].id as string;
      const oldShoe = await shoe('Pegasus 40', 'Nike', 700_000, Math.round(r.weekly * 7), false, 400);
      const midShoe = await shoe('Endorphin Speed 4', 'Saucony', 800_000, 0, false, 130);
      const newShoe = await shoe('Novablast 4', 'ASICS', 900_000, 0, true, 60);

      const rows: unknown[][] = [];
      for (let day = 120; day >= 1; day--) {
        const date = new Date(now.getTime() - day * DAY);
        const weekday = date.getUTCDay();
        const longRun = weekday === 0;
        const runsToday = longRun || random() < r.weekly / 100_000;
        if (!runsToday) continue;
        const distance = Math.round((longRun ? r.weekly * 0.3 : r.weekly * (0.12 + random() * 0.1)) / 10) * 10;
        const pace = r.pace * (longRun ? 1.08 : 0.95 + random() * 0.12);
        const startedAt = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 6 + Math.floor(random() * 12), Math.floor(random() * 60)));
        const visibility = random() < 0.8 ? 'PUBLIC' : random() < 0.5 ? 'FOLLOWERS' : 'PRIVATE';
        rows.push([
          id, day > 100 ? oldShoe : day > 50 ? midShoe : newShoe, longRun ? 'Sunday long run' : random() < 0.3 ? 'Tempo run' : 'Easy run', startedAt,
          distance, Math.round((distance / 1000) * pace), Math.round(random() * distance * 0.012), 135 + Math.round(random() * 30), visibility,
        ]);
      }
      await em.query(
        `INSERT INTO runs (user_id, shoe_id, name, started_at, distance, duration, elevation_gain, average_heart_rate, visibility)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::timestamptz[], $5::float8[], $6::int[], $7::float8[], $8::int[], $9::varchar[])`,
        rows[0] ? rows[0].map((_, col) => rows.map((row) => row[col])) : [[], [], [], [], [], [], [], [], []],
      );
      runCount += rows.length;
    }

    for (const [follower, followee] of FOLLOWS) {
      await actAs(ids.get(follower)!);
      await em.query(`INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2)`, [ids.get(follower), ids.get(followee)]);
    }
    return { runners: RUNNERS.length, runs: runCount };
  });
}
