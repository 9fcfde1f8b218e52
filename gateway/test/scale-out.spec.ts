import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { garminConnectGpx, simulateRun } from './activity-files';
import { TEST_PASSWORD } from './harness';
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

  it('on SIGTERM: not ready first, in-flight requests complete, sockets close with 1001, the process exits in time', async () => {
    const gateway = await launchGateway(schema, { SHUTDOWN_GRACE_SECONDS: '1' });
    await gateway.ready();
    const username = `runner${Date.now().toString(36)}`;
    const signUp = await gateway.gql(`mutation($i: SignUpInput!) { signUp(input: $i) { token } }`, {
      i: { email: `${username}@example.com`, password: TEST_PASSWORD, name: 'Runner', username },
    });
    const token = signUp.data.signUp.token as string;
    const live = connectLive(gateway.wsUrl, token);
    live.subscribe(`subscription { notificationAdded { id } }`);
    // A long run's GPX: a request that takes a moment to import.
    const sim = simulateRun({ start: new Date(Date.now() - 6 * 3600_000), plan: [{ run: 30_000, pace: 330 }], seed: 3 });
    const inFlight = gateway.gql(
      `mutation($c: String!) { importActivity(format: GPX, content: $c) { id distance } }`,
      { c: garminConnectGpx(sim) },
      token,
    );
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    const exited = stop(gateway.child);

    // Within the grace period, readiness turns 503 while the server still answers.
    let readiness = 200;
    for (let i = 0; i < 40 && readiness === 200; i++) {
      readiness = (await fetch(`${gateway.base}/readyz`)).status;
      if (readiness === 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(readiness).toBe(503);
    const imported = await inFlight;
    expect(imported.errors).toBeUndefined();
    expect(imported.data.importActivity.distance).toBeGreaterThan(29_000);
    expect(await live.closed).toBe(1001);
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
