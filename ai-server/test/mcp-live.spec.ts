// Live resources over stateful MCP sessions, behind two replicas sharing Redis and PostgreSQL:
// this process (gateway A with its ai-server) and a spawned `node gateway/dist/main.js` (gateway
// B with its own ai-server). Subscriptions hear about changes made through any path on either
// replica; a session opened on one replica goes on on the other; sessions stay their runner's.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  LoggingMessageNotificationSchema,
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import type { LoggingLevel, Progress } from '@modelcontextprotocol/sdk/types.js';
import { ok, redisUrlOrSkip } from '../../gateway/test/harness';
import type { GqlResponse, TestUser } from '../../gateway/test/harness';
import { freePort, spawnGateway, stopAll } from '../../gateway/test/processes';
import type { GatewayProcess } from '../../gateway/test/processes';
import type { ToolOutput } from '../src';
import { startStack, toolJson } from './stack';
import type { TestStack } from './stack';

const redisUrl = redisUrlOrSkip('MCP sessions across two replicas');
const describeWithRedis = redisUrl ? describe : describe.skip;

/** How long any one notification is waited for (they come in milliseconds; this is only the cap). */
const WAIT_MS = 5000;

/** Messages as they arrive, and promises of the first one matching a test. */
class Inbox<T> {
  readonly items: T[] = [];
  private waiters: { matches: (item: T) => boolean; resolve: (item: T) => void }[] = [];

  push(item: T): void {
    this.items.push(item);
    for (const waiter of this.waiters.filter((w) => w.matches(item))) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(item);
    }
  }

  /** The first message from index `from` on that `matches`, within WAIT_MS. */
  next(matches: (item: T) => boolean, what: string, from = 0, ms = WAIT_MS): Promise<T> {
    const already = this.items.slice(from).find(matches);
    if (already) return Promise.resolve(already);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`no ${what} within ${ms} ms`));
      }, ms);
      const done = (item: T) => {
        clearTimeout(timer);
        resolve(item);
      };
      this.waiters.push({ matches, resolve: done });
    });
  }
}

type Notice = { kind: 'updated'; uri: string; at: number } | { kind: 'list_changed'; at: number };

interface Watcher {
  client: Client;
  transport: StreamableHTTPClientTransport;
  notices: Inbox<Notice>;
  logs: Inbox<{ level: LoggingLevel; data: unknown }>;
  updated(uri: string, from?: number): Promise<Notice>;
}

/** An SDK client of `url` as `token`'s holder, recording what the server tells it; `sessionId` joins an existing session. */
async function watcher(url: string, token: string, sessionId?: string): Promise<Watcher> {
  const client = new Client({ name: 'maratron-live-test', version: '1.0.0' });
  const notices = new Inbox<Notice>();
  const logs = new Inbox<{ level: LoggingLevel; data: unknown }>();
  client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) =>
    notices.push({ kind: 'updated', uri: n.params.uri, at: Date.now() }),
  );
  client.setNotificationHandler(ResourceListChangedNotificationSchema, () => notices.push({ kind: 'list_changed', at: Date.now() }));
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => logs.push({ level: n.params.level, data: n.params.data }));
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    sessionId,
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  // Joining a session skips initialize, after which the SDK opens the notification stream: open it here.
  if (sessionId) await client.notification({ method: 'notifications/initialized' });
  opened.push(client);
  return {
    client,
    transport,
    notices,
    logs,
    updated: (uri, from = 0) => notices.next((n) => n.kind === 'updated' && n.uri === uri, `resources/updated for ${uri}`, from),
  };
}
const opened: Client[] = [];

const runInput = (daysAgo: number, distance = 5000) => ({
  startedAt: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
  distance,
  duration: Math.round(distance * 0.3),
});

type Gql = <T>(query: string, variables: Record<string, unknown>, token: string) => Promise<GqlResponse<T>>;

async function createRun(gql: Gql, user: TestUser, daysAgo = 1): Promise<string> {
  const res = await gql<{ createRun: { id: string } }>(
    `mutation($i: RunInput!) { createRun(input: $i) { id } }`,
    { i: runInput(daysAgo) },
    user.token,
  );
  return ok(res).createRun.id;
}

