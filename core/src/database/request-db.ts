import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { APP_ROLE, VIEWER_SETTING } from '@maratron/migrations';
import { unauthenticated } from '@maratron/domain';
import { rowLevelSecurityOn } from './data-source';

interface PgResult {
  rows: unknown[];
  rowCount: number | null;
}

interface Statement {
  name?: string;
  text: string;
  values: unknown[];
}

interface PgClient {
  query(statement: Statement): Promise<PgResult>;
}

const names = new Map<string, string>();

/**
 * A stable name per statement text (a short hash), remembered so it is computed once. The
 * statements are the code's own templates (values travel as parameters), so the set is small;
 * past a bound, statements simply go unprepared.
 */
function statementName(sql: string): string | undefined {
  let name = names.get(sql);
  if (!name) {
    if (names.size >= 2000) return undefined;
    name = `m_${createHash('sha1').update(sql).digest('base64url').slice(0, 20)}`;
    names.set(sql, name);
  }
  return name;
}

/**
 * Sends a statement on the transaction's connection. A prepared one runs on its generic plan (the
 * request's opening round trip sets `plan_cache_mode` for the transaction); one sent unprepared on purpose —
 * its best plan depends on its parameters — is planned for its values, as PostgreSQL would by
 * default. The mode is switched around it with statements queued on the same connection, so no
 * round trip waits on them.
 */
function submit(client: PgClient, statement: Statement): Promise<PgResult> {
  if (statement.name) return client.query(statement);
  void client.query({ text: PLAN_FOR_VALUES, values: [] }).catch(() => undefined);
  const result = client.query(statement);
  void client.query({ text: PLAN_ONCE, values: [] }).catch(() => undefined);
  return result;
}

/**
 * Prepared statements use one generic plan per connection. PostgreSQL's default (`auto`) plans
 * each of a statement's first five executions for its values and then keeps doing so whenever the
 * generic plan's estimate is higher — which it is for the list queries, whose optional filters
 * (`$5 IS NULL OR …`) and parameter LIMIT a value-specific plan folds away — so the runs page was
 * planned afresh on every request (0.4–0.8 ms of PostgreSQL's CPU, more than executing it), the
 * cost preparing them was meant to save. The generic plans of these statements use the same
 * indexes.
 */
const PLAN_ONCE = 'SET LOCAL plan_cache_mode = force_generic_plan';
const PLAN_FOR_VALUES = 'SET LOCAL plan_cache_mode = auto';

/**
 * The request's connection: a node-pg client checked out of the data source's pool, driven
 * directly (TypeORM's query runner around it cost an object, a listener and an awaited event
 * broadcast per statement). Every statement is logged through the data source's logger, as
 * TypeORM would (the statement-count tests read it).
 */
class Connection {
  private released = false;
  /** A checked-out client has no listener of the pool's: an error on its socket would otherwise crash the process. */
  private readonly onError = (error: Error) => this.release(error);

  private constructor(
    readonly client: PoolClient,
    private readonly dataSource: DataSource,
  ) {
    client.on('error', this.onError);
  }

  static async open(dataSource: DataSource): Promise<Connection> {
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    return new Connection(await pool.connect(), dataSource);
  }

  /** Sends a statement (see `submit`); its result or its error. */
  send(statement: Statement): Promise<PgResult> {
    this.dataSource.logger.logQuery(statement.text, statement.values);
    return submit(this.client as unknown as PgClient, statement);
  }

  /** A transaction-control statement (COMMIT, SAVEPOINT…): sent as it is, planned by no one. */
  command(sql: string): Promise<PgResult> {
    this.dataSource.logger.logQuery(sql, []);
    return this.client.query(sql);
  }

