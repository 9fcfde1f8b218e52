import { PassThrough } from 'node:stream';
import { ok, startTestGateway } from './harness';
import type { GqlResult, TestGateway } from './harness';

let t: TestGateway;
/** The gateway's JSON log lines. */
const lines: Record<string, unknown>[] = [];
beforeAll(async () => {
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
  });
  t = await startTestGateway({ logStream: stream });
});
afterAll(() => t.close());

describe('observability', () => {
  it('masks an unexpected failure as INTERNAL_SERVER_ERROR with no detail, and logs it', async () => {
    const a = await t.signUp('Masked');
    // A real failure the code does not expect: the database refuses every new shoe with a
    // message that must stay on the server.
    await t.sql(`CREATE FUNCTION refuse_shoes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'internal detail: disk quota on tablespace shoes_ts'; END $$`);
    await t.sql(`CREATE TRIGGER refuse_shoes BEFORE INSERT ON shoes FOR EACH ROW EXECUTE FUNCTION refuse_shoes()`);
    try {
      const res = await t.gql(`mutation { createShoe(input: { name: "Pegasus" }) { id } }`, {}, a.token);
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(res)).not.toMatch(/quota|shoes_ts|stacktrace|INSERT|\.ts:\d+/);
      await new Promise((r) => setTimeout(r, 50));
      const logged = lines.find((l) => l.msg === 'unexpected error');
      expect(JSON.stringify(logged?.err)).toMatch(/disk quota on tablespace shoes_ts/);
      expect((await t.sql(`SELECT count(*)::int AS n FROM shoes WHERE user_id = $1`, [a.id]))[0].n).toBe(0);
    } finally {
      await t.sql(`DROP TRIGGER refuse_shoes ON shoes`);
      await t.sql(`DROP FUNCTION refuse_shoes()`);
    }
  });

  it('logs one JSON line per request with its id, viewer, operation and duration, and no token', async () => {
    const a = await t.signUp('Logged');
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${a.token}`, 'x-request-id': 'req-abc-123' },
      body: JSON.stringify({ query: 'query MyRuns { runs(first: 3) { totalCount } }', operationName: 'MyRuns' }),
    });
    expect(res.headers.get('x-request-id')).toBe('req-abc-123');
    ok((await res.json()) as GqlResult);
    await new Promise((r) => setTimeout(r, 50));
    const mine = lines.filter((l) => l.requestId === 'req-abc-123');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      msg: 'request',
      viewerId: a.id,
      operation: 'MyRuns',
      operationType: 'query',
      status: 200,
      path: '/graphql',
      service: 'gateway',
    });
    expect(typeof mine[0].durationMs).toBe('number');
    const all = lines.map((l) => JSON.stringify(l)).join('\n');
    expect(all).not.toContain(a.token);
    expect(all).not.toContain(a.password);
  });

  it('serves Prometheus metrics with sensible values after some traffic', async () => {
    const a = await t.signUp('Metered');
    for (let i = 0; i < 3; i++) ok(await t.gql('query Ping { me { id } }', {}, a.token));
    ok(
      await t.gql(
        `mutation { createRun(input: { startedAt: "2026-01-10T07:00:00Z", distance: 5000, duration: 1500 }) { id } }`,
        {},
        a.token,
      ),
    );
    await t.gql('{ runs(first: 1000) { totalCount } }', {}, a.token);
    const res = await fetch(`${t.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1]);
    expect(value(/maratron_graphql_operations_total\{operation="Ping",type="query",outcome="ok"\} (\d+)/)).toBe(3);
    expect(value(/maratron_graphql_errors_total\{code="BAD_USER_INPUT"\} (\d+)/)).toBeGreaterThanOrEqual(1);
    expect(value(/maratron_graphql_operation_duration_seconds_count\{operation="Ping",type="query"\} (\d+)/)).toBe(3);
    expect(value(/maratron_http_requests_total\{route="\/graphql",method="POST",status="200"\} (\d+)/)).toBeGreaterThanOrEqual(5);
    expect(value(/maratron_db_pool_connections\{state="in_use"\} (\d+)/)).toBeGreaterThanOrEqual(0);
    expect(text).toMatch(/maratron_db_pool_connections\{state="idle"\} \d+/);
    expect(text).toMatch(/maratron_process_resident_memory_bytes \d+/);
    expect(text).toMatch(/maratron_import_jobs\{status="QUEUED"\} \d+/);
    expect(value(/maratron_event_delivery_lag_seconds_count\{topic="run.created"\} (\d+)/)).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/maratron_ws_connections \d+/);
    expect(text).toMatch(/maratron_active_subscriptions \d+/);
  });

  it('answers /metrics only to clients on this machine when METRICS_TOKEN is unset', async () => {
    // Relayed by a proxy on this machine for someone elsewhere: refused.
    expect((await fetch(`${t.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403);
    expect((await fetch(`${t.url}/metrics`)).status).toBe(200);
  });
});
