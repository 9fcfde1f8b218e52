import { redisUrlOrSkip, startTestGateway, TEST_PASSWORD } from './harness';
import type { TestGateway } from './harness';
import { connectLive } from './live';
import type { LiveClient } from './live';
import { spawnGateway, stop, stopAll } from './processes';
import type { GatewayProcess } from './processes';

const redisUrl = redisUrlOrSkip('two gateway processes sharing Redis');
const describeWithRedis = redisUrl ? describe : describe.skip;

describeWithRedis('two gateway processes sharing one Redis and one PostgreSQL', () => {
  let t: TestGateway;
  let a: GatewayProcess;
  let b: GatewayProcess;
  let client: LiveClient | null = null;

  beforeAll(async () => {
    t = await startTestGateway();
    [a, b] = await Promise.all([spawnGateway(t.schema, { REDIS_URL: redisUrl! }), spawnGateway(t.schema, { REDIS_URL: redisUrl! })]);
  });
  afterAll(async () => {
    await client?.dispose();
    await stopAll();
    await t.close();
  });

  it('delivers a post created through one to a subscriber connected to the other', async () => {
    const signUp = async (name: string) => {
      const username = `${name}${Date.now().toString(36)}`;
      const res = await a.gql<{ signUp: { token: string; user: { id: string } } }>(
        `mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }`,
        {
          i: { email: `${username}@example.com`, password: TEST_PASSWORD, name, username },
        },
      );
      return { token: res.data!.signUp.token, id: res.data!.signUp.user.id };
    };
    const author = await signUp('author');
    const follower = await signUp('follower');
    expect((await b.gql(`mutation($u: ID!) { follow(userId: $u) { id } }`, { u: author.id }, follower.token)).errors).toBeUndefined();

    client = connectLive(b.wsUrl, follower.token);
    const feed = client.subscribe<{ feedPostAdded: { id: string; text: string; author: { id: string } } }>(
      `subscription { feedPostAdded { id text author { id } } }`,
    );
    // Subscribing completes asynchronously on the server: post through A until one arrives on B.
    const sent = new Map<string, string>();
    const deadline = Date.now() + 20_000;
    let received: { id: string; text: string; author: { id: string } } | undefined;
    while (!received && Date.now() < deadline) {
      const text = `hello from A #${sent.size + 1}`;
      const res = await a.gql<{ createPost: { id: string } }>(
        `mutation($t: String!) { createPost(input: { text: $t }) { id } }`,
        { t: text },
        author.token,
      );
      sent.set(res.data!.createPost.id, text);
      await new Promise((r) => setTimeout(r, 250));
      received = feed.results.map((r) => r.data?.feedPostAdded).find((p) => p && sent.has(p.id));
    }
    expect(received).toBeDefined();
    expect(received).toEqual({ id: received!.id, text: sent.get(received!.id), author: { id: author.id } });
  });

  it('shuts both down cleanly on SIGTERM, live connections and all', async () => {
    const codes = await Promise.all([stop(a.child), stop(b.child)]);
    expect(codes).toEqual([0, 0]);
    expect(await client!.closed).toBe(1001);
    client = null;
  });
});
