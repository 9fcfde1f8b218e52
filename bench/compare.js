// Two versions side by side, in one run: the runs page and the feed page against a gateway built
// from another checkout (the baseline, e.g. main) and one built from this tree, each on a database
// of its own seeded the same way, in alternating rounds so both see the same machine. This tree's
// database also gets what a version may add to every read: a sprinkle of blocks among the runners
// (none of them the two who read) and a privacy zone per runner, when the tables exist.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bench/compare.js /path/to/baseline
//
// Both checkouts must be built (`npx tsc -b gateway`). Knobs: BENCH_SECONDS (per measurement,
// default 8), BENCH_ROUNDS (default 4), BENCH_CONNECTIONS (default 50). Besides req/s it prints
// CPU per request: the gateway process's, and all PostgreSQL processes' on the machine (so other
// work on the machine shows there too; a connection that ends during a measurement is not counted).
const fs = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');
const { ROOT, benchDatabase, startProcess, load } = require('./lib');
const { seedRunsDataSet } = require('./seed-runs');
const { seedFeed } = require('./seed-social');

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PAGES = {
  runs: { viewer: 'runner1', query: `{ runs(first: 20) { edges { node { distance duration user { name } shoe { name } } } } }` },
  feed: {
    viewer: 'feedreader1',
    query: `{ feed(first: 20) { edges { cursor node { id text createdAt author { name } run { distance duration pace } likeCount likedByViewer commentCount } } pageInfo { hasNextPage endCursor } } }`,
  },
};

/** CPU time (ms) a process has used so far, and all PostgreSQL processes together. */
function cpuMs(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
/** CPU time (ms) of every PostgreSQL process now, by pid. */
function postgresCpu() {
  const byPid = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/stat`, 'utf8').includes('(postgres)')) byPid.set(entry, cpuMs(entry));
    } catch {
      // gone meanwhile
    }
  }
  return byPid;
}

/** What PostgreSQL processes used since `before` (processes that ended meanwhile are not counted). */
function postgresCpuSince(before) {
  let total = 0;
  for (const [pid, ms] of postgresCpu()) total += ms - (before.get(pid) ?? 0);
  return total;
}

async function tableExists(db, name) {
  return (await db.query(`SELECT to_regclass($1) IS NOT NULL AS e`, [name])).rows[0].e;
}

/** A bearer token for `username`, made as that version makes them (with a session row where it has sessions). */
async function tokenFor(root, url, username) {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const [{ id }] = (await db.query(`SELECT id FROM users WHERE username = $1`, [username])).rows;
    const { TokenService } = require(path.join(root, 'core/dist/index.js'));
    const tokens = new TokenService('bench-compare', 24 * 3600);
    if (!(await tableExists(db, 'sessions'))) return tokens.issue(id);
    const [{ sid }] = (
      await db.query(
        `INSERT INTO sessions (user_id, device, expires_at) VALUES ($1, 'bench', now() + interval '1 day') RETURNING id AS sid`,
        [id],
      )
    ).rows;
    return tokens.issue(id, sid);
  } finally {
    await db.end();
  }
}

/** Blocks among the runs-page runners (about 3 per runner), never involving the readers, and a zone per runner. */
async function addTrustRows(url) {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    if (await tableExists(db, 'blocks')) {
      await db.query(`
        INSERT INTO blocks (blocker_id, blocked_id)
        SELECT a.id, b.id FROM users a JOIN users b ON a.id <> b.id
         WHERE a.email LIKE 'runner%@bench.local' AND b.email LIKE 'runner%@bench.local'
           AND a.username <> 'runner1' AND b.username <> 'runner1' AND random() < 0.003
        ON CONFLICT DO NOTHING`);
    }
    if (await tableExists(db, 'privacy_zones')) {
      await db.query(`
        INSERT INTO privacy_zones (user_id, name, latitude, longitude, radius)
        SELECT u.id, 'Home', 52.5 + random() / 10, 13.3 + random() / 10, 500 FROM users u
         WHERE NOT EXISTS (SELECT 1 FROM privacy_zones z WHERE z.user_id = u.id)`);
    }
    await db.query('ANALYZE');
  } finally {
    await db.end();
  }
}

async function main() {
  const baselineRoot = path.resolve(process.argv[2] ?? '');
  if (!process.argv[2] || !fs.existsSync(path.join(baselineRoot, 'gateway/dist/main.js')))
    throw new Error('usage: node bench/compare.js <a built baseline checkout>');
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL names the PostgreSQL server to use');
  const versions = [
    { name: 'baseline', root: baselineRoot, db: 'maratron_compare_baseline', port: 4711 },
    { name: 'this tree', root: ROOT, db: 'maratron_compare_tree', port: 4712 },
  ];
  for (const v of versions) {
    v.url = (await benchDatabase(process.env.DATABASE_URL, true, v.db)).url;
    v.gateway = await startProcess(
      path.relative(ROOT, path.join(v.root, 'gateway/dist/main.js')),
      {
        DATABASE_URL: v.url,
        REDIS_URL: '',
        SEED_DEMO: 'false',
        JWT_SECRET: 'bench-compare',
        AI_SERVER_PORT: '0',
        IMPORT_WORKER: 'false',
        DATA_DIR: fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'maratron-compare-')),
      },
      v.port,
    );
    console.log(`seeding ${v.name}…`);
    await seedRunsDataSet(v.url);
    await seedFeed(v.url);
    if (v.root === ROOT) await addTrustRows(v.url);
    v.tokens = {};
    for (const [page, { viewer }] of Object.entries(PAGES)) v.tokens[page] = await tokenFor(v.root, v.url, viewer);
  }
  const rps = {};
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const page of Object.keys(PAGES)) {
        for (const v of round % 2 ? [...versions].reverse() : versions) {
          const node0 = cpuMs(v.gateway.child.pid);
          const pg0 = postgresCpu();
          const r = await load({
            title: `${page}, ${v.name}`,
            url: `http://127.0.0.1:${v.port}/graphql`,
            body: { query: PAGES[page].query },
            headers: { authorization: `Bearer ${v.tokens[page]}` },
            connections: CONNECTIONS,
            duration: SECONDS,
          });
          const perRequest = (ms) => (ms / Math.max(1, r.total)).toFixed(2);
          console.log(
            `${r.title}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors; CPU per request: ` +
              `gateway ${perRequest(cpuMs(v.gateway.child.pid) - node0)} ms, PostgreSQL ${perRequest(postgresCpuSince(pg0))} ms`,
          );
          (rps[`${page}|${v.name}`] ??= []).push(r.rps);
        }
      }
    }
  } finally {
    for (const v of versions) await v.gateway.stop();
  }
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  for (const page of Object.keys(PAGES)) {
    const [a, b] = versions.map((v) => rps[`${page}|${v.name}`]);
    console.log(
      `${page}: baseline ${a.map((x) => x.toFixed(0)).join(' / ')}, this tree ${b.map((x) => x.toFixed(0)).join(' / ')} req/s → ${(sum(b) / sum(a)).toFixed(3)}×`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
