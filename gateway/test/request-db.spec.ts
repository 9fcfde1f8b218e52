import { RequestDb } from '../src/database/request-db';
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
