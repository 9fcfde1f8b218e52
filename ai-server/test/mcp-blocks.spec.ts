// A block holds over MCP too: a tool acting for the blocked runner finds nothing of the blocker's,
// exactly as for something that doesn't exist — the tools read through the same services, under
// the same row-level security.
import { ok } from '../../gateway/test/harness';
import type { TestUser } from '../../gateway/test/harness';
import { startStack, toolError, toolJson } from './stack';
import type { TestStack } from './stack';

let s: TestStack;
let blocker: TestUser;
let blocked: TestUser;
let third: TestUser;
let publicRun: string;
beforeAll(async () => {
  s = await startStack();
  blocker = await s.t.signUp('Blocker');
  blocked = await s.t.signUp('Blocked');
  third = await s.t.signUp('Third');
  const input = { startedAt: new Date(Date.now() - 86_400_000).toISOString(), distance: 10000, duration: 3000, visibility: 'PUBLIC' };
  const created = await s.t.gql<{ createRun: { id: string } }>(
    `mutation($i: RunInput!) { createRun(input: $i) { id } }`,
    { i: input },
    blocker.token,
  );
  publicRun = ok(created).createRun.id;
});
afterAll(() => s.close());

const getRun = async (user: TestUser, runId: string) => (await s.mcp(user.token)).callTool({ name: 'get_run', arguments: { runId } });
const setBlock = async (op: 'blockUser' | 'unblockUser') =>
  ok(await s.t.gql<Record<string, { id: string }>>(`mutation($u: ID!) { ${op}(userId: $u) { id } }`, { u: blocked.id }, blocker.token));

describe('blocks over MCP', () => {
  it("get_run answers NOT_FOUND for the blocker's public run to the blocked runner only, until unblocked", async () => {
    expect(toolJson(await getRun(blocked, publicRun))).toMatchObject({ id: publicRun, distanceKm: 10 });
    await setBlock('blockUser');

    const refused = toolError(await getRun(blocked, publicRun));
    const missing = toolError(await getRun(blocked, '00000000-0000-4000-8000-000000000000'));
    expect(refused).toEqual(missing);
    expect(refused.code).toBe('NOT_FOUND');
    expect(toolJson(await getRun(third, publicRun))).toMatchObject({ id: publicRun });
    expect(toolJson(await getRun(blocker, publicRun))).toMatchObject({ id: publicRun });

    await setBlock('unblockUser');
    expect(toolJson(await getRun(blocked, publicRun))).toMatchObject({ id: publicRun });
  });
});
