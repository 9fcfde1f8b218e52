#!/usr/bin/env node
// `npm run bench [runs]`: load benchmarks against a seeded database. Each prints a markdown
// row per measurement; bench/RESULTS.md records them with the command that produced them.
const http = require('node:http');
const { Pool } = require('pg');
const { databaseServer, benchDatabase, startProcess, load, row } = require('./lib');
const { seedRunsDataSet } = require('./seed-runs');
const { benchFanout, fanoutRow } = require('./fanout');
const { seedFeed } = require('./seed-social');

const GATEWAY_PORT = 4600;
const BARE_PORT = 4601;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

const FANOUT_PORT = 4602;
const FEED_PORT = 4603;
const FANOUT_SUBSCRIBERS = (process.env.BENCH_FANOUT ?? '1000,5000').split(',').map(Number);
const FANOUT_POSTS = Number(process.env.BENCH_FANOUT_POSTS ?? 20);
const FANOUT_RATE = Number(process.env.BENCH_FANOUT_RATE ?? 2);
const FEED_QUERY = `{ feed(first: 20) { edges { cursor node { id text createdAt author { name } run { distance duration pace } likeCount likedByViewer commentCount } } pageInfo { hasNextPage endCursor } } }`;

const RUNS_QUERY = `{ runs(first: 20) { edges { node { distance duration user { name } shoe { name } } } } }`;
const RUNS_SQL = `SELECT r.distance, r.duration, u.name AS user_name, s.name AS shoe_name
  FROM runs r JOIN users u ON u.id = r.user_id LEFT JOIN shoes s ON s.id = r.shoe_id
 WHERE r.user_id = $1 ORDER BY r.started_at DESC, r.id DESC LIMIT 20`;

/** The floor: the same page as ONE SQL statement behind a bare node:http server. */
function startBareServer(url, userId) {
  const pool = new Pool({ connectionString: url, max: 10 });
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', async () => {
      const { rows } = await pool.query(RUNS_SQL, [userId]);
      const edges = rows.map((r) => ({ node: { distance: r.distance, duration: r.duration, user: { name: r.user_name }, shoe: { name: r.shoe_name } } }));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { runs: { edges } } }));
    });
  });
  return new Promise((resolve) => server.listen(BARE_PORT, '127.0.0.1', () => resolve({ stop: async () => { server.close(); await pool.end(); } })));
}

async function signIn(base, email, password) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token user { id } } }`, variables: { e: email, p: password } }),
  });
  const body = await res.json();
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return { token: body.data.signIn.token, userId: body.data.signIn.user.id };
}

async function benchRunsPage(dbUrl) {
  console.log('seeding 1,000 runners × 100 runs (once)…');
  const gateway = await startProcess('gateway/dist/main.js', { DATABASE_URL: dbUrl, SEED_DEMO: 'false', JWT_SECRET: 'bench', SIGNIN_LIMIT_PER_ADDRESS: '1000000' }, GATEWAY_PORT);
  await seedRunsDataSet(dbUrl);
  const pool = new Pool({ connectionString: dbUrl, max: 1 });
  await pool.query(`UPDATE users SET password_hash = $1 WHERE username = 'runner1'`, [await hashOf('bench-password')]);
  await pool.end();
  const { token, userId } = await signIn(`http://127.0.0.1:${GATEWAY_PORT}`, 'runner1@bench.local', 'bench-password');
  const results = [];
  results.push(await load({ title: 'runs(first: 20) via GraphQL gateway', url: `http://127.0.0.1:${GATEWAY_PORT}/graphql`, body: { query: RUNS_QUERY }, headers: { authorization: `Bearer ${token}` }, connections: CONNECTIONS, duration: DURATION }));
  await gateway.stop();
  const bare = await startBareServer(dbUrl, userId);
  results.push(await load({ title: 'same page, one SQL statement, bare node:http + pg', url: `http://127.0.0.1:${BARE_PORT}/`, body: {}, connections: CONNECTIONS, duration: DURATION }));
  await bare.stop();
  return results;
}

/** `feed(first: 20)` with author, run, counts and likedByViewer, for a reader following 50 runners × 40 posts. */
async function benchFeed(dbUrl) {
  console.log('seeding 50 runners × 40 posts with runs, kudos and comments, followed by one reader (once)…');
  const secret = 'bench-feed';
  const gateway = await startProcess('gateway/dist/main.js', { DATABASE_URL: dbUrl, REDIS_URL: '', SEED_DEMO: 'false', JWT_SECRET: secret }, FEED_PORT);
  try {
    const { readerId } = await seedFeed(dbUrl);
    const { TokenService } = require('../gateway/dist/auth/tokens.js');
    const token = new TokenService(secret, 3600).issue(readerId);
    return await load({ title: 'feed(first: 20) with author, run, likeCount, likedByViewer, commentCount', url: `http://127.0.0.1:${FEED_PORT}/graphql`, body: { query: FEED_QUERY }, headers: { authorization: `Bearer ${token}` }, connections: CONNECTIONS, duration: DURATION });
  } finally {
    await gateway.stop();
  }
}

async function hashOf(password) {
  const { hashPassword } = require('../gateway/dist/auth/passwords.js');
  return hashPassword(password);
}

async function main() {
  const which = process.argv[2] ?? 'all';
  const server = await databaseServer();
  try {
    const { url } = await benchDatabase(server.url, false);
    const results = [];
    if (which === 'all' || which === 'runs') {
      const [gql, bare] = await benchRunsPage(url);
      results.push(gql, bare);
      console.log(`\nGraphQL / bare = ${(gql.rps / bare.rps).toFixed(2)}× (target ≥ 0.5×)`);
    }
    if (which === 'all' || which === 'feed') results.push(await benchFeed(url));
    if (results.length) {
      console.log(`\n| measurement (${CONNECTIONS} connections, ${DURATION} s) | req/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|`);
      for (const r of results) console.log(row(r));
    }
    if (which === 'all' || which === 'fanout') {
      const fanout = [];
      for (const subscribers of FANOUT_SUBSCRIBERS) {
        console.log(`fan-out: ${subscribers} subscribers on the gateway and on a bare ws server, ${FANOUT_POSTS} posts to each at ${FANOUT_RATE}/s, taking turns…`);
        fanout.push(...(await benchFanout({ dbUrl: url, subscribers, posts: FANOUT_POSTS, rate: FANOUT_RATE, ports: [FANOUT_PORT, FANOUT_PORT + 10] })));
      }
      console.log(`\n| fan-out (${FANOUT_POSTS} posts each at ${FANOUT_RATE}/s) | p50 ms | p99 ms | max ms | deliveries/s | KiB per connection | missed |\n|---|---|---|---|---|---|---|`);
      for (const r of fanout) console.log(fanoutRow(r));
    }
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
