// Seeds the social benchmarks' data sets (idempotent: runs again only add what is missing).
//  - fan-out: one author and `fans` runners who follow them;
//  - feed: one reader following `authors` runners, each with `postsPer` posts sharing a run,
//    liked and commented on by others.
const { Client } = require('pg');

const HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

async function ensureUsers(db, prefix, count) {
  await db.query(
    `INSERT INTO users (email, username, password_hash, name)
     SELECT $1 || i || '@social.bench.local', $1 || i, $2, initcap($1) || ' ' || i FROM generate_series(1, $3) i
     ON CONFLICT DO NOTHING`,
    [prefix, HASH, count],
  );
  const { rows } = await db.query(`SELECT id FROM users WHERE username = ANY($1::text[]) ORDER BY created_at, username`, [
    Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`),
  ]);
  return rows.map((r) => r.id);
}

async function seedFanout(url, fans) {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const [authorId] = await ensureUsers(db, 'fanoutauthor', 1);
    const fanIds = await ensureUsers(db, 'fan', fans);
    await db.query(`INSERT INTO follows (follower_id, followee_id) SELECT f, $1 FROM unnest($2::uuid[]) f ON CONFLICT DO NOTHING`, [
      authorId,
      fanIds,
    ]);
    return { authorId, fanIds };
  } finally {
    await db.end();
  }
}

async function seedFeed(url, { authors = 50, postsPer = 40 } = {}) {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const [readerId] = await ensureUsers(db, 'feedreader', 1);
    const authorIds = await ensureUsers(db, 'feedauthor', authors);
    await db.query(`INSERT INTO follows (follower_id, followee_id) SELECT $1, a FROM unnest($2::uuid[]) a ON CONFLICT DO NOTHING`, [
      readerId,
      authorIds,
    ]);
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM posts WHERE user_id = ANY($1::uuid[])`, [authorIds])).rows;
    if (n < authors * postsPer) {
      await db.query('BEGIN');
      await db.query(
        `WITH r AS (
           INSERT INTO runs (user_id, started_at, distance, duration, visibility)
           SELECT a, now() - (g * interval '5 hours'), 5000 + (g % 7) * 1000, 1500 + (g % 7) * 300, CASE WHEN g % 5 = 0 THEN 'FOLLOWERS' ELSE 'PUBLIC' END
             FROM unnest($1::uuid[]) a CROSS JOIN generate_series(1, $2) g
           RETURNING id, user_id, started_at)
         INSERT INTO posts (user_id, run_id, text, created_at) SELECT user_id, id, 'Run report', date_trunc('milliseconds', started_at) FROM r`,
        [authorIds, postsPer],
      );
      // Kudos from the reader on every third post, comments from another author on every fourth.
      await db.query(
        `INSERT INTO post_likes (post_id, user_id)
         SELECT p.id, $1 FROM posts p WHERE p.user_id = ANY($2::uuid[]) AND abs(hashtext(p.id::text)) % 3 = 0 ON CONFLICT DO NOTHING`,
        [readerId, authorIds],
      );
      await db.query(
        `INSERT INTO comments (post_id, user_id, text)
         SELECT p.id, ($1::uuid[])[1 + abs(hashtext(p.id::text)) % array_length($1::uuid[], 1)], 'Great pace!'
           FROM posts p WHERE p.user_id = ANY($1::uuid[]) AND abs(hashtext(p.id::text)) % 4 = 0`,
        [authorIds],
      );
      await db.query('COMMIT');
      await db.query('ANALYZE');
    }
    return { readerId };
  } finally {
    await db.end();
  }
}

/**
 * One session per runner (every token names one: the gateway checks it on each request), valid an
 * hour: the session ids, in the order of `userIds`, for TokenService.issue(userId, sessionId).
 */
async function openSessions(url, userIds) {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query(
      `INSERT INTO sessions (user_id, device, expires_at)
       SELECT u, 'Benchmark', now() + interval '1 hour' FROM unnest($1::uuid[]) WITH ORDINALITY AS x(u, n) ORDER BY n
       RETURNING id, user_id`,
      [userIds],
    );
    const byUser = new Map(rows.map((r) => [r.user_id, r.id]));
    return userIds.map((id) => byUser.get(id));
  } finally {
    await db.end();
  }
}

module.exports = { openSessions, seedFanout, seedFeed };