  /** Back to the pool; with an error, the pool closes it instead (the connection is in doubt). */
  release(error?: Error): void {
    if (this.released) return;
    this.released = true;
    this.client.removeListener('error', this.onError);
    this.client.release(error);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A session's `last_used_at` is written at most this often (in the opening round trip of a request that uses it). */
export const SESSION_TOUCH_SECONDS = 60;

export interface RequestDbOptions {
  /**
   * The session of the token the request came with. Opening then checks that this session of
   * the viewer still exists (not only the account): a signed-out or revoked token is refused at
   * once. Without one (internal work: import jobs, the live dispatcher's reads, seeding) opening
   * checks that the viewer's account exists.
   */
  sessionId?: string | null;
  /**
   * The personal access token the request came with (instead of a session): opening checks that
   * it still exists and has not expired, so a revoked or expired token is refused at once. Its
   * `last_used_at` is written there too, at most once a minute.
   */
  accessTokenId?: string | null;
  /**
   * Sessions whose end the same round trip also looks up, whoever's they are (the live dispatcher
   * delivering one event to many sockets): see `endedSessions()`.
   */
  checkSessions?: readonly string[];
  /** Off only to measure what row-level security costs. */
  rowLevelSecurity?: boolean;
}

/**
 * All of one request's SQL runs on one connection inside one transaction, opened on first
 * use and closed when the response is sent. That gives every request a consistent snapshot
 * and lets a mutation's writes commit or roll back together.
 *
 * It is also where row-level security gets its footing: the transaction runs as the
 * non-owner runtime role with the viewer in a transaction-local setting, so PostgreSQL's
 * policies apply to every statement whatever user DATABASE_URL names — a query that forgets
 * a filter still can't return another runner's private rows.
 */
export class RequestDb {
  /** The transaction's connection once the opening round trip has answered (and let the viewer in). */
  private ready: Promise<Connection> | null = null;
  /** The same connection as soon as the opening round trip is sent (see `run`). */
  private connection: Promise<Connection> | null = null;
  private closed = false;
  private snapshot = false;
  private savepoints = 0;
  /**
   * Work to do once the request's writes are durable (publishing events), one list per open
   * savepoint: a savepoint that rolls back drops its list, one that commits hands it to the
   * enclosing level, and the outermost list runs after the final COMMIT.
   */
  private readonly pending: (() => unknown)[][] = [[]];
  private readonly rowLevelSecurity: boolean;
  private readonly sessionId: string | null;
  private readonly accessTokenId: string | null;
  private readonly checkSessions: readonly string[];
  private readonly ended = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private viewerId: string | null,
    options: RequestDbOptions = {},
  ) {
    this.rowLevelSecurity = options.rowLevelSecurity ?? rowLevelSecurityOn(dataSource);
    this.sessionId = options.sessionId ?? null;
    this.accessTokenId = options.accessTokenId ?? null;
    this.checkSessions = options.checkSessions ?? [];
  }

  /**
   * Raw SQL on the request's connection: the rows it returns (RETURNING rows for writes), typed
   * by the caller as what the statement selects — `db.query<Row>(…)`. There is no default: rows
   * read without a stated type are plain `object`s, so using them fails to compile.
   * `prepare: false` for statements whose best plan depends on a parameter's size (a list of
   * thousands of subscriber ids): a generic plan cached from small lists would serve them badly.
   */
  async query<Row extends object>(sql: string, params: unknown[] = [], options: { prepare?: boolean } = {}): Promise<Row[]> {
    return (await this.run(sql, params, options)).rows as Row[];
  }

  /**
   * A statement whose rows are not read (a write, a lock, a function called for its effect): the
   * number of rows it wrote (or returned).
   */
  async execute(sql: string, params: unknown[] = [], options: { prepare?: boolean } = {}): Promise<number> {
    return (await this.run(sql, params, options)).rowCount ?? 0;
  }

  private async run(sql: string, params: unknown[], { prepare = true }: { prepare?: boolean }): Promise<PgResult> {
    // Every statement is a prepared statement on its connection, named by its text: PostgreSQL
    // parses and plans it once per connection (row-level security makes planning the larger
    // part of a short query's cost) instead of on every request.
    const statement = { name: prepare ? statementName(sql) : undefined, text: sql, values: params };
    if (!this.ready) {
      // The request's first statement is queued on the connection right behind the opening round
      // trip, without waiting for its answer: the connection goes straight from one to the other.
      // The opening's verdict still comes first — if it refuses the viewer (or fails), the
      // statement's result is dropped and the transaction it ran in is rolled back.
      const opened = this.open();
      const result = (await this.connection!).send(statement);
      result.catch(() => undefined);
      await opened;
      return result;
    }
    return (await this.open()).send(statement);
  }

  /**
   * Opens the transaction now rather than at the first statement: for work that may answer
   * without one (from a cache) but must still be refused when the viewer's account is gone —
   * opening checks that (UNAUTHENTICATED).
   */
  async begin(): Promise<void> {
    await this.open();
  }

  /** Of the `checkSessions` given, those that have ended (opening the transaction if it is not open yet). */
  async endedSessions(): Promise<ReadonlySet<string>> {
    await this.open();
    return this.ended;
  }

  /**
   * Runs `work` as a unit inside the request's transaction (a savepoint): if it throws,
   * everything it wrote is undone and the error propagates, while earlier work stays.
   */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.savepoint(work, true);
  }

