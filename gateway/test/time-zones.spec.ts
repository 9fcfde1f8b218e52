import { errorOf, ok, startTestGateway, TEST_PASSWORD } from './harness';
import type { TestGateway, TestUser } from './harness';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

const DAY = 86_400_000;
const LA = 'America/Los_Angeles';
const LONDON = 'Europe/London';

/*
 * Calendar arithmetic done here with Intl alone, independently of the code under test: the local
 * date of an instant, and the instant a local date's midnight starts (found by searching whole and
 * half hours around UTC midnight, enough for every zone used here).
 */
function localDate(instant: Date, timeZone: string): { y: number; m: number; d: number; weekday: number; hour: number; minute: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday);
  return { y: +parts.year, m: +parts.month - 1, d: +parts.day, weekday, hour: +parts.hour, minute: +parts.minute };
}
function localInstant(y: number, m: number, d: number, hour: number, minute: number, timeZone: string): Date {
  for (let offset = -14 * 60; offset <= 14 * 60; offset += 30) {
    const candidate = new Date(Date.UTC(y, m, d, hour, minute) - offset * 60_000);
    const l = localDate(candidate, timeZone);
    const wanted = new Date(Date.UTC(y, m, d));
    if (
      l.y === wanted.getUTCFullYear() &&
      l.m === wanted.getUTCMonth() &&
      l.d === wanted.getUTCDate() &&
      l.hour === hour &&
      l.minute === minute
    )
      return candidate;
  }
  throw new Error(`no ${hour}:${minute} on ${y}-${m + 1}-${d} in ${timeZone}`);
}
/** Monday 00:00 (as an instant) of the local week containing `instant` in `timeZone`. */
function localMonday(instant: Date, timeZone: string): Date {
  const l = localDate(instant, timeZone);
  return localInstant(l.y, l.m, l.d - ((l.weekday + 6) % 7), 0, 0, timeZone);
}

async function signUpIn(name: string, timeZone: string): Promise<TestUser> {
  const user = await t.signUp(name);
  ok(
    await t.gql(`mutation($z: String) { updateProfile(input: { trainingProfile: { timeZone: $z } }) { id } }`, { z: timeZone }, user.token),
  );
  return user;
}

async function run(user: TestUser, startedAt: Date, distance = 10000, duration = 3000): Promise<void> {
  ok(
    await t.gql(
      `mutation($input: RunInput!) { createRun(input: $input) { id } }`,
      { input: { startedAt: startedAt.toISOString(), distance, duration, visibility: 'PUBLIC' } },
      user.token,
    ),
  );
}

interface Week {
  weekStart: string;
  distance: number;
  runCount: number;
}
async function weeks(user: TestUser, count: number): Promise<Week[]> {
  return ok(
    await t.gql<{ trainingSummary: { weeks: Week[] } }>(
      `query($w: Int) { trainingSummary(weeks: $w) { weeks { weekStart distance runCount } } }`,
      { w: count },
      user.token,
    ),
  ).trainingSummary.weeks;
}

/** 23:30 on the Sunday two weeks before this week in Los Angeles: Monday 07:30 (or 06:30) in London. */
function sundayNightInLosAngeles(): Date {
  const sunday = new Date(localMonday(new Date(), LA).getTime() - 8 * DAY);
  const l = localDate(new Date(sunday.getTime() + 12 * 3600_000), LA);
  return localInstant(l.y, l.m, l.d, 23, 30, LA);
}