const noteRun = (gql: Gql, user: TestUser, id: string, notes: string) =>
  gql<{ updateRun: { id: string } }>(
    `mutation($id: ID!, $n: String) { updateRun(id: $id, input: { notes: $n }) { id } }`,
    { id, n: notes },
    user.token,
  ).then(ok);

/**
 * Waits until `w`'s notification stream is open where its session is served: the SDK opens it in
 * the background, so edits to one of the runner's runs (watched) are made until one is heard.
 */
async function streamOpen(w: Watcher, gql: Gql, user: TestUser): Promise<void> {
  const runId = await createRun(gql, user, 30);
  const uri = `maratron://runs/${runId}`;
  await w.client.subscribeResource({ uri });
  for (let attempt = 0; attempt < 40; attempt++) {
    const from = w.notices.items.length;
    await noteRun(gql, user, runId, `warm-up ${attempt}`);
    if (
      await w.notices
        .next((n) => n.kind === 'updated' && n.uri === uri, 'warm-up', from, 250)
        .then(
          () => true,
          () => false,
        )
    ) {
      await w.client.unsubscribeResource({ uri });
      return;
    }
  }
  throw new Error('the notification stream never opened');
}

/** Headers of a hand-made MCP request as `token`'s holder, in `sessionId`. */
const rawHeaders = (token: string, sessionId?: string): Record<string, string> => ({
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': LATEST_PROTOCOL_VERSION,
  ...(sessionId ? { 'mcp-session-id': sessionId } : {}),
});

/** A session opened by hand (no notification stream opens by itself); its id. */
async function rawSession(url: string, token: string): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: rawHeaders(token),
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'raw', version: '1.0.0' } },
    }),
  });
  await res.text();
  expect(res.status).toBe(200);
  return res.headers.get('mcp-session-id')!;
}

/** Server-sent events of a response as they come: `{ id, data }`, the data parsed (comments and priming events skipped). */
async function* sse(res: Response): AsyncGenerator<{ id: string | null; data: { method?: string; params?: { uri?: string } } }> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const lines = buffer.slice(0, end).split('\n');
      buffer = buffer.slice(end + 2);
      const data = lines
        .find((l) => l.startsWith('data: '))
        ?.slice(6)
        .trim();
      if (data) yield { id: lines.find((l) => l.startsWith('id: '))?.slice(4) ?? null, data: JSON.parse(data) as { method?: string } };
    }
  }
}

