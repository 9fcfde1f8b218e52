// `npm run bench -- peers`: the gateway against a peer and the floor, in one run, in turns.
//  - runs page: the gateway, PostGraphile v4 (bench/postgraphile-server.js: the same runtime role
//    and viewer setting through its pgSettings, so the same row-level security) and the floor
//    (bench/floor-server.js: one SQL statement behind node:http + pg);
//  - feed page: the gateway and its floor (PostGraphile has no feed).
// Each server is a process of its own; each round measures them one after another (A B C), so
// every round sees the same machine. PostGraphile v5 (Grafast) needs Node 22 and is not run here.
// Knobs: BENCH_SECONDS (per measurement, default 10), BENCH_ROUNDS (default 2), BENCH_CONNECTIONS
// (default 50), BENCH_WARMUP (s per server before the rounds, default 3), BENCH_PORT (first of three ports, default 4600), BENCH_RUNNERS/BENCH_RUNS_PER (seed).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const { startProcess, load } = require('./lib');
const { seedRunsDataSet } = require('./seed-runs');
const { openSessions, seedFeed } = require('./seed-social');

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PORT = Number(process.env.BENCH_PORT ?? 4600);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const SECRET = 'bench-peers';

const RUNS_QUERY = `{ runs(first: 20) { edges { node { distance duration user { name } shoe { name } } } } }`;
const FEED_QUERY = `{ feed(first: 20) { edges { cursor node { id text createdAt author { name } run { distance duration pace } likeCount likedByViewer commentCount } } pageInfo { hasNextPage endCursor } } }`;
const peerRunsQuery = (userId) =>
  `{ allRuns(first: 20, condition: { userId: "${userId}" }, orderBy: [STARTED_AT_DESC, ID_DESC]) { nodes { distance duration userByUserId { name } shoeByShoeId { name } } } }`;

async function userId(url, username) {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query(`SELECT id FROM users WHERE username = $1`, [username])).rows[0].id;
  } finally {
    await db.end();
  }
}

/** POSTs `body` once and returns the JSON answer (a sanity check before loading a server). */
async function ask(url, body, headers = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const json = await res.json();
  if (!json.data) throw new Error(`${url}: ${JSON.stringify(json.errors ?? json)}`);
  return json.data;
}

