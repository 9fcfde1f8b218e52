import { predictTimeFromVdot, riegel, runLoad, trainingPaces, vdotFromRace } from '@maratron/domain';
import { errorOf, ok, startTestGateway } from './harness';
import type { TestGateway, TestUser } from './harness';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

const DAY = 86_400_000;
const hms = (h: number, m: number, s: number) => h * 3600 + m * 60 + s;
const SUMMARY = `query($weeks: Int) { trainingSummary(weeks: $weeks) {
  weeks { weekStart distance duration runCount }
  personalRecords { distance duration run { id name } }
  vdot
  predictions { distance duration }
  load { date acute chronic balance }
  shoeAlerts { id name usage }
} }`;

interface Summary {
  weeks: { weekStart: string; distance: number; duration: number; runCount: number }[];
  personalRecords: { distance: string; duration: number; run: { id: string; name: string | null } }[];
  vdot: number | null;
  predictions: { distance: string; duration: number }[];
  load: { date: string; acute: number; chronic: number; balance: number }[];
  shoeAlerts: { id: string; name: string; usage: number }[];
}

async function summary(user: TestUser, weeks?: number | null) {
  return ok(await t.gql<{ trainingSummary: Summary }>(SUMMARY, weeks === undefined ? {} : { weeks }, user.token)).trainingSummary;
}

async function run(user: TestUser, startedAt: Date, distance: number, duration: number, extra: Record<string, unknown> = {}) {
  return ok(
    await t.gql<{ createRun: { id: string } }>(
      `mutation($input: RunInput!) { createRun(input: $input) { id } }`,
      { input: { startedAt: startedAt.toISOString(), distance, duration, ...extra } },
      user.token,
    ),
  ).createRun.id;
}

/** Monday 00:00 UTC of the current ISO week, computed here independently of the code under test. */
function thisMonday(now = new Date()): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(midnight - ((now.getUTCDay() + 6) % 7) * DAY);
}

describe('trainingSummary — weeks and stats', () => {
  it('needs a signed-in runner and 1–260 weeks (12 by default)', async () => {
    const a = await t.signUp('Weeks');
    expect(errorOf(await t.gql(SUMMARY, {}))).toMatchObject({ code: 'UNAUTHENTICATED' });
    for (const weeks of [0, -3, 261]) {
      expect(errorOf(await t.gql(SUMMARY, { weeks }, a.token))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'weeks',
        message: 'Weeks must be between 1 and 260',
      });
    }
    expect((await summary(a)).weeks).toHaveLength(12);
    expect((await summary(a, null)).weeks).toHaveLength(12);
    expect((await summary(a, 260)).weeks).toHaveLength(260);
  });

  it('gives exactly `weeks` ISO weeks, oldest first, zeros included, ending with the current week — the viewer’s runs only', async () => {
    const a = await t.signUp('Volume');
    const other = await t.signUp('NotMine');
    const monday = thisMonday();
    // Either side of this week's Monday 00:00 UTC, in an older week, and a private run (still the viewer's).
    await run(a, new Date(monday.getTime() - 30 * 60_000), 10000, 3000); // last week's Sunday 23:30
    await run(a, new Date(monday.getTime() + 30 * 60_000), 6000, 1800, { visibility: 'PRIVATE' });
    await run(a, new Date(monday.getTime() - 20 * DAY), 8000, 2400);
    await run(a, new Date(monday.getTime() - 20 * DAY + 3600_000), 4000, 1300);
    await run(a, new Date(monday.getTime() - 40 * DAY), 21000, 7000); // before a 4-week window
    await run(other, new Date(monday.getTime() + 3600_000), 30000, 9000);

    const weeks = (await summary(a, 4)).weeks;
    expect(weeks.map((w) => w.weekStart)).toEqual([21, 14, 7, 0].map((d) => new Date(monday.getTime() - d * DAY).toISOString()));
    expect(weeks.map((w) => [w.distance, w.duration, w.runCount])).toEqual([
      [12000, 3700, 2],
      [0, 0, 0],
      [10000, 3000, 1],
      [6000, 1800, 1],
    ]);

    // User.stats uses the same UTC boundaries: this week is the last weekly entry.
    const stats = ok(
      await t.gql<{
        user: { week: { runCount: number; distance: number; duration: number }; all: { runCount: number; distance: number } };
      }>(
        `query($id: ID) { user(id: $id) { week: stats(period: WEEK) { runCount distance duration } all: stats(period: ALL_TIME) { runCount distance } } }`,
        { id: a.id },
        a.token,
      ),
    ).user;
    expect(stats.week).toEqual({ runCount: 1, distance: 6000, duration: 1800 });
    expect(stats.all).toEqual({ runCount: 5, distance: 49000 });
  });

  it('counts MONTH and YEAR by calendar month and year in UTC, as stats does for WEEK', async () => {
    const a = await t.signUp('Calendar');
    const now = new Date();
    const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
    const yearStart = Date.UTC(now.getUTCFullYear(), 0, 1);
    await run(a, new Date(monthStart - 60_000), 5000, 1500); // the last minute of last month
    await run(a, new Date(monthStart + 60_000), 7000, 2100);
    await run(a, new Date(yearStart - 60_000), 9000, 2700); // last year
    // Last month is in this year too, except in January.
    const inYear = 7000 + (monthStart > yearStart ? 5000 : 0);
    const stats = ok(
      await t.gql<{ user: { month: { distance: number }; year: { distance: number } } }>(
        `query($id: ID) { user(id: $id) { month: stats(period: MONTH) { distance } year: stats(period: YEAR) { distance } } }`,
        { id: a.id },
        a.token,
      ),
    ).user;
    expect(stats).toEqual({ month: { distance: 7000 }, year: { distance: inYear } });
  });
});

