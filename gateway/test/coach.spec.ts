import { randomUUID } from 'node:crypto';
import type { ToolResultBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { startStack } from '../../ai-server/test/stack';
import type { TestStack } from '../../ai-server/test/stack';
import { startFakeAnthropic } from './fake-anthropic';
import type { FakeTurn } from './fake-anthropic';
import { errorOf, ok } from './harness';
import type { Edges, TestUser } from './harness';
import { connectLive, eventually } from './live';

const DAY = 86_400_000;
const ASK = `mutation($m: String!, $c: ID) { askCoach(message: $m, conversationId: $c) { conversationId message { id role content } toolCalls { name arguments } } }`;
interface Asked {
  askCoach: {
    conversationId: string;
    message: { id: string; role: string; content: string };
    toolCalls: { name: string; arguments: string }[];
  };
}
interface Chunk {
  coachReplyChunk: { conversationId: string; delta: string; done: boolean };
}
const CHUNKS = `subscription($c: ID!) { coachReplyChunk(conversationId: $c) { conversationId delta done } }`;
const km = (m: number) => `${(Math.round(m / 100) / 10).toFixed(1)} km`;

async function logRun(
  s: TestStack,
  user: TestUser,
  daysAgo: number,
  distance: number,
  duration: number,
  extra: Record<string, unknown> = {},
) {
  const startedAt = new Date(Date.now() - daysAgo * DAY).toISOString();
  return ok(
    await s.t.gql<{ createRun: { id: string } }>(
      `mutation($i: RunInput!) { createRun(input: $i) { id } }`,
      { i: { startedAt, distance, duration, ...extra } },
      user.token,
    ),
  ).createRun.id;
}

/** Runs this ISO week (UTC) so far. */
function daysIntoWeek(): number {
  return (new Date().getUTCDay() + 6) % 7;
}

describe('askCoach with Claude (a fake Messages API on loopback)', () => {
  let s: TestStack;
  let fake: Awaited<ReturnType<typeof startFakeAnthropic>>;
  let ann: TestUser;

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    s = await startStack({ env: { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_MODEL: 'claude-test' } });
    ann = await s.t.signUp('Ann');
    await logRun(s, ann, 0, 8000, 2400);
  });
  afterAll(async () => {
    await s.close();
    await fake.close();
  });

  it('runs the tool-use loop over MCP and streams the answer to the owner in order', async () => {
    const turns = [
      {
        blocks: [
          { type: 'text' as const, deltas: ['Let me look.'] },
          { type: 'tool_use' as const, name: 'get_user_context', input: {} },
        ],
        stopReason: 'tool_use' as const,
      },
      { blocks: [{ type: 'text' as const, deltas: [' You ran ', '8.0 km', ' this week.'] }], stopReason: 'end_turn' as const },
    ];
    fake.script(turns);

    const conversationId = randomUUID();
    const live = connectLive(s.t.wsUrl, ann.token);
    try {
      const chunks = live.subscribe<Chunk>(CHUNKS, { c: conversationId });
      await eventually(() => s.t.gateway.live.size === 1, 'the subscription');
      const reply = ok(await s.t.gql<Asked>(ASK, { m: 'How was my week?', c: conversationId }, ann.token)).askCoach;
      expect(reply).toMatchObject({
        conversationId,
        message: { role: 'assistant', content: 'Let me look. You ran 8.0 km this week.' },
        toolCalls: [{ name: 'get_user_context', arguments: '{}' }],
      });

      const received: { delta: string; done: boolean }[] = [];
      while (!received.some((c) => c.done)) received.push((await chunks.next()).data!.coachReplyChunk);
      expect(received.map((c) => c.delta).join('')).toBe('Let me look. You ran 8.0 km this week.');
      expect(received.map((c) => c.delta)).toEqual(['Let me look.', ' You ran ', '8.0 km', ' this week.', '']);
    } finally {
      await live.dispose();
    }
    // The model got the MCP tools, and the runner's data back as the tool result.
    expect(fake.requests[0]).toMatchObject({ model: 'claude-test', stream: true });
    expect(fake.requests[0].tools!.map((t) => t.name)).toContain('log_run');
    const toolResult = fake.requests[1].messages[fake.requests[1].messages.length - 1].content[0] as ToolResultBlockParam;
    expect(toolResult.type).toBe('tool_result');
    expect(JSON.parse(toolResult.content as string).profile.username).toBe(ann.username);

    const history = ok(
      await s.t.gql<{ coachConversation: { id: string; messages: { role: string; content: string }[] } }>(
        `query($id: ID!) { coachConversation(id: $id) { id messages { role content } } }`,
        { id: conversationId },
        ann.token,
      ),
    );
    expect(history.coachConversation.messages).toEqual([
      { role: 'user', content: 'How was my week?' },
      { role: 'assistant', content: 'Let me look. You ran 8.0 km this week.' },
    ]);
  });

  it('holds no database connection while the model writes: more questions than the pool has connections, and the API goes on', async () => {
    const asks = 6; // the test pool has 5 connections
    fake.script(
      Array.from({ length: asks }, (): FakeTurn => ({ blocks: [{ type: 'text', deltas: ['Easy ', 'week.'] }], stopReason: 'end_turn' })),
    );
    const release = fake.hold();
    const pending = Array.from({ length: asks }, (_, i) => s.t.gql<Asked>(ASK, { m: `Question ${i}?`, c: null }, ann.token));
    try {
      await eventually(() => fake.requests.length === asks, 'every question to reach the model');
      // Every answer is still being written, and the API still answers, reads and writes.
      expect(ok(await s.t.gql<{ me: { id: string } }>(`{ me { id } }`, {}, ann.token)).me.id).toBe(ann.id);
      await logRun(s, ann, 1, 5000, 1500);
    } finally {
      release();
    }
    const replies = (await Promise.all(pending)).map((res) => ok(res).askCoach);
    expect(replies.map((r) => r.message.content)).toEqual(Array(asks).fill('Easy week.'));
    const stored = await s.t.sql(
      `SELECT conversation_id, role FROM ${s.t.schema}.coach_messages WHERE conversation_id = ANY($1::uuid[]) ORDER BY created_at`,
      [replies.map((r) => r.conversationId)],
    );
    expect(stored).toHaveLength(2 * asks);
  });

  it('turns an API error into a GraphQL error and stores nothing', async () => {
    // The SDK retries once; both attempts are overloaded.
    fake.script([{ status: 529 }, { status: 529 }]);
    const conversationId = randomUUID();
    const res = await s.t.gql<Asked>(ASK, { m: 'Hello?', c: conversationId }, ann.token);
    expect(errorOf(res).code).toBe('COACH_UNAVAILABLE');
    expect(errorOf(res).message).toMatch(/language model answered 529/);
    expect(await s.t.sql(`SELECT 1 FROM ${s.t.schema}.coach_conversations WHERE id = $1`, [conversationId])).toHaveLength(0);
  });
});

