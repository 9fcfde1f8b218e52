// PostgreSQL stopped at once (`pg_ctl stop -m immediate`) under a real gateway process, with
// requests in flight and an export downloading, then started again: the process never dies,
// answers /healthz within a second throughout, says it is not ready (503) and answers requests
// with SERVICE_UNAVAILABLE while the database is away, and serves again once it is back.
// The PostgreSQL is the test's own (own-postgres.ts); the machine's is never touched.
import { Client } from 'pg';
import { unzipSync } from 'fflate';
import { eventuallyWithin, gqlWithin, healthzWithinASecond, statusWithin } from './bounded-requests';
import { bulkyAccount, holdDownload } from './downloads';
import { errorOf, ok, TEST_PASSWORD } from './harness';
import { startOwnPostgres } from './own-postgres';
import type { OwnPostgres } from './own-postgres';
import { spawnGateway, stopAll } from './processes';
import type { GatewayProcess } from './processes';

jest.setTimeout(300_000);

const SCHEMA = 'maratron';
/** How long the database stays away: long enough for the pool, the job queue's polling and the probes to meet the outage. */
const OUTAGE_MS = 4000;

let pg: OwnPostgres;
let g: GatewayProcess;
let owner: Client;

beforeAll(async () => {
  pg = await startOwnPostgres();
  g = await spawnGateway(SCHEMA, { DATABASE_URL: pg.url, DB_POOL_SIZE: '4', DB_ACQUIRE_TIMEOUT_MS: '2000' });
  owner = new Client({ connectionString: pg.url, options: `-c search_path=${SCHEMA}` });
  // This test's own connection dies with the database too; that is expected, not a failure.
  owner.on('error', () => undefined);
  await owner.connect();
});
afterAll(async () => {
  await owner?.end().catch(() => undefined);
  await stopAll();
  await pg?.destroy();
});

async function signUp(name: string) {
  const username = `${name.toLowerCase()}${Date.now().toString(36)}`;
  const res = ok(
    await gqlWithin<{ signUp: { token: string; user: { id: string } } }>(
      g.base,
      `mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }`,
      {
        i: { email: `${username}@example.com`, password: TEST_PASSWORD, name, username },
      },
    ),
  );
  return { id: res.signUp.user.id, token: res.signUp.token };
}

const RUNS = `{ runs(first: 20) { totalCount edges { node { id distance } } } }`;
interface RunCount {
  runs: { totalCount: number };
}
const CREATE_RUN = `mutation { createRun(input: { startedAt: "2025-06-01T07:00:00Z", distance: 5000, duration: 1500 }) { id } }`;

it('survives an immediate PostgreSQL stop and restart, with requests in flight and an export downloading', async () => {
  const pid = g.child.pid;
  const runner = await signUp('Restart');
  const { runs } = await bulkyAccount({ sql: async (text, params) => (await owner.query(text, params)).rows }, runner);
  expect(ok(await gqlWithin<RunCount>(g.base, RUNS, {}, runner.token)).runs.totalCount).toBe(runs);

  // An export whose client reads its first bytes, then nothing while the database goes away.
  const download = await holdDownload(g.base, '/api/export', runner.token, { firstChunk: true });
  expect(download.status).toBe(200);
  // Requests in flight when PostgreSQL stops.
  const inFlight = Array.from({ length: 12 }, (_, i) => gqlWithin(g.base, i % 3 === 0 ? CREATE_RUN : RUNS, {}, runner.token));
  await pg.stopImmediately();

  // Each of them is answered — with its data if it was done in time, else with an error — none hangs.
  const answered = await Promise.all(inFlight);
  expect(answered.every((res) => res.data !== undefined || res.errors !== undefined)).toBe(true);

  // While the database is away: alive, not ready, and a clear "come back later" for requests.
  const outageEnds = Date.now() + OUTAGE_MS;
  do {
    await healthzWithinASecond(g.base);
    expect(await statusWithin(g.base, '/readyz')).toBe(503);
    const query = await gqlWithin(g.base, RUNS, {}, runner.token);
    expect(query.status).toBe(503);
    expect(errorOf(query).code).toBe('SERVICE_UNAVAILABLE');
    expect(errorOf(await gqlWithin(g.base, CREATE_RUN, {}, runner.token)).code).toBe('SERVICE_UNAVAILABLE');
    expect(g.child.exitCode).toBeNull();
    await new Promise((r) => setTimeout(r, 500));
  } while (Date.now() < outageEnds);

  await pg.start();
  await eventuallyWithin(async () => (await statusWithin(g.base, '/readyz')) === 200, 'ready again');
  await healthzWithinASecond(g.base);
  let after = 0;
  await eventuallyWithin(async () => {
    after = ok(await gqlWithin<RunCount>(g.base, RUNS, {}, runner.token)).runs.totalCount;
    return true;
  }, 'queries answered again');
  ok(await gqlWithin(g.base, CREATE_RUN, {}, runner.token));
  expect(ok(await gqlWithin<RunCount>(g.base, RUNS, {}, runner.token)).runs.totalCount).toBe(after + 1);

  // The export downloading through the outage arrives whole: it was read before it was sent.
  const zip = unzipSync(new Uint8Array(await download.rest()));
  expect(JSON.parse(new TextDecoder().decode(zip['runs.json'])).runs).toHaveLength(runs);

  // The same process all along.
  expect(g.child.exitCode).toBeNull();
  expect(g.child.pid).toBe(pid);
});