describe('trainingSummary — records, VDOT and predictions', () => {
  it('finds records inside whole runs (pro-rated) across all of the viewer’s runs, private ones included', async () => {
    const a = await t.signUp('Records');
    const other = await t.signUp('Faster');
    await run(a, new Date(Date.now() - 10 * DAY), 12000, 3600, { name: '12K' });
    const half = await run(a, new Date(Date.now() - 5 * DAY), 21097.5, hms(1, 45, 0), { name: 'Half', visibility: 'PRIVATE' });
    await run(a, new Date(Date.now() - 3 * DAY), 4000, 1000); // short of 5 km: no record
    await run(other, new Date(Date.now() - 3 * DAY), 10000, 2100);

    const s = await summary(a);
    expect(s.personalRecords).toEqual([
      // The half at 4:58.6/km beats the 12K's 5:00/km over 5 km too.
      { distance: 'K5', duration: Math.round((6300 * 5000) / 21097.5), run: { id: half, name: 'Half' } },
      { distance: 'K10', duration: Math.round((6300 * 10000) / 21097.5), run: { id: half, name: 'Half' } },
      { distance: 'HALF_MARATHON', duration: 6300, run: { id: half, name: 'Half' } },
    ]);
  });

  it('takes VDOT from the best effort of the last 180 days and predicts the Daniels table (VDOT 50)', async () => {
    const a = await t.signUp('Vdot');
    const old = await run(a, new Date(Date.now() - 200 * DAY), 5000, hms(0, 18, 0), { name: 'Old PB' });
    const parkrun = await run(a, new Date(Date.now() - 20 * DAY), 5000, hms(0, 19, 57), { name: 'Parkrun' });
    await run(a, new Date(Date.now() - 10 * DAY), 10000, hms(0, 50, 0));

    const s = await summary(a);
    expect(s.personalRecords[0]).toEqual({ distance: 'K5', duration: hms(0, 18, 0), run: { id: old, name: 'Old PB' } });
    const vdot = vdotFromRace(5000, hms(0, 19, 57))!;
    expect(s.vdot).toBe(Math.round(vdot * 10) / 10);
    expect(Math.abs(s.vdot! - 50)).toBeLessThanOrEqual(0.5);
    const predicted = Object.fromEntries(s.predictions.map((p) => [p.distance, p.duration]));
    expect(predicted).toEqual({
      K5: Math.round(predictTimeFromVdot(vdot, 5000)),
      K10: Math.round(predictTimeFromVdot(vdot, 10000)),
      HALF_MARATHON: Math.round(predictTimeFromVdot(vdot, 21097.5)),
      MARATHON: Math.round(predictTimeFromVdot(vdot, 42195)),
    });
    // Daniels' VDOT 50 row: 10K 41:21, marathon 3:10:49 (±2 min).
    expect(Math.abs(predicted.K10 - hms(0, 41, 21))).toBeLessThanOrEqual(120);
    expect(Math.abs(predicted.MARATHON - hms(3, 10, 49))).toBeLessThanOrEqual(120);

    // Moving the parkrun out of the window leaves the 10 km at 5:00/km (and its pro-rated 5 km) to set VDOT.
    ok(
      await t.gql(
        `mutation($id: ID!, $at: DateTime) { updateRun(id: $id, input: { startedAt: $at }) { id } }`,
        { id: parkrun, at: new Date(Date.now() - 400 * DAY).toISOString() },
        a.token,
      ),
    );
    const later = await summary(a);
    const tenK = Math.max(vdotFromRace(10000, 3000)!, vdotFromRace(5000, 1500)!);
    expect(later.vdot).toBe(Math.round(tenK * 10) / 10);
    expect(later.personalRecords[0].run.id).toBe(old);
  });

  it('falls back to Riegel where VDOT is undefined (walking-pace efforts), and says nothing without runs', async () => {
    const a = await t.signUp('Riegel');
    const empty = await summary(a, 2);
    expect(empty).toMatchObject({ personalRecords: [], vdot: null, predictions: [], shoeAlerts: [] });
    expect(empty.weeks.every((w) => w.distance === 0 && w.runCount === 0)).toBe(true);
    expect(empty.load.every((d) => d.acute === 0 && d.chronic === 0 && d.balance === 0)).toBe(true);

    // A 10 km walk at 16:00/km: its 5 km and 10 km efforts are below the VDOT formula's range;
    // the 10 km projects faster by Riegel (t / d^1.06), so it is the basis.
    const walk = hms(2, 40, 0);
    await run(a, new Date(Date.now() - 30 * DAY), 10000, walk);
    const s = await summary(a);
    expect(s.vdot).toBeNull();
    expect(s.personalRecords.map((r) => [r.distance, r.duration])).toEqual([
      ['K5', walk / 2],
      ['K10', walk],
    ]);
    expect(s.predictions).toEqual(
      (
        [
          ['K5', 5000],
          ['K10', 10000],
          ['HALF_MARATHON', 21097.5],
          ['MARATHON', 42195],
        ] as const
      ).map(([distance, metres]) => ({ distance, duration: Math.round(riegel(walk, 10000, metres)) })),
    );
  });
});