async function benchPeers(dbUrl) {
  const { TokenService } = require('@maratron/core');
  const gateway = await startProcess(
    'gateway/dist/main.js',
    {
      DATABASE_URL: dbUrl,
      REDIS_URL: '',
      SEED_DEMO: 'false',
      JWT_SECRET: SECRET,
      AI_SERVER_PORT: '0',
      IMPORT_WORKER: 'false',
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'maratron-peers-')),
    },
    PORT,
  );
  const children = [gateway];
  try {
    console.log('seeding the runs and feed data sets (once)…');
    await seedRunsDataSet(dbUrl);
    const { readerId } = await seedFeed(dbUrl);
    const runnerId = await userId(dbUrl, 'runner1');
    // Other benchmarks add to this database (fan-out: thousands of runners, follows and sessions): fresh statistics for the planner.
    const db = new Client({ connectionString: dbUrl });
    await db.connect();
    await db.query('ANALYZE');
    await db.end();
    const [runnerSession, readerSession] = await openSessions(dbUrl, [runnerId, readerId]);
    const tokens = new TokenService(SECRET, 3600);
    const runnerToken = tokens.issue(runnerId, runnerSession);
    const readerToken = tokens.issue(readerId, readerSession);
    const peer = await startProcess('bench/postgraphile-server.js', { DATABASE_URL: dbUrl, VIEWER: runnerId }, PORT + 1);
    children.push(peer);
    const floor = await startProcess(
      'bench/floor-server.js',
      { DATABASE_URL: dbUrl, RUNS_USER: runnerId, FEED_READER: readerId },
      PORT + 2,
    );
    children.push(floor);

    const base = (port) => `http://127.0.0.1:${port}`;
    const pages = {
      runs: [
        { name: 'gateway', url: `${base(PORT)}/graphql`, body: { query: RUNS_QUERY }, headers: { authorization: `Bearer ${runnerToken}` } },
        { name: 'PostGraphile v4', url: `${base(PORT + 1)}/graphql`, body: { query: peerRunsQuery(runnerId) } },
        { name: 'floor', url: `${base(PORT + 2)}/runs`, body: {} },
      ],
      feed: [
        { name: 'gateway', url: `${base(PORT)}/graphql`, body: { query: FEED_QUERY }, headers: { authorization: `Bearer ${readerToken}` } },
        { name: 'floor', url: `${base(PORT + 2)}/feed`, body: {} },
      ],
    };
    // The same page from every server: the same distances in the same order.
    for (const [page, servers] of Object.entries(pages)) {
      const answers = await Promise.all(servers.map((s) => ask(s.url, s.body, s.headers)));
      const distances = answers.map((a) =>
        page === 'runs'
          ? (a.runs?.edges.map((e) => e.node.distance) ?? a.allRuns.nodes.map((n) => n.distance))
          : a.feed.edges.map((e) => e.node.run?.distance),
      );
      if (distances.some((d) => d.length !== 20 || JSON.stringify(d) !== JSON.stringify(distances[0])))
        throw new Error(`${page}: the servers answer different pages: ${JSON.stringify(distances)}`);
    }

    // Row-level security applies to the peer as to the gateway: none of another runner's private runs.
    const other = await userId(dbUrl, 'runner2');
    const hidden = await ask(pages.runs[1].url, {
      query: `{ allRuns(condition: { userId: "${other}", visibility: "PRIVATE" }) { totalCount } }`,
    });
    if (hidden.allRuns.totalCount !== 0) throw new Error(`PostGraphile sees ${hidden.allRuns.totalCount} private runs of another runner`);

    // Warm-up (not recorded): JIT, each connection's prepared statements and their plans.
    for (const servers of Object.values(pages))
      for (const s of servers) await load({ url: s.url, body: s.body, headers: s.headers, connections: CONNECTIONS, duration: WARMUP });

    const rps = {};
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [page, servers] of Object.entries(pages)) {
        for (const s of servers) {
          const r = await load({
            title: `${page}, ${s.name}`,
            url: s.url,
            body: s.body,
            headers: s.headers,
            connections: CONNECTIONS,
            duration: SECONDS,
          });
          console.log(`round ${round}: ${r.title}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors`);
          (rps[`${page}|${s.name}`] ??= []).push(r.rps);
        }
      }
    }
    const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const figures = (key) => rps[key].map((x) => x.toFixed(0)).join(', ');
    console.log(`\n| page | server | req/s (${ROUNDS} rounds, ${CONNECTIONS} connections, ${SECONDS} s) |\n|---|---|---|`);
    for (const [page, servers] of Object.entries(pages))
      for (const s of servers) console.log(`| ${page} | ${s.name} | ${figures(`${page}|${s.name}`)} |`);
    const ratio = (a, b) => (mean(rps[a]) / mean(rps[b])).toFixed(2);
    console.log(
      `\nruns: gateway / PostGraphile v4 = ${ratio('runs|gateway', 'runs|PostGraphile v4')}× (target ≥ 1.2×); ` +
        `gateway / floor = ${ratio('runs|gateway', 'runs|floor')}× (stretch ≥ 0.5×); PostGraphile v4 / floor = ${ratio('runs|PostGraphile v4', 'runs|floor')}×`,
    );
    console.log(`feed: gateway / floor = ${ratio('feed|gateway', 'feed|floor')}× (target ≥ 0.5×)`);
    console.log(
      `load average at the end: ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(', ')}`,
    );
  } finally {
    for (const c of children.reverse()) await c.stop();
  }
}

module.exports = { benchPeers };
