import { errorOf, redisUrlOrSkip, startTestGateway } from './harness';
import type { TestGateway } from './harness';

// Two gateways sharing one Redis and one database, as two replicas would.
const redisUrl = redisUrlOrSkip('mutation rate limits shared through Redis');
const maybe = redisUrl ? describe : describe.skip;

let first: TestGateway;
let second: TestGateway;
maybe('general mutation limits', () => {
  beforeAll(async () => {
    const env = { MUTATION_LIMIT_PER_USER: '10' };
    first = await startTestGateway({ redis: true, env });
    second = await startTestGateway({ redis: true, env, schema: first.schema });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('refuses createRun past the per-runner limit across replicas, storing nothing past it', async () => {
    const a = await first.signUp('Hammer');
    const create = `mutation($input: RunInput!) { createRun(input: $input) { id } }`;
    const input = { startedAt: new Date(Date.now() - 3600_000).toISOString(), distance: 5000, duration: 1500 };
    const results = [];
    for (let i = 0; i < 14; i++) {
      // Alternate replicas: the count is shared through Redis, not kept per process.
      const gw = i % 2 === 0 ? first : second;
      results.push(await gw.gql(create, { input }, a.token));
    }
    const limited = results.filter((r) => errorOf(r).code === 'RATE_LIMITED');
    // signUp was not counted against the runner (no viewer yet); 10 writes pass, the rest are refused.
    expect(limited).toHaveLength(4);
    expect(limited[0].status).toBe(429);
    expect(limited[0].errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(await first.sql(`SELECT count(*)::int AS n FROM runs WHERE user_id = $1`, [a.id])).toEqual([{ n: 10 }]);
  });
});