describe('trainingSummary — load and shoe alerts', () => {
  it('gives one day per date from the first week to today, with EWMA acute/chronic load and balance', async () => {
    const a = await t.signUp('Load');
    const s0 = await summary(a, 2);
    const first = new Date(s0.weeks[0].weekStart).getTime();
    const today = Math.floor(Date.now() / DAY) * DAY;
    expect(s0.load.map((d) => d.date)).toEqual(
      Array.from({ length: (today - first) / DAY + 1 }, (_, i) => new Date(first + i * DAY).toISOString()),
    );

    // A 24-minute 4 km run 3 days ago: no VDOT, so one point a minute: 24.
    const day = today - 3 * DAY;
    await run(a, new Date(day + 7 * 3600_000), 4000, 1440);
    const load = (await summary(a, 2)).load;
    const at = (offset: number) => load.find((d) => d.date === new Date(day + offset * DAY).toISOString());
    expect(at(-1)).toMatchObject({ acute: 0, chronic: 0 });
    expect(at(0)!.acute).toBeCloseTo(24 * (2 / 8), 2);
    expect(at(0)!.chronic).toBeCloseTo(24 * (2 / 43), 2);
    expect(at(3)!.acute).toBeCloseTo(6 * (6 / 8) ** 3, 2);
    expect(at(3)!.balance).toBeCloseTo(at(3)!.chronic - at(3)!.acute, 1);
  });

  it('scores runs against the threshold pace from the runner’s VDOT', async () => {
    const a = await t.signUp('Threshold');
    const today = Math.floor(Date.now() / DAY) * DAY;
    const race = { distance: 5000, duration: hms(0, 19, 57) };
    await run(a, new Date(today - 2 * DAY + 8 * 3600_000), race.distance, race.duration);
    const thresholdPace = trainingPaces(vdotFromRace(race.distance, race.duration)!).threshold;
    const expected = runLoad(race, { thresholdPace });
    expect(expected).toBeGreaterThan((race.duration / 60) * (100 / 60)); // faster than threshold: more than 100/h
    const day = (await summary(a, 2)).load.find((d) => d.date === new Date(today - 2 * DAY).toISOString());
    expect(day!.acute).toBeCloseTo(expected * 0.25, 1);
  });

  it('alerts on active shoes at 80 % of their life or more', async () => {
    const a = await t.signUp('Worn');
    const shoe = async (name: string, maxDistance: number, initialDistance = 0) =>
      ok(
        await t.gql<{ createShoe: { id: string } }>(
          `mutation($i: ShoeInput!) { createShoe(input: $i) { id } }`,
          { i: { name, maxDistance, initialDistance } },
          a.token,
        ),
      ).createShoe.id;
    const worn = await shoe('Worn', 10000, 4000);
    const fresh = await shoe('Fresh', 100000);
    const retired = await shoe('Retired', 10000, 9000);
    await run(a, new Date(Date.now() - DAY), 4000, 1400, { shoeId: worn });
    await run(a, new Date(Date.now() - DAY), 4000, 1400, { shoeId: fresh });
    await t.gql(`mutation { retireShoe(id: "${retired}") { id } }`, {}, a.token);
    expect((await summary(a)).shoeAlerts).toEqual([{ id: worn, name: 'Worn', usage: 0.8 }]);
  });

  it('costs the same few SQL statements for 2 or 40 runs', async () => {
    const a = await t.signUp('Statements');
    const count = async () => {
      const before = t.statements.count;
      await summary(a, 52);
      return t.statements.count - before;
    };
    for (let i = 0; i < 2; i++) await run(a, new Date(Date.now() - (i + 1) * DAY), 8000, 2400);
    const few = await count();
    for (let i = 2; i < 40; i++) await run(a, new Date(Date.now() - (i + 1) * DAY), 8000 + i * 100, 2400 + i * 30);
    expect(await count()).toBe(few);
    expect(few).toBeLessThanOrEqual(8);
  });
});
