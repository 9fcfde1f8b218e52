#!/usr/bin/env node
// `npm run bench [runs|peers|feed|training|fanout|import]`: benchmarks against a seeded database. Each prints a markdown
// row per measurement; bench/RESULTS.md records them with the command that produced them.
const http = require('node:http');
const { Pool } = require('pg');
const { databaseServer, benchDatabase, startProcess, load, row } = require('./lib');
const { seedRunsDataSet } = require('./seed-runs');
const { seedTrainingRunner } = require('./seed-training');
const { benchFanout, fanoutRow } = require('./fanout');
const { openSessions, seedFeed } = require('./seed-social');
const { benchDomain } = require('./domain');
const { benchPeers } = require('./peers');

const GATEWAY_PORT = Number(process.env.BENCH_PORT ?? 4600);
const BARE_PORT = GATEWAY_PORT + 1;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const IMPORT_ACTIVITIES = Number(process.env.BENCH_IMPORT_ACTIVITIES ?? 1000);

// Beside BENCH_PORT (4602 and 4603 by default), so a benchmark moved off the default ports takes all of them along.
const FANOUT_PORT = GATEWAY_PORT + 2;
const FEED_PORT = GATEWAY_PORT + 3;
const FANOUT_SUBSCRIBERS = (process.env.BENCH_FANOUT ?? '1000,5000').split(',').map(Number);
const FANOUT_POSTS = Number(process.env.BENCH_FANOUT_POSTS ?? 20);
const FANOUT_RATE = Number(process.env.BENCH_FANOUT_RATE ?? 2);
// Which servers take turns: the bare broadcast, one gateway, two gateways through Redis (REDIS_URL).
const FANOUT_KINDS = (process.env.BENCH_FANOUT_KINDS ?? 'bare,gateway').split(',');
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
      const edges = rows.map((r) => ({
        node: { distance: r.distance, duration: r.duration, user: { name: r.user_name }, shoe: { name: r.shoe_name } },
      }));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { runs: { edges } } }));
    });
  });
  return new Promise((resolve) =>
    server.listen(BARE_PORT, '127.0.0.1', () =>
      resolve({
        stop: async () => {
          server.close();
          await pool.end();
        },
      }),
    ),
  );
}

async function signIn(base, email, password) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token user { id } } }`,
      variables: { e: email, p: password },
    }),
  });
  const body = await res.json();
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return { token: body.data.signIn.token, userId: body.data.signIn.user.id };
}

const GATEWAY_ENV = {
  SEED_DEMO: 'false',
  JWT_SECRET: 'bench',
  SIGNIN_LIMIT_PER_ADDRESS: '1000000',
  MUTATION_LIMIT_PER_USER: '1000000',
  MUTATION_LIMIT_PER_ADDRESS: '1000000',
};

/** A gateway child process on the bench database, with RLS on or off. */
function startGateway(dbUrl, rowLevelSecurity = true) {
  return startProcess(
    'gateway/dist/main.js',
    { ...GATEWAY_ENV, DATABASE_URL: dbUrl, ROW_LEVEL_SECURITY: String(rowLevelSecurity) },
    GATEWAY_PORT,
  );
}

async function benchRunsPage(dbUrl) {
  console.log('seeding 1,000 runners × 100 runs (once)…');
  let gateway = await startGateway(dbUrl);
  await seedRunsDataSet(dbUrl);
  const pool = new Pool({ connectionString: dbUrl, max: 1 });
  await pool.query(`UPDATE users SET password_hash = $1 WHERE username = 'runner1'`, [await hashOf('bench-password')]);
  await pool.end();
  const { token, userId } = await signIn(`http://127.0.0.1:${GATEWAY_PORT}`, 'runner1@bench.local', 'bench-password');
  const results = [];
  const page = (title) =>
    load({
      title,
      url: `http://127.0.0.1:${GATEWAY_PORT}/graphql`,
      body: { query: RUNS_QUERY },
      headers: { authorization: `Bearer ${token}` },
      connections: CONNECTIONS,
      duration: DURATION,
    });
  results.push(await page('runs(first: 20) via GraphQL gateway (row-level security on)'));
  await gateway.stop();
  gateway = await startGateway(dbUrl, false);
  results.push(await page('runs(first: 20) via GraphQL gateway (row-level security off)'));
  await gateway.stop();
  const bare = await startBareServer(dbUrl, userId);
  results.push(
    await load({
      title: 'same page, one SQL statement, bare node:http + pg',
      url: `http://127.0.0.1:${BARE_PORT}/`,
      body: {},
      connections: CONNECTIONS,
      duration: DURATION,
    }),
  );
  await bare.stop();
  return results;
}