describeWithRedis('MCP live resources across two replicas', () => {
  let s: TestStack;
  let b: GatewayProcess;
  let mcpB: string;
  let gqlA: Gql;
  let gqlB: Gql;

  beforeAll(async () => {
    // One event kept per stream, so the resumption test sees what is and isn't kept.
    s = await startStack({ redis: true, aiEnv: { MCP_STREAM_EVENTS_KEPT: '1' } });
    const aiPortB = await freePort();
    b = await spawnGateway(s.t.schema, { REDIS_URL: redisUrl!, AI_SERVER_PORT: String(aiPortB), MCP_STREAM_EVENTS_KEPT: '1' });
    mcpB = `http://127.0.0.1:${aiPortB}/mcp`;
    gqlA = (query, variables, token) => s.t.gql(query, variables, token);
    gqlB = (query, variables, token) => b.gql(query, variables, token);
  }, 90_000);
  afterAll(async () => {
    await Promise.all(opened.map((c) => c.close()));
    await stopAll();
    await s.close();
  });

  it('tells a subscriber of runs/recent at once when a run is logged through GraphQL on the other replica', async () => {
    const ann = await s.t.signUp('Ann');
    const w = await watcher(s.mcpUrl, ann.token);
    await streamOpen(w, gqlA, ann);
    await w.client.subscribeResource({ uri: 'maratron://runs/recent' });

    const from = w.notices.items.length;
    const sentAt = Date.now();
    await createRun(gqlB, ann);
    const notice = await w.updated('maratron://runs/recent', from);
    // The latency is recorded, not asserted (no timing assertions): the issue asks for under a second.
    console.info(`runs/recent updated ${notice.at - sentAt} ms after createRun was sent to the other replica`);
    // A new run changes the runs/{id} listing too.
    await w.notices.next((n) => n.kind === 'list_changed', 'resources/list_changed', from);
    expect((await w.client.readResource({ uri: 'maratron://runs/recent' })).contents).toHaveLength(1);
  });

  it('tells a subscriber of runs/{id} when the run is edited or deleted, and plans/current when a plan is generated', async () => {
    const bea = await s.t.signUp('Bea');
    const w = await watcher(s.mcpUrl, bea.token);
    await streamOpen(w, gqlA, bea);
    const runId = await createRun(gqlA, bea);
    const uri = `maratron://runs/${runId}`;
    const read = JSON.parse(((await w.client.readResource({ uri })).contents[0] as { text: string }).text) as ToolOutput<'getRun'>;
    expect(read.id).toBe(runId);
    await w.client.subscribeResource({ uri });
    await w.client.subscribeResource({ uri: 'maratron://plans/current' });

    let from = w.notices.items.length;
    await noteRun(gqlB, bea, runId, 'felt easy');
    await w.updated(uri, from);

    from = w.notices.items.length;
    const raceDate = new Date(Date.now() + 10 * 7 * 86_400_000).toISOString();
    ok(
      await gqlB<{ generateTrainingPlan: { id: string } }>(
        `mutation($i: TrainingPlanInput!) { generateTrainingPlan(input: $i) { id } }`,
        { i: { goal: 'K10', raceDate, daysPerWeek: 4 } },
        bea.token,
      ),
    );
    await w.updated('maratron://plans/current', from);

    from = w.notices.items.length;
    ok(await gqlA<{ deleteRun: string }>(`mutation($id: ID!) { deleteRun(id: $id) }`, { id: runId }, bea.token));
    await w.updated(uri, from);
    await w.notices.next((n) => n.kind === 'list_changed', 'resources/list_changed', from);
  });

  it('refuses to watch a run that is not the runner’s own', async () => {
    const cal = await s.t.signUp('Cal');
    const dee = await s.t.signUp('Dee');
    const deesRun = await createRun(gqlA, dee);
    const w = await watcher(s.mcpUrl, cal.token);
    await expect(w.client.subscribeResource({ uri: `maratron://runs/${deesRun}` })).rejects.toThrow(/cannot be watched/);
    await expect(w.client.subscribeResource({ uri: 'maratron://shoes/all' })).rejects.toThrow(/cannot be watched/);
  });

  it('stops telling after unsubscribe', async () => {
    const eve = await s.t.signUp('Eve');
    const w = await watcher(s.mcpUrl, eve.token);
    await streamOpen(w, gqlA, eve);
    await w.client.subscribeResource({ uri: 'maratron://runs/recent' });
    await w.client.subscribeResource({ uri: 'maratron://plans/current' });
    let from = w.notices.items.length;
    await createRun(gqlB, eve);
    await w.updated('maratron://runs/recent', from);

    await w.client.unsubscribeResource({ uri: 'maratron://runs/recent' });
    from = w.notices.items.length;
    // Both through B, so both events leave one process in this order and arrive here in it: once
    // the plan's notification is in, the run's would have been too.
    await createRun(gqlB, eve);
    ok(
      await gqlB(
        `mutation($i: TrainingPlanInput!) { generateTrainingPlan(input: $i) { id } }`,
        { i: { goal: 'K5', raceDate: new Date(Date.now() + 8 * 7 * 86_400_000).toISOString(), daysPerWeek: 3 } },
        eve.token,
      ),
    );
    await w.updated('maratron://plans/current', from);
    const after = w.notices.items.slice(from);
    expect(after.filter((n) => n.kind === 'updated' && n.uri === 'maratron://runs/recent')).toEqual([]);
    // The listing still changed: list_changed needs no subscription.
    expect(after.some((n) => n.kind === 'list_changed')).toBe(true);
  });

  it('goes on on the other replica: its subscriptions, tools and notification stream', async () => {
    const fay = await s.t.signUp('Fay');
    const onA = await watcher(s.mcpUrl, fay.token);
    await onA.client.subscribeResource({ uri: 'maratron://runs/recent' });
    const sessionId = onA.transport.sessionId!;
    await onA.client.close();

    const onB = await watcher(mcpB, fay.token, sessionId);
    expect(
      toolJson<ToolOutput<'userContext'>>(await onB.client.callTool({ name: 'get_user_context', arguments: {} })).profile.username,
    ).toBe(fay.username);
    // The subscription made on A is B's to serve: runs logged through A reach the stream held by B.
    let heard = false;
    for (let attempt = 0; attempt < 40 && !heard; attempt++) {
      const from = onB.notices.items.length;
      await createRun(gqlA, fay, attempt + 1);
      heard = await onB.updated('maratron://runs/recent', from).then(
        () => true,
        () => false,
      );
    }
    expect(heard).toBe(true);
    expect(onB.transport.sessionId).toBe(sessionId);
  });

  it('resumes a notification stream on the other replica from Last-Event-ID, with the last MCP_STREAM_EVENTS_KEPT events', async () => {
    const lea = await s.t.signUp('Lea');
    const sessionId = await rawSession(s.mcpUrl, lea.token);
    const subscribe = await fetch(s.mcpUrl, {
      method: 'POST',
      headers: rawHeaders(lea.token, sessionId),
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'resources/subscribe', params: { uri: 'maratron://runs/recent' } }),
    });
    expect(await subscribe.text()).toContain('"result":{}');

    const onA = new AbortController();
    const streamA = await fetch(s.mcpUrl, { headers: rawHeaders(lea.token, sessionId), signal: onA.signal });
    expect(streamA.status).toBe(200);
    const eventsA = sse(streamA);
    // Each run: runs/recent updated, then the listing changed.
    const received: { id: string | null; method?: string }[] = [];
    for (let i = 0; i < 3; i++) {
      await createRun(gqlA, lea, i + 1);
      for (;;) {
        const { value } = await eventsA.next();
        if (!value) throw new Error('the stream ended');
        received.push({ id: value.id, method: value.data.method });
        if (value.data.method === 'notifications/resources/list_changed') break;
      }
    }
    onA.abort();
    expect(received.map((e) => e.method)).toEqual(
      Array(3).fill(['notifications/resources/updated', 'notifications/resources/list_changed']).flat(),
    );

    // On B, after the first: what came between was dropped (one event kept); the last is replayed first.
    const onB = new AbortController();
    const streamB = await fetch(mcpB, {
      headers: { ...rawHeaders(lea.token, sessionId), 'last-event-id': received[0].id! },
      signal: onB.signal,
    });
    expect(streamB.status).toBe(200);
    const replayed = await sse(streamB).next();
    expect(replayed.value).toEqual({
      id: received[5].id,
      data: expect.objectContaining({ method: 'notifications/resources/list_changed' }),
    });
    onB.abort();
  });

  it('closes a notification stream when the sign-in that opened it ends, on whichever replica it ends', async () => {
    const max = await s.t.signUp('Mae');
    const sessionId = await rawSession(s.mcpUrl, max.token);
    const stream = await fetch(s.mcpUrl, { headers: rawHeaders(max.token, sessionId) });
    expect(stream.status).toBe(200);
    const events = sse(stream);
    ok(await gqlB(`mutation { signOut }`, {}, max.token));
    // The stream ends, and the token can't open another.
    expect((await events.next()).done).toBe(true);
    const again = await fetch(mcpB, { headers: rawHeaders(max.token, sessionId) });
    expect(again.status).toBe(401);
    await again.text();
  });

  it('is its runner’s only: another runner’s token naming the session is told it does not exist', async () => {
    const gus = await s.t.signUp('Gus');
    const hal = await s.t.signUp('Hal');
    const w = await watcher(s.mcpUrl, gus.token);
    const sessionId = w.transport.sessionId!;
    for (const url of [s.mcpUrl, mcpB]) {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${hal.token}`,
          'mcp-session-id': sessionId,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_user_context', arguments: {} } }),
      });
      expect(res.status).toBe(404);
    }
    // …and Gus's session goes on.
    expect(toolJson<ToolOutput<'userContext'>>(await w.client.callTool({ name: 'get_user_context', arguments: {} })).profile.username).toBe(
      gus.username,
    );
  });

  it('ends on DELETE, for both replicas', async () => {
    const ida = await s.t.signUp('Ida');
    const w = await watcher(s.mcpUrl, ida.token);
    const sessionId = w.transport.sessionId!;
    await w.transport.terminateSession();
    const onB = new Client({ name: 'late', version: '1.0.0' });
    await onB.connect(
      new StreamableHTTPClientTransport(new URL(mcpB), { sessionId, requestInit: { headers: { Authorization: `Bearer ${ida.token}` } } }),
    );
    opened.push(onB);
    await expect(onB.listTools()).rejects.toThrow(/Session not found/);
  });

  it('sends log messages at the level the session set, and progress for generate_training_plan', async () => {
    const jo = await s.t.signUp('Jo');
    const w = await watcher(s.mcpUrl, jo.token);
    await w.client.setLoggingLevel('debug');
    await w.client.callTool({ name: 'server_health', arguments: {} });
    // Log messages of a call come on its own stream, before its answer.
    expect(w.logs.items).toContainEqual({ level: 'debug', data: { tool: 'server_health', outcome: 'ok' } });

    // The level is the session's, wherever its next request lands.
    const onB = await watcher(mcpB, jo.token, w.transport.sessionId);
    await onB.client.setLoggingLevel('warning');
    await w.client.callTool({ name: 'server_health', arguments: {} });
    await w.client.callTool({ name: 'get_run', arguments: { runId: 'not-an-id' } });
    expect(w.logs.items.filter((l) => l.level === 'debug')).toHaveLength(1);
    expect(w.logs.items).toContainEqual({
      level: 'warning',
      data: expect.objectContaining({ tool: 'get_run', outcome: 'BAD_USER_INPUT' }),
    });

    const progress: Progress[] = [];
    const raceDate = new Date(Date.now() + 12 * 7 * 86_400_000).toISOString().slice(0, 10);
    const plan = toolJson<ToolOutput<'generatePlan'>>(
      await w.client.callTool(
        { name: 'generate_training_plan', arguments: { goal: 'HALF_MARATHON', raceDate, daysPerWeek: 4 } },
        undefined,
        {
          onprogress: (p) => progress.push(p),
        },
      ),
    );
    expect(plan.workouts.length).toBeGreaterThan(0);
    expect(progress.map((p) => [p.progress, p.total])).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(progress[0].message).toBe('Reading recent training');
  });
});

describe('MCP sessions in one process (no Redis)', () => {
  let s: TestStack;
  beforeAll(async () => {
    s = await startStack({ aiEnv: { MCP_SESSION_IDLE_SECONDS: '3', MCP_SESSIONS_PER_RUNNER: '2', MCP_STREAMS_PER_PROCESS: '1' } });
  }, 60_000);
  afterAll(() => s.close());

  // First, while no other stream is open here.
  it('holds at most MCP_STREAMS_PER_PROCESS notification streams', async () => {
    const max = await s.t.signUp('Max');
    const one = await rawSession(s.mcpUrl, max.token);
    const two = await rawSession(s.mcpUrl, max.token);
    const first = new AbortController();
    const open = await fetch(s.mcpUrl, { headers: rawHeaders(max.token, one), signal: first.signal });
    expect(open.status).toBe(200);
    const refused = await fetch(s.mcpUrl, { headers: rawHeaders(max.token, two) });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
    await refused.text();
    first.abort();
  });

  const status = (token: string, sessionId: string) =>
    fetch(s.mcpUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'mcp-session-id': sessionId,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    }).then(async (res) => (await res.body?.cancel(), res.status));

  it('ends a session idle for MCP_SESSION_IDLE_SECONDS', async () => {
    const kim = await s.t.signUp('Kim');
    const c = await s.mcp(kim.token);
    const transport = c.transport as StreamableHTTPClientTransport;
    const sessionId = transport.sessionId!;
    expect(await status(kim.token, sessionId)).toBe(200);
    await c.close();
    await new Promise((r) => setTimeout(r, 4500));
    expect(await status(kim.token, sessionId)).toBe(404);
  });

  it('keeps MCP_SESSIONS_PER_RUNNER sessions a runner used last', async () => {
    const lou = await s.t.signUp('Lou');
    // Sessions without a notification stream (an open one is kept alive, so used, every few
    // seconds): each is used only by the requests here, one clearly after the other.
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await rawSession(s.mcpUrl, lou.token));
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await Promise.all(ids.map((id) => status(lou.token, id)))).toEqual([404, 200, 200]);
  });
});
