// OAuth for MCP clients, as a runner meets it: the official MCP SDK client discovers the gateway
// from the MCP server, registers, and sends the runner's browser to authorize (PKCE); Chromium
// lands on the consent page (after signing in, when signed out), which names the app and the
// scopes in plain words; Approve sends the browser back to the app with a code, which the SDK
// exchanges for tokens bound to the MCP server. A tool call works, a refresh rotates the tokens
// (the old refresh token is then refused), an access token revoked through the RFC 7009 endpoint
// is refused, and revoking the app in Settings → Integrations ends the grant at once. Deny sends
// access_denied back.
import type { Page } from 'playwright-core';
import { auth, discoverAuthorizationServerMetadata, refreshAuthorization } from '@modelcontextprotocol/sdk/client/auth.js';
import { REDIRECT_URL, TestOAuthApp, oauthClient, startOAuth } from '../../ai-server/test/oauth-client';
import { TEST_PASSWORD } from '../../gateway/test/harness';
import { e2eApp, expectAccessible, screenshot, textOf, visible } from './support';

const app = e2eApp();

/** The browser goes to the authorization URL; resolves with where the gateway finally sends it back to the app. */
async function authorizeInBrowser(
  page: Page,
  authorizationUrl: URL,
  answer: 'Approve' | 'Deny',
  check?: () => Promise<void>,
): Promise<URL> {
  // The app's redirect URI is not served by anyone: the browser's arrival there is the answer.
  await page.route(`${REDIRECT_URL}**`, (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'back in the app' }));
  await page.goto(authorizationUrl.href);
  await visible(page.getByRole('heading', { name: /wants to use your Maratron account/ }));
  await check?.();
  const arrived = page.waitForRequest((r) => r.url().startsWith(REDIRECT_URL));
  await page.getByRole('button', { name: answer }).click();
  return new URL((await arrived).url());
}

