// The MCP prompts (issue 16): weekly_review, race_preparation (its goal race and date checked and
// completed) and shoe_check, through the official SDK client; each needs its declared scope.
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { scopeOf } from '@maratron/core';
import { MAX_PLAN_WEEKS } from '@maratron/domain';
import { ok } from '../../gateway/test/harness';
import type { TestUser } from '../../gateway/test/harness';
import type { ToolOutput } from '../src';
import { startStack, toolJson } from './stack';
import type { TestStack } from './stack';

const DAY = 86_400_000;
/** The UTC date `days` from today, YYYY-MM-DD. */
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

let s: TestStack;
let ann: TestUser;
let c: Client;
beforeAll(async () => {
  s = await startStack({ aiEnv: { AI_RATE_LIMIT_PER_MINUTE: '1000' } });
  ann = await s.t.signUp('Ann');
  c = await s.mcp(ann.token);
}, 30_000);
afterAll(() => s.close());

/** The prompt's one message, as text. */
async function promptText(name: string, args?: Record<string, string>): Promise<string> {
  const { messages } = await c.getPrompt({ name, arguments: args });
  expect(messages).toHaveLength(1);
  expect(messages[0].role).toBe('user');
  const { content } = messages[0];
  if (content.type !== 'text') throw new Error(`expected text, got ${content.type}`);
  return content.text;
}

/** The JSON-RPC error a request failed with. */
async function rejection(request: Promise<unknown>): Promise<{ code: number; message: string; data: unknown }> {
  const error: unknown = await request.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof McpError)) throw new Error(`expected an MCP error, got ${String(error)}`);
  return { code: error.code, message: error.message, data: error.data };
}

const complete = async (argument: 'race' | 'date', value: string) =>
  (await c.complete({ ref: { type: 'ref/prompt', name: 'race_preparation' }, argument: { name: argument, value } })).completion;

