// The local coach (no ANTHROPIC_API_KEY) through askCoach: the period a question names, questions it
// can't answer, shoes by the shoe alerts' rule, and the plan it makes from the runner's profile.
import { formatDuration, formatPace } from '@maratron/domain';
import { startStack } from '../../ai-server/test/stack';
import type { TestStack } from '../../ai-server/test/stack';
import { ok } from './harness';
import type { TestUser } from './harness';

const DAY = 86_400_000;
const ASK = `mutation($m: String!) { askCoach(message: $m) { message { content } toolCalls { name } } }`;
interface Asked {
  askCoach: { message: { content: string }; toolCalls: { name: string }[] };
}
interface Stats {
  distance: number;
  duration: number;
  runCount: number;
}
const km = (m: number) => `${(Math.round(m / 100) / 10).toFixed(1)} km`;
const runs = (n: number) => `${n} run${n === 1 ? '' : 's'}`;

describe('the local coach: periods, scope, shoes and plans', () => {
  let s: TestStack;
  let ann: TestUser;
  const ask = async (user: TestUser, message: string) => ok(await s.t.gql<Asked>(ASK, { m: message }, user.token)).askCoach;
  const stats = async (user: TestUser, period: string) =>
    ok(
      await s.t.gql<{ user: { stats: Stats } }>(
        `query($id: ID!, $p: Period!) { user(id: $id) { stats(period: $p) { distance duration runCount } } }`,
        { id: user.id, p: period },
        user.token,
      ),
    ).user.stats;

  beforeAll(async () => {
    s = await startStack();
    ann = await s.t.signUp('Ann');
    // Runs spread over the last 70 days: this week, this month and this year hold different ones
    // on most days of the year (the test reads each period's figures from User.stats).
    for (const [daysAgo, distance, duration] of [
      [0, 6000, 1920],
      [2, 8000, 2640],
      [9, 12000, 3840],
      [16, 10000, 3300],
      [27, 15000, 5100],
      [45, 21000, 7350],
      [70, 9000, 2970],
    ]) {
      ok(
        await s.t.gql(
          `mutation($i: RunInput!) { createRun(input: $i) { id } }`,
          { i: { startedAt: new Date(Date.now() - daysAgo * DAY).toISOString(), distance, duration } },
          ann.token,
        ),
      );
    }
  });
  afterAll(() => s.close());

  it('answers "How was my training this month?" with the month’s own figures', async () => {
    const [month, week] = [await stats(ann, 'MONTH'), await stats(ann, 'WEEK')];
    const reply = await ask(ann, 'How was my training this month?');
    expect(reply.message.content).toContain(
      `This month you have run ${km(month.distance)} in ${runs(month.runCount)}, ${formatDuration(month.duration)} in all, at ${formatPace(month.duration / (month.distance / 1000))} on average.`,
    );
    expect(reply.message.content).toContain(`This week so far: ${km(week.distance)}`);
    expect(reply.toolCalls.map((c) => c.name)).toEqual(['get_user_context']);
  });

  it('answers this year, last week and this week with their own figures', async () => {
    const year = await stats(ann, 'YEAR');
    expect((await ask(ann, 'How much have I run this year?')).message.content).toContain(
      `This year you have run ${km(year.distance)} in ${runs(year.runCount)}, ${formatDuration(year.duration)} in all`,
    );
    expect((await ask(ann, 'How did I do last week?')).message.content).toMatch(/^Last week \(from \d{4}-\d{2}-\d{2}\) you ran /);
    const week = await stats(ann, 'WEEK');
    expect((await ask(ann, 'How is my week going?')).message.content).toContain(
      `This week you have run ${km(week.distance)} in ${runs(week.runCount)},`,
    );
  });

  it('says what it can help with when asked something outside running, calling no tool', async () => {
    const reply = await ask(ann, 'What is the weather tomorrow?');
    expect(reply.message.content).toContain('I can help with your running:');
    expect(reply.message.content).toContain('which shoes to retire');
    expect(reply.message.content).not.toMatch(/you have run|This week/);
    expect(reply.toolCalls).toEqual([]);
  });

  it("writes distances and paces in the runner's units", async () => {
    const mia = await s.t.signUp('Mia Miles');
    ok(await s.t.gql(`mutation { updateProfile(input: { units: IMPERIAL }) { id } }`, {}, mia.token));
    ok(
      await s.t.gql(
        `mutation($i: RunInput!) { createRun(input: $i) { id } }`,
        { i: { startedAt: new Date(Date.now() - 3600_000).toISOString(), distance: 16_093.44, duration: 4800 } },
        mia.token,
      ),
    );
    const reply = await ask(mia, 'How was my training this month?');
    // 10 miles in 1:20:00: 8:00 a mile.
    expect(reply.message.content).toContain('This month you have run 10.0 mi in 1 run, 1:20:00 in all, at 8:00/mi on average.');
    expect(reply.message.content).not.toMatch(/\bkm\b/);
  });

  it('calls a shoe at 100 % due for retirement, as the shoe alerts do', async () => {
    const cleo = await s.t.signUp('Cleo');
    // 499.8 of 500 km: shown as 100 %.
    for (const [name, initialDistance] of [
      ['Worn Pegasus', 499_800],
      ['Fresh Clifton', 100_000],
    ] as const) {
      ok(
        await s.t.gql(
          `mutation($i: ShoeInput!) { createShoe(input: $i) { id } }`,
          { i: { name, maxDistance: 500_000, initialDistance } },
          cleo.token,
        ),
      );
    }
    const reply = await ask(cleo, 'Should I retire any of my shoes?');
    expect(reply.message.content).toMatch(/^Retire Worn Pegasus now\./);
    expect(reply.message.content).toContain('Worn Pegasus: 499.8 of 500.0 km (100 %)');
    expect(reply.message.content).not.toContain('Nothing to retire yet');
    const alerts = ok(
      await s.t.gql<{ trainingSummary: { shoeAlerts: { name: string }[] } }>(`{ trainingSummary { shoeAlerts { name } } }`, {}, cleo.token),
    ).trainingSummary.shoeAlerts;
    expect(alerts.map((a) => a.name)).toEqual(['Worn Pegasus']);
  });

  it("makes a plan on the runner's preferred days, the long run the longest of each week at its own pace", async () => {
    ok(
      await s.t.gql(
        `mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { id } }`,
        { i: { trainingProfile: { level: 'BEGINNER', goals: [], preferredDays: ['TUE', 'THU', 'SAT', 'SUN'] } } },
        ann.token,
      ),
    );
    const raceDate = new Date(Date.now() + 12 * 7 * DAY).toISOString().slice(0, 10);
    await ask(ann, `Make me a plan for a half marathon on ${raceDate}`);
    const plan = ok(
      await s.t.gql<{ trainingPlan: { workouts: { date: string; kind: string; distance: number; targetPace: number | null }[] } }>(
        `{ trainingPlan { workouts { date kind distance targetPace } } }`,
        {},
        ann.token,
      ),
    ).trainingPlan;
    const training = plan.workouts.filter((w) => w.kind !== 'race');
    expect(new Set(training.map((w) => new Date(w.date).getUTCDay()))).toEqual(new Set([2, 4, 6, 0]));
    // Every week before race week: one long run, longer than any other run of its week.
    const mondayOf = (date: string) => {
      const day = new Date(date);
      return day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY;
    };
    const raceWeek = mondayOf(raceDate);
    expect(training.filter((w) => mondayOf(w.date) === raceWeek && w.kind === 'long')).toEqual([]);
    const weeks = new Map<number, typeof training>();
    for (const w of training.filter((x) => mondayOf(x.date) < raceWeek))
      weeks.set(mondayOf(w.date), [...(weeks.get(mondayOf(w.date)) ?? []), w]);
    expect(weeks.size).toBeGreaterThanOrEqual(11);
    for (const week of weeks.values()) {
      const long = week.filter((w) => w.kind === 'long');
      expect(long).toHaveLength(1);
      expect(Math.max(...week.filter((w) => w.kind !== 'long').map((w) => w.distance))).toBeLessThan(long[0].distance);
    }
    const pace = (kind: string) => new Set(training.filter((w) => w.kind === kind).map((w) => w.targetPace));
    expect(pace('long').size).toBe(1);
    expect(pace('easy').size).toBe(1);
    expect([...pace('long')][0]!).toBeLessThan([...pace('easy')][0]!);
  });
});
