// Settings → Integrations, as a runner uses it: a personal access token created in the browser
// (its secret read from the page, shown once) works from a script for what its scopes allow and
// is FORBIDDEN with requiredScope beyond them, until it is revoked in the browser; a webhook
// created in the browser (its signing secret shown once) gets a signed delivery at a receiver in
// this test when a run is created, and the delivery then shows on the page.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { e2eApp, eventually, expectAccessible, screenshot, textOf, visible } from './support';

// The receiver listens on loopback over plain http: this gateway allows both (self-hosting and tests).
const app = e2eApp({ env: { WEBHOOK_ALLOW_INSECURE: 'true', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_DISPATCH: 'true' } });

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
const received: Received[] = [];
let receiver: http.Server;
let base: string;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
});

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; requiredScope?: string } }[];
}

/** What a script does with the token: a plain fetch against /graphql. */
async function asScript<T>(url: string, token: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as GraphQLAnswer<T> };
}

const RUNS = `{ runs(first: 5) { edges { node { id name } } } }`;
const CREATE_RUN = `mutation($input: RunInput!) { createRun(input: $input) { id } }`;
const runInput = (name: string) => ({ startedAt: new Date(Date.now() - 86_400_000).toISOString(), distance: 5000, duration: 1500, name });

describe('personal access tokens', () => {
  test('a RUNS_READ token made in settings reads runs, is FORBIDDEN for createRun, and is refused once revoked', async () => {
    const tess = await app.runner('Tess Token');
    const t = await app.gateway();
    const run = await t.gql<{ createRun: { id: string } }>(CREATE_RUN, { input: runInput('Morning tempo') }, tess.user.token);
    const runId = run.data!.createRun.id;

    await tess.goto('/settings/integrations');
    const { page } = tess;
    await visible(page.getByRole('heading', { name: 'Integrations', level: 1 }));
    await visible(page.getByText('No tokens yet'));

    // A form without a scope is refused before it is sent, next to the scopes.
    await page.getByLabel('Name', { exact: true }).fill('weekly export');
    await page.getByRole('button', { name: 'Create token' }).click();
    await visible(page.getByRole('group', { name: 'Scopes' }).getByText('Choose at least one scope.'));

    await page.getByRole('checkbox', { name: /^Read runs/ }).check();
    await page.getByLabel('Expires after (days)').fill('30');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = page.getByTestId('token-secret');
    await visible(secret);
    const token = await textOf(secret);
    expect(token).toMatch(/^mrt_pat_[\w-]{43}$/);
    await visible(page.getByText('you won’t see it again'));
    await visible(page.getByRole('button', { name: 'Copy' }));
    // Focus moved to the secret, so a keyboard or screen-reader user meets it first.
    expect(await page.evaluate(() => document.activeElement?.contains(document.querySelector('[data-testid="token-secret"]')))).toBe(true);
    await expectAccessible(page, 'integrations with a new token');

    // The token's row: its name, scopes and expiry.
    const row = page.getByTestId('access-token').filter({ hasText: 'weekly export' });
    await visible(row);
    expect(await textOf(row)).toMatch(/Read runs/);
    expect(await textOf(row)).toMatch(/expires/);

    // Done: the secret is gone from the page for good.
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByTestId('token-secret').count()).toBe(0);

    const read = await asScript<{ runs: { edges: { node: { id: string; name: string } }[] } }>(t.url, token, RUNS);
    expect(read.status).toBe(200);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data!.runs.edges.map((e) => e.node.id)).toEqual([runId]);

    const write = await asScript<{ createRun: { id: string } }>(t.url, token, CREATE_RUN, { input: runInput('Not allowed') });
    expect(write.status).toBe(403);
    expect(write.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'RUNS_WRITE' });

    // The row says it was used (last used is kept to the minute).
    await page.reload();
    await visible(
      page
        .getByTestId('access-token')
        .filter({ hasText: 'weekly export' })
        .getByText(/last used/),
    );

    // Revoke, through the confirmation dialog.
    await page.getByRole('button', { name: 'Revoke weekly export' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke this token?' });
    await visible(dialog);
    await expectAccessible(page, 'integrations revoke dialog');
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'is revoked' }));
    await visible(page.getByText('No tokens yet'));

    const refused = await asScript<{ runs: unknown }>(t.url, token, RUNS);
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(tess.external).toEqual([]);
    expect(tess.pageErrors).toEqual([]);
  });
});

