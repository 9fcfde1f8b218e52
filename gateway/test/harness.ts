import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import { migrate } from '@maratron/migrations';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createGateway } from '../src/app';
import type { Gateway } from '../src/app';
import { loadConfig, createDataSource, createEventBus, createLogger, connectRedis } from '@maratron/core';
import { StatementCounter } from '../src/database/statement-counter';
import type { EventBus, RedisClient } from '@maratron/core';

/** A GraphQL answer over HTTP: its status, and the body's data (typed by the caller: gql<T>) and errors. */
export type GqlResponse<T = unknown> = GqlResult<T> & { status: number };

/** A GraphQL response body. */
export interface GqlResult<T = unknown> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

/** A connection's `edges { node { … } }` as a test selects it (response types for gql<T>). */
export interface Edges<N> {
  edges: { node: N }[];
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** A connection with `pageInfo { hasNextPage endCursor }` selected too. */
export interface Page<N> extends Edges<N> {
  pageInfo: PageInfo;
}

export interface TestUser {
  id: string;
  token: string;
  username: string;
  email: string;
  password: string;
}

export interface TestGateway {
  url: string;
  gateway: Gateway;
  dataSource: DataSource;
  statements: StatementCounter;
  redis: RedisClient | null;
  bus: EventBus;
  schema: string;
  /** ws://… of the gateway's GraphQL endpoint, for graphql-ws clients. */
  wsUrl: string;
  gql<T = unknown>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>>;
  signUp(name?: string): Promise<TestUser>;
  /** Plain SQL in the test's schema, as the table owner. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'correct-horse-battery';
/** The JWT secret of every test gateway (spawned gateway processes get it too). */
export const TEST_JWT_SECRET = 'test-secret';

/** Redis for tests that need it: REDIS_URL, or null (the test says it was skipped; never under CI). */
export function redisUrlOrSkip(what: string): string | null {
  const url = process.env.REDIS_URL ?? null;
  if (!url) {
    if (process.env.CI) throw new Error(`CI must set REDIS_URL (${what})`);
    console.warn(`[tests] SKIPPED ${what}: no REDIS_URL`);
  }
  return url;
}

export interface TestGatewayOptions {
  /** Redis for rate limits and the event bus: true = REDIS_URL, or a URL of its own (a proxy in front of Redis). */
  redis?: boolean | string;
  env?: Record<string, string>;
  /** Work in this existing schema (another gateway's) instead of a new one, and leave it in place. */
  schema?: string;
  /** Where the gateway's JSON log lines go (silent without). */
  logStream?: Writable;
  /** Listen on this port (one chosen beforehand, so PUBLIC_URL can name it) instead of any free one. */
  port?: number;
}

/**
 * A real gateway on a free port, over a PostgreSQL schema of its own (so test files run in
 * parallel), migrated like production, with an event bus (Redis pub/sub with `redis`,
 * in-process without).
 */
export async function startTestGateway(opts: TestGatewayOptions = {}): Promise<TestGateway> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (the global setup sets it)');
  const schema = opts.schema ?? `t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  if (!opts.schema) await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.query(`SET search_path TO ${schema}`);

  const statements = new StatementCounter();
  const dataSource = createDataSource({ url, schema, poolSize: 5, logger: statements });
  await dataSource.initialize();
  await migrate(dataSource);
  const redisUrl = typeof opts.redis === 'string' ? opts.redis : opts.redis ? process.env.REDIS_URL : undefined;
  const redis = redisUrl ? await connectRedis(redisUrl, () => {}) : null;
  // Every test file talks from 127.0.0.1: the general write limits only apply where a test asks.
  // The webhook dispatcher polls the database twice a second, which the statement counts of other tests
  // would see: it runs only where a test asks for it (WEBHOOK_DISPATCH=true).
  const env = {
    MUTATION_LIMIT_PER_USER: '100000',
    MUTATION_LIMIT_PER_ADDRESS: '100000',
    PGBOSS_SCHEMA: `pgboss_${schema}`,
    WEBHOOK_DISPATCH: 'false',
    ...opts.env,
  };
  const config = { ...loadConfig({ ...process.env, DATABASE_URL: url, ...env }), jwtSecret: TEST_JWT_SECRET };
  const logger = opts.logStream ? createLogger('info', opts.logStream) : createLogger('silent');
  const bus = await createEventBus(redis, logger);
  const gateway = await createGateway({ config, dataSource, redis, bus, logger });
  const port = await gateway.listen(opts.port ?? 0, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  let n = 0;

  const gql = async <T = unknown>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>> => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as GqlResult<T>) };
  };

  return {
    url: base,
    gateway,
    dataSource,
    statements,
    redis,
    bus,
    schema,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    gql,
    async signUp(name = 'Runner') {
      n += 1;
      const username = `${name.toLowerCase().replace(/[^a-z0-9]/g, '')}${n}${randomBytes(2).toString('hex')}`;
      const email = `${username}@example.com`;
      const res = await gql<{ signUp: { token: string; user: { id: string } } }>(
        `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } } }`,
        {
          input: { email, password: TEST_PASSWORD, name, username },
        },
      );
      if (!res.data?.signUp) throw new Error(`signUp failed: ${JSON.stringify(res.errors)}`);
      return { id: res.data.signUp.user.id, token: res.data.signUp.token, username, email, password: TEST_PASSWORD };
    },
    sql: async (text, params) => (await admin.query(text, params)).rows,
    async close() {
      await gateway.stop();
      await bus.close();
      await redis?.quit().catch(() => undefined);
      await dataSource.destroy();
      if (!opts.schema) await admin.query(`DROP SCHEMA ${schema} CASCADE; DROP SCHEMA IF EXISTS pgboss_${schema} CASCADE`);
      await admin.end();
    },
  };
}

/** Fails the test with the GraphQL errors when there are any; returns data. */
export function ok<T>(res: GqlResult<T>): T {
  if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

/** The first error's code and field. */
export function errorOf(res: GqlResult) {
  const e = res.errors?.[0];
  return { code: e?.extensions?.code, field: e?.extensions?.field, reason: e?.extensions?.reason, message: e?.message };
}
