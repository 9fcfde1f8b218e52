import { ok, redisUrlOrSkip, startTestGateway } from './harness';
import type { TestGateway } from './harness';
import { connectLive, eventually } from './live';
import type { LiveClient, LiveSubscription } from './live';
import { startRedisProxy } from './redis-proxy';
import { socialFixtures } from './social-fixtures';

const redisUrl = redisUrlOrSkip('Redis outage and recovery');
const describeWithRedis = redisUrl ? describe : describe.skip;

/** Posts (through `post`) until the subscriber receives one of those posts; returns its id. */
interface FeedPostAdded {
  feedPostAdded: { id: string; text: string };
}

async function postUntilReceived(feed: LiveSubscription<FeedPostAdded>, post: () => Promise<string>): Promise<string> {
  const sent = new Set<string>();
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    sent.add(await post());
    await new Promise((r) => setTimeout(r, 250));
    const hit = feed.results.map((r) => r.data?.feedPostAdded?.id).find((id) => id !== undefined && sent.has(id));
    if (hit) return hit;
  }
  throw new Error('no post reached the subscriber');
}

describeWithRedis('when Redis goes away and comes back', () => {
  let proxy: Awaited<ReturnType<typeof startRedisProxy>>;
  let behindProxy: TestGateway;
  let direct: TestGateway;
  let client: LiveClient;

  beforeAll(async () => {
    proxy = await startRedisProxy(redisUrl!);
    behindProxy = await startTestGateway({ redis: proxy.url });
    direct = await startTestGateway({ redis: true, schema: behindProxy.schema });
  });
  afterAll(async () => {
    await client?.dispose();
    await direct.close();
    await behindProxy.close();
    await proxy.close();
  });

  it('keeps mutations working meanwhile, and live updates resume without a restart', async () => {
    const f = socialFixtures(behindProxy);
    const author = await behindProxy.signUp('Author');
    const follower = await behindProxy.signUp('Follower');
    await f.follow(follower, author);
    client = connectLive(behindProxy.wsUrl, follower.token);
    const feed = client.subscribe<FeedPostAdded>(`subscription { feedPostAdded { id text } }`);
    await eventually(() => behindProxy.gateway.live.size === 1, 'subscription registered');
    const fromOtherGateway = () => socialFixtures(direct).post(author, { text: 'via the other gateway' });

    // Events from the other gateway arrive through Redis.
    await postUntilReceived(feed, fromOtherGateway);

    await proxy.cut();
    await eventually(() => !behindProxy.redis!.isReady, 'the gateway noticing Redis is gone');
    // Mutations keep working; publishing to other processes fails soft. This gateway's own
    // subscribers still get its own events.
    const during = ok(
      await behindProxy.gql<{ createPost: { id: string; text: string } }>(
        `mutation { createPost(input: { text: "Redis is down" }) { id text } }`,
        {},
        author.token,
      ),
    ).createPost;
    expect(during.text).toBe('Redis is down');
    ok(await behindProxy.gql(`mutation($p: ID!) { likePost(postId: $p) { likeCount } }`, { p: during.id }, follower.token));
    await eventually(() => feed.results.some((r) => r.data?.feedPostAdded?.id === during.id), 'the local post delivered locally');

    await proxy.restore();
    await eventually(() => behindProxy.redis!.isReady, 'the gateway reconnecting');
    const seen = feed.results.length;
    const afterwards = await postUntilReceived(feed, fromOtherGateway);
    expect(feed.results.slice(seen).map((r) => r.data!.feedPostAdded.id)).toContain(afterwards);
  });
});
