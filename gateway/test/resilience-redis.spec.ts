import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ANSWER_DEADLINE_MS, gqlWithin, healthzWithinASecond } from './bounded-requests';
import { errorOf, ok, redisUrlOrSkip, startTestGateway } from './harness';
import type { TestGateway, TestUser } from './harness';
import { connectLive, eventually } from './live';
import type { LiveClient, LiveSubscription } from './live';
import { freePort, spawnGateway, stopAll } from './processes';
import type { GatewayProcess } from './processes';
import { startRedisProxy } from './redis-proxy';
import { socialFixtures } from './social-fixtures';

// Each step is bounded by its own deadline (bounded-requests.ts); this bounds the whole.
jest.setTimeout(180_000);

const redisUrl = redisUrlOrSkip('Redis hung and resumed');
const describeWithRedis = redisUrl ? describe : describe.skip;

/** Sign-in failures allowed per account on the gateway behind the proxy (counted in memory while Redis is silent). */
const SIGNIN_LIMIT = 3;

/** Posts (through `post`) until the subscriber receives one of those posts; returns its id. */
interface FeedPostAdded {
  feedPostAdded: { id: string; text: string };
}

async function postUntilReceived(feed: LiveSubscription<FeedPostAdded>, post: () => Promise<string>): Promise<string> {
  const sent = new Set<string>();
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    sent.add(await post());
    await new Promise((r) => setTimeout(r, 250));
    const hit = feed.results.map((r) => r.data?.feedPostAdded?.id).find((id) => id !== undefined && sent.has(id));
    if (hit) return hit;
  }
  throw new Error('no post reached the subscriber');
}

/**
 * Redis connected but silent — stopped with SIGSTOP, or behind a network that drops packets: its
 * sockets stay open, so nothing fails, it just never answers. Played here with a proxy that stops
 * passing bytes (the machine's Redis is never touched). The gateway behind it is a real process,
 * with its in-process MCP server; the other replica talks to Redis directly.
 */
