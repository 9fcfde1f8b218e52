import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import { connectLive, eventually } from '../../gateway/test/live';
import { ok } from '../../gateway/test/harness';
import type { TestUser } from '../../gateway/test/harness';
import { startStack, toolError, toolJson } from './stack';
import type { ToolOutput } from '../src';
import { RUNNER_TOOLS } from '../src/tools/register';
import type { TestStack } from './stack';

const DAY = 86_400_000;
const iso = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString();

describe('the ai-server over MCP', () => {
  let s: TestStack;
  let ann: TestUser;
  let bob: TestUser;
  let privateRunId: string;

  beforeAll(async () => {
    s = await startStack({ aiEnv: { AI_RATE_LIMIT_PER_MINUTE: '1000' } });
    ann = await s.t.signUp('Ann');
    bob = await s.t.signUp('Bob');
    ok(await s.t.gql(`mutation($id: ID!) { follow(userId: $id) { id } }`, { id: ann.id }, bob.token));
    const created = ok(
      await s.t.gql<{ createRun: { id: string } }>(
        `mutation($i: RunInput!) { createRun(input: $i) { id } }`,
        { i: { startedAt: iso(2), distance: 10000, duration: 2900, visibility: 'PRIVATE' } },
        ann.token,
      ),
    );
    privateRunId = created.createRun.id;
    ok(
      await s.t.gql(
        `mutation { createShoe(input: { name: "Pegasus", maxDistance: 12000, initialDistance: 11000 }) { id } }`,
        {},
        ann.token,
      ),
    );
  });
  afterAll(() => s.close());

  it('answers 401 to a request without a valid token, and runs no tool', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-token' }] as Record<string, string>[]) {
      const res = await fetch(s.mcpUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/call',
          params: { name: 'log_run', arguments: { startedAt: iso(0), distance: 5000, duration: 1500 } },
        }),
      });
      expect(res.status).toBe(401);
    }
    const runs = await s.t.sql(`SELECT count(*)::int AS n FROM ${s.t.schema}.runs WHERE user_id = $1`, [ann.id]);
    expect(runs[0].n).toBe(1);
  });

  it('refuses a Host header it does not know (DNS rebinding)', async () => {
    const url = new URL(s.mcpUrl);
    const res = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: url.port,
          path: '/mcp',
          method: 'POST',
          headers: {
            host: 'evil.example:80',
            authorization: `Bearer ${ann.token}`,
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
          },
        },
        (r) => (r.resume(), resolve(r.statusCode ?? 0)),
      );
      req.on('error', reject);
      req.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }));
    });
    expect(res).toBe(403);
  });

  it('counts tool calls by tool and outcome in its Prometheus metrics', async () => {
    const c = await s.mcp(ann.token);
    await c.callTool({ name: 'server_health', arguments: {} });
    await c.callTool({ name: 'get_run', arguments: { runId: 'not-an-id' } });
    const text = await (await fetch(new URL('/metrics', s.mcpUrl))).text();
    expect(Number(/maratron_mcp_tool_calls_total\{tool="server_health",outcome="ok"\} (\d+)/.exec(text)?.[1])).toBeGreaterThanOrEqual(1);
    expect(Number(/maratron_mcp_tool_calls_total\{tool="get_run",outcome="BAD_USER_INPUT"\} (\d+)/.exec(text)?.[1])).toBeGreaterThanOrEqual(
      1,
    );
  });

  it('lists its tools (with JSON schemas), resources and prompts', async () => {
    const c = await s.mcp(ann.token);
    const { tools } = await c.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      [
        'generate_training_plan',
        'get_run',
        'get_user_context',
        'list_runs',
        'log_run',
        'predict_race',
        'server_health',
        'shoe_report',
        'training_summary',
        ...RUNNER_TOOLS.map((t) => t.name),
      ].sort(),
    );
    const logRun = tools.find((t) => t.name === 'log_run')!;
    expect(logRun.inputSchema.required).toEqual(expect.arrayContaining(['startedAt', 'distance', 'duration']));
    const { resources } = await c.listResources();
    expect(resources.map((r) => r.uri).sort()).toEqual(['maratron://plans/current', 'maratron://runs/recent']);
    const { prompts } = await c.listPrompts();
    expect(prompts.map((p) => p.name)).toContain('weekly_review');
    const prompt = await c.getPrompt({ name: 'weekly_review' });
    expect(JSON.stringify(prompt.messages)).toContain('get_user_context');
  });

  it('calls every tool as the caller', async () => {
    const c = await s.mcp(ann.token);
    const context = toolJson<ToolOutput<'userContext'>>(await c.callTool({ name: 'get_user_context', arguments: {} }));
    expect(context.profile.username).toBe(ann.username);
    expect(context.lastFourWeeks).toHaveLength(4);
    expect(context.activeShoes[0]).toMatchObject({ name: 'Pegasus', usagePercent: 92 });

    const listed = toolJson<ToolOutput<'listRuns'>>(await c.callTool({ name: 'list_runs', arguments: { limit: 5 } }));
    expect(listed.runs.map((r) => r.id)).toContain(privateRunId);
    const run = toolJson(await c.callTool({ name: 'get_run', arguments: { runId: privateRunId } }));
    expect(run).toMatchObject({ id: privateRunId, distanceKm: 10, time: '48:20', splits: [] });

    const shoes = toolJson<ToolOutput<'shoeReport'>>(await c.callTool({ name: 'shoe_report', arguments: {} }));
    expect(shoes.shoes[0]).toMatchObject({ remainingKm: 1, retire: false, usagePercent: 92 });
    expect(shoes.shoes[0].advice).toMatch(/replacement/);

    const summary = toolJson<ToolOutput<'trainingSummary'>>(await c.callTool({ name: 'training_summary', arguments: { weeks: 4 } }));
    expect(summary.weeks).toHaveLength(4);
    expect(summary.vdot).toBeGreaterThan(30);
    const prediction = toolJson<ToolOutput<'predictRace'>>(
      await c.callTool({ name: 'predict_race', arguments: { distance: 'HALF_MARATHON' } }),
    );
    expect(prediction).toMatchObject({ distance: 'HALF_MARATHON', method: 'VDOT' });
    expect(prediction.time).toMatch(/^\d:\d\d:\d\d$/);

    const raceDate = new Date(Date.now() + 70 * DAY).toISOString().slice(0, 10);
    const plan = toolJson<ToolOutput<'generatePlan'>>(
      await c.callTool({ name: 'generate_training_plan', arguments: { goal: 'K10', raceDate, daysPerWeek: 4 } }),
    );
    expect(plan.workouts[plan.workouts.length - 1]).toMatchObject({ kind: 'race', date: raceDate });
    const current = await c.readResource({ uri: 'maratron://plans/current' });
    expect(JSON.parse((current.contents[0] as { text: string }).text).id).toBe(plan.id);
    const recent = await c.readResource({ uri: 'maratron://runs/recent' });
    expect(JSON.parse((recent.contents[0] as { text: string }).text)[0].id).toBe(privateRunId);
    const stored = await s.t.sql(`SELECT user_id FROM ${s.t.schema}.training_plans WHERE id = $1`, [plan.id]);
    expect(stored[0].user_id).toBe(ann.id);

    expect(toolJson(await c.callTool({ name: 'server_health', arguments: {} }))).toMatchObject({ database: 'ok', status: 'ok' });
  });

  it('declares what each tool answers: every result, and every error, validates against its outputSchema', async () => {
    const cy = await s.t.signUp('Cy');
    const runId = ok(
      await s.t.gql<{ createRun: { id: string } }>(
        `mutation($i: RunInput!) { createRun(input: $i) { id } }`,
        { i: { startedAt: iso(3), distance: 10000, duration: 3000 } },
        cy.token,
      ),
    ).createRun.id;
    ok(await s.t.gql(`mutation { createShoe(input: { name: "Ghost", isDefault: true }) { id } }`, {}, cy.token));
    const c = await s.mcp(cy.token);
    const { tools } = await c.listTools();
    expect(tools.filter((t) => !t.outputSchema).map((t) => t.name)).toEqual([]);
    // The JSON Schema validator the SDK's own client uses.
    const ajv = new AjvJsonSchemaValidator();
    const schemaOf = new Map(tools.map((t) => [t.name, ajv.getValidator(t.outputSchema!)]));
    const conforms = (name: string, structured: unknown) => ({ name, ...schemaOf.get(name)!(structured) });

    const raceDate = new Date(Date.now() + 70 * DAY).toISOString().slice(0, 10);
    const calls: [string, Record<string, unknown>][] = [
      ['get_user_context', {}],
      ['get_user_context', {}], // the cached answer
      ['list_runs', { limit: 5 }],
      ['get_run', { runId }],
      ['log_run', { startedAt: iso(1), distance: 5000, duration: 1500, name: 'Easy', share: true }],
      ['shoe_report', {}],
      ['training_summary', { weeks: 4 }],
      ['predict_race', { distance: 'K10' }],
      ['generate_training_plan', { goal: 'K10', raceDate, targetDuration: 2900 }],
      ['server_health', {}],
    ];
    // The runner's other tools (update_run, the shoes, preferences, the social side): mcp-runner-tools.spec.ts.
    const others = new Set(RUNNER_TOOLS.map((t) => t.name));
    expect([...new Set(calls.map(([name]) => name))].sort()).toEqual(
      tools
        .map((t) => t.name)
        .filter((name) => !others.has(name))
        .sort(),
    );
    for (const [name, args] of calls) {
      expect(conforms(name, toolJson(await c.callTool({ name, arguments: args })))).toMatchObject({ name, valid: true });
    }
    // A runner with nothing to predict from gets the other shape of predict_race.
    const empty = await s.mcp((await s.t.signUp('Dee')).token);
    expect(conforms('predict_race', toolJson(await empty.callTool({ name: 'predict_race', arguments: { distance: 'K5' } })))).toMatchObject(
      { valid: true },
    );

    // An error is data too, and the outputSchema admits it: the SDK's client checks an error's
    // structuredContent against it as well.
    const failures: [string, Record<string, unknown>][] = [
      ['get_run', { runId: randomUUID() }],
      ['log_run', { startedAt: iso(0), distance: -5, duration: 1500 }],
      ['generate_training_plan', { goal: 'K10', raceDate: '2001-01-01' }],
    ];
    for (const [name, args] of failures) {
      const result = await c.callTool({ name, arguments: args });
      expect(toolError(result).code).toMatch(/^(NOT_FOUND|BAD_USER_INPUT)$/);
      expect(conforms(name, result.structuredContent)).toMatchObject({ name, valid: true });
    }
  });

  it('answers bad input with BAD_USER_INPUT and the field as data, and stores nothing', async () => {
    const c = await s.mcp(ann.token);
    const bad = (field: string, message: string) => ({ code: 'BAD_USER_INPUT', field, message });
    expect(toolError(await c.callTool({ name: 'log_run', arguments: { startedAt: iso(0), distance: -5, duration: 1500 } }))).toEqual(
      bad('distance', 'Distance must be greater than 0'),
    );
    expect(toolError(await c.callTool({ name: 'log_run', arguments: { startedAt: iso(0), distance: 5000, duration: 100 } }))).toEqual(
      bad('duration', 'Duration is too short for that distance (faster than 1:30 per km)'),
    );
    expect(toolError(await c.callTool({ name: 'list_runs', arguments: { limit: 500 } }))).toEqual(
      bad('limit', 'Limit must be between 1 and 100'),
    );
    expect(
      toolError(await c.callTool({ name: 'generate_training_plan', arguments: { goal: 'K5', raceDate: '2001-01-01', daysPerWeek: 9 } })),
    ).toEqual(bad('daysPerWeek', 'Days per week must be between 3 and 7'));
    expect(toolError(await c.callTool({ name: 'generate_training_plan', arguments: { goal: 'K5', raceDate: '2001-01-01' } }))).toEqual(
      bad('raceDate', 'The race must be after today'),
    );
    expect(toolError(await c.callTool({ name: 'get_run', arguments: { runId: 'nope' } }))).toEqual(bad('runId', 'Run ID is not valid'));
    const runs = await s.t.sql(`SELECT count(*)::int AS n FROM ${s.t.schema}.runs WHERE user_id = $1`, [ann.id]);
    expect(runs[0].n).toBe(1);
  });

  it("never shows one runner's private runs or plans to another, through any tool", async () => {
    const c = await s.mcp(bob.token);
    expect(toolError(await c.callTool({ name: 'get_run', arguments: { runId: privateRunId } }))).toEqual({
      code: 'NOT_FOUND',
      message: 'Run not found',
    });
    const everything = [
      await c.callTool({ name: 'get_user_context', arguments: {} }),
      await c.callTool({ name: 'list_runs', arguments: { limit: 100 } }),
      await c.callTool({ name: 'training_summary', arguments: {} }),
      await c.callTool({ name: 'shoe_report', arguments: {} }),
      await c.callTool({ name: 'predict_race', arguments: { distance: 'K10' } }),
      await c.readResource({ uri: 'maratron://runs/recent' }),
      await c.readResource({ uri: 'maratron://plans/current' }),
    ];
    const text = JSON.stringify(everything);
    expect(text).not.toContain(privateRunId);
    expect(text).not.toContain('Pegasus');
    expect(toolJson(everything[4])).toMatchObject({ prediction: null });
  });

  it("log_run publishes like createRun: followers' live feed gets the shared run, and the runner's context updates", async () => {
    const c = await s.mcp(ann.token);
    const before = toolJson<ToolOutput<'userContext'>>(await c.callTool({ name: 'get_user_context', arguments: {} }));
    const live = connectLive(s.t.wsUrl, bob.token);
    try {
      const feed = live.subscribe(`subscription { feedPostAdded { id author { id } run { id distance } } }`);
      await eventually(() => s.t.gateway.live.size === 1, 'the subscription');
      const logged = toolJson<ToolOutput<'logRun'>>(
        await c.callTool({
          name: 'log_run',
          arguments: { startedAt: iso(0), distance: 7000, duration: 2100, share: true, name: 'MCP run' },
        }),
      );
      const event = await feed.next();
      expect(event.data).toMatchObject({ feedPostAdded: { author: { id: ann.id }, run: { id: logged.logged.id, distance: 7000 } } });
    } finally {
      await live.dispose();
    }
    const after = toolJson<ToolOutput<'userContext'>>(await c.callTool({ name: 'get_user_context', arguments: {} }));
    expect(after.thisWeek.distance).toBe(before.thisWeek.distance + 7000);
    // A shoe retired through GraphQL invalidates it too (shoe.changed).
    const shoeId = after.activeShoes[0].id;
    ok(await s.t.gql(`mutation($id: ID!) { retireShoe(id: $id) { id } }`, { id: shoeId }, ann.token));
    await eventually(
      async () =>
        toolJson<ToolOutput<'userContext'>>(await c.callTool({ name: 'get_user_context', arguments: {} })).activeShoes.length === 0,
      'the cache to drop the retired shoe',
    );
  });
});

describe('the tool rate limit', () => {
  it('answers past the limit with a retry-after', async () => {
    const s = await startStack({ aiEnv: { AI_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const ann = await s.t.signUp('Ann');
      const c = await s.mcp(ann.token);
      for (let i = 0; i < 3; i++) toolJson(await c.callTool({ name: 'server_health', arguments: {} }));
      const limited = toolError(await c.callTool({ name: 'server_health', arguments: {} }));
      expect(limited).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
      expect(limited.message).toBe(`Too many tool calls (3 a minute); retry after ${limited.retryAfterSeconds} seconds`);
      // Per runner: someone else still gets through.
      const bob = await s.t.signUp('Bob');
      toolJson(await (await s.mcp(bob.token)).callTool({ name: 'server_health', arguments: {} }));
    } finally {
      await s.close();
    }
  });
});
