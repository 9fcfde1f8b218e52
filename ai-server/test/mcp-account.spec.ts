// The ai-server never answers for an account that is gone or from a profile that changed: every
// tool call and resource read opens the request's transaction (the account check) before anything
// else, and the user-context cache — in memory and in Redis — is dropped on account deletion and
// on profile changes. Resource reads share the tool rate limit; /metrics wants its token.
import { ok, redisUrlOrSkip } from '../../gateway/test/harness';
import type { TestUser } from '../../gateway/test/harness';
import { eventually } from '../../gateway/test/live';
import { startStack, toolError, toolJson } from './stack';
import type { ToolOutput } from '../src';
import type { TestStack } from './stack';

const METRICS_TOKEN = 'ai-scrape-secret';
const cacheKey = (userId: string) => `maratron:ai:user-context:v2:${userId}`;

let s: TestStack;
beforeAll(async () => {
  s = await startStack({
    redis: Boolean(redisUrlOrSkip('the user-context cache in Redis')),
    aiEnv: { AI_RATE_LIMIT_PER_MINUTE: '5', METRICS_TOKEN },
  });
}, 30_000);
afterAll(() => s.close());

const context = async (token: string) =>
  toolJson<ToolOutput<'userContext'>>(await (await s.mcp(token)).callTool({ name: 'get_user_context', arguments: {} }));

describe('a deleted account', () => {
  let ann: TestUser;
  beforeAll(async () => {
    ann = await s.t.signUp('Ann');
    ok(await s.t.gql(`mutation { updateProfile(input: { trainingProfile: { injuryNotes: "left knee" } }) { id } }`, {}, ann.token));
  });

  it('gets an auth error from get_user_context at once, though its context was cached, and no copy is kept', async () => {
    const c = await s.mcp(ann.token);
    expect(toolJson<ToolOutput<'userContext'>>(await c.callTool({ name: 'get_user_context', arguments: {} })).goals!.injuryNotes).toBe(
      'left knee',
    );
    if (s.t.redis) expect(await s.t.redis.get(cacheKey(ann.id))).toContain('left knee');

    ok(await s.t.gql(`mutation($p: String!) { deleteAccount(password: $p) }`, { p: ann.password }, ann.token));

    expect(toolError(await c.callTool({ name: 'get_user_context', arguments: {} })).code).toBe('UNAUTHENTICATED');
    await expect(c.readResource({ uri: 'maratron://runs/recent' })).rejects.toThrow(/UNAUTHENTICATED/);
    if (s.t.redis) await eventually(async () => (await s.t.redis!.get(cacheKey(ann.id))) === null, 'the Redis copy dropped');
  });
});

describe('a profile change', () => {
  it('shows in get_user_context at once', async () => {
    const bob = await s.t.signUp('Bob');
    const before = await context(bob.token);
    expect(before.profile.bio).toBeNull();
    expect(before.goals).toBeNull();
    ok(
      await s.t.gql(
        `mutation { updateProfile(input: { bio: "Back from injury", trainingProfile: { injuryNotes: "right calf", level: INTERMEDIATE } }) { id } }`,
        {},
        bob.token,
      ),
    );
    const after = await context(bob.token);
    expect(after.profile.bio).toBe('Back from injury');
    expect(after.goals).toMatchObject({ injuryNotes: 'right calf', level: 'INTERMEDIATE' });
  });
});

describe('resources/read', () => {
  it('is counted by the per-runner MCP rate limit, like a tool call', async () => {
    const cat = await s.t.signUp('Cat');
    const c = await s.mcp(cat.token);
    for (let i = 0; i < 5; i++) await c.readResource({ uri: 'maratron://runs/recent' });
    await expect(c.readResource({ uri: 'maratron://plans/current' })).rejects.toThrow(
      /RATE_LIMITED: Too many tool calls \(5 a minute\); retry after \d+ seconds/,
    );
    expect(toolError(await c.callTool({ name: 'server_health', arguments: {} })).code).toBe('RATE_LIMITED');
  });
});

describe("the ai-server's /metrics", () => {
  it('wants the METRICS_TOKEN bearer', async () => {
    const url = new URL('/metrics', s.mcpUrl);
    expect((await fetch(url)).status).toBe(403);
    const res = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('maratron_mcp_tool_calls_total');
  });
});