const TRAINING_QUERY = `{ trainingSummary(weeks: 52) {
  weeks { weekStart distance duration runCount }
  personalRecords { distance duration run { id startedAt name } }
  vdot
  predictions { distance duration }
  load { date acute chronic balance }
  shoeAlerts { name usage }
} }`;
const TRAINING_REQUESTS = Number(process.env.BENCH_TRAINING_REQUESTS ?? 200);

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * trainingSummary(weeks: 52) for a runner with three years of daily runs: ~200 sequential
 * requests (one client, so each is timed alone), after a warm-up, over HTTP through the gateway.
 */
async function benchTrainingSummary(dbUrl) {
  const gateway = await startProcess(
    'gateway/dist/main.js',
    { DATABASE_URL: dbUrl, SEED_DEMO: 'false', JWT_SECRET: 'bench', SIGNIN_LIMIT_PER_ADDRESS: '1000000' },
    GATEWAY_PORT,
  );
  try {
    const seeded = await seedTrainingRunner(dbUrl, await hashOf('bench-password'));
    console.log(`trainingSummary: a runner with ${seeded.runs} daily runs (three years)`);
    const base = `http://127.0.0.1:${GATEWAY_PORT}`;
    const { token } = await signIn(base, seeded.email, 'bench-password');
    const ask = async () => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: TRAINING_QUERY }),
      });
      const body = await res.json();
      if (!body.data?.trainingSummary) throw new Error(JSON.stringify(body.errors));
      return body.data.trainingSummary;
    };
    const sample = await ask();
    for (let i = 0; i < 20; i++) await ask();
    const times = [];
    for (let i = 0; i < TRAINING_REQUESTS; i++) {
      const started = performance.now();
      await ask();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return {
      title: `trainingSummary(weeks: 52), ${seeded.runs} runs, ${TRAINING_REQUESTS} sequential requests`,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      mean: times.reduce((s, x) => s + x, 0) / times.length,
      max: times[times.length - 1],
      shape: `${sample.weeks.length} weeks, ${sample.load.length} load days, ${sample.personalRecords.length} records, VDOT ${sample.vdot}`,
    };
  } finally {
    await gateway.stop();
  }
}

/** `feed(first: 20)` with author, run, counts and likedByViewer, for a reader following 50 runners × 40 posts. */
async function benchFeed(dbUrl, rowLevelSecurity = true) {
  console.log('seeding 50 runners × 40 posts with runs, kudos and comments, followed by one reader (once)…');
  const secret = 'bench-feed';
  const gateway = await startProcess(
    'gateway/dist/main.js',
    { DATABASE_URL: dbUrl, REDIS_URL: '', SEED_DEMO: 'false', JWT_SECRET: secret, ROW_LEVEL_SECURITY: String(rowLevelSecurity) },
    FEED_PORT,
  );
  try {
    const { readerId } = await seedFeed(dbUrl);
    const { TokenService } = require('@maratron/core');
    const [sessionId] = await openSessions(dbUrl, [readerId]);
    const token = new TokenService(secret, 3600).issue(readerId, sessionId);
    const title = `feed(first: 20) with author, run, likeCount, likedByViewer, commentCount (row-level security ${rowLevelSecurity ? 'on' : 'off'})`;
    return await load({
      title,
      url: `http://127.0.0.1:${FEED_PORT}/graphql`,
      body: { query: FEED_QUERY },
      headers: { authorization: `Bearer ${token}` },
      connections: CONNECTIONS,
      duration: DURATION,
    });
  } finally {
    await gateway.stop();
  }
}

