// The coach sees the runner's calendar: get_user_context and training_summary give weeks that
// start on the runner's local Monday, and records dated on the runner's local day.
import { ok } from '../../gateway/test/harness';
import { startStack, toolJson } from './stack';
import type { ToolOutput } from '../src';
import type { TestStack } from './stack';

let s: TestStack;
beforeAll(async () => {
  s = await startStack();
}, 30_000);
afterAll(() => s.close());

const DAY = 86_400_000;
const ZONE = 'Pacific/Kiritimati'; // UTC+14 all year
/** The local date of an instant in ZONE, as YYYY-MM-DD (en-CA formats dates that way). */
const localDate = (instant: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(instant);

describe("the coach's dates are the runner's", () => {
  it('counts a Sunday-evening UTC run in the local Monday’s week and dates its record on that Monday', async () => {
    const kim = await s.t.signUp('Kim');
    ok(await s.t.gql(`mutation { updateProfile(input: { trainingProfile: { timeZone: "${ZONE}" } }) { id } }`, {}, kim.token));
    // Sunday 20:00 UTC, two weeks or more ago: Monday 10:00 in Kiritimati.
    const d = new Date(Date.now() - 14 * DAY);
    const sunday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - d.getUTCDay(), 20));
    ok(
      await s.t.gql(
        `mutation($input: RunInput!) { createRun(input: $input) { id } }`,
        { input: { startedAt: sunday.toISOString(), distance: 5000, duration: 1500 } },
        kim.token,
      ),
    );
    const monday = localDate(sunday);
    expect(monday).toBe(new Date(sunday.getTime() + DAY).toISOString().slice(0, 10));

    const c = await s.mcp(kim.token);
    const context = toolJson<ToolOutput<'userContext'>>(await c.callTool({ name: 'get_user_context', arguments: {} }));
    const weeks = [...context.lastFourWeeks, context.thisWeek];
    expect(weeks.filter((w) => w.runCount > 0).map((w) => w.weekStart)).toEqual([monday]);
    expect(context.recentRecords.map((r) => r.date)).toEqual([monday]);

    const summary = toolJson<ToolOutput<'trainingSummary'>>(await c.callTool({ name: 'training_summary', arguments: { weeks: 4 } }));
    expect(summary.weeks.filter((w) => w.runCount > 0).map((w) => w.weekStart)).toEqual([monday]);
  });
});