describe("the runner's time zone", () => {
  it('is UTC until set, is set at sign-up from the browser, and only IANA names are taken (BAD_USER_INPUT, nothing changed)', async () => {
    const plain = await t.signUp('NoZone');
    const zoneOf = async (u: TestUser) =>
      ok(await t.gql<{ me: { trainingProfile: { timeZone: string } } }>(`{ me { trainingProfile { timeZone } } }`, {}, u.token)).me
        .trainingProfile.timeZone;
    expect(await zoneOf(plain)).toBe('UTC');

    const res = await t.gql<{ signUp: { token: string } }>(`mutation($input: SignUpInput!) { signUp(input: $input) { token } }`, {
      input: { email: 'zoned@example.com', password: TEST_PASSWORD, name: 'Zoned', username: 'zoned', timeZone: 'america/los_angeles' },
    });
    const zoned = { ...plain, token: ok(res).signUp.token };
    expect(await zoneOf(zoned)).toBe(LA);

    const badSignUp = await t.gql(`mutation($input: SignUpInput!) { signUp(input: $input) { token } }`, {
      input: { email: 'nozone@example.com', password: TEST_PASSWORD, name: 'Bad', username: 'badzone', timeZone: 'Mars/Olympus' },
    });
    expect(errorOf(badSignUp)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeZone' });
    expect(await t.sql(`SELECT 1 FROM users WHERE username = 'badzone'`)).toEqual([]);

    for (const bad of ['Mars/Olympus', '+02:00', '']) {
      const refused = await t.gql(
        `mutation($z: String) { updateProfile(input: { bio: "changed", trainingProfile: { timeZone: $z } }) { id } }`,
        { z: bad },
        zoned.token,
      );
      expect(errorOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'trainingProfile.timeZone' });
    }
    expect(await zoneOf(zoned)).toBe(LA);
    ok(await t.gql(`mutation { updateProfile(input: { trainingProfile: { timeZone: null, level: BEGINNER } }) { id } }`, {}, zoned.token));
    expect(await zoneOf(zoned)).toBe(LA);
    ok(await t.gql(`mutation { updateProfile(input: { trainingProfile: { timeZone: "Europe/London" } }) { id } }`, {}, zoned.token));
    expect(await zoneOf(zoned)).toBe(LONDON);
  });

  it("counts a Sunday 23:30 run in Los Angeles in that Sunday's week there, and in the next week in London", async () => {
    const sunday = sundayNightInLosAngeles();
    const inLA = await signUpIn('Angeleno', LA);
    const inLondon = await signUpIn('Londoner', LONDON);
    await run(inLA, sunday);
    await run(inLondon, sunday);

    const la = await weeks(inLA, 4);
    const london = await weeks(inLondon, 4);
    // Each week starts at its zone's local Monday midnight.
    expect(la.map((w) => w.weekStart)).toEqual([21, 14, 7, 0].map((d) => localMonday(new Date(Date.now() - d * DAY), LA).toISOString()));
    expect(london.map((w) => w.weekStart)).toEqual(
      [21, 14, 7, 0].map((d) => localMonday(new Date(Date.now() - d * DAY), LONDON).toISOString()),
    );
    const laWeek = la.find((w) => w.runCount > 0)!;
    const londonWeek = london.find((w) => w.runCount > 0)!;
    expect(la.filter((w) => w.runCount > 0)).toHaveLength(1);
    expect(london.filter((w) => w.runCount > 0)).toHaveLength(1);
    // Los Angeles: the Monday six days before that Sunday; London: the Monday of the same instant.
    const sundayLocal = localDate(sunday, LA);
    expect(localDate(new Date(laWeek.weekStart), LA)).toMatchObject({
      d: localDate(new Date(Date.UTC(sundayLocal.y, sundayLocal.m, sundayLocal.d - 6)), 'UTC').d,
      weekday: 1,
    });
    expect(new Date(laWeek.weekStart).getTime()).toBeLessThan(sunday.getTime());
    expect(new Date(londonWeek.weekStart).getTime()).toBeGreaterThan(new Date(laWeek.weekStart).getTime() + 6 * DAY);
    expect(londonWeek.weekStart).toBe(localMonday(sunday, LONDON).toISOString());
    expect(localDate(sunday, LONDON).weekday).toBe(1);
    expect([laWeek.distance, londonWeek.distance]).toEqual([10000, 10000]);
  });

  it('counts training-load days in the zone: the Sunday-night run loads Sunday in Los Angeles and Monday in London', async () => {
    const sunday = sundayNightInLosAngeles();
    const inLA = await signUpIn('LoadLA', LA);
    const inLondon = await signUpIn('LoadLondon', LONDON);
    await run(inLA, sunday);
    await run(inLondon, sunday);
    const loadDay = async (u: TestUser, timeZone: string) => {
      const load = ok(
        await t.gql<{ trainingSummary: { load: { date: string; acute: number }[] } }>(
          `{ trainingSummary(weeks: 4) { load { date acute } } }`,
          {},
          u.token,
        ),
      ).trainingSummary.load;
      const first = load.find((d) => d.acute > 0)!;
      // Every day starts at local midnight.
      expect(load.every((d) => localDate(new Date(d.date), timeZone).hour === 0)).toBe(true);
      return localDate(new Date(first.date), timeZone).weekday;
    };
    expect(await loadDay(inLA, LA)).toBe(0);
    expect(await loadDay(inLondon, LONDON)).toBe(1);
  });

  it("counts month and year stats and leaderboard periods in the viewer's own zone", async () => {
    // Kiritimati is UTC+14 and Pago Pago UTC−11, neither with summer time: the first minute of this
    // month in Kiritimati is still the previous month's last day in Pago Pago.
    const EAST = 'Pacific/Kiritimati';
    const WEST = 'Pacific/Pago_Pago';
    const nowEast = localDate(new Date(), EAST);
    const monthStart = localInstant(nowEast.y, nowEast.m, 1, 0, 1, EAST);
    const yearStart = localInstant(nowEast.y, 0, 1, 0, 1, EAST);
    const east = await signUpIn('East', EAST);
    const west = await signUpIn('West', WEST);
    const runner = await t.signUp('Runner');
    for (const viewer of [east, west]) {
      ok(await t.gql(`mutation($id: ID!) { follow(userId: $id) { id } }`, { id: runner.id }, viewer.token));
    }
    await run(runner, monthStart, 5000, 1500);
    await run(runner, yearStart, 7000, 2100);

    const stats = async (viewer: TestUser, period: string) =>
      ok(
        await t.gql<{ user: { stats: { runCount: number; distance: number } } }>(
          `query($id: ID!, $p: Period!) { user(id: $id) { stats(period: $p) { runCount distance } } }`,
          { id: runner.id, p: period },
          viewer.token,
        ),
      ).user.stats;
    const boardDistance = async (viewer: TestUser, period: string) =>
      ok(
        await t.gql<{ leaderboard: { user: { id: string }; distance: number }[] }>(
          `query($p: Period!) { leaderboard(period: $p) { user { id } distance } }`,
          { p: period },
          viewer.token,
        ),
      ).leaderboard.find((e) => e.user.id === runner.id)!.distance;

    // What the west viewer should see, from the same independent calendar.
    const nowWest = localDate(new Date(), WEST);
    const inWest = (instant: Date, sameYearOnly: boolean) => {
      const l = localDate(instant, WEST);
      return l.y === nowWest.y && (sameYearOnly || l.m === nowWest.m);
    };
    // On the first of January both runs are this month's.
    const eastMonth = monthStart.getTime() === yearStart.getTime() ? { runCount: 2, distance: 12000 } : { runCount: 1, distance: 5000 };
    expect(await stats(east, 'MONTH')).toEqual(eastMonth);
    expect(await stats(east, 'YEAR')).toEqual({ runCount: 2, distance: 12000 });
    const runs = [
      { at: monthStart, distance: 5000 },
      { at: yearStart, distance: 7000 },
    ];
    const westMonth = runs.filter((r) => inWest(r.at, false));
    const westYear = runs.filter((r) => inWest(r.at, true));
    const total = (rs: { distance: number }[]) => rs.reduce((sum, r) => sum + r.distance, 0);
    expect(await stats(west, 'MONTH')).toEqual({ runCount: westMonth.length, distance: total(westMonth) });
    expect(await stats(west, 'YEAR')).toEqual({ runCount: westYear.length, distance: total(westYear) });

    expect(await boardDistance(east, 'MONTH')).toBe(eastMonth.distance);
    expect(await boardDistance(east, 'YEAR')).toBe(12000);
    expect(await boardDistance(west, 'MONTH')).toBe(total(westMonth));
    expect(await boardDistance(west, 'YEAR')).toBe(total(westYear));
  });
});