describeWithRedis('when Redis hangs (connected but silent) and resumes', () => {
  let proxy: Awaited<ReturnType<typeof startRedisProxy>>;
  let direct: TestGateway;
  let hung: GatewayProcess;
  let mcpUrl: string;
  let live: LiveClient | null = null;
  const mcpClients: Client[] = [];

  const mcp = async (user: TestUser) => {
    const client = new Client({ name: 'maratron-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${user.token}` } } }),
    );
    mcpClients.push(client);
    return client;
  };
  /** A tool call's JSON answer; fails on a tool error or when no answer comes before the deadline. */
  const callTool = async (client: Client, name: string, args: Record<string, unknown> = {}) => {
    const result = (await client.callTool({ name, arguments: args }, undefined, { timeout: ANSWER_DEADLINE_MS })) as {
      isError?: boolean;
      content: { text: string }[];
      structuredContent?: Record<string, unknown>;
    };
    if (result.isError) throw new Error(`${name}: ${result.content[0]?.text}`);
    return result.structuredContent;
  };

  beforeAll(async () => {
    proxy = await startRedisProxy(redisUrl!);
    direct = await startTestGateway({ redis: true });
    const aiPort = await freePort();
    hung = await spawnGateway(direct.schema, {
      REDIS_URL: proxy.url,
      AI_SERVER_PORT: String(aiPort),
      REDIS_COMMAND_TIMEOUT_MS: '500',
      SIGNIN_LIMIT_PER_ACCOUNT: String(SIGNIN_LIMIT),
      MUTATION_LIMIT_PER_USER: '100000',
      MUTATION_LIMIT_PER_ADDRESS: '100000',
    });
    mcpUrl = `http://127.0.0.1:${aiPort}/mcp`;
  });
  afterAll(async () => {
    proxy?.resume();
    await Promise.all(mcpClients.map((c) => c.close().catch(() => undefined)));
    await live?.dispose();
    await stopAll();
    await direct?.close();
    await proxy?.close();
  });

  it('keeps mutations, sign-ins and MCP tool calls answering meanwhile, with limits counted in memory, and goes back to Redis when it resumes', async () => {
    const f = socialFixtures(direct);
    const author = await direct.signUp('Author');
    const runner = await direct.signUp('Runner');
    const guessed = await direct.signUp('Guessed');
    await f.follow(runner, author);
    live = connectLive(hung.wsUrl, runner.token);
    const feed = live.subscribe<FeedPostAdded>(`subscription { feedPostAdded { id text } }`);
    const fromOtherReplica = () => f.post(author, { text: 'through the other replica' });
    // Before: events cross replicas through Redis.
    await postUntilReceived(feed, fromOtherReplica);
    const ai = await mcp(runner);

    proxy.pause();
    await healthzWithinASecond(hung.base);

    // A mutation (its write limits are counted in Redis, its events published there).
    const created = ok(
      await gqlWithin<{ createRun: { id: string; distance: number } }>(
        hung.base,
        `mutation($i: RunInput!) { createRun(input: $i) { id distance } }`,
        { i: { startedAt: new Date(Date.now() - 3_600_000).toISOString(), distance: 5000, duration: 1500 } },
        runner.token,
      ),
    ).createRun;
    expect(created.distance).toBe(5000);
    await healthzWithinASecond(hung.base);

    // A sign-in (its failures are counted in Redis).
    const signedIn = ok(
      await gqlWithin<{ signIn: { user: { id: string } } }>(
        hung.base,
        `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { id } } }`,
        {
          e: runner.email,
          p: runner.password,
        },
      ),
    );
    expect(signedIn.signIn.user.id).toBe(runner.id);

    // The limits still hold: the in-memory fallback took over on the timeouts, it did not wave requests through.
    const wrong = () =>
      gqlWithin(hung.base, `mutation($e: String!) { signIn(email: $e, password: "not-the-password") { token } }`, { e: guessed.email });
    for (let i = 0; i < SIGNIN_LIMIT; i++) expect(errorOf(await wrong()).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await wrong()).code).toBe('RATE_LIMITED');
    await healthzWithinASecond(hung.base);

    // MCP tool calls (rate-limited in Redis; the runner's context cached there).
    const context = await callTool(ai, 'get_user_context');
    expect(JSON.stringify(context)).toContain(runner.username);
    const logged = await callTool(ai, 'log_run', {
      startedAt: new Date(Date.now() - 7_200_000).toISOString(),
      distance: 8000,
      duration: 2600,
    });
    expect(JSON.stringify(logged)).toContain('8000');
    const runs = await direct.sql(`SELECT distance FROM ${direct.schema}.runs WHERE user_id = $1 ORDER BY distance`, [runner.id]);
    expect(runs.map((r) => Number(r.distance))).toEqual([5000, 8000]);
    await healthzWithinASecond(hung.base);

    // Redis answers again: events cross replicas again, both ways, without a restart.
    proxy.resume();
    const seen = feed.results.length;
    const afterwards = await postUntilReceived(feed, fromOtherReplica);
    expect(feed.results.slice(seen).map((r) => r.data?.feedPostAdded?.id)).toContain(afterwards);
    const back = direct.gateway.live;
    const reverse = connectLive(direct.wsUrl, author.token);
    try {
      await f.follow(author, runner);
      const authorFeed = reverse.subscribe<FeedPostAdded>(`subscription { feedPostAdded { id text } }`);
      await eventually(() => back.size >= 1, 'the subscription on the other replica registered');
      await postUntilReceived(
        authorFeed,
        async () =>
          ok(
            await gqlWithin<{ createPost: { id: string } }>(
              hung.base,
              `mutation { createPost(input: { text: "back to Redis" }) { id } }`,
              {},
              runner.token,
            ),
          ).createPost.id,
      );
    } finally {
      await reverse.dispose();
    }
    await healthzWithinASecond(hung.base);
  });
});
