// The rules a coach would check in a plan, asserted for every level × goal × days-per-week
// combination, over several recent volumes, plan lengths and preferred days (enumerated, so every
// run checks the same plans).
import { TrainingLevel, Weekday } from './enums';
import type { RaceDistanceKey } from './records';
import {
  CUTBACK_EVERY,
  generateTrainingPlan,
  longRunCap,
  MAX_LOADING_STREAK,
  MAX_WEEKLY_INCREASE,
  TAPER_WEEKS,
  volumeCeiling,
} from './training-plan';
import type { GeneratedPlan, PlannedSession, PlanRequest } from './training-plan';
import { trainingPaces } from './vdot';

const DAY = 86_400_000;
// A Wednesday.
const today = new Date('2025-03-05T10:00:00Z');
const nextMonday = Date.parse('2025-03-10T00:00:00Z');
const WEEKDAYS = [Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI, Weekday.SAT, Weekday.SUN];

const levels = [TrainingLevel.BEGINNER, TrainingLevel.INTERMEDIATE, TrainingLevel.ADVANCED];
const goals: RaceDistanceKey[] = ['K5', 'K10', 'HALF_MARATHON', 'MARATHON'];
const daysPerWeek = [3, 4, 5, 6, 7];
const recentVolumes = [0, 20_000, 69_000, 120_000];
/** Plan lengths in weeks (the race on the Sunday of the last week). */
const lengths = [6, 12, 20];
const preferences: Weekday[][] = [
  [],
  [Weekday.TUE, Weekday.THU, Weekday.SAT],
  [Weekday.MON, Weekday.WED, Weekday.FRI, Weekday.SAT, Weekday.SUN],
];

interface Case {
  name: string;
  req: PlanRequest;
  plan: GeneratedPlan;
}

const cases: Case[] = [];
for (const level of levels)
  for (const goal of goals)
    for (const days of daysPerWeek)
      for (const recent of recentVolumes)
        for (const weeks of lengths)
          for (const preferredDays of preferences) {
            const req: PlanRequest = {
              goal,
              level,
              daysPerWeek: days,
              recentWeeklyDistance: recent,
              vdot: 45,
              today,
              raceDate: new Date(nextMonday + (weeks * 7 - 1) * DAY),
              preferredDays,
            };
            cases.push({
              name: `${level} ${goal} ${days} d/wk from ${recent / 1000} km, ${weeks} weeks, prefers [${preferredDays.join(' ')}]`,
              req,
              plan: generateTrainingPlan(req),
            });
          }

/** The plan's training sessions (the race left out), grouped by the week they fall in. */
function sessionsByWeek(plan: GeneratedPlan): PlannedSession[][] {
  return plan.weeks.map((w) =>
    plan.workouts.filter(
      (s) => s.kind !== 'race' && s.date.getTime() >= w.start.getTime() && s.date.getTime() < w.start.getTime() + 7 * DAY,
    ),
  );
}

/**
 * Checks a rule on every plan: `check` reports what breaks it (nothing when the plan keeps it), and
 * the test fails with the first few breaches, each with the plan it came from (plain comparisons,
 * one expectation per rule: the plans are many).
 */
function everyPlan(check: (c: Case, breach: (what: string) => void) => void) {
  const breaches: string[] = [];
  for (const c of cases) check(c, (what) => breaches.push(`${c.name}: ${what}`));
  expect(breaches.slice(0, 5)).toEqual([]);
}

