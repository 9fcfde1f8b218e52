// A run logged through the MCP server (log_run) reaches the runner's webhooks like any other: the
// ai-server's write queues the delivery in its own transaction, and the gateway's dispatcher (the
// ai-server sends nothing itself) POSTs it, signed with the webhook's secret.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ok } from '../../gateway/test/harness';
import { eventually } from '../../gateway/test/live';
import { startStack, toolJson } from './stack';
import type { TestStack } from './stack';

const SWITCHES = { WEBHOOK_ALLOW_INSECURE: 'true', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_DISPATCH: 'true' };

let s: TestStack;
let receiver: http.Server;
let base: string;
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  s = await startStack({ env: SWITCHES, aiEnv: SWITCHES });
}, 30_000);
afterAll(async () => {
  await s.close();
  await new Promise((resolve) => receiver.close(resolve));
});

it('delivers RUN_CREATED for a run logged with log_run', async () => {
  const runner = await s.t.signUp('Agent');
  const created = await s.t.gql<{ createWebhook: { secret: string } }>(
    `mutation($url: String!) { createWebhook(url: $url, events: [RUN_CREATED]) { secret } }`,
    { url: `${base}/hook` },
    runner.token,
  );
  const { secret } = ok(created).createWebhook;
  const c = await s.mcp(runner.token);
  toolJson(
    await c.callTool({
      name: 'log_run',
      arguments: { startedAt: new Date(Date.now() - 3_600_000).toISOString(), distance: 5000, duration: 1500 },
    }),
  );
  const [run] = await s.t.sql(`SELECT id FROM ${s.t.schema}.runs WHERE user_id = $1`, [runner.id]);
  await eventually(() => received.length >= 1, 'the delivery');
  const [delivery] = received;
  expect(JSON.parse(delivery.body)).toEqual({
    event: 'RUN_CREATED',
    runId: run.id,
    userId: runner.id,
    occurredAt: expect.any(String),
  });
  expect(delivery.headers['x-maratron-signature']).toBe(`sha256=${createHmac('sha256', secret).update(delivery.body).digest('hex')}`);
});
