#!/usr/bin/env node
// The floor of the peers benchmark, in a process of its own: each page as ONE SQL statement (as
// the database owner, no row-level security) behind a bare node:http server with `pg` (a pool of
// 10, like the gateway) — what any server must at least do to answer the page.
//   POST /runs: runs(first: 20) of RUNS_USER with the runner's and the shoe's names
//   POST /feed: feed(first: 20) of FEED_READER with author, run, kudos/comment counts, likedByViewer
// Env: DATABASE_URL, PORT, RUNS_USER, FEED_READER (user ids). GET /readyz answers when listening.
const http = require('node:http');
const { Pool } = require('pg');
const { postVisibleToViewerSql } = require('@maratron/domain');

const RUNS_SQL = `SELECT r.distance, r.duration, u.name AS user_name, s.name AS shoe_name
  FROM runs r JOIN users u ON u.id = r.user_id LEFT JOIN shoes s ON s.id = r.shoe_id
 WHERE r.user_id = $1 ORDER BY r.started_at DESC, r.id DESC LIMIT 20`;

// The gateway's feed statement (core/src/social/posts.service.ts, the newest 21 of each followed
// runner and group, merged) with the author, the run and the counts joined in.
const newest = `${postVisibleToViewerSql('p', '$1')} ORDER BY p.created_at DESC, p.id DESC LIMIT 21`;
const FEED_SQL = `WITH page AS (
  SELECT p.* FROM (
      SELECT p.* FROM (SELECT $1::uuid AS id UNION ALL SELECT f.followee_id FROM follows f WHERE f.follower_id = $1) a
        CROSS JOIN LATERAL (SELECT p.* FROM posts p WHERE p.user_id = a.id AND ${newest}) p
      UNION
      SELECT p.* FROM group_members m
        CROSS JOIN LATERAL (SELECT p.* FROM posts p WHERE p.group_id = m.group_id AND ${newest}) p
       WHERE m.user_id = $1
    ) p ORDER BY p.created_at DESC, p.id DESC LIMIT 21)
SELECT p.id, p.text, p.created_at, u.name AS author_name, r.distance, r.duration, n.likes, n.comments,
       EXISTS (SELECT 1 FROM post_likes l WHERE l.post_id = p.id AND l.user_id = $1) AS liked
  FROM page p
  JOIN users u ON u.id = p.user_id
  LEFT JOIN runs r ON r.id = p.run_id
  LEFT JOIN maratron_post_counts((SELECT array_agg(id) FROM page)) n ON n.post_id = p.id
 ORDER BY p.created_at DESC, p.id DESC`;

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

async function runsPage() {
  const { rows } = await pool.query({ name: 'runs', text: RUNS_SQL, values: [process.env.RUNS_USER] });
  const edges = rows.map((r) => ({
    node: { distance: r.distance, duration: r.duration, user: { name: r.user_name }, shoe: { name: r.shoe_name } },
  }));
  return { data: { runs: { edges } } };
}

async function feedPage() {
  const { rows } = await pool.query({ name: 'feed', text: FEED_SQL, values: [process.env.FEED_READER] });
  const page = rows.slice(0, 20);
  const edges = page.map((p) => {
    const cursor = Buffer.from(`${p.created_at.toISOString()}|${p.id}`).toString('base64url');
    const run = p.distance == null ? null : { distance: p.distance, duration: p.duration, pace: p.duration / (p.distance / 1000) };
    return {
      cursor,
      node: {
        id: p.id,
        text: p.text,
        createdAt: p.created_at.toISOString(),
        author: { name: p.author_name },
        run,
        likeCount: p.likes,
        likedByViewer: p.liked,
        commentCount: p.comments,
      },
    };
  });
  return { data: { feed: { edges, pageInfo: { hasNextPage: rows.length > 20, endCursor: edges.at(-1)?.cursor ?? null } } } };
}

const pages = { '/runs': runsPage, '/feed': feedPage };

http
  .createServer((req, res) => {
    if (req.url === '/readyz') return void res.end('ok');
    const page = pages[req.url];
    req.resume();
    req.on('end', async () => {
      try {
        const body = await page();
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(body));
      } catch (error) {
        res.statusCode = 500;
        res.end(String(error));
      }
    });
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
