import { RequestDb } from '@maratron/core';
import { startTestGateway } from './harness';
import type { TestGateway } from './harness';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

describe('RequestDb.afterCommit', () => {
  it('runs after the final COMMIT, and never for work rolled back with its savepoint', async () => {
    const db = new RequestDb(t.dataSource, null);
    const ran: string[] = [];
    await db.query(`CREATE TEMP TABLE IF NOT EXISTS after_commit_probe (n int)`);
    db.afterCommit(() => ran.push('outer'));
    await db.transaction(async () => {
      db.afterCommit(() => ran.push('kept savepoint'));
      await db
        .transaction(async () => {
          db.afterCommit(() => ran.push('rolled back'));
          throw new Error('undo');
        })
        .catch(() => undefined);
    });
    await db
      .transaction(async () => {
        db.afterCommit(() => ran.push('failed savepoint'));
        throw new Error('undo');
      })
      .catch(() => undefined);
    expect(ran).toEqual([]);
    await db.close();
    expect(ran).toEqual(['outer', 'kept savepoint']);
  });

  it('runs nothing when the request rolls back', async () => {
    const db = new RequestDb(t.dataSource, null);
    const ran: string[] = [];
    await db.query('SELECT 1');
    db.afterCommit(() => ran.push('x'));
    await db.close(false);
    expect(ran).toEqual([]);
  });
});

describe('RequestDb.commitAndRelease and dryRun', () => {
  it('commits what was done, runs its after-commit work, frees the connection, and goes on in a new transaction', async () => {
    const db = new RequestDb(t.dataSource, null);
    const ran: string[] = [];
    const [{ txid: first }] = await db.query<{ txid: string }>(`SELECT txid_current()::text AS txid`);
    db.afterCommit(() => ran.push('first'));
    const idleBefore = (t.dataSource.driver as unknown as { master: { idleCount: number } }).master.idleCount;
    await db.commitAndRelease();
    expect(ran).toEqual(['first']);
    expect((t.dataSource.driver as unknown as { master: { idleCount: number } }).master.idleCount).toBe(idleBefore + 1);
    const [{ txid: second }] = await db.query<{ txid: string }>(`SELECT txid_current()::text AS txid`);
    expect(second).not.toBe(first);
    await db.close();
  });

  it('dryRun answers from a write and keeps nothing of it', async () => {
    const db = new RequestDb(t.dataSource, null);
    await db.query(`CREATE TEMP TABLE dry_run_probe (n int)`);
    const inserted = await db.dryRun(() => db.query<{ n: number }>(`INSERT INTO dry_run_probe VALUES (7) RETURNING n`));
    expect(inserted).toEqual([{ n: 7 }]);
    expect(await db.query(`SELECT n FROM dry_run_probe`)).toEqual([]);
    await db.close(false);
  });
});

describe('RequestDb.readOneSnapshot', () => {
  it('reads one snapshot across statements, whatever others commit meanwhile, and writes nothing', async () => {
    await t.sql(`CREATE TABLE ${t.schema}.snapshot_probe (n int)`);
    await t.sql(`INSERT INTO ${t.schema}.snapshot_probe VALUES (1)`);
    const db = new RequestDb(t.dataSource, null);
    db.readOneSnapshot();
    expect(await db.query(`SELECT n FROM snapshot_probe`)).toEqual([{ n: 1 }]);
    await t.sql(`INSERT INTO ${t.schema}.snapshot_probe VALUES (2)`);
    expect(await db.query(`SELECT n FROM snapshot_probe ORDER BY n`)).toEqual([{ n: 1 }]);
    await expect(db.query(`INSERT INTO snapshot_probe VALUES (3)`)).rejects.toThrow(/read-only transaction/);
    await db.close(false);
  });

  it('is refused once the transaction has begun: its snapshot is already taken', async () => {
    const db = new RequestDb(t.dataSource, null);
    await db.query('SELECT 1');
    expect(() => db.readOneSnapshot()).toThrow(/after the transaction began/);
    await db.close(false);
  });
});

describe('RequestDb.query and execute', () => {
  it('reads rows as the type the call states, and execute answers how many rows a statement wrote or found', async () => {
    const db = new RequestDb(t.dataSource, null);
    await db.execute(`CREATE TEMP TABLE typed_probe (n int)`);
    expect(await db.execute(`INSERT INTO typed_probe SELECT generate_series(1, 3)`)).toBe(3);
    expect(await db.execute(`DELETE FROM typed_probe WHERE n > 5`)).toBe(0);
    expect(await db.execute(`SELECT 1 FROM typed_probe WHERE n >= 2`)).toBe(2);
    const [typed] = await db.query<{ total: number }>(`SELECT sum(n)::int AS total FROM typed_probe`);
    expect(typed.total).toBe(6);
    // A row read without a stated type is a plain object: reading a column of it does not compile.
    const [untyped] = await db.query(`SELECT sum(n)::int AS total FROM typed_probe`);
    // @ts-expect-error: the call did not say what its rows are
    expect(untyped.total).toBe(6);
    await db.close(false);
  });
});

describe('RequestDb plans', () => {
  const mode = `SELECT current_setting('plan_cache_mode') AS mode`;

  it('runs prepared statements on their generic plan, and a statement sent unprepared on a plan for its values', async () => {
    const db = new RequestDb(t.dataSource, null);
    expect(await db.query<{ mode: string }>(mode)).toEqual([{ mode: 'force_generic_plan' }]);
    expect(await db.query<{ mode: string }>(mode, [], { prepare: false })).toEqual([{ mode: 'auto' }]);
    // …and the statements after it are prepared ones again.
    expect(await db.query<{ mode: string }>(mode)).toEqual([{ mode: 'force_generic_plan' }]);
    await db.close();
  });

  it('plans a prepared statement once: the same plan for every runner, however skewed their rows', async () => {
    const db = new RequestDb(t.dataSource, null);
    const sql = `SELECT id FROM runs WHERE user_id = $1 AND ($2::timestamptz IS NULL OR started_at >= $2) ORDER BY started_at DESC LIMIT $3`;
    for (let i = 0; i < 7; i++) await db.query(sql, ['00000000-0000-0000-0000-000000000000', null, 20]);
    const [plans] = await db.query<{ generic: number; custom: number }>(
      `SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement = $1`,
      [sql],
    );
    expect(plans).toEqual({ generic: 7, custom: 0 });
    await db.close();
  });
});