describe('training plan rules, for every level × goal × days a week', () => {
  it(`covers ${levels.length * goals.length * daysPerWeek.length} combinations, each over several volumes, lengths and preferences`, () => {
    expect(new Set(cases.map((c) => `${c.req.level} ${c.req.goal} ${c.req.daysPerWeek}`)).size).toBe(60);
    expect(cases).toHaveLength(60 * recentVolumes.length * lengths.length * preferences.length);
  });

  it('raises weekly volume by at most 10 % a week from the recent volume, except back up after a cut-back', () => {
    everyPlan(({ req, plan }, breach) => {
      const floor = 3000 * req.daysPerWeek;
      let lastLoading = req.recentWeeklyDistance;
      plan.weeks.forEach((week, i) => {
        if (week.phase === 'taper' || week.cutback) return;
        const allowed = i === 0 ? Math.max(floor, lastLoading * (1 + MAX_WEEKLY_INCREASE)) : lastLoading * (1 + MAX_WEEKLY_INCREASE);
        if (week.distance > allowed + 1e-6) breach(`week ${i + 1}: ${week.distance} m after ${lastLoading} m`);
        lastLoading = week.distance;
      });
    });
  });

  it('builds towards the goal: each loading week rises over the last until the ceiling (not flat)', () => {
    everyPlan(({ req, plan }, breach) => {
      const ceiling = volumeCeiling(req);
      const loading = plan.weeks.filter((w) => w.phase !== 'taper' && !w.cutback);
      for (let i = 1; i < loading.length; i++) {
        const [before, week] = [loading[i - 1].distance, loading[i].distance];
        if (before < ceiling ? week <= before : week !== ceiling)
          breach(`loading week ${i + 1}: ${week} m after ${before} m (ceiling ${ceiling} m)`);
      }
    });
  });

  it('has a cut-back week every third (beginners) or fourth week, never more than three loading weeks in a row', () => {
    everyPlan(({ req, plan }, breach) => {
      const every = CUTBACK_EVERY[req.level!];
      const building = plan.weeks.filter((w) => w.phase !== 'taper');
      let streak = 0;
      building.forEach((week, i) => {
        if (week.cutback) {
          // A real cut-back: lighter than the week before it, after two or three loading weeks.
          if (streak < 2 || streak > every - 1) breach(`cut-back in week ${i + 1} after ${streak} loading weeks`);
          if (week.distance >= building[i - 1].distance) breach(`cut-back week ${i + 1} is not lighter`);
          streak = 0;
        } else streak++;
        if (streak > MAX_LOADING_STREAK) breach(`${streak} loading weeks in a row at week ${i + 1}`);
      });
      if (building.length && building[building.length - 1].cutback) breach('a cut-back right before the taper');
      if (building.length > every && building.findIndex((w) => w.cutback) !== every - 1) breach(`first cut-back is not week ${every}`);
    });
  });

  it('makes the long run the longest run of every week but race week, growing to its peak within its cap', () => {
    everyPlan(({ req, plan }, breach) => {
      const byWeek = sessionsByWeek(plan);
      const cap = longRunCap(req.goal, req.level);
      let previousLoadingLong = 0;
      byWeek.forEach((sessions, i) => {
        const longs = sessions.filter((s) => s.kind === 'long');
        if (i === byWeek.length - 1) {
          if (longs.length) breach('a long run in race week');
          return;
        }
        if (longs.length !== 1) return breach(`${longs.length} long runs in week ${i + 1}`);
        const long = longs[0].distance;
        if (sessions.some((s) => s.kind !== 'long' && s.distance >= long)) breach(`week ${i + 1}: a run as long as the ${long} m long run`);
        if (long > cap) breach(`week ${i + 1}: long run ${long} m over the ${cap} m cap`);
        // Towards the peak: never shorter than the last loading week's long run.
        const week = plan.weeks[i];
        if (week.phase !== 'taper' && !week.cutback) {
          if (long < previousLoadingLong) breach(`week ${i + 1}: long run ${long} m after ${previousLoadingLong} m`);
          previousLoadingLong = long;
        }
      });
      // The longest long run comes before the taper.
      const longs = plan.workouts.filter((w) => w.kind === 'long');
      const longest = Math.max(...longs.map((w) => w.distance));
      if (longs.some((w) => w.phase === 'taper' && w.distance >= longest)) breach('the longest long run is in the taper');
    });
  });

  it('tapers over the last two weeks (three for a marathon), each smaller, with race week the smallest of the plan', () => {
    everyPlan(({ req, plan }, breach) => {
      const taper = plan.weeks.filter((w) => w.phase === 'taper');
      if (taper.length !== TAPER_WEEKS[req.goal]) breach(`${taper.length} taper weeks`);
      if (!plan.weeks.slice(-taper.length).every((w) => w.phase === 'taper')) breach('the taper is not at the end');
      const highest = Math.max(...plan.weeks.map((w) => w.distance));
      if (taper[0].distance >= highest) breach('the taper starts at the highest week');
      for (let i = 1; i < taper.length; i++) if (taper[i].distance >= taper[i - 1].distance) breach(`taper week ${i + 1} is not smaller`);
      const raceWeek = plan.weeks[plan.weeks.length - 1].distance;
      if (plan.weeks.slice(0, -1).some((w) => w.distance < raceWeek)) breach(`race week (${raceWeek} m) is not the smallest`);
    });
  });

  it("sets every pace from Daniels' VDOT paces, each kind distinct: intervals < tempo < marathon < long < easy (s/km)", () => {
    const paces = trainingPaces(45);
    expect(paces.interval).toBeLessThan(paces.threshold);
    expect(paces.threshold).toBeLessThan(paces.marathon);
    expect(paces.marathon).toBeLessThan(paces.long);
    expect(paces.long).toBeLessThan(paces.easy);
    const expected: Record<string, number> = { intervals: paces.interval, tempo: paces.threshold, long: paces.long, easy: paces.easy };
    everyPlan(({ plan }, breach) => {
      for (const w of plan.workouts.filter((x) => x.kind !== 'race'))
        if (w.targetPace !== expected[w.kind]) breach(`${w.kind} on ${w.date.toISOString()} at ${w.targetPace} s/km`);
      const kinds = new Set(plan.workouts.map((w) => w.kind));
      if (!kinds.has('easy') || !kinds.has('long')) breach('no easy or no long runs');
    });
  });

  it('keeps daysPerWeek and the preferred days: every full week runs on exactly that many days, on the preferred ones', () => {
    everyPlan(({ req, plan }, breach) => {
      const preferred = new Set(req.preferredDays!.map((d) => WEEKDAYS.indexOf(d)));
      const byWeek = sessionsByWeek(plan);
      byWeek.slice(0, -1).forEach((sessions, i) => {
        const days = sessions.map((s) => (s.date.getUTCDay() + 6) % 7);
        if (new Set(days).size !== req.daysPerWeek || sessions.length !== req.daysPerWeek)
          breach(`week ${i + 1} runs on days ${days.join(',')}`);
        const kept =
          preferred.size >= req.daysPerWeek ? days.every((d) => preferred.has(d)) : [...preferred].every((d) => days.includes(d));
        if (!kept) breach(`week ${i + 1} runs on days ${days.join(',')}`);
      });
      // Race week: only days before the race, never more than daysPerWeek.
      if (byWeek[byWeek.length - 1].length > req.daysPerWeek) breach('race week has too many runs');
    });
  });

  it('adds each week up from its sessions', () => {
    everyPlan(({ plan }, breach) => {
      sessionsByWeek(plan).forEach((sessions, i) => {
        const sum = sessions.reduce((s, x) => s + x.distance, 0);
        if (sum !== plan.weeks[i].distance) breach(`week ${i + 1}: sessions add up to ${sum} m, not ${plan.weeks[i].distance} m`);
      });
    });
  });
});
