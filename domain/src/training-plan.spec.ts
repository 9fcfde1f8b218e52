import { generateTrainingPlan, MAX_WEEKLY_INCREASE, phasesFor, volumeCeiling, weeklyVolumes } from './training-plan';
import type { PlanRequest } from './training-plan';
import { trainingPaces } from './vdot';

const DAY = 86_400_000;
// A Wednesday.
const today = new Date('2025-03-05T10:00:00Z');
const request = (over: Partial<PlanRequest> = {}): PlanRequest => ({
  goal: 'HALF_MARATHON',
  raceDate: new Date('2025-06-15T00:00:00Z'),
  daysPerWeek: 4,
  vdot: 45,
  recentWeeklyDistance: 25_000,
  today,
  ...over,
});

describe('generateTrainingPlan', () => {
  it('starts the Monday after today and ends with the race on race day', () => {
    const plan = generateTrainingPlan(request());
    expect(plan.weeks[0].start.toISOString()).toBe('2025-03-10T00:00:00.000Z');
    expect(plan.workouts[0].date.getTime()).toBeGreaterThanOrEqual(plan.weeks[0].start.getTime());
    const race = plan.workouts[plan.workouts.length - 1];
    expect(race).toMatchObject({ kind: 'race', distance: 21097.5, date: new Date('2025-06-15T00:00:00Z') });
    expect(plan.workouts.filter((w) => w.kind === 'race')).toHaveLength(1);
    expect(plan.workouts.every((w) => w.date.getTime() <= race.date.getTime())).toBe(true);
  });

  it('goes through base, build, peak and taper in order', () => {
    const phases = generateTrainingPlan(request()).weeks.map((w) => w.phase);
    const order = ['base', 'build', 'peak', 'taper'];
    for (let i = 1; i < phases.length; i++) expect(order.indexOf(phases[i])).toBeGreaterThanOrEqual(order.indexOf(phases[i - 1]));
    expect(new Set(phases)).toEqual(new Set(order));
    expect(phases.slice(-2)).toEqual(['taper', 'taper']);
  });

  it('never raises weekly volume more than 10 % over the week before, starting from recent volume', () => {
    for (const recent of [12_000, 25_000, 40_000]) {
      const plan = generateTrainingPlan(
        request({ recentWeeklyDistance: recent, goal: 'MARATHON', raceDate: new Date('2025-09-01T00:00:00Z') }),
      );
      // Cut-back weeks aside: the week after one rises over the loading week before it.
      let previous = recent;
      for (const week of plan.weeks.filter((w) => !w.cutback)) {
        expect(week.distance).toBeLessThanOrEqual(previous * (1 + MAX_WEEKLY_INCREASE) + 1e-6);
        previous = week.distance;
      }
      // The weeks add up from their sessions (the race not counted).
      const training = plan.workouts.filter((w) => w.kind !== 'race').reduce((s, w) => s + w.distance, 0);
      expect(training).toBeCloseTo(
        plan.weeks.reduce((s, w) => s + w.distance, 0),
        6,
      );
    }
  });

  it('holds a high recent volume up to what the goal needs, and tapers below the highest week', () => {
    const req = { goal: 'K10' as const, daysPerWeek: 5, recentWeeklyDistance: 60_000 };
    const volumes = weeklyVolumes(req, phasesFor(10, 'K10')).map((w) => w.distance);
    // The ceiling keeps the 18 km long run at its share of the week: 58 km.
    expect(volumeCeiling(req)).toBe(58_000);
    expect(volumes[0]).toBe(58_000);
    expect(volumes[volumes.length - 1]).toBeLessThan(58_000 * 0.5);
  });

  it('runs on daysPerWeek days, with a long run on Sunday and workouts at Daniels paces', () => {
    const paces = trainingPaces(45);
    const plan = generateTrainingPlan(request({ daysPerWeek: 5 }));
    const byWeek = new Map<number, number>();
    for (const w of plan.workouts.filter((x) => x.kind !== 'race')) {
      const monday = w.date.getTime() - ((w.date.getUTCDay() + 6) % 7) * DAY;
      byWeek.set(monday, (byWeek.get(monday) ?? 0) + 1);
    }
    expect(Math.max(...byWeek.values())).toBeLessThanOrEqual(5);
    const longs = plan.workouts.filter((w) => w.kind === 'long');
    expect(longs.length).toBeGreaterThan(5);
    expect(longs.every((w) => w.date.getUTCDay() === 0)).toBe(true);
    expect(longs.every((w) => w.targetPace === paces.long)).toBe(true);
    expect(plan.workouts.filter((w) => w.kind === 'easy').every((w) => w.targetPace === paces.easy)).toBe(true);
    expect(plan.workouts.filter((w) => w.kind === 'tempo').every((w) => w.targetPace === paces.threshold)).toBe(true);
    expect(plan.workouts.filter((w) => w.kind === 'intervals').every((w) => w.targetPace === paces.interval)).toBe(true);
    expect(plan.workouts.find((w) => w.kind === 'tempo')?.description).toMatch(/\d+:\d\d\/km/);
    // Base weeks are easy running only.
    expect(plan.workouts.filter((w) => w.phase === 'base').every((w) => w.kind === 'easy' || w.kind === 'long')).toBe(true);
  });

  it('fixes the plan the issue found: 63 km a week on four days, a half marathon eight weeks out', () => {
    const plan = generateTrainingPlan(request({ recentWeeklyDistance: 63_000, raceDate: new Date('2025-05-04T00:00:00Z') }));
    const volumes = plan.weeks.map((w) => w.distance);
    // Not flat: a cut-back week, then a taper in which every week is smaller, race week the smallest.
    expect(plan.weeks.some((w) => w.cutback && w.phase !== 'taper')).toBe(true);
    expect(volumes.slice(-2)).toEqual([...volumes.slice(-2)].sort((a, b) => b - a));
    expect(Math.min(...volumes)).toBe(volumes[volumes.length - 1]);
    // No run longer than the week's long run; easy and long runs at different paces.
    for (const week of plan.weeks.slice(0, -1)) {
      const sessions = plan.workouts.filter(
        (w) => w.kind !== 'race' && w.date >= week.start && w.date.getTime() < week.start.getTime() + 7 * DAY,
      );
      const long = sessions.find((w) => w.kind === 'long')!;
      expect(sessions.filter((w) => w !== long).every((w) => w.distance < long.distance)).toBe(true);
      expect(sessions.find((w) => w.kind === 'easy')!.targetPace).toBeGreaterThan(long.targetPace!);
    }
  });

  it('uses the target time as race pace, and has no paces without a VDOT', () => {
    const targeted = generateTrainingPlan(request({ targetDuration: 6300 }));
    expect(targeted.workouts[targeted.workouts.length - 1].targetPace).toBeCloseTo(6300 / 21.0975, 6);
    const unpaced = generateTrainingPlan(request({ vdot: null }));
    expect(unpaced.workouts.every((w) => w.targetPace === null)).toBe(true);
  });

  it('plans a race within the week from tomorrow', () => {
    const plan = generateTrainingPlan(request({ goal: 'K5', raceDate: new Date('2025-03-08T00:00:00Z') }));
    expect(plan.weeks).toHaveLength(1);
    expect(plan.weeks[0].phase).toBe('taper');
    expect(plan.workouts.every((w) => w.date.getTime() > today.getTime())).toBe(true);
  });

  it('refuses a race in the past, too far ahead, or days outside 3..7', () => {
    expect(() => generateTrainingPlan(request({ raceDate: new Date('2025-03-05T00:00:00Z') }))).toThrow(RangeError);
    expect(() => generateTrainingPlan(request({ raceDate: new Date('2026-06-01T00:00:00Z') }))).toThrow(RangeError);
    expect(() => generateTrainingPlan(request({ daysPerWeek: 2 }))).toThrow(RangeError);
    expect(() => generateTrainingPlan(request({ daysPerWeek: 8 }))).toThrow(RangeError);
  });
});