describe('the MCP prompts', () => {
  it('are listed with titles, descriptions and race_preparation’s two required arguments', async () => {
    const { prompts } = await c.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['race_preparation', 'shoe_check', 'weekly_review']);
    for (const p of prompts) {
      expect(p).toMatchObject({ title: expect.any(String), description: expect.any(String) });
      expect({ prompt: p.name, scope: scopeOf('Prompt', p.name) }).toEqual({ prompt: p.name, scope: expect.any(String) });
    }
    const race = prompts.find((p) => p.name === 'race_preparation')!;
    expect(race.arguments).toEqual([
      { name: 'race', description: expect.stringContaining('half marathon'), required: true },
      { name: 'date', description: expect.stringContaining('YYYY-MM-DD'), required: true },
    ]);
    expect(c.getServerCapabilities()?.completions).toEqual({});
  });

  it('race_preparation names the tools to call with the race’s distance and date, and those calls work', async () => {
    const date = inDays(70);
    const text = await promptText('race_preparation', { race: 'Berlin Marathon', date });
    expect(text).toContain(`Berlin Marathon (marathon) on ${date}, 70 days from today`);
    for (const call of [
      'get_user_context',
      'predict_race with distance MARATHON',
      'training_summary',
      `generate_training_plan with goal MARATHON and raceDate ${date}`,
      'shoe_report',
    ]) {
      expect(text).toContain(call);
    }
    expect(await promptText('race_preparation', { race: '10K', date })).toContain(`I'm racing 10K on ${date}`);
    expect(await promptText('race_preparation', { race: 'Valencia half', date })).toContain('goal HALF_MARATHON');

    // What the model does next, as the prompt says: the tools take the same arguments.
    const plan = toolJson<ToolOutput<'generatePlan'>>(
      await c.callTool({ name: 'generate_training_plan', arguments: { goal: 'MARATHON', raceDate: date } }),
    );
    expect(plan).toMatchObject({ goal: 'MARATHON', raceDate: date });
    expect(toolJson(await c.callTool({ name: 'predict_race', arguments: { distance: 'MARATHON' } }))).toMatchObject({
      distance: 'MARATHON',
    });
  });

  it('completes the race from the four distances, by what was typed', async () => {
    expect(await complete('race', '')).toEqual({ values: ['5K', '10K', 'half marathon', 'marathon'], total: 4, hasMore: false });
    expect((await complete('race', 'MAR')).values).toEqual(['half marathon', 'marathon']);
    expect((await complete('race', '1')).values).toEqual(['10K']);
    expect((await complete('race', 'mile')).values).toEqual([]);
  });

  it('completes the date with weekend days a plan can be made to, each one accepted', async () => {
    const all = await complete('date', '');
    // Two a week from tomorrow, a week short of the plan limit: the first 100, and how many there are.
    expect(all.values).toHaveLength(100);
    expect(all.hasMore).toBe(true);
    expect(all.total).toBeGreaterThanOrEqual(2 * (MAX_PLAN_WEEKS - 2));
    for (const d of all.values) expect([0, 6]).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
    expect(all.values[0] > inDays(0)).toBe(true);
    expect([...all.values].sort()).toEqual(all.values);

    const month = inDays(200).slice(0, 7);
    const inMonth = await complete('date', month);
    expect(inMonth.values.length).toBeGreaterThanOrEqual(8);
    for (const d of inMonth.values) expect(d.startsWith(month)).toBe(true);

    // The furthest one offered is one the prompt, and generate_training_plan, accept.
    const last = (await complete('date', inDays(7 * (MAX_PLAN_WEEKS - 1)).slice(0, 7))).values.at(-1)!;
    expect(await promptText('race_preparation', { race: '5K', date: last })).toContain(`raceDate ${last}`);
    const plan = toolJson<ToolOutput<'generatePlan'>>(
      await c.callTool({ name: 'generate_training_plan', arguments: { goal: 'K5', raceDate: last } }),
    );
    expect(plan.raceDate).toBe(last);
  });

  it('refuses bad arguments with InvalidParams and the rule broken', async () => {
    const date = inDays(60);
    const cases: [Record<string, string>, string][] = [
      [{ race: 'ultra 50K', date }, 'must name a 5K, 10K, half marathon or marathon'],
      [{ race: 'mile', date }, 'must name a 5K, 10K, half marathon or marathon'],
      [{ race: 'marathon'.repeat(20), date }, 'must be at most 100 characters'],
      [{ race: 'marathon', date: 'next Sunday' }, 'must be a date as YYYY-MM-DD'],
      [{ race: 'marathon', date: '2027-02-30' }, 'must be a date as YYYY-MM-DD'],
      [{ race: 'marathon', date: inDays(-3) }, 'the race must be after today'],
      [{ race: 'marathon', date: inDays(0) }, 'the race must be after today'],
      [{ race: 'marathon', date: inDays(7 * MAX_PLAN_WEEKS + 14) }, `the race must be within ${MAX_PLAN_WEEKS} weeks`],
      [{ race: 'marathon' }, 'date'],
    ];
    for (const [args, message] of cases) {
      const error = await rejection(c.getPrompt({ name: 'race_preparation', arguments: args }));
      expect({ args, code: error.code, message: error.message }).toEqual({
        args,
        code: ErrorCode.InvalidParams,
        message: expect.stringContaining(message),
      });
    }
    expect((await rejection(c.getPrompt({ name: 'no_such_prompt' }))).code).toBe(ErrorCode.InvalidParams);
  });

  it('weekly_review and shoe_check tell the model which tools give the runner’s numbers', async () => {
    const weekly = await promptText('weekly_review');
    for (const tool of ['get_user_context', 'training_summary', 'shoe_report']) expect(weekly).toContain(tool);
    const shoes = await promptText('shoe_check');
    for (const tool of ['shoe_report', 'list_runs']) expect(shoes).toContain(tool);
  });

  it('each needs the scope declared for it: a RUNS_READ token gets shoe_check, and FORBIDDEN for the others', async () => {
    const res = await s.t.gql<{ createPersonalAccessToken: { token: string } }>(
      `mutation { createPersonalAccessToken(name: "prompts", scopes: [RUNS_READ]) { token } }`,
      {},
      ann.token,
    );
    const runsOnly = await s.mcp(ok(res).createPersonalAccessToken.token);
    const { messages } = await runsOnly.getPrompt({ name: 'shoe_check' });
    expect(JSON.stringify(messages)).toContain('shoe_report');
    for (const [name, args] of [
      ['weekly_review', undefined],
      ['race_preparation', { race: '10K', date: inDays(30) }],
    ] as const) {
      const error = await rejection(runsOnly.getPrompt({ name, arguments: args }));
      expect({ name, ...error }).toEqual({
        name,
        code: ErrorCode.InvalidRequest,
        message: expect.stringContaining('FORBIDDEN'),
        data: expect.objectContaining({ code: 'FORBIDDEN', requiredScope: 'TRAINING_READ' }),
      });
    }
  });
});