describe('the local coach (no ANTHROPIC_API_KEY)', () => {
  let s: TestStack;
  let ann: TestUser;
  const ask = async (message: string) => ok(await s.t.gql<Asked>(ASK, { m: message }, ann.token)).askCoach;

  beforeAll(async () => {
    s = await startStack();
    ann = await s.t.signUp('Ann');
    // This week: 12.3 km over runs today (and earlier this week when there is an earlier day).
    await logRun(s, ann, 0, 7300, 2190);
    await logRun(s, ann, Math.min(1, daysIntoWeek()), 5000, 1500);
    // Last week and the three before: 20 km a week.
    for (let w = 1; w <= 4; w++) await logRun(s, ann, daysIntoWeek() + 7 * w - 3, 20000, 6600);
    ok(
      await s.t.gql(
        `mutation { createShoe(input: { name: "Old Clifton", maxDistance: 500000, initialDistance: 510000 }) { id } }`,
        {},
        ann.token,
      ),
    );
  });
  afterAll(() => s.close());

  it('answers "how is my training" with this week and the last four', async () => {
    const reply = await ask('How is my training going?');
    expect(reply.message.content).toContain(
      `This week you have run ${km(12300)} in 2 runs, against ${km(20000)} a week over the last four.`,
    );
    expect(reply.toolCalls.map((c) => c.name)).toEqual(['get_user_context', 'training_summary']);
  });

  it('summarises last week', async () => {
    const reply = await ask('Summarise last week for me');
    expect(reply.message.content).toContain(`you ran ${km(20000)} in 1 run`);
  });

  it('predicts a race time from VDOT', async () => {
    const reply = await ask('Predict my 10k time');
    const p = await predicted(s, ann, 'K10');
    expect(reply.message.content).toContain(`Your predicted 10K time is ${p.time}`);
    expect(reply.message.content).toContain('VDOT');
  });

  it('says whether the runner is ready for a race', async () => {
    const reply = await ask('Am I ready for a half marathon?');
    const p = await predicted(s, ann, 'HALF_MARATHON');
    expect(reply.message.content).toContain(`averaged ${km(20000)} a week`);
    expect(reply.message.content).toContain(p.time);
  });

  it('logs a run the runner tells it about, through the log_run tool', async () => {
    const ben = await s.t.signUp('Ben');
    const tell = async (message: string) => ok(await s.t.gql<Asked>(ASK, { m: message }, ben.token)).askCoach;
    const reply = await tell('I ran 10 km in 52:30 this morning');
    expect(reply.message.content).toBe('Logged: 10.0 km in 52:30 (5:15/km). This week so far: 10.0 km in 1 run.');
    expect(reply.toolCalls.map((c) => c.name)).toEqual(['log_run', 'get_user_context']);
    const runs = async () =>
      ok(
        await s.t.gql<{ runs: Edges<{ distance: number; duration: number; startedAt: string }> }>(
          `{ runs { edges { node { distance duration startedAt } } } }`,
          {},
          ben.token,
        ),
      ).runs.edges.map((e) => e.node);
    const [logged] = await runs();
    expect(logged).toMatchObject({ distance: 10000, duration: 3150 });
    // It ended about now, so it started its duration ago.
    expect(Date.now() - Date.parse(logged.startedAt)).toBeGreaterThanOrEqual(3150_000);

    // A half marathon in "1:45" is hours and minutes; miles are converted.
    expect((await tell('Log a half marathon run in 1:45 yesterday')).message.content).toMatch(
      /^Logged: 21\.1 km in 1:45:00 \(4:59\/km\) yesterday\./,
    );
    expect((await tell('I just ran 3 miles in 27 minutes')).message.content).toMatch(/^Logged: 4\.8 km in 27:00/);
    expect((await runs()).map((r) => r.distance)).toEqual([4828.032, 10000, 21097.5]);
  });

  it("says why a tool refused, in the error's own words, and logs nothing", async () => {
    const before = ok(await s.t.gql<{ runs: { totalCount: number } }>(`{ runs { totalCount } }`, {}, ann.token)).runs.totalCount;
    const reply = await ask('I ran 2000 km in 10 hours');
    expect(reply.message.content).toBe("I couldn't do that: Distance must be at most 1,000 km.");
    expect(reply.toolCalls.map((c) => c.name)).toEqual(['log_run']);
    expect(ok(await s.t.gql<{ runs: { totalCount: number } }>(`{ runs { totalCount } }`, {}, ann.token)).runs.totalCount).toBe(before);
  });

  it('asks for what is missing rather than logging a guess', async () => {
    const before = ok(await s.t.gql<{ runs: { totalCount: number } }>(`{ runs { totalCount } }`, {}, ann.token)).runs.totalCount;
    const reply = await ask('Log a run for me');
    expect(reply.message.content).toMatch(/^To log a run I need its distance and its time/);
    expect(reply.toolCalls).toEqual([]);
    expect(ok(await s.t.gql<{ runs: { totalCount: number } }>(`{ runs { totalCount } }`, {}, ann.token)).runs.totalCount).toBe(before);
  });

  it('says which shoes to retire', async () => {
    const reply = await ask('Which shoes should I retire?');
    expect(reply.message.content).toContain('Retire Old Clifton now.');
    expect(reply.toolCalls.map((c) => c.name)).toEqual(['shoe_report']);
  });

  it('makes a plan, stored as the current plan', async () => {
    const raceDate = new Date(Date.now() + 10 * 7 * DAY).toISOString().slice(0, 10);
    const reply = await ask(`Make me a plan for a 10k on ${raceDate}`);
    expect(reply.message.content).toContain(`for the 10K on ${raceDate}`);
    const plan = ok(
      await s.t.gql<{ trainingPlan: { goal: string; raceDate: string; workouts: { kind: string; distance: number }[] } }>(
        `{ trainingPlan { goal raceDate workouts { kind distance } } }`,
        {},
        ann.token,
      ),
    ).trainingPlan;
    expect(plan.goal).toBe('K10');
    expect(plan.raceDate.slice(0, 10)).toBe(raceDate);
    // Week one starts from the runner's recent 20 km a week, +10 % at most.
    expect(reply.message.content).toMatch(/Week one is (\d+\.\d) km/);
    expect(Number(/Week one is (\d+\.\d) km/.exec(reply.message.content)![1])).toBeLessThanOrEqual(22);
  });

  it('generateTrainingPlan goes through the MCP tool, with BAD_USER_INPUT for bad input', async () => {
    const raceDate = new Date(Date.now() + 8 * 7 * DAY).toISOString();
    const plan = ok(
      await s.t.gql<{
        generateTrainingPlan: {
          id: string;
          goal: string;
          targetDuration: number | null;
          workouts: { date: string; kind: string; distance: number; targetPace: number | null; description: string }[];
        };
      }>(
        `mutation($i: TrainingPlanInput!) { generateTrainingPlan(input: $i) { id goal targetDuration workouts { date kind distance targetPace description } } }`,
        { i: { goal: 'K5', raceDate, targetDuration: 1320, daysPerWeek: 5 } },
        ann.token,
      ),
    ).generateTrainingPlan;
    expect(plan.workouts[plan.workouts.length - 1]).toMatchObject({ kind: 'race', distance: 5000, targetPace: 264 });
    expect(ok(await s.t.gql<{ trainingPlan: { id: string } }>(`{ trainingPlan { id } }`, {}, ann.token)).trainingPlan.id).toBe(plan.id);
    const bad = await s.t.gql(
      `mutation($i: TrainingPlanInput!) { generateTrainingPlan(input: $i) { id } }`,
      { i: { goal: 'K5', raceDate, daysPerWeek: 2 } },
      ann.token,
    );
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'daysPerWeek' });
    // Refused by the tool: its error comes back as data, field and message as the tool gave them.
    const past = await s.t.gql(
      `mutation($i: TrainingPlanInput!) { generateTrainingPlan(input: $i) { id } }`,
      { i: { goal: 'K5', raceDate: '2020-01-01T00:00:00Z' } },
      ann.token,
    );
    expect(errorOf(past)).toEqual({ code: 'BAD_USER_INPUT', field: 'raceDate', message: 'The race must be after today' });
  });

  it('keeps conversations to their owner: no reading, no continuing, no chunks', async () => {
    const bob = await s.t.signUp('Bob');
    const conversationId = randomUUID();
    const annLive = connectLive(s.t.wsUrl, ann.token);
    const bobLive = connectLive(s.t.wsUrl, bob.token);
    try {
      const annChunks = annLive.subscribe<Chunk>(CHUNKS, { c: conversationId });
      const bobChunks = bobLive.subscribe<Chunk>(CHUNKS, { c: conversationId });
      await eventually(() => s.t.gateway.live.size >= 2, 'both subscriptions');
      ok(await s.t.gql<Asked>(ASK, { m: 'How is my training?', c: conversationId }, ann.token));
      while (!annChunks.results.some((r) => r.data?.coachReplyChunk.done)) await annChunks.next();
      // Bob asks in Ann's conversation: refused, nothing stored, and his own stream stays silent.
      const res = await s.t.gql<Asked>(ASK, { m: 'What did Ann say?', c: conversationId }, bob.token);
      expect(errorOf(res).code).toBe('NOT_FOUND');
      expect(bobChunks.results).toHaveLength(0);
    } finally {
      await annLive.dispose();
      await bobLive.dispose();
    }
    expect(
      ok(
        await s.t.gql<{ coachConversation: { id: string } | null }>(
          `query($id: ID!) { coachConversation(id: $id) { id } }`,
          { id: conversationId },
          bob.token,
        ),
      ).coachConversation,
    ).toBeNull();
    expect(
      ok(await s.t.gql<{ coachConversations: { id: string }[] }>(`{ coachConversations { id } }`, {}, bob.token)).coachConversations,
    ).toEqual([]);
    const messages = await s.t.sql(`SELECT role FROM ${s.t.schema}.coach_messages WHERE conversation_id = $1`, [conversationId]);
    expect(messages).toHaveLength(2);
    const mine = ok(
      await s.t.gql<{ coachConversations: { id: string; messages: { role: string }[] }[] }>(
        `{ coachConversations(first: 50) { id messages { role } } }`,
        {},
        ann.token,
      ),
    ).coachConversations;
    expect(mine[0]).toMatchObject({ id: conversationId, messages: [{ role: 'user' }, { role: 'assistant' }] });
  });
});

async function predicted(s: TestStack, user: TestUser, distance: string) {
  const c = await s.mcp(user.token);
  const result = await c.callTool({ name: 'predict_race', arguments: { distance } });
  return result.structuredContent as { time: string };
}