/** Peak resident memory (VmHWM) of a process so far, in MB (Linux). */
function peakRssMb(pid) {
  const status = require('node:fs').readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

/**
 * Bulk import: a 1,000-activity archive (GPX/TCX/FIT of 30–60 min runs, a quarter gzipped, built by
 * bench/import-archive.js) uploaded to a gateway child process on its own database, followed to
 * DONE. Reports activities/s (upload to DONE) and the gateway's peak RSS (VmHWM).
 */
async function benchImport(serverUrl) {
  const os = require('node:os');
  const fs = require('node:fs');
  const path = require('node:path');
  const { buildImportArchive } = require('./import-archive');
  const count = IMPORT_ACTIVITIES;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maratron-bench-import-'));
  const archive = path.join(dir, 'archive.zip');
  console.log(`building a ${count}-activity archive…`);
  const bytes = await buildImportArchive(archive, count);
  const { url } = await benchDatabase(serverUrl, true, 'maratron_bench_import');
  const gateway = await startProcess(
    'gateway/dist/main.js',
    { ...GATEWAY_ENV, DATABASE_URL: url, IMPORT_DIR: path.join(dir, 'uploads') },
    GATEWAY_PORT,
  );
  try {
    const base = `http://127.0.0.1:${GATEWAY_PORT}`;
    const gql = async (query, variables, token) => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = await res.json();
      if (!body.data) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const { token } = (
      await gql(
        `mutation { signUp(input: { email: "importer@bench.local", password: "bench-password", name: "Importer", username: "importer" }) { token } }`,
      )
    ).signUp;
    const idleMb = peakRssMb(gateway.child.pid);
    const started = performance.now();
    const res = await fetch(`${base}/api/imports`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/zip',
        'content-length': String(bytes),
        'x-file-name': 'bench.zip',
      },
      body: fs.createReadStream(archive),
      duplex: 'half',
    });
    if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    const { id } = await res.json();
    const uploaded = performance.now();
    let job;
    do {
      await new Promise((r) => setTimeout(r, 250));
      job = (
        await gql(
          `query($id: ID!) { importJob(id: $id) { status total imported skipped failed problems { file message } } }`,
          { id },
          token,
        )
      ).importJob;
    } while (job.status === 'QUEUED' || job.status === 'RUNNING');
    const seconds = (performance.now() - started) / 1000;
    if (job.status !== 'DONE' || job.imported !== count)
      throw new Error(`import ended ${JSON.stringify({ ...job, problems: job.problems.slice(0, 5) })}`);
    return {
      activities: count,
      archiveMb: bytes / 1024 / 1024,
      uploadSeconds: (uploaded - started) / 1000,
      seconds,
      perSecond: count / seconds,
      idleMb,
      peakMb: peakRssMb(gateway.child.pid),
    };
  } finally {
    await gateway.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function hashOf(password) {
  const { hashPassword } = require('@maratron/core');
  return hashPassword(password);
}

async function main() {
  const which = process.argv[2] ?? 'all';
  if (which === 'domain') {
    console.log('| calculation | p50 ms | max ms |\n|---|---|---|');
    for (const r of benchDomain()) console.log(`| ${r.title} | ${r.p50.toFixed(1)} | ${r.max.toFixed(1)} |`);
    return;
  }
  const server = await databaseServer();
  try {
    const { url } = await benchDatabase(server.url, false);
    const results = [];
    if (which === 'peers') await benchPeers(url);
    if (which === 'all' || which === 'runs') {
      const [gql, noRls, bare] = await benchRunsPage(url);
      results.push(gql, noRls, bare);
      console.log(
        `\nGraphQL / bare = ${(gql.rps / bare.rps).toFixed(2)}× (target ≥ 0.5×); RLS costs ${((1 - gql.rps / noRls.rps) * 100).toFixed(1)} % (target ≤ 10 %)`,
      );
    }
    if (which === 'all' || which === 'feed') {
      const [feed, feedNoRls] = [await benchFeed(url), await benchFeed(url, false)];
      results.push(feed, feedNoRls);
      console.log(`\nfeed: RLS costs ${((1 - feed.rps / feedNoRls.rps) * 100).toFixed(1)} % (target ≤ 10 %)`);
    }
    if (results.length > 0) {
      console.log(
        `\n| measurement (${CONNECTIONS} connections, ${DURATION} s) | req/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|`,
      );
      for (const r of results) console.log(row(r));
    }
    if (which === 'all' || which === 'training') {
      const r = await benchTrainingSummary(url);
      console.log(`\n${r.shape}\n| measurement | p50 ms | p99 ms | mean ms | max ms |\n|---|---|---|---|---|`);
      console.log(`| ${r.title} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.mean.toFixed(1)} | ${r.max.toFixed(1)} |`);
    }
    if (which === 'all' || which === 'fanout') {
      const fanout = [];
      for (const subscribers of FANOUT_SUBSCRIBERS) {
        console.log(
          `fan-out: ${subscribers} subscribers on each of ${FANOUT_KINDS.join(', ')}, ${FANOUT_POSTS} posts to each at ${FANOUT_RATE}/s, taking turns…`,
        );
        fanout.push(
          ...(await benchFanout({
            dbUrl: url,
            subscribers,
            posts: FANOUT_POSTS,
            rate: FANOUT_RATE,
            ports: [FANOUT_PORT, FANOUT_PORT + 10, FANOUT_PORT + 20],
            kinds: FANOUT_KINDS,
          })),
        );
      }
      console.log(
        `\n| fan-out (${FANOUT_POSTS} posts each at ${FANOUT_RATE}/s) | p50 ms | p99 ms | max ms | deliveries/s | KiB per connection | missed |\n|---|---|---|---|---|---|---|`,
      );
      for (const r of fanout) console.log(fanoutRow(r));
    }
    if (which === 'all' || which === 'import') {
      const r = await benchImport(server.url);
      console.log(`\n| measurement | activities/s | seconds (upload) | gateway peak RSS MB (idle) |\n|---|---|---|---|`);
      console.log(
        `| ${r.activities} activities, ${r.archiveMb.toFixed(1)} MB zip, upload to DONE | ${r.perSecond.toFixed(1)} | ${r.seconds.toFixed(1)} (${r.uploadSeconds.toFixed(1)}) | ${r.peakMb.toFixed(0)} (${r.idleMb.toFixed(0)}) |`,
      );
      console.log(`target: ≥ 100 activities/s, peak < 300 MB`);
    }
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
