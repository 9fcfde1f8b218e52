// The database timeouts (DB_ACQUIRE_TIMEOUT_MS, DB_STATEMENT_TIMEOUT_MS,
// DB_IDLE_IN_TRANSACTION_TIMEOUT_MS): a request never waits without end for a connection or a
// statement, and no transaction pins a connection — while migrations, which may wait and run
// long, are exempt from the statement timeout.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { migrate, withSchemaLock } from '@maratron/migrations';
import { Client } from 'pg';
import { loadConfig, createDataSource, openDatabase } from '@maratron/core';
import { eventuallyWithin, gqlWithin, healthzWithinASecond, statusWithin } from './bounded-requests';
import { errorOf, ok, startTestGateway } from './harness';
import type { TestGateway } from './harness';
import { spawnGateway, stopAll } from './processes';

jest.setTimeout(120_000);

const RUNS = `{ runs(first: 5) { totalCount } }`;

describe('a gateway whose connections are all busy', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(async () => {
    await stopAll();
    await t.close();
  });

  it('answers SERVICE_UNAVAILABLE (503) to a request that got no connection in time, and to one whose statement ran too long', async () => {
    const g = await spawnGateway(t.schema, { DB_POOL_SIZE: '2', DB_ACQUIRE_TIMEOUT_MS: '1500', DB_STATEMENT_TIMEOUT_MS: '5000' });
    const runner = await t.signUp('Waiting');
    const waitingOnRuns = async () =>
      (
        await t.sql(
          `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace s ON s.oid = c.relnamespace
          WHERE s.nspname = $1 AND c.relname = 'runs' AND NOT l.granted`,
          [t.schema],
        )
      )[0].n as number;
    // The runs table locked: two queries wait on it, each holding one of the pool's two connections.
    await t.sql(`BEGIN; LOCK TABLE runs IN ACCESS EXCLUSIVE MODE`);
    try {
      const blocked = [gqlWithin(g.base, RUNS, {}, runner.token), gqlWithin(g.base, RUNS, {}, runner.token)];
      await eventuallyWithin(async () => (await waitingOnRuns()) === 2, 'two queries holding both connections');

      const starved = await gqlWithin(g.base, `{ me { id } }`, {}, runner.token);
      expect(starved.status).toBe(503);
      expect(errorOf(starved).code).toBe('SERVICE_UNAVAILABLE');
      expect(await statusWithin(g.base, '/readyz')).toBe(503);
      await healthzWithinASecond(g.base);

      // PostgreSQL stops the statements waiting on the lock once they have run for DB_STATEMENT_TIMEOUT_MS.
      for (const res of await Promise.all(blocked)) {
        expect(res.status).toBe(503);
        expect(errorOf(res)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/too long/) });
      }
    } finally {
      await t.sql('COMMIT');
    }
    expect(ok(await gqlWithin<{ runs: { totalCount: number } }>(g.base, RUNS, {}, runner.token)).runs.totalCount).toBe(0);
    expect(await statusWithin(g.base, '/readyz')).toBe(200);
  });
});

describe('the pool of a process (openDatabase)', () => {
  const url = process.env.DATABASE_URL!;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let close: (() => Promise<void>) | null = null;
  afterAll(async () => {
    await close?.();
    const admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('ends a transaction left idle past DB_IDLE_IN_TRANSACTION_TIMEOUT_MS; migrations wait and run without DB_STATEMENT_TIMEOUT_MS', async () => {
    const config = loadConfig({
      ...process.env,
      DATABASE_URL: url,
      DATABASE_SCHEMA: schema,
      DB_POOL_SIZE: '1',
      DB_STATEMENT_TIMEOUT_MS: '200',
      DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '500',
    });
    const db = await openDatabase(config);
    close = db.close;

    // Another process holds the schema lock for longer than the statement timeout: the migrations
    // wait for it (a statement: pg_advisory_lock) and then run.
    const other = createDataSource({ url, poolSize: 1 });
    await other.initialize();
    let released = false;
    const holder = withSchemaLock(other, async () => {
      await new Promise((r) => setTimeout(r, 800));
      released = true;
    });
    await new Promise((r) => setTimeout(r, 100));
    try {
      const applied = await migrate(db.dataSource);
      expect(released).toBe(true);
      expect(applied.length).toBeGreaterThan(0);
    } finally {
      await holder;
      await other.destroy();
    }
    // …and the connection they used (the pool's only one) has its statement timeout back.
    expect(await db.dataSource.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '200ms' }]);

    // A transaction that sits idle loses its session instead of pinning the connection.
    const runner = db.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query('SELECT 1');
      await new Promise((r) => setTimeout(r, 1200));
      await expect(runner.query('SELECT 1')).rejects.toThrow();
    } finally {
      await runner.release();
    }
    expect(await db.dataSource.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });
});
