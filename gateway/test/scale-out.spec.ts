import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { Client } from 'pg';
import { ok, TEST_PASSWORD } from './harness';
import type { GqlResult } from './harness';
import { connectLive } from './live';
import { launchGateway, stop, stopAll } from './processes';

/** Replicas starting, rolling and stopping: real gateway processes on one database. */
let admin: Client;
let schema: string;
beforeAll(async () => {
  admin = new Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  schema = `t_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
});
afterAll(async () => {
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
});

describe('scale-out', () => {
  afterEach(stopAll);

  it('starts two gateways on one empty database at the same moment: both ready, each migration applied once', async () => {
    const launched = await Promise.all([launchGateway(schema), launchGateway(schema)]);
    await Promise.all(launched.map((g) => g.ready()));
    const rows = await admin.query(`SELECT name, count(*)::int AS n FROM ${schema}.migrations GROUP BY name`);
    expect(rows.rows.length).toBeGreaterThan(3);
    expect(rows.rows.filter((r) => r.n !== 1)).toEqual([]);
  });

  it('on SIGTERM: not ready first, in-flight requests complete, sockets close with 1001, the process exits by itself', async () => {
    const gateway = await launchGateway(schema, { SHUTDOWN_GRACE_SECONDS: '1' });
    await gateway.ready();
    const username = `runner${Date.now().toString(36)}`;
    const signUp = await gateway.gql<{ signUp: { token: string } }>(`mutation($i: SignUpInput!) { signUp(input: $i) { token } }`, {
      i: { email: `${username}@example.com`, password: TEST_PASSWORD, name: 'Runner', username },
    });
    const token = ok(signUp).signUp.token;
    const live = connectLive(gateway.wsUrl, token);
    await live.connected;

    // A request the server has provably begun before the signal: its headers ask for
    // `100 Continue`, which the server sends once it has read them; the body follows after
    // the signal. No sleeps, so no race with a busy machine.
    const body = JSON.stringify({
      query: `mutation($i: RunInput!) { createRun(input: $i) { id distance } }`,
      variables: { i: { startedAt: new Date(Date.now() - 3600_000).toISOString(), distance: 10_000, duration: 3000 } },
    });
    const request = http.request(`${gateway.base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        authorization: `Bearer ${token}`,
        expect: '100-continue',
      },
    });
    const response = new Promise<{ status: number; json: GqlResult<{ createRun: { distance: number } }> }>((resolve, reject) => {
      request.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      });
      request.on('error', reject);
    });
    await new Promise<void>((resolve) => request.once('continue', resolve));

    const exited = stop(gateway.child);
    // Within the grace period, readiness turns 503 while the server still answers.
    let readiness = 200;
    for (let i = 0; i < 100 && readiness === 200; i++) {
      readiness = (await fetch(`${gateway.base}/readyz`)).status;
      if (readiness === 200) await new Promise((r) => setTimeout(r, 20));
    }
    expect(readiness).toBe(503);

    request.end(body);
    const done = await response;
    expect(done.status).toBe(200);
    expect(done.json.errors).toBeUndefined();
    expect(done.json.data!.createRun.distance).toBe(10_000);
    expect(await live.closed).toBe(1001);
    // 0, not null: it exited by itself, not from the test's SIGKILL deadline.
    expect(await exited).toBe(0);
  });
});
