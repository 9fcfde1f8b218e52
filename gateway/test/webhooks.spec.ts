// Webhooks, through the real API and a real receiver: an HTTP server in this process gets signed
// POSTs (verified with the secret createWebhook returned once) for runs created (createRun,
// importActivity), updated and deleted; a receiver that fails twice gets the same delivery id
// again until it answers; one that keeps failing past the retry window (short here) turns its
// webhook inactive; deliveries show the history; refused targets (plain http, loopback, private,
// metadata…) are BAD_USER_INPUT on `url` without the switches, and checked again at each delivery;
// another runner's webhook is NOT_FOUND; bad input and the per-runner limit change nothing.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { garminConnectGpx, simulateRun } from './activity-files';
import { errorOf, ok, startTestGateway } from './harness';
import type { TestGateway, TestUser } from './harness';
import { eventually } from './live';

const WEBHOOKS_MAX = 3;
const WINDOW_SECONDS = 3;

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let t: TestGateway;
/** A server as deployed: without WEBHOOK_ALLOW_INSECURE / WEBHOOK_ALLOW_PRIVATE_NETWORKS. */
let strict: TestGateway;
let receiver: http.Server;
let base: string;
const received: Received[] = [];
/** Answers so far per path (the flaky receiver fails its first two). */
const hits = new Map<string, number>();

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const n = (hits.get(path) ?? 0) + 1;
      hits.set(path, n);
      if (path.startsWith('/down')) res.writeHead(500).end();
      else if (path.startsWith('/flaky') && n <= 2) res.writeHead(503).end();
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  t = await startTestGateway({
    env: {
      WEBHOOK_ALLOW_INSECURE: 'true',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_DISPATCH: 'true',
      WEBHOOKS_MAX: String(WEBHOOKS_MAX),
      WEBHOOK_RETRY_FIRST_DELAY_MS: '100',
      WEBHOOK_RETRY_MAX_DELAY_MS: '400',
      WEBHOOK_RETRY_WINDOW_SECONDS: String(WINDOW_SECONDS),
      WEBHOOK_TIMEOUT_MS: '2000',
    },
  });
  strict = await startTestGateway({ env: { WEBHOOK_DISPATCH: 'true' } });
});
afterAll(async () => {
  await strict?.close();
  await t?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

interface WebhookView {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: string;
  deliveries: {
    id: string;
    event: string;
    responseStatus: number | null;
    attempts: number;
    deliveredAt: string | null;
    createdAt: string;
  }[];
}
const WEBHOOK_FIELDS = `id url events active createdAt deliveries { id event responseStatus attempts deliveredAt createdAt }`;
const CREATE = `mutation($url: String!, $events: [WebhookEvent!]!) { createWebhook(url: $url, events: $events) { secret webhook { ${WEBHOOK_FIELDS} } } }`;
const LIST = `{ webhooks { ${WEBHOOK_FIELDS} } }`;
const ALL = ['RUN_CREATED', 'RUN_UPDATED', 'RUN_DELETED'];

function create(gw: TestGateway, user: TestUser, url: string, events: string[] = ALL) {
  return gw.gql<{ createWebhook: { secret: string; webhook: WebhookView } }>(CREATE, { url, events }, user.token);
}
async function list(user: TestUser): Promise<WebhookView[]> {
  return ok(await t.gql<{ webhooks: WebhookView[] }>(LIST, {}, user.token)).webhooks;
}
async function createRun(user: TestUser): Promise<string> {
  const res = await t.gql<{ createRun: { id: string } }>(
    `mutation($input: RunInput!) { createRun(input: $input) { id } }`,
    { input: { startedAt: new Date(Date.now() - 86_400_000), distance: 5000, duration: 1500 } },
    user.token,
  );
  return ok(res).createRun.id;
}

/** The signature check an integrator makes: HMAC-SHA256 of the raw body under the secret, compared in constant time. */
function signedBy(secret: string, r: Received): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(r.body).digest('hex')}`);
  const given = Buffer.from(String(r.headers['x-maratron-signature'] ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
const at = (path: string) => received.filter((r) => r.path === path);

describe('webhooks', () => {
  it('delivers a signed POST for a run created, imported, updated and deleted, with the history in deliveries', async () => {
    const runner = await t.signUp('Hooked');
    const { secret, webhook } = ok(await create(t, runner, `${base}/ok/${runner.id}`)).createWebhook;
    expect(secret).toMatch(/^whsec_/);
    expect(webhook).toMatchObject({ url: `${base}/ok/${runner.id}`, events: ALL, active: true, deliveries: [] });

    const runId = await createRun(runner);
    const gpx = garminConnectGpx(simulateRun({ start: new Date(Date.now() - 2 * 86_400_000), plan: [{ run: 3000, pace: 300 }], seed: 3 }));
    const imported = ok(
      await t.gql<{ importActivity: { id: string } }>(
        `mutation($content: String!) { importActivity(format: GPX, content: $content) { id } }`,
        { content: gpx },
        runner.token,
      ),
    ).importActivity.id;
    ok(await t.gql(`mutation($id: ID!) { updateRun(id: $id, input: { name: "Renamed" }) { id } }`, { id: runId }, runner.token));
    ok(await t.gql(`mutation($id: ID!) { deleteRun(id: $id) }`, { id: runId }, runner.token));

    const path = `/ok/${runner.id}`;
    await eventually(() => at(path).length >= 4, 'four deliveries');
    const bodies = at(path).map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(bodies.map((b) => [b.event, b.runId]).sort()).toEqual(
      [
        ['RUN_CREATED', runId],
        ['RUN_CREATED', imported],
        ['RUN_DELETED', runId],
        ['RUN_UPDATED', runId],
      ].sort(),
    );
    for (const r of at(path)) {
      expect(signedBy(secret, r)).toBe(true);
      expect(signedBy('whsec_someone-else', r)).toBe(false);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['x-maratron-delivery']).toMatch(/^[0-9a-f-]{36}$/);
      const body = JSON.parse(r.body) as Record<string, unknown>;
      // Ids only, exactly these keys.
      expect(Object.keys(body).sort()).toEqual(['event', 'occurredAt', 'runId', 'userId']);
      expect(body.userId).toBe(runner.id);
      expect(new Date(String(body.occurredAt)).toISOString()).toBe(body.occurredAt);
    }

    await eventually(async () => (await list(runner))[0].deliveries.every((d) => d.deliveredAt !== null), 'deliveries recorded');
    const [seen] = await list(runner);
    expect(seen.deliveries).toHaveLength(4);
    for (const d of seen.deliveries) expect(d).toMatchObject({ responseStatus: 204, attempts: 1 });
    expect(seen.deliveries.map((d) => d.id).sort()).toEqual(
      at(path)
        .map((r) => String(r.headers['x-maratron-delivery']))
        .sort(),
    );
    // Newest first; `first` bounds it.
    const times = seen.deliveries.map((d) => Date.parse(d.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const firstTwo = ok(
      await t.gql<{ webhooks: { deliveries: { id: string }[] }[] }>(`{ webhooks { deliveries(first: 2) { id } } }`, {}, runner.token),
    );
    expect(firstTwo.webhooks[0].deliveries.map((d) => d.id)).toEqual(seen.deliveries.slice(0, 2).map((d) => d.id));
    expect(errorOf(await t.gql(`{ webhooks { deliveries(first: 101) { id } } }`, {}, runner.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
  });

  it('sends only the events asked for', async () => {
    const runner = await t.signUp('Picky');
    const path = `/ok/picky/${runner.id}`;
    ok(await create(t, runner, `${base}${path}`, ['RUN_DELETED']));
    const runId = await createRun(runner);
    ok(await t.gql(`mutation($id: ID!) { deleteRun(id: $id) }`, { id: runId }, runner.token));
    await eventually(() => at(path).length >= 1, 'the deletion');
    await eventually(async () => (await list(runner))[0].deliveries[0]?.deliveredAt != null, 'recorded');
    expect((await list(runner))[0].deliveries.map((d) => d.event)).toEqual(['RUN_DELETED']);
    expect(at(path).map((r) => (JSON.parse(r.body) as { event: string }).event)).toEqual(['RUN_DELETED']);
  });

  it('retries a failing receiver with the same delivery id until it answers', async () => {
    const runner = await t.signUp('Flaky');
    const path = `/flaky/${runner.id}`;
    const { secret } = ok(await create(t, runner, `${base}${path}`, ['RUN_CREATED'])).createWebhook;
    await createRun(runner);
    await eventually(() => at(path).length >= 3, 'three attempts');
    const ids = new Set(at(path).map((r) => r.headers['x-maratron-delivery']));
    expect(ids.size).toBe(1);
    expect(new Set(at(path).map((r) => r.body)).size).toBe(1);
    for (const r of at(path)) expect(signedBy(secret, r)).toBe(true);
    await eventually(async () => (await list(runner))[0].deliveries[0]?.deliveredAt != null, 'delivered');
    const [hook] = await list(runner);
    expect(hook.active).toBe(true);
    expect(hook.deliveries).toEqual([expect.objectContaining({ id: [...ids][0], attempts: 3, responseStatus: 204 })]);
    // Not sent again once answered.
    await new Promise((r) => setTimeout(r, 500));
    expect(at(path)).toHaveLength(3);
  });

  it('makes a webhook inactive once it has failed for the whole retry window', async () => {
    const runner = await t.signUp('Down');
    const path = `/down/${runner.id}`;
    ok(await create(t, runner, `${base}${path}`, ['RUN_CREATED']));
    await createRun(runner);
    await eventually(async () => !(await list(runner))[0].active, 'the webhook inactive');
    const [hook] = await list(runner);
    expect(hook.deliveries).toHaveLength(1);
    expect(hook.deliveries[0].deliveredAt).toBeNull();
    expect(hook.deliveries[0].responseStatus).toBe(500);
    expect(hook.deliveries[0].attempts).toBeGreaterThanOrEqual(3);
    expect(hook.deliveries[0].attempts).toBe(at(path).length);
    // Retried for the window, then nothing more: not for this run, nor for the next.
    const sent = at(path).length;
    await createRun(runner);
    await new Promise((r) => setTimeout(r, 800));
    expect(at(path)).toHaveLength(sent);
    expect((await list(runner))[0].deliveries).toHaveLength(1);
  });

  it('refuses plain http and non-public hosts without the switches (field url), and stores nothing', async () => {
    const runner = await strict.signUp('Careful');
    const refused = [
      'http://example.com/hook',
      `${base}/ok`,
      'https://127.0.0.1/hook',
      'https://localhost/hook',
      'https://[::1]/hook',
      'https://10.1.2.3/hook',
      'https://172.16.0.1/hook',
      'https://192.168.1.1/hook',
      'https://100.64.0.1/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[fd00:ec2::254]/hook',
      'https://[fe80::1]/hook',
      'https://[fc00::1]/hook',
      'https://0.0.0.0/hook',
      'https://[::]/hook',
      'https://224.0.0.1/hook',
      'https://[ff02::1]/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://[::ffff:10.0.0.1]/hook',
      'https://2130706433/hook', // 127.0.0.1 written as one number
    ];
    for (const url of refused) {
      const res = await create(strict, runner, url);
      expect({ url, ...errorOf(res) }).toMatchObject({ url, code: 'BAD_USER_INPUT', field: 'url' });
    }
    // A public address is accepted (an IP literal: nothing to resolve).
    const accepted = ok(await create(strict, runner, 'https://93.184.215.14/hook')).createWebhook.webhook;
    expect(accepted.url).toBe('https://93.184.215.14/hook');
    const rows = await strict.sql(`SELECT url FROM webhooks WHERE user_id = $1`, [runner.id]);
    expect(rows).toEqual([{ url: 'https://93.184.215.14/hook' }]);
  });

  it('checks the target again at every delivery: a host now on a private address gets nothing', async () => {
    const runner = await strict.signUp('Rebound');
    const { webhook } = ok(await create(strict, runner, 'https://93.184.215.14/hook', ['RUN_CREATED'])).createWebhook;
    // As if the name had come to resolve to a loopback address since it was registered.
    const path = `/ok/rebound/${runner.id}`;
    await strict.sql(`UPDATE webhooks SET url = $2 WHERE id = $1`, [webhook.id, `${base}${path}`]);
    const runId = ok(
      await strict.gql<{ createRun: { id: string } }>(
        `mutation($input: RunInput!) { createRun(input: $input) { id } }`,
        { input: { startedAt: new Date(Date.now() - 86_400_000), distance: 5000, duration: 1500 } },
        runner.token,
      ),
    ).createRun.id;
    expect(runId).toBeTruthy();
    const deliveries = async () => ok(await strict.gql<{ webhooks: WebhookView[] }>(LIST, {}, runner.token)).webhooks[0].deliveries;
    await eventually(async () => (await deliveries())[0]?.attempts >= 1, 'an attempt');
    expect((await deliveries())[0]).toMatchObject({ event: 'RUN_CREATED', attempts: 1, responseStatus: null, deliveredAt: null });
    expect(at(path)).toEqual([]);
  });

  it('refuses cloud metadata addresses even with WEBHOOK_ALLOW_PRIVATE_NETWORKS', async () => {
    const runner = await t.signUp('Meta');
    for (const url of ['http://169.254.169.254/latest', 'http://[fd00:ec2::254]/', 'http://[::ffff:169.254.169.254]/']) {
      expect(errorOf(await create(t, runner, url))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    }
    expect(await list(runner)).toEqual([]);
  });

  it('keeps webhooks to their runner: listing, deleting, deliveries', async () => {
    const owner = await t.signUp('Owner');
    const other = await t.signUp('Other');
    const { webhook } = ok(await create(t, owner, `${base}/ok/owner/${owner.id}`)).createWebhook;
    expect(await list(other)).toEqual([]);
    expect(errorOf(await t.gql(`mutation($id: ID!) { deleteWebhook(id: $id) }`, { id: webhook.id }, other.token))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await list(owner)).toHaveLength(1);
    // The other runner's runs are never sent to the owner's webhook.
    await createRun(other);
    expect(errorOf(await t.gql(`{ webhooks { id } }`))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(
      ok(await t.gql<{ deleteWebhook: string }>(`mutation($id: ID!) { deleteWebhook(id: $id) }`, { id: webhook.id }, owner.token))
        .deleteWebhook,
    ).toBe(webhook.id);
    expect(await list(owner)).toEqual([]);
    expect(errorOf(await t.gql(`mutation($id: ID!) { deleteWebhook(id: $id) }`, { id: webhook.id }, owner.token))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(errorOf(await t.gql(`mutation { deleteWebhook(id: "nope") }`, {}, owner.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    expect(at(`/ok/owner/${owner.id}`)).toEqual([]);
  });

  it('refuses bad input and more than WEBHOOKS_MAX, changing nothing', async () => {
    const runner = await t.signUp('Limits');
    const bad: [string, string[], string][] = [
      ['not a url', ALL, 'url'],
      ['', ALL, 'url'],
      ['ftp://example.com/x', ALL, 'url'],
      ['https://user:pw@93.184.215.14/x', ALL, 'url'],
      [`https://93.184.215.14/${'x'.repeat(2001)}`, ALL, 'url'],
      ['https://93.184.215.14/x', [], 'events'],
    ];
    for (const [url, events, field] of bad) {
      expect(errorOf(await create(t, runner, url, events))).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await list(runner)).toEqual([]);
    for (let i = 0; i < WEBHOOKS_MAX; i += 1) ok(await create(t, runner, `${base}/ok/limit/${i}`, ['RUN_DELETED', 'RUN_DELETED']));
    expect((await list(runner)).map((w) => w.events)).toEqual(Array.from({ length: WEBHOOKS_MAX }, () => ['RUN_DELETED']));
    const over = await create(t, runner, `${base}/ok/limit/over`);
    expect(errorOf(over)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    expect(errorOf(over).message).toContain(String(WEBHOOKS_MAX));
    expect(await list(runner)).toHaveLength(WEBHOOKS_MAX);
  });
});
