// Shared pieces of the benchmarks: a dedicated database, a gateway child process, and
// autocannon runs reported as one line each.
const { spawn } = require('node:child_process');
const path = require('node:path');
const autocannon = require('autocannon');
const { Client } = require('pg');

const ROOT = path.resolve(__dirname, '..');
const BENCH_DB = 'maratron_bench';

/** A PostgreSQL server URL: DATABASE_URL's server, or an embedded one started here. */
async function databaseServer() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const { startEmbeddedPostgres } = require('@maratron/core');
  const db = await startEmbeddedPostgres(path.join(ROOT, '.data', 'bench'));
  return db;
}

/** URL of the benchmark database on the same server (created empty when `fresh`). */
async function benchDatabase(serverUrl, fresh, name = BENCH_DB) {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount > 0;
  if (fresh && exists) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  if (fresh || !exists) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), created: fresh || !exists };
}

/** Starts `node <script>` with env and waits until `readyPath` answers. */
async function startProcess(script, env, port, readyPath = '/readyz') {
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []), path.join(ROOT, script)],
    {
      env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}${readyPath}`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`${script} exited early`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/** One autocannon run; returns req/s, latency p50/p99 (ms) and errors. */
async function load({ url, body, headers = {}, connections = 50, duration = 10, title }) {
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    title,
  });
  const errors = result.errors + result.non2xx + result.timeouts;
  return { title, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors, total: result.requests.total };
}

function row(r) {
  return `| ${r.title} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} |`;
}

module.exports = { ROOT, databaseServer, benchDatabase, startProcess, load, row };
