// OAuth 2.1 (issue 15, "Integrators"): the gateway is the authorization server (the MCP SDK's
// handlers over PostgreSQL), the ai-server a protected resource. The official MCP SDK client
// discovers, registers, authorizes with PKCE and gets tokens bound to the MCP server; the consent
// is answered here through the consent page's API (client/e2e/oauth.spec.ts answers it in Chromium).
// Tokens bound to the gateway work on /graphql within their scopes and nowhere else.
import {
  discoverAuthorizationServerMetadata,
  exchangeAuthorization,
  refreshAuthorization,
  registerClient,
  startAuthorization,
} from '@modelcontextprotocol/sdk/client/auth.js';
import type { AuthorizationServerMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { errorOf, ok } from '../../gateway/test/harness';
import type { TestUser } from '../../gateway/test/harness';
import { connectLive } from '../../gateway/test/live';
import { REDIRECT_URL, TestOAuthApp, followAuthorization, oauthClient, startOAuth } from './oauth-client';
import { startStack, toolJson } from './stack';
import type { TestStack } from './stack';

const ALL_SCOPES = ['PROFILE_READ', 'RUNS_READ', 'RUNS_WRITE', 'SOCIAL_READ', 'SOCIAL_WRITE', 'TRAINING_READ', 'COACH'];

/**
 * A refused call of the SDK client whose tokens are gone: the 401 makes it refresh, and the
 * authorization server answers invalid_grant, which the SDK raises.
 */
const REFUSED = /Unknown or expired refresh token/;

let s: TestStack;
// Two processes' worth of start-up (gateway and ai-server) on a loaded 2-core machine.
beforeAll(async () => {
  s = await startStack();
}, 60_000);
afterAll(() => s.close());

interface ConsentRequest {
  app: { clientId: string; name: string; redirectHost: string };
  scopes: string[];
  resource: string;
}

/** The consent page's API, as the signed-in runner: what the app asks, then the answer; where the browser goes next. */
async function consent(consentUrl: URL, runner: TestUser, approve: boolean): Promise<{ asked: ConsentRequest; back: URL }> {
  expect(consentUrl.origin + consentUrl.pathname).toBe(`${s.t.url}/oauth/consent`);
  const api = `${s.t.url}/api/oauth/requests/${consentUrl.searchParams.get('request')}`;
  const headers = { authorization: `Bearer ${runner.token}`, 'content-type': 'application/json' };
  const asked = (await (await fetch(api, { headers })).json()) as ConsentRequest;
  const answer = await fetch(api, { method: 'POST', headers, body: JSON.stringify({ approve }) });
  expect(answer.status).toBe(200);
  return { asked, back: new URL(((await answer.json()) as { redirectTo: string }).redirectTo) };
}

async function logRun(user: TestUser): Promise<string> {
  const res = await s.t.gql<{ createRun: { id: string } }>(
    `mutation($i: RunInput!) { createRun(input: $i) { id } }`,
    { i: { startedAt: '2025-05-01T07:00:00Z', distance: 10000, duration: 2900, visibility: 'PRIVATE' } },
    user.token,
  );
  return ok(res).createRun.id;
}

interface AuthorizedApp {
  id: string;
  clientId: string;
  name: string;
  scopes: string[];
  authorizedAt: string;
  lastUsedAt: string | null;
}
const apps = async (runner: TestUser) =>
  ok(
    await s.t.gql<{ authorizedApps: AuthorizedApp[] }>(
      `{ authorizedApps { id clientId name scopes authorizedAt lastUsedAt } }`,
      {},
      runner.token,
    ),
  ).authorizedApps;

/** An MCP client app authorized by `runner` through the SDK's flow; its tokens are in `app.saved`. */
async function authorizeMcpApp(runner: TestUser, name: string, scope = 'RUNS_READ TRAINING_READ') {
  const app = new TestOAuthApp(name, scope);
  const flow = await startOAuth(s.mcpUrl, app);
  const { back } = await consent(await followAuthorization(flow.authorizationUrl), runner, true);
  await flow.finish(back.searchParams.get('code')!);
  const { client, transport } = oauthClient(s.mcpUrl, app);
  await client.connect(transport);
  return { app, client };
}

describe('the official MCP SDK client', () => {
  it('discovers, registers, authorizes with PKCE and calls a tool with a token bound to the MCP server', async () => {
    const ann = await s.t.signUp('Ann');
    const runId = await logRun(ann);

    // Discovery: 401 names the resource metadata, which names the gateway as authorization server.
    const refused = await fetch(s.mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(401);
    const prmUrl = `${new URL(s.mcpUrl).origin}/.well-known/oauth-protected-resource/mcp`;
    expect(refused.headers.get('www-authenticate')).toContain(`resource_metadata="${prmUrl}"`);
    expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');
    for (const url of [prmUrl, `${new URL(s.mcpUrl).origin}/.well-known/oauth-protected-resource`]) {
      expect(await (await fetch(url)).json()).toMatchObject({
        resource: s.mcpUrl,
        authorization_servers: [`${s.t.url}/`],
        scopes_supported: ALL_SCOPES,
      });
    }
    const metadata = (await (await fetch(`${s.t.url}/.well-known/oauth-authorization-server`)).json()) as AuthorizationServerMetadata;
    expect(metadata).toMatchObject({
      issuer: `${s.t.url}/`,
      authorization_endpoint: `${s.t.url}/authorize`,
      token_endpoint: `${s.t.url}/token`,
      registration_endpoint: `${s.t.url}/register`,
      revocation_endpoint: `${s.t.url}/revoke`,
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
    });

    const app = new TestOAuthApp('Claude test', 'RUNS_READ TRAINING_READ');
    const flow = await startOAuth(s.mcpUrl, app);
    // Registered dynamically as a public client (no secret kept), and sent to authorize with S256 and the MCP resource.
    expect(app.info).toMatchObject({ client_name: 'Claude test', token_endpoint_auth_method: 'none' });
    expect(app.info).not.toHaveProperty('client_secret');
    expect(Object.fromEntries(flow.authorizationUrl.searchParams)).toMatchObject({
      code_challenge_method: 'S256',
      resource: s.mcpUrl,
      // The SDK asks for the scopes the resource metadata lists; the runner sees them all.
      scope: 'PROFILE_READ RUNS_READ RUNS_WRITE SOCIAL_READ SOCIAL_WRITE TRAINING_READ COACH',
      state: 'test-state',
    });

    const { asked, back } = await consent(await followAuthorization(flow.authorizationUrl), ann, true);
    expect(asked).toEqual({
      app: { clientId: app.info!.client_id, name: 'Claude test', redirectHost: '127.0.0.1:9' },
      scopes: ALL_SCOPES,
      resource: s.mcpUrl,
    });
    expect(back.origin + back.pathname).toBe(REDIRECT_URL);
    expect(back.searchParams.get('state')).toBe('test-state');
    const code = back.searchParams.get('code')!;
    expect(code).toMatch(/^mrt_oac_/);
    await flow.finish(code);
    expect(app.saved).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: ALL_SCOPES.join(' ') });
    expect(app.saved!.access_token).toMatch(/^mrt_oat_/);
    expect(app.saved!.refresh_token).toMatch(/^mrt_ort_/);
    // Stored as hashes only.
    const stored = await s.t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${s.t.schema}.oauth_tokens WHERE encode(token_hash, 'escape') LIKE '%mrt_%'`,
    );
    expect(stored[0].n).toBe(0);

    const { client, transport } = oauthClient(s.mcpUrl, app);
    await client.connect(transport);
    const listed = toolJson<{ runs: { id: string }[] }>(await client.callTool({ name: 'list_runs', arguments: {} }));
    expect(listed.runs.map((r) => r.id)).toEqual([runId]);
    // The runner sees the app, last used just now.
    const [listedApp] = await apps(ann);
    expect(listedApp).toMatchObject({ clientId: app.info!.client_id, name: 'Claude test', scopes: ALL_SCOPES });
    expect(listedApp.lastUsedAt).not.toBeNull();

    // A code works once: replayed, it ends the grant (it leaked); the SDK tries again and finds it gone.
    await expect(flow.finish(code)).rejects.toThrow(/Unknown authorization code/);
    expect(await apps(ann)).toEqual([]);
    await expect(client.callTool({ name: 'list_runs', arguments: {} })).rejects.toThrow(REFUSED);
    await client.close();
  });

  it('refreshes with rotation: the old refresh token is then refused, and its replay ends the grant', async () => {
    const bea = await s.t.signUp('Bea');
    await logRun(bea);
    const { app } = await authorizeMcpApp(bea, 'Rotating app');
    const metadata = (await discoverAuthorizationServerMetadata(s.t.url))!;
    const first = app.saved!;
    const refresh = (refreshToken: string) =>
      refreshAuthorization(s.t.url, { metadata, clientInformation: app.info!, refreshToken, resource: new URL(s.mcpUrl) });
    const second = await refresh(first.refresh_token!);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    app.saveTokens({ ...first, ...second }); // as the SDK keeps them, with the issuer
    const { client, transport } = oauthClient(s.mcpUrl, app);
    await client.connect(transport);
    toolJson(await client.callTool({ name: 'list_runs', arguments: {} }));

    await expect(refresh(first.refresh_token!)).rejects.toThrow(/already used/);
    // The replay ended the whole grant: the newer tokens too.
    await expect(refresh(second.refresh_token!)).rejects.toThrow(/Unknown or expired/);
    // Its next call is refused (401), and so is the refresh the SDK client then tries.
    await expect(client.callTool({ name: 'list_runs', arguments: {} })).rejects.toThrow(REFUSED);
    expect(await apps(bea)).toEqual([]);
    await client.close();
  });

  it('is refused once its access token is revoked (RFC 7009), and at once when the runner revokes the app', async () => {
    const cat = await s.t.signUp('Cat');
    await logRun(cat);
    const one = await authorizeMcpApp(cat, 'Revoked by itself');
    const two = await authorizeMcpApp(cat, 'Revoked by the runner');
    toolJson(await one.client.callTool({ name: 'list_runs', arguments: {} }));
    toolJson(await two.client.callTool({ name: 'list_runs', arguments: {} }));

    const revoked = await fetch(`${s.t.url}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: one.app.saved!.access_token,
        token_type_hint: 'access_token',
        client_id: one.app.info!.client_id,
      }),
    });
    expect(revoked.status).toBe(200);
    // The revoked access token is refused before any MCP exchange (the client would refresh).
    const again = await fetch(s.mcpUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${one.app.saved!.access_token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(again.status).toBe(401);
    expect(again.headers.get('www-authenticate')).toContain('error="invalid_token"');
    // Revoking the refresh token ends the grant: no refresh, the client must send the runner to authorize again.
    const revokedRefresh = await fetch(`${s.t.url}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: one.app.saved!.refresh_token!, client_id: one.app.info!.client_id }),
    });
    expect(revokedRefresh.status).toBe(200);
    await expect(one.client.callTool({ name: 'list_runs', arguments: {} })).rejects.toThrow(REFUSED);

    const app = (await apps(cat)).find((a) => a.name === 'Revoked by the runner')!;
    expect(
      ok(await s.t.gql<{ revokeAuthorizedApp: string }>(`mutation($id: ID!) { revokeAuthorizedApp(id: $id) }`, { id: app.id }, cat.token)),
    ).toEqual({
      revokeAuthorizedApp: app.id,
    });
    await expect(two.client.callTool({ name: 'list_runs', arguments: {} })).rejects.toThrow(REFUSED);
    const metadata = (await discoverAuthorizationServerMetadata(s.t.url))!;
    await expect(
      refreshAuthorization(s.t.url, {
        metadata,
        clientInformation: two.app.info!,
        refreshToken: two.app.saved!.refresh_token!,
        resource: new URL(s.mcpUrl),
      }),
    ).rejects.toThrow(/invalid_grant|Unknown or expired/);
    expect(await apps(cat)).toEqual([]);
    // Someone else's app is NOT_FOUND.
    const dan = await s.t.signUp('Dan');
    const three = await authorizeMcpApp(cat, 'Kept');
    const [other] = await apps(cat);
    expect(errorOf(await s.t.gql(`mutation($id: ID!) { revokeAuthorizedApp(id: $id) }`, { id: other.id }, dan.token)).code).toBe(
      'NOT_FOUND',
    );
    expect((await apps(cat)).map((a) => a.name)).toEqual(['Kept']);
    await Promise.all([one, two, three].map((a) => a.client.close()));
  });
});

describe('the authorization server', () => {
  const register = async (name: string) => {
    const metadata = (await discoverAuthorizationServerMetadata(s.t.url))!;
    const app = new TestOAuthApp(name);
    const info = await registerClient(s.t.url, { metadata, clientMetadata: app.clientMetadata });
    return { metadata, info };
  };

  it('sends access_denied back to the app when the runner denies', async () => {
    const eve = await s.t.signUp('Eve');
    const { metadata, info } = await register('Denied app');
    const { authorizationUrl } = await startAuthorization(s.t.url, {
      metadata,
      clientInformation: info,
      redirectUrl: REDIRECT_URL,
      scope: 'RUNS_READ',
      state: 'st',
      resource: new URL(s.mcpUrl),
    });
    const { back } = await consent(await followAuthorization(authorizationUrl), eve, false);
    expect(Object.fromEntries(back.searchParams)).toMatchObject({ error: 'access_denied', state: 'st' });
    expect(back.searchParams.has('code')).toBe(false);
    expect(await apps(eve)).toEqual([]);
  });

  it('refuses PKCE plain or missing, unknown scopes and unknown resources', async () => {
    const { info } = await register('Bad requests');
    const base = { response_type: 'code', client_id: info.client_id, redirect_uri: REDIRECT_URL, state: 'x' };
    const cases: [Record<string, string>, string][] = [
      [{ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }, 'invalid_request'],
      [{ code_challenge_method: 'S256' }, 'invalid_request'],
      [{}, 'invalid_request'],
      [{ code_challenge: 'a'.repeat(43), code_challenge_method: 'S256', scope: 'EVERYTHING' }, 'invalid_scope'],
      [{ code_challenge: 'a'.repeat(43), code_challenge_method: 'S256', resource: 'https://elsewhere.example/mcp' }, 'invalid_target'],
    ];
    for (const [params, error] of cases) {
      const back = await followAuthorization(new URL(`${s.t.url}/authorize?${new URLSearchParams({ ...base, ...params })}`));
      expect({ params, error: back.searchParams.get('error') }).toEqual({ params, error });
    }
    const [{ n }] = await s.t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${s.t.schema}.oauth_authorization_requests WHERE client_id = $1`,
      [info.client_id],
    );
    expect(n).toBe(0);
  });

  it("issues tokens for the gateway's API that work on /graphql and graphql-ws within their scopes, and are refused by the MCP server", async () => {
    const fay = await s.t.signUp('Fay');
    const runId = await logRun(fay);
    const { metadata, info } = await register('Script app');
    const resource = new URL(`${s.t.url}/graphql`);
    const { authorizationUrl, codeVerifier } = await startAuthorization(s.t.url, {
      metadata,
      clientInformation: info,
      redirectUrl: REDIRECT_URL,
      scope: 'RUNS_READ',
      resource,
    });
    const { asked, back } = await consent(await followAuthorization(authorizationUrl), fay, true);
    expect(asked.resource).toBe(resource.href);
    const tokens: OAuthTokens = await exchangeAuthorization(s.t.url, {
      metadata,
      clientInformation: info,
      authorizationCode: back.searchParams.get('code')!,
      codeVerifier,
      redirectUri: REDIRECT_URL,
      resource,
    });
    const token = tokens.access_token;

    const runs = await s.t.gql<{ run: { id: string } }>(`query($id: ID!) { run(id: $id) { id } }`, { id: runId }, token);
    expect(ok(runs).run.id).toBe(runId);
    const write = await s.t.gql(
      `mutation($i: RunInput!) { createRun(input: $i) { id } }`,
      { i: { startedAt: '2025-05-03T07:00:00Z', distance: 1000, duration: 300 } },
      token,
    );
    expect(write.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'RUNS_WRITE' });
    const account = await s.t.gql(`{ authorizedApps { id } }`, {}, token);
    expect(account.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'SESSION' });
    const gpx = await fetch(`${s.t.url}/api/runs/${runId}.gpx`, { headers: { authorization: `Bearer ${token}` } });
    expect(gpx.status).not.toBe(401);
    expect(gpx.status).not.toBe(403);

    const socket = connectLive(s.t.wsUrl, token);
    await socket.connected;
    const refusedSub = socket.subscribe(`subscription { notificationAdded { id } }`);
    expect(await refusedSub.error).toEqual([expect.objectContaining({ extensions: { code: 'FORBIDDEN', requiredScope: 'SOCIAL_READ' } })]);
    // Revoking the app closes the socket and refuses the token at once.
    const [app] = await apps(fay);
    ok(await s.t.gql(`mutation($id: ID!) { revokeAuthorizedApp(id: $id) }`, { id: app.id }, fay.token));
    expect(await socket.closed).toBe(4403);
    expect(errorOf(await s.t.gql(`query($id: ID!) { run(id: $id) { id } }`, { id: runId }, token)).code).toBe('UNAUTHENTICATED');

    // A token for another resource is no token for the MCP server.
    const other = await exchangeForGatewayAgain(fay);
    const mcp = await fetch(s.mcpUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${other}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });
    expect(mcp.status).toBe(401);
    expect(mcp.headers.get('www-authenticate')).toContain('error="invalid_token"');
    // …while it still works on the gateway.
    expect(ok(await s.t.gql<{ run: { id: string } }>(`query($id: ID!) { run(id: $id) { id } }`, { id: runId }, other)).run.id).toBe(runId);

    async function exchangeForGatewayAgain(runner: TestUser): Promise<string> {
      const started = await startAuthorization(s.t.url, {
        metadata,
        clientInformation: info,
        redirectUrl: REDIRECT_URL,
        scope: 'RUNS_READ',
        resource,
      });
      const answered = await consent(await followAuthorization(started.authorizationUrl), runner, true);
      const issued = await exchangeAuthorization(s.t.url, {
        metadata,
        clientInformation: info,
        authorizationCode: answered.back.searchParams.get('code')!,
        codeVerifier: started.codeVerifier,
        redirectUri: REDIRECT_URL,
        resource,
      });
      return issued.access_token;
    }
  });

  it('an MCP token is refused by the gateway', async () => {
    const gus = await s.t.signUp('Gus');
    const { app } = await authorizeMcpApp(gus, 'MCP only');
    const res = await s.t.gql(`{ me { id } }`, {}, app.saved!.access_token);
    expect(res.status).toBe(401);
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
  });
});
