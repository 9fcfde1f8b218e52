// The MCP server takes the same session tokens as GraphQL, and refuses one at once when its session
// ends (revokeSession, signOut, a password change) — even for an answer it has cached — while the
// runner's other sessions go on working. A token that names no session is refused at the door.
import type { ToolOutput } from '../src';
import jwt from 'jsonwebtoken';
import { ok, TEST_JWT_SECRET } from '../../gateway/test/harness';
import type { TestUser } from '../../gateway/test/harness';
import { startStack, toolError, toolJson } from './stack';
import type { TestStack } from './stack';

let s: TestStack;
beforeAll(async () => {
  s = await startStack();
}, 30_000);
afterAll(() => s.close());

/** A second session of `user`'s (another device). */
async function anotherSession(user: TestUser): Promise<string> {
  const res = await s.t.gql<{ signIn: { token: string } }>(
    `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`,
    {
      e: user.email,
      p: user.password,
    },
  );
  return ok(res).signIn.token;
}

const context = { name: 'get_user_context', arguments: {} };

describe('an MCP client whose session ends', () => {
  it('is refused on its next call, cached answer or not; the runner’s other session still works', async () => {
    const ann = await s.t.signUp('Ann');
    const desktopToken = await anotherSession(ann);
    const desktop = await s.mcp(desktopToken);
    expect(toolJson<ToolOutput<'userContext'>>(await desktop.callTool(context)).profile.username).toBe(ann.username);

    const sessions = ok(
      await s.t.gql<{ sessions: { id: string; current: boolean }[] }>(`{ sessions { id current } }`, {}, desktopToken),
    ).sessions;
    const desktopSession = sessions.find((x) => x.current)!;
    ok(await s.t.gql(`mutation($id: ID!) { revokeSession(id: $id) }`, { id: desktopSession.id }, ann.token));

    // get_user_context's answer is cached, and is refused all the same.
    expect(toolError(await desktop.callTool(context))).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'This session has ended; sign in again',
    });
    expect(toolError(await desktop.callTool({ name: 'list_runs', arguments: {} })).code).toBe('UNAUTHENTICATED');
    await expect(desktop.readResource({ uri: 'maratron://runs/recent' })).rejects.toThrow(/UNAUTHENTICATED/);

    const phone = await s.mcp(ann.token);
    expect(toolJson<ToolOutput<'userContext'>>(await phone.callTool(context)).profile.username).toBe(ann.username);
  });

  it('is refused after signOut too', async () => {
    const bob = await s.t.signUp('Bob');
    const c = await s.mcp(bob.token);
    toolJson(await c.callTool({ name: 'shoe_report', arguments: {} }));
    ok(await s.t.gql(`mutation { signOut }`, {}, bob.token));
    expect(toolError(await c.callTool({ name: 'shoe_report', arguments: {} })).code).toBe('UNAUTHENTICATED');
  });
});

describe('a token without a session', () => {
  it('is refused with 401 before any MCP exchange', async () => {
    const cat = await s.t.signUp('Cat');
    const sessionless = jwt.sign({}, TEST_JWT_SECRET, { algorithm: 'HS256', subject: cat.id, expiresIn: 60 });
    const res = await fetch(s.mcpUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sessionless}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });
    expect(res.status).toBe(401);
  });
});