const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('an MCP client connecting with OAuth', () => {
  test('is approved in the browser, calls a tool, refreshes, and is refused once revoked', async () => {
    const olga = await app.runner('Olga Auth', { width: 390, height: 844 });
    const t = await app.gateway();
    const mcpUrl = await app.mcpUrl();
    const run = await t.gql<{ createRun: { id: string } }>(
      `mutation($input: RunInput!) { createRun(input: $input) { id } }`,
      { input: { startedAt: new Date(Date.now() - 86_400_000).toISOString(), distance: 8000, duration: 2500, name: 'Hill reps' } },
      olga.user.token,
    );
    const runId = run.data!.createRun.id;

    // Discovery, dynamic registration and PKCE: the SDK client's own first connection.
    const client = new TestOAuthApp('Claude (e2e)');
    const flow = await startOAuth(mcpUrl, client);
    expect(flow.authorizationUrl.href.startsWith(`${t.url}/authorize?`)).toBe(true);
    expect(flow.authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');

    const back = await authorizeInBrowser(olga.page, flow.authorizationUrl, 'Approve', async () => {
      const { page } = olga;
      await visible(page.getByRole('heading', { name: 'Claude (e2e) wants to use your Maratron account' }));
      const scopes = await page.getByTestId('consent-scope').allTextContents();
      expect(scopes.some((s) => s.includes('Read runs'))).toBe(true);
      expect(scopes.some((s) => s.includes('Write runs'))).toBe(true);
      expect(await textOf(page.getByRole('main'))).toContain('127.0.0.1:9');
      await expectAccessible(page, 'OAuth consent (phone)');
      expect(await noHorizontalScroll(page)).toBeLessThanOrEqual(0);
      await screenshot(page, 'oauth-consent-phone');
    });
    expect(back.searchParams.get('state')).toBe('test-state');
    await flow.finish(back.searchParams.get('code')!);

    const connected = oauthClient(mcpUrl, client);
    await connected.client.connect(connected.transport);
    const listed = (await connected.client.callTool({ name: 'list_runs', arguments: {} })) as {
      structuredContent?: { runs: { id: string }[] };
    };
    expect(listed.structuredContent?.runs.map((r) => r.id)).toEqual([runId]);

    // Refresh (the SDK's auth() with a refresh token), with rotation: the old refresh token is then refused.
    const first = client.saved!;
    expect(await auth(client, { serverUrl: mcpUrl })).toBe('AUTHORIZED');
    const second = client.saved!;
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(await connected.client.callTool({ name: 'list_runs', arguments: {} })).toHaveProperty('structuredContent');

    // RFC 7009: the revoked access token is refused by the MCP server (the SDK would refresh).
    const revoked = await fetch(`${t.url}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: second.access_token, client_id: client.info!.client_id }),
    });
    expect(revoked.status).toBe(200);
    const refused = await fetch(mcpUrl, { method: 'POST', headers: { authorization: `Bearer ${second.access_token}` } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('resource_metadata=');
    // …and the client refreshes (rotating again) and carries on.
    expect(await connected.client.callTool({ name: 'list_runs', arguments: {} })).toHaveProperty('structuredContent');
    expect(client.saved!.refresh_token).not.toBe(second.refresh_token);

    // Settings → Integrations lists the app; revoking it there ends the grant at once.
    const { page } = olga;
    await olga.goto('/settings/integrations');
    const row = page.getByTestId('authorized-app').filter({ hasText: 'Claude (e2e)' });
    await visible(row);
    expect(await textOf(row)).toMatch(/Read runs/);
    expect(await textOf(row)).toMatch(/last used/);
    await expectAccessible(page, 'integrations with an authorized app (phone)');
    expect(await noHorizontalScroll(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'authorized-apps-phone');
    await page.getByRole('button', { name: 'Revoke Claude (e2e)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke this app?' });
    await visible(dialog);
    await expectAccessible(page, 'revoke app dialog');
    await dialog.getByRole('button', { name: 'Revoke app' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'is disconnected' }));
    await visible(page.getByText('No apps connected'));

    await expect(connected.client.callTool({ name: 'list_runs', arguments: {} })).rejects.toThrow(/Unknown or expired refresh token/);
    const metadata = (await discoverAuthorizationServerMetadata(t.url))!;
    await expect(
      refreshAuthorization(t.url, {
        metadata,
        clientInformation: client.info!,
        refreshToken: first.refresh_token!,
        resource: new URL(mcpUrl),
      }),
    ).rejects.toThrow(/Unknown or expired refresh token/);
    await connected.client.close();
    // The browser left the origin only for the app's own redirect URI.
    expect(olga.external.filter((u) => !u.startsWith(REDIRECT_URL))).toEqual([]);
    expect(olga.pageErrors).toEqual([]);
  });

  test('a signed-out runner signs in first and comes back to the consent; Deny sends access_denied to the app', async () => {
    const t = await app.gateway();
    const mcpUrl = await app.mcpUrl();
    const pia = await t.signUp('Pia Deny');
    const client = new TestOAuthApp('Cursor (e2e)');
    const flow = await startOAuth(mcpUrl, client);

    const { page } = await app.anonymous();
    await page.route(`${REDIRECT_URL}**`, (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'back in the app' }));
    await page.goto(flow.authorizationUrl.href);
    await visible(page.getByRole('heading', { name: 'Welcome back' }));
    await page.getByLabel('Email').fill(pia.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('heading', { name: 'Cursor (e2e) wants to use your Maratron account' }));
    await expectAccessible(page, 'OAuth consent (desktop)');
    await screenshot(page, 'oauth-consent-desktop');
    const arrived = page.waitForRequest((r) => r.url().startsWith(REDIRECT_URL));
    await page.getByRole('button', { name: 'Deny' }).click();
    const back = new URL((await arrived).url());
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('test-state');
    expect(back.searchParams.has('code')).toBe(false);
    const apps = await t.gql<{ authorizedApps: { id: string }[] }>(`{ authorizedApps { id } }`, {}, pia.token);
    expect(apps.data?.authorizedApps).toEqual([]);
  });
});
