import type { DataSource } from 'typeorm';
import { hashPassword, RequestDb, createLoaders, insertEfforts } from '@maratron/core';
import type { EffortSource, RequestContext, Services } from '@maratron/core';
import { DEMO_LOOPS, demoRunGpx } from './demo-tracks';

/** Every demo runner signs in with this password (README: "Demo data"). */
export const DEMO_PASSWORD = 'maratron-demo';

const RUNNERS = [
  {
    username: 'ana',
    name: 'Ana Ribeiro',
    bio: 'Marathoner chasing sub-3. Coffee before every long run.',
    level: 'ADVANCED',
    weekly: 70_000,
    pace: 270,
    heartRate: 142,
  },
  {
    username: 'ben',
    name: 'Ben Okafor',
    bio: 'Trail and tempo. Training for my first half.',
    level: 'INTERMEDIATE',
    weekly: 35_000,
    pace: 320,
    heartRate: 148,
  },
  {
    username: 'chloe',
    name: 'Chloé Martin',
    bio: 'Parkrun regular, slowly getting faster.',
    level: 'BEGINNER',
    weekly: 20_000,
    pace: 380,
    heartRate: 155,
  },
  {
    username: 'dev',
    name: 'Dev Patel',
    bio: 'Track sessions on Tuesdays, long runs on Sundays.',
    level: 'ADVANCED',
    weekly: 60_000,
    pace: 285,
    heartRate: 138,
  },
  {
    username: 'emma',
    name: 'Emma Lindqvist',
    bio: 'Running the city one neighbourhood at a time.',
    level: 'INTERMEDIATE',
    weekly: 40_000,
    pace: 330,
    heartRate: 150,
  },
  {
    username: 'farid',
    name: 'Farid Haddad',
    bio: 'Back from injury, building up carefully.',
    level: 'INTERMEDIATE',
    weekly: 25_000,
    pace: 345,
    heartRate: 146,
  },
] as const;

/**
 * Runs of the last TRACKED_DAYS days, and the Sunday long runs of the last TRACKED_LONG_RUN_DAYS,
 * come from GPX files: they have splits, a map and records from the track. Reading a file costs
 * ~20 ms, so the older runs are typed in, which keeps the first start to a few seconds.
 */
const TRACKED_DAYS = 21;
const TRACKED_LONG_RUN_DAYS = 42;

