// Personal access tokens on the MCP server (issue 15): a token works as the bearer like a session's,
// each tool and resource needs the scope declared for it (core/src/auth/scopes.ts) — FORBIDDEN with
// requiredScope otherwise — and a revoked or expired token is refused on its next call.
import type { ToolOutput } from '../src';
import { TokenService, coachToolScopes } from '@maratron/core';
import { TokenScope } from '@maratron/domain';
import { ok, TEST_JWT_SECRET } from '../../gateway/test/harness';
import type { TestUser } from '../../gateway/test/harness';
import { startStack, toolError, toolJson } from './stack';
import type { TestStack } from './stack';

let s: TestStack;
beforeAll(async () => {
  s = await startStack();
}, 30_000);
afterAll(() => s.close());

async function createPat(user: TestUser, scopes: string[]): Promise<{ token: string; id: string }> {
  const res = await s.t.gql<{ createPersonalAccessToken: { token: string; accessToken: { id: string } } }>(
    `mutation($s: [TokenScope!]!) { createPersonalAccessToken(name: "mcp", scopes: $s) { token accessToken { id } } }`,
    { s: scopes },
    user.token,
  );
  const { token, accessToken } = ok(res).createPersonalAccessToken;
  return { token, id: accessToken.id };
}

async function logRun(user: TestUser): Promise<string> {
  const res = await s.t.gql<{ createRun: { id: string } }>(
    `mutation($i: RunInput!) { createRun(input: $i) { id } }`,
    { i: { startedAt: '2025-05-01T07:00:00Z', distance: 10000, duration: 2900, visibility: 'PRIVATE' } },
    user.token,
  );
  return ok(res).createRun.id;
}

describe('an MCP client with a RUNS_READ token', () => {
  it('reads runs, and is FORBIDDEN with requiredScope for tools and resources outside its scopes', async () => {
    const ann = await s.t.signUp('Ann');
    const runId = await logRun(ann);
    const { token } = await createPat(ann, ['RUNS_READ']);
    const c = await s.mcp(token);

    const listed = toolJson<ToolOutput<'listRuns'>>(await c.callTool({ name: 'list_runs', arguments: { limit: 5 } }));
    expect(listed.runs.map((r) => r.id)).toEqual([runId]);
    expect(toolJson(await c.callTool({ name: 'get_run', arguments: { runId } }))).toMatchObject({ id: runId, distanceKm: 10 });
    const recent = await c.readResource({ uri: 'maratron://runs/recent' });
    expect((recent.contents[0] as { text: string }).text).toContain(runId);

    const refusals: [string, Record<string, unknown>, string][] = [
      ['log_run', { startedAt: '2025-05-02T07:00:00Z', distance: 5000, duration: 1800 }, 'RUNS_WRITE'],
      ['generate_training_plan', { goal: 'K10', raceDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10) }, 'COACH'],
      ['get_user_context', {}, 'TRAINING_READ'],
      ['training_summary', {}, 'TRAINING_READ'],
    ];
    for (const [name, args, scope] of refusals) {
      expect({ name, ...toolError(await c.callTool({ name, arguments: args })) }).toMatchObject({
        name,
        code: 'FORBIDDEN',
        requiredScope: scope,
      });
    }
    await expect(c.readResource({ uri: 'maratron://plans/current' })).rejects.toThrow(/FORBIDDEN/);
    const [{ n }] = await s.t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${s.t.schema}.runs WHERE user_id = $1`, [ann.id]);
    expect(n).toBe(1);
  });
});

describe('the coach with a COACH token', () => {
  it("answers askCoach through its tools, which get the coach's reads but none of the writes the token lacks", async () => {
    const cat = await s.t.signUp('Cat');
    await logRun(cat);
    const { token, id } = await createPat(cat, ['COACH']);
    const asked = await s.t.gql<{ askCoach: { message: { role: string; content: string }; toolCalls: { name: string }[] } }>(
      `mutation { askCoach(message: "How was my week?") { message { role content } toolCalls { name } } }`,
      {},
      token,
    );
    const reply = ok(asked).askCoach;
    expect(reply.message.role).toBe('assistant');
    expect(reply.toolCalls.length).toBeGreaterThan(0);

    // The tool token the coach issues for that access token (as the gateway does).
    const toolToken = new TokenService(TEST_JWT_SECRET, 60).issueDelegated(cat.id, id, coachToolScopes([TokenScope.COACH]));
    const c = await s.mcp(toolToken);
    toolJson(await c.callTool({ name: 'list_runs', arguments: {} }));
    expect(
      toolError(await c.callTool({ name: 'log_run', arguments: { startedAt: '2025-05-02T07:00:00Z', distance: 5000, duration: 1800 } })),
    ).toMatchObject({
      code: 'FORBIDDEN',
      requiredScope: 'RUNS_WRITE',
    });
    // Revoking the access token refuses the coach's tool token too.
    ok(await s.t.gql(`mutation($id: ID!) { revokePersonalAccessToken(id: $id) }`, { id }, cat.token));
    expect(toolError(await c.callTool({ name: 'list_runs', arguments: {} })).code).toBe('UNAUTHENTICATED');
  });
});

describe('a revoked or expired token on MCP', () => {
  it('is refused on its next call', async () => {
    const bob = await s.t.signUp('Bob');
    await logRun(bob);
    const revoked = await createPat(bob, ['RUNS_READ']);
    const expired = await createPat(bob, ['RUNS_READ']);
    const a = await s.mcp(revoked.token);
    const b = await s.mcp(expired.token);
    toolJson(await a.callTool({ name: 'list_runs', arguments: {} }));
    toolJson(await b.callTool({ name: 'list_runs', arguments: {} }));

    ok(await s.t.gql(`mutation($id: ID!) { revokePersonalAccessToken(id: $id) }`, { id: revoked.id }, bob.token));
    await s.t.sql(`UPDATE ${s.t.schema}.personal_access_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.id]);

    for (const c of [a, b]) {
      expect(toolError(await c.callTool({ name: 'list_runs', arguments: {} }))).toMatchObject({
        code: 'UNAUTHENTICATED',
        message: 'This access token was revoked or has expired',
      });
      await expect(c.readResource({ uri: 'maratron://runs/recent' })).rejects.toThrow(/UNAUTHENTICATED/);
    }
  });

  it('an unknown mrt_pat_ secret is refused with 401 before any MCP exchange', async () => {
    const res = await fetch(s.mcpUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer mrt_pat_${'B'.repeat(43)}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });
    expect(res.status).toBe(401);
  });
});