describe('webhooks', () => {
  test('a webhook added in settings gets a signed delivery for a new run, which then shows in its deliveries', async () => {
    const wes = await app.runner('Wes Hook', { width: 390, height: 844 });
    const t = await app.gateway();
    await wes.goto('/settings/integrations');
    const { page } = wes;
    await visible(page.getByText('No webhooks yet'));

    // The server refuses a cloud metadata address even with the switches: its message shows next to the URL field.
    const url = page.getByLabel('URL', { exact: true });
    await url.fill('http://169.254.169.254/latest');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await visible(page.locator('.field-invalid').filter({ has: url }).locator('.field-error'));
    expect(await url.getAttribute('aria-invalid')).toBe('true');

    const target = `${base}/hook/${wes.user.id}`;
    await url.fill(target);
    await page.getByRole('checkbox', { name: /^Run deleted/ }).uncheck();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const secretBox = page.getByTestId('webhook-secret');
    await visible(secretBox);
    const secret = await textOf(secretBox);
    expect(secret).toMatch(/^whsec_/);
    const hook = page.getByTestId('webhook').filter({ hasText: target });
    await visible(hook);
    expect(await textOf(hook)).toMatch(/Active/);
    expect(await textOf(hook)).toMatch(/Run created, Run updated/);
    expect(await textOf(hook)).not.toMatch(/Run deleted/);
    await page.getByRole('button', { name: 'Done' }).click();

    const run = await t.gql<{ createRun: { id: string } }>(CREATE_RUN, { input: runInput('Hooked run') }, wes.user.token);
    const runId = run.data!.createRun.id;

    // The delivery reaches the receiver, signed with the secret the page showed.
    let delivery: Received | undefined;
    await eventually(() => {
      delivery = received.find((r) => r.path === `/hook/${wes.user.id}`);
      expect(delivery).toBeDefined();
    }, 30_000);
    expect(JSON.parse(delivery!.body)).toMatchObject({ event: 'RUN_CREATED', runId, userId: wes.user.id });
    const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(delivery!.body).digest('hex')}`);
    const given = Buffer.from(String(delivery!.headers['x-maratron-signature'] ?? ''));
    expect(given.length === expected.length && timingSafeEqual(given, expected)).toBe(true);

    // …and shows in the webhook's recent deliveries once the list is refreshed.
    await eventually(async () => {
      await page.getByRole('button', { name: 'Refresh deliveries' }).click();
      const row = hook.getByTestId('delivery').first();
      await row.waitFor({ state: 'visible', timeout: 1000 });
      expect(await textOf(row)).toMatch(/Run created.*answered 204.*1 attempt.*delivered/);
    }, 30_000);
    await expectAccessible(page, 'integrations with a webhook (phone)');
    await screenshot(page, 'integrations-webhook-phone');

    // Delete, through the confirmation dialog.
    await page.getByRole('button', { name: `Delete the webhook to ${target}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this webhook?' });
    await dialog.getByRole('button', { name: 'Delete webhook' }).click();
    await visible(page.getByText('No webhooks yet'));
    const left = await t.gql<{ webhooks: { id: string }[] }>(`{ webhooks { id } }`, {}, wes.user.token);
    expect(left.data!.webhooks).toEqual([]);
    expect(wes.external).toEqual([]);
    expect(wes.pageErrors).toEqual([]);
  });
});