const FOLLOWS: [string, string][] = [
  ['ana', 'dev'],
  ['dev', 'ana'],
  ['ben', 'ana'],
  ['chloe', 'ana'],
  ['chloe', 'emma'],
  ['emma', 'chloe'],
  ['emma', 'ben'],
  ['farid', 'ana'],
  ['farid', 'dev'],
  ['ben', 'farid'],
  ['dev', 'emma'],
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
 * Loads the demo runners (with ~4 months of runs, shoes and follows) into an empty database, in one
 * transaction. Recent runs and long runs are imported from generated GPX files through the same
 * service function as importActivity; the others are typed-in runs, inserted in bulk with their
 * whole-run best efforts. Returns what it loaded, or null when the database already has runners.
 */
export async function seedDemoData(
  dataSource: DataSource,
  services: Services,
  now = new Date(),
): Promise<{ runners: number; runs: number; imported: number } | null> {
  // Like any request, the seed writes through a RequestDb: the runtime role, under row-level
  // security, as the runner it writes for at each step.
  const db = new RequestDb(dataSource, null);
  try {
    const loaded = await load(db, services, now);
    await db.close(true);
    return loaded;
  } catch (error) {
    await db.close(false);
    throw error;
  }
}

/** The request context the importer runs in, as the runner it imports for. */
function actingAs(db: RequestDb, userId: string): RequestContext {
  return { requestId: 'demo-seed', viewerId: userId, sessionId: null, address: 'seed', db, loaders: createLoaders(db, userId) };
}

async function load(db: RequestDb, services: Services, now: Date): Promise<{ runners: number; runs: number; imported: number } | null> {
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users`);
  if (n > 0) return null;
  const random = prng(42);
  const { runs } = services;
  const latestImport = new Map<string, string>();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids = new Map<string, string>();
  let runCount = 0;
  let imported = 0;

  for (const [index, r] of RUNNERS.entries()) {
    const [{ id }] = await db.query<{ id: string }>(
      `INSERT INTO users (email, username, password_hash, name, bio, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [`${r.username}@demo.maratron.run`, r.username, passwordHash, r.name, r.bio, new Date(now.getTime() - 150 * DAY)],
    );
    ids.set(r.username, id);
    await db.actAs(id);
    await db.execute(
      `INSERT INTO training_profiles (user_id, level, goals, weekly_distance_goal, preferred_days, years_running) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        id,
        r.level,
        ['Run a strong half marathon', 'Stay injury free'],
        r.weekly,
        ['TUE', 'THU', 'SAT', 'SUN'],
        Math.floor(random() * 10) + 1,
      ],
    );
    // An old pair near retirement (a shoe alert), a racer, and the current default.
    const shoe = async (name: string, brand: string, max: number, initial: number, isDefault: boolean, ageDays: number) =>
      (
        await db.query<{ id: string }>(
          `INSERT INTO shoes (user_id, name, brand, max_distance, initial_distance, is_default, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [id, name, brand, max, initial, isDefault, new Date(now.getTime() - ageDays * DAY)],
        )
      )[0].id;
    const oldShoe = await shoe('Pegasus 40', 'Nike', 700_000, Math.round(r.weekly * 7), false, 400);
    const midShoe = await shoe('Endorphin Speed 4', 'Saucony', 800_000, 0, false, 130);
    const newShoe = await shoe('Novablast 4', 'ASICS', 900_000, 0, true, 60);

    const rows: unknown[][] = [];
    const files: { content: string; shoeId: string; visibility: string }[] = [];
    for (let day = 120; day >= 1; day--) {
      const date = new Date(now.getTime() - day * DAY);
      const weekday = date.getUTCDay();
      const longRun = weekday === 0;
      const runsToday = longRun || random() < r.weekly / 100_000;
      if (!runsToday) continue;
      const distance = Math.round((longRun ? r.weekly * 0.3 : r.weekly * (0.12 + random() * 0.1)) / 10) * 10;
      const pace = r.pace * (longRun ? 1.08 : 0.95 + random() * 0.12);
      const startedAt = new Date(
        Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 6 + Math.floor(random() * 12), Math.floor(random() * 60)),
      );
      const visibility = random() < 0.8 ? 'PUBLIC' : random() < 0.5 ? 'FOLLOWERS' : 'PRIVATE';
      const name = longRun ? 'Sunday long run' : random() < 0.3 ? 'Tempo run' : 'Easy run';
      const shoeId = day > 100 ? oldShoe : day > 50 ? midShoe : newShoe;
      if (day <= TRACKED_DAYS || (longRun && day <= TRACKED_LONG_RUN_DAYS)) {
        const content = demoRunGpx({
          start: startedAt,
          name,
          distance,
          pace,
          tempo: name === 'Tempo run',
          loop: DEMO_LOOPS[(index + day) % DEMO_LOOPS.length],
          easyHeartRate: r.heartRate,
          random,
        });
        files.push({ content, shoeId, visibility });
        continue;
      }
      rows.push([
        id,
        shoeId,
        name,
        startedAt,
        distance,
        Math.round((distance / 1000) * pace),
        Math.round(random() * distance * 0.012),
        r.heartRate + Math.round(random() * 20 - 5),
        visibility,
      ]);
    }
    const inserted = await db.query<Pick<EffortSource, 'id' | 'userId' | 'startedAt' | 'distance' | 'duration'>>(
      `INSERT INTO runs (user_id, shoe_id, name, started_at, distance, duration, elevation_gain, average_heart_rate, visibility)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::timestamptz[], $5::float8[], $6::int[], $7::float8[], $8::int[], $9::varchar[])
       RETURNING id, user_id AS "userId", started_at AS "startedAt", distance, duration`,
      rows[0] ? rows[0].map((_, col) => rows.map((row) => row[col])) : [[], [], [], [], [], [], [], [], []],
    );
    await insertEfforts(db, inserted);
    const ctx = actingAs(db, id);
    for (const file of files) latestImport.set(id, (await runs.createFromActivity(ctx, { format: 'GPX', ...file })).id);
    runCount += rows.length + files.length;
    imported += files.length;
  }

  for (const [follower, followee] of FOLLOWS) {
    await db.actAs(ids.get(follower)!);
    await db.execute(`INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2)`, [ids.get(follower), ids.get(followee)]);
  }
  await socialLife(db, services, ids, latestImport);
  return { runners: RUNNERS.length, runs: runCount, imported };
}

/** A club, shared runs, kudos and comments, written through the services as each runner. */
async function socialLife(
  db: RequestDb,
  { posts, comments, groups }: Services,
  ids: Map<string, string>,
  latestImport: Map<string, string>,
) {
  const as = async (username: string) => {
    const id = ids.get(username)!;
    await db.actAs(id);
    return actingAs(db, id);
  };
  const club = await groups.create(await as('ana'), {
    name: 'Sunday Long Run Club',
    description: 'Easy miles, good company, coffee after.',
  });
  for (const member of ['ben', 'chloe', 'dev']) await groups.join(await as(member), club.id);
  const shared = new Map<string, string>();
  const captions: Record<string, string> = {
    ana: 'Legs felt great today. Marathon block is coming together!',
    dev: 'Hills on tired legs. Worth it.',
    emma: 'New neighbourhood, new loop.',
    ben: 'First time under 5:20/km for the whole run!',
  };
  for (const [username, text] of Object.entries(captions)) {
    const runId = latestImport.get(ids.get(username)!);
    shared.set(username, (await posts.create(await as(username), { text, runId })).id);
  }
  await posts.create(await as('ana'), { text: 'Long run this Sunday at 8:00 from the park gates. All paces welcome!', groupId: club.id });
  for (const [fan, author] of [
    ['dev', 'ana'],
    ['ben', 'ana'],
    ['chloe', 'ana'],
    ['ana', 'dev'],
    ['emma', 'ben'],
    ['farid', 'dev'],
  ]) {
    await posts.like(await as(fan), shared.get(author)!);
  }
  await comments.add(await as('dev'), shared.get('ana')!, 'Strong! Save some for race day.');
  await comments.add(await as('chloe'), shared.get('ana')!, 'So inspiring, see you Sunday?');
}