  /**
   * Runs `work` in a savepoint that is always rolled back: for a check whose answer takes
   * trying a write (may this viewer claim this id?) when nothing may be stored yet.
   */
  dryRun<T>(work: () => Promise<T>): Promise<T> {
    return this.savepoint(work, false);
  }

  private async savepoint<T>(work: () => Promise<T>, keep: boolean): Promise<T> {
    const connection = await this.open();
    const name = `sp${++this.savepoints}`;
    await connection.command(`SAVEPOINT ${name}`);
    this.pending.push([]);
    try {
      const result = await work();
      const done = this.pending.pop()!;
      if (keep) {
        await connection.command(`RELEASE SAVEPOINT ${name}`);
        this.pending[this.pending.length - 1].push(...done);
      } else {
        await connection.command(`ROLLBACK TO SAVEPOINT ${name}`);
      }
      return result;
    } catch (error) {
      this.pending.pop();
      await connection.command(`ROLLBACK TO SAVEPOINT ${name}`);
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

  /**
   * Every statement of this request reads the same snapshot of the database (REPEATABLE READ,
   * read only): for a read that spans many statements and must add up, such as an account
   * export paging through years of runs while the runner logs another. Before the first query.
   */
  readOneSnapshot(): void {
    if (this.ready || this.closed) throw new Error('readOneSnapshot after the transaction began');
    this.snapshot = true;
  }

  /** The rest of the request acts as this runner (after sign-up or sign-in); null: as no one again. */
  async actAs(viewerId: string | null): Promise<void> {
    this.viewerId = viewerId;
    if (this.ready) await (await this.ready).send({ text: `SELECT set_config('${VIEWER_SETTING}', $1, true)`, values: [viewerId ?? ''] });
  }

  /** Commits (or rolls back) and returns the connection to the pool. Safe to call twice. */
  async close(commit = true): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.end(commit);
  }

  /**
   * Commits what the request has done so far (its after-commit work runs) and gives the
   * connection back to the pool; the request's next statement opens a new transaction. For a
   * request that then waits on something slow outside the database — the coach's language
   * model — so the wait does not hold one of the pool's few connections.
   */
  async commitAndRelease(): Promise<void> {
    if (this.closed) throw new Error('RequestDb used after the request ended');
    if (this.pending.length > 1) throw new Error('commitAndRelease inside a savepoint');
    await this.end(true);
    this.pending.push([]);
  }

  private async end(commit: boolean): Promise<void> {
    const afterCommit = this.pending.splice(0).flat();
    // A transaction that never opened (the viewer's account is gone) has nothing to end.
    const connection = this.ready ? await this.ready.catch(() => null) : null;
    this.ready = null;
    if (connection) {
      try {
        await connection.command(commit ? 'COMMIT' : 'ROLLBACK');
        connection.release();
      } catch (error) {
        connection.release(error as Error);
        throw error;
      }
    }
    if (commit) for (const fn of afterCommit) fn();
  }

  private open(): Promise<Connection> {
    if (this.closed) throw new Error('RequestDb used after the request ended');
    if (!this.ready) {
      const opening = this.send();
      this.connection = opening.then(({ connection }) => connection);
      this.ready = opening.then(({ opened }) => opened);
      // Whoever awaits these gets their failure; one nobody happens to await must not crash the process.
      this.connection.catch(() => undefined);
      this.ready.catch(() => undefined);
    }
    return this.ready;
  }

  /** Sends the opening round trip: the connection, and the promise of its verdict (the connection again once the viewer is let in). */
  private async send(): Promise<{ connection: Connection; opened: Promise<Connection> }> {
    // One round trip: the transaction, the runtime role and the viewer. The ids are UUIDs
    // from a verified token (checked again here, before a connection is taken), so they are
    // safe to inline.
    const viewer = this.viewerId ?? '';
    const session = viewer ? (this.sessionId ?? '') : '';
    const pat = viewer && !session ? (this.accessTokenId ?? '') : '';
    if (viewer && !UUID.test(viewer)) throw new Error('viewer id is not a UUID');
    if (session && !UUID.test(session)) throw new Error('session id is not a UUID');
    if (pat && !UUID.test(pat)) throw new Error('access token id is not a UUID');
    if (this.checkSessions.some((id) => !UUID.test(id))) throw new Error('session id is not a UUID');
    const connection = await Connection.open(this.dataSource);
    const role = this.rowLevelSecurity ? `SET LOCAL ROLE ${APP_ROLE}; ` : '';
    // …and, in the same round trip, whether the token's session still exists (signOut,
    // revokeSession, a password change or reset, deleteAccount end it) — or its access token, a
    // personal access token's row or an OAuth access token's (core/src/oauth), still there and
    // not expired — or for work without either whether the viewer still exists: a token that
    // outlived what it stood for makes the request UNAUTHENTICATED. Its last use is written there
    // too, at most once a minute and not in a read-only snapshot (the functions of migration
    // 1764860000000-opening-checks, whose plans the connection keeps).
    const touchSeconds = this.snapshot ? 'NULL' : String(SESSION_TOUCH_SECONDS);
    const exists = session
      ? `; SELECT maratron_session_live('${session}', '${viewer}', ${touchSeconds}) AS "exists"`
      : pat
        ? `; SELECT maratron_access_token_live('${pat}', '${viewer}', ${touchSeconds}) AS "exists"`
        : viewer
          ? `; SELECT EXISTS (SELECT 1 FROM users WHERE id = '${viewer}') AS "exists"`
          : '';
    const others = this.checkSessions.length
      ? `; SELECT maratron_ended_sessions('{${this.checkSessions.join(',')}}'::uuid[]) AS "ended"`
      : '';
    const begin = this.snapshot ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN';
    const sql = `${begin}; ${PLAN_ONCE}; ${role}SELECT set_config('${VIEWER_SETTING}', '${viewer}', true)${exists}${others}`;
    // node-pg answers a multi-statement simple query with one result per statement.
    this.dataSource.logger.logQuery(sql, []);
    const opened = (async () => {
      try {
        const results = (await connection.client.query(sql)) as unknown as { rows: { exists?: boolean; ended?: string[] }[] }[];
        if (others) for (const id of results.pop()!.rows[0].ended ?? []) this.ended.add(id);
        if (viewer && !results[results.length - 1].rows[0].exists) {
          throw unauthenticated(
            session
              ? 'This session has ended; sign in again'
              : pat
                ? 'This access token was revoked or has expired'
                : 'This account no longer exists; sign in again',
          );
        }
      } catch (error) {
        const rolledBack = await connection.command('ROLLBACK').then(
          () => undefined,
          (rollbackError: Error) => rollbackError,
        );
        connection.release(rolledBack);
        throw error;
      }
      return connection;
    })();
    return { connection, opened };
  }
}
