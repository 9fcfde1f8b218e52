import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * All of one request's SQL runs on one connection inside one transaction, opened on first
 * use and closed when the response is sent. That gives every request a consistent snapshot,
 * lets a mutation's writes commit or roll back together, and is the one place where the
 * viewer will be set for PostgreSQL row-level security.
 */
export class RequestDb {
  private runner: Promise<QueryRunner> | null = null;
  private closed = false;
  /**
   * Work to do once the request's writes are durable (publishing events), one list per open
   * savepoint: a savepoint that rolls back drops its list, one that commits hands it to the
   * enclosing level, and the outermost list runs after the final COMMIT.
   */
  private readonly pending: (() => unknown)[][] = [[]];

  constructor(private readonly dataSource: DataSource) {}

  /** The request's EntityManager; the transaction opens on the first call. */
  async manager(): Promise<EntityManager> {
    return (await this.open()).manager;
  }

  /** Raw SQL on the request's connection; the rows it returns (RETURNING rows for writes). */
  async query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    const result = await (await this.open()).query(sql, params, true);
    return result.records as T[];
  }

  /**
   * Runs `work` as a unit inside the request's transaction (a savepoint): if it throws,
   * everything it wrote is undone and the error propagates, while earlier work stays.
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    const runner = await this.open();
    await runner.startTransaction();
    this.pending.push([]);
    try {
      const result = await work();
      await runner.commitTransaction();
      const committed = this.pending.pop()!;
      this.pending[this.pending.length - 1].push(...committed);
      return result;
    } catch (error) {
      this.pending.pop();
      await runner.rollbackTransaction();
      throw error;
    }
  }

  /**
   * Runs `fn` after the request's final COMMIT, and never if what was written with it is
   * rolled back (its savepoint fails, or the request ends without committing). Errors `fn`
   * throws are its own: callers pass fail-soft work such as publishing an event.
   */
  afterCommit(fn: () => unknown): void {
    if (this.closed) throw new Error('RequestDb used after the request ended');
    this.pending[this.pending.length - 1].push(fn);
  }

  /** Commits (or rolls back) and returns the connection to the pool. Safe to call twice. */
  async close(commit = true): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const afterCommit = this.pending.splice(0).flat();
    if (this.runner) {
      const runner = await this.runner;
      try {
        if (runner.isTransactionActive) {
          if (commit) await runner.commitTransaction();
          else await runner.rollbackTransaction();
        }
      } finally {
        await runner.release();
      }
    }
    if (commit) for (const fn of afterCommit) fn();
  }

  private open(): Promise<QueryRunner> {
    if (this.closed) throw new Error('RequestDb used after the request ended');
    this.runner ??= (async () => {
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      return runner;
    })();
    return this.runner;
  }
}
