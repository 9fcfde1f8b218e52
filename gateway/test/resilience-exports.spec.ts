// Downloads against a real gateway process: clients that never read (items 3 of issue 12: they
// must not take the database pool from everyone else) and clients that go away half-way (item 5:
// they must not take the process down).
import { unzipSync } from 'fflate';
import { eventuallyWithin, gqlWithin, healthzWithinASecond, statusWithin } from './bounded-requests';
import { bulkyAccount, deletedFilesOpen, fullDownload, holdDownload } from './downloads';
import type { HeldDownload } from './downloads';
import { ok, startTestGateway } from './harness';
import type { TestGateway, TestUser } from './harness';
import { spawnGateway, stopAll } from './processes';
import type { GatewayProcess } from './processes';

jest.setTimeout(240_000);

/** The gateway's pool; as many runners as connections hold downloads open. */
const POOL_SIZE = 3;

const VIEWER = `{ me { id } }`;

let t: TestGateway;
let g: GatewayProcess;
beforeAll(async () => {
  t = await startTestGateway();
  g = await spawnGateway(t.schema, {
    DB_POOL_SIZE: String(POOL_SIZE),
    DB_ACQUIRE_TIMEOUT_MS: '3000',
    EXPORT_MAX_CONCURRENT: '2',
    EXPORT_MAX_CONCURRENT_PER_USER: '1',
  });
});
afterAll(async () => {
  await stopAll();
  await t.close();
});

/** A runner whose export is megabytes (more than a socket's buffers hold), two runs with recordings among them. */
async function bulkyRunner(name: string): Promise<TestUser & { runs: number; trackedIds: string[] }> {
  const runner = await t.signUp(name);
  return { ...runner, ...(await bulkyAccount(t, runner)) };
}

/** The process is up and serving: /healthz within a second, /readyz, a GraphQL query. */
async function serving(viewer: TestUser): Promise<void> {
  expect(g.child.exitCode).toBeNull();
  await healthzWithinASecond(g.base);
  expect(await statusWithin(g.base, '/readyz')).toBe(200);
  expect(ok(await gqlWithin<{ me: { id: string } }>(g.base, VIEWER, {}, viewer.token)).me.id).toBe(viewer.id);
}

describe('account exports to clients that never read', () => {
  const held: HeldDownload[] = [];
  afterEach(() => {
    for (const d of held.splice(0)) d.destroy();
  });

  it('hold no database connection: with the pool full of them, other runners and /readyz are answered, and a second export of the same runner is refused', async () => {
    const runners = await Promise.all(Array.from({ length: POOL_SIZE }, (_, i) => bulkyRunner(`Slow${i}`)));
    const bystander = await t.signUp('Bystander');
    for (const runner of runners) {
      const download = await holdDownload(g.base, '/api/export', runner.token);
      held.push(download);
      expect(download.status).toBe(200);
      expect(download.headers['content-type']).toBe('application/zip');
    }
    // As many downloads as the pool has connections, none of them read.
    await serving(bystander);
    ok(
      await gqlWithin(
        g.base,
        `mutation { createRun(input: { startedAt: "2025-06-01T07:00:00Z", distance: 5000, duration: 1500 }) { id } }`,
        {},
        bystander.token,
      ),
    );

    const second = await fullDownload(g.base, '/api/export', runners[0].token);
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(JSON.parse(new TextDecoder().decode(second.body)).error.code).toBe('RATE_LIMITED');

    // The client goes away: the runner may export again, and gets the whole account.
    held[0].destroy();
    let again: Awaited<ReturnType<typeof fullDownload>> | null = null;
    await eventuallyWithin(async () => {
      again = await fullDownload(g.base, '/api/export', runners[0].token);
      return again.status === 200;
    }, 'the runner being allowed a new export once the first client went away');
    const files = unzipSync(again!.body);
    expect(JSON.parse(new TextDecoder().decode(files['runs.json'])).runs).toHaveLength(runners[0].runs);
    expect(Object.keys(files).filter((n) => n.startsWith('activities/'))).toHaveLength(runners[0].trackedIds.length);
  });

  it('are read from the database by at most EXPORT_MAX_CONCURRENT at once; the next is told to come back (503)', async () => {
    const [a, b, c] = await Promise.all(['ReaderA', 'ReaderB', 'ReaderC'].map((n) => t.signUp(n)));
    const waitingOnRuns = async () =>
      (
        await t.sql(
          `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace s ON s.oid = c.relnamespace
          WHERE s.nspname = $1 AND c.relname = 'runs' AND NOT l.granted`,
          [t.schema],
        )
      )[0].n as number;
    // The runs table locked: two exports start reading and wait there, each on a connection.
    await t.sql(`BEGIN; LOCK TABLE runs IN ACCESS EXCLUSIVE MODE`);
    let pending: Promise<Awaited<ReturnType<typeof fullDownload>>>[] = [];
    try {
      pending = [a, b].map((r) => fullDownload(g.base, '/api/export', r.token));
      await eventuallyWithin(async () => (await waitingOnRuns()) === 2, 'two exports reading');
      const third = await fullDownload(g.base, '/api/export', c.token);
      expect(third.status).toBe(503);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(JSON.parse(new TextDecoder().decode(third.body)).error.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await t.sql('COMMIT');
    }
    expect((await Promise.all(pending)).map((d) => d.status)).toEqual([200, 200]);
    // Told to come back, the third runner gets their export once the others are done (the two turns are
    // given back as their downloads end, which a loaded machine may finish a moment after the client has
    // read the last byte).
    await eventuallyWithin(
      async () => (await fullDownload(g.base, '/api/export', c.token)).status === 200,
      'the third runner’s export once the others were done',
    );
  });
});

describe('downloads whose client goes away half-way', () => {
  it('end only that download: the process stays up and serving, and nothing is left open', async () => {
    const runner = await bulkyRunner('Quitter');
    const [runId] = runner.trackedIds;
    for (let i = 0; i < POOL_SIZE + 1; i++) {
      const download = await holdDownload(g.base, '/api/export', runner.token, { firstChunk: true });
      expect(download.status).toBe(200);
      expect(download.first!.subarray(0, 2).toString()).toBe('PK');
      download.destroy();
      const gpx = await holdDownload(g.base, `/api/runs/${runId}.gpx`, runner.token, { firstChunk: true });
      expect(gpx.status).toBe(200);
      gpx.destroy();
      await healthzWithinASecond(g.base);
    }
    await serving(runner);
    // No connection was left behind (the pool has POOL_SIZE; more downloads than that were cut), and
    // no prepared file is left open.
    const queries = await Promise.all(
      Array.from({ length: POOL_SIZE * 2 }, () =>
        gqlWithin<{ runs: { totalCount: number } }>(g.base, `{ runs(first: 1) { totalCount } }`, {}, runner.token),
      ),
    );
    expect(queries.map((q) => ok(q).runs.totalCount)).toEqual(Array(POOL_SIZE * 2).fill(runner.runs));
    await eventuallyWithin(
      async () => deletedFilesOpen(g.child, /maratron-download-/)?.length === 0,
      'the prepared files closed',
      20_000,
    ).catch(() => {
      throw new Error(`files still open: ${deletedFilesOpen(g.child, /maratron-download-/)}`);
    });
    // …and the runner's export turn was given back.
    const whole = await fullDownload(g.base, '/api/export', runner.token);
    expect(whole.status).toBe(200);
    expect(JSON.parse(new TextDecoder().decode(unzipSync(whole.body)['runs.json'])).runs).toHaveLength(runner.runs);
    expect(g.child.exitCode).toBeNull();
  });
});
