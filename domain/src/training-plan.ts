// A periodised training plan towards a goal race: pure, from the runner's recent volume, level and VDOT.
import { TrainingLevel, Weekday } from './enums';
import { formatPace } from './pace';
import { RACE_DISTANCES } from './records';
import type { RaceDistanceKey } from './records';
import { predictTimeFromVdot, trainingPaces } from './vdot';
import type { TrainingPaces } from './vdot';
import { isoWeekStart } from './weeks';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export type PlanPhase = 'base' | 'build' | 'peak' | 'taper';
export type WorkoutKind = 'easy' | 'long' | 'tempo' | 'intervals' | 'race';

export interface PlanRequest {
  goal: RaceDistanceKey;
  /** Race day (its UTC date counts). */
  raceDate: Date;
  /** Seconds; the goal time, shown as race pace. */
  targetDuration?: number | null;
  /** 3..7 running days a week. */
  daysPerWeek: number;
  /** Current VDOT (paces come from it); null: paces by effort only. */
  vdot: number | null;
  /** Metres a week the runner has averaged lately (e.g. the last four weeks). */
  recentWeeklyDistance: number;
  /** Today: the plan starts the Monday after it. */
  today: Date;
  /** How experienced the runner says they are; null or absent: intermediate. */
  level?: TrainingLevel | null;
  /** Days the runner prefers to train: the plan runs on them (see runningDays). */
  preferredDays?: readonly Weekday[];
}

export interface PlannedSession {
  /** 00:00 UTC of the day. */
  date: Date;
  kind: WorkoutKind;
  /** Metres. */
  distance: number;
  /** Seconds per km, or null without a VDOT. */
  targetPace: number | null;
  description: string;
  phase: PlanPhase;
}

export interface PlanWeek {
  start: Date;
  phase: PlanPhase;
  /** A lighter week that lets the body absorb the loading weeks before it. */
  cutback: boolean;
  /** Planned training metres (the race itself not included). */
  distance: number;
}

export interface GeneratedPlan {
  weeks: PlanWeek[];
  workouts: PlannedSession[];
}

/** The largest week-on-week increase of volume: the classic 10 % rule against overuse injuries. */
export const MAX_WEEKLY_INCREASE = 0.1;
/** Plans reach at most a year ahead. */
export const MAX_PLAN_WEEKS = 52;
/** A cut-back week comes every this many weeks: every third for beginners, every fourth for the others. */
export const CUTBACK_EVERY: Record<TrainingLevel, number> = { BEGINNER: 3, INTERMEDIATE: 4, ADVANCED: 4 };
/** A cut-back week's volume as a share of the loading week before it. */
export const CUTBACK_SHARE = 0.75;
/** Never more loading weeks in a row than this (the taper counts as recovery). */
export const MAX_LOADING_STREAK = 3;
/** Taper weeks before the race (race week included): longer races need longer to absorb the training. */
export const TAPER_WEEKS: Record<RaceDistanceKey, number> = { K5: 2, K10: 2, HALF_MARATHON: 2, MARATHON: 3 };
/** Taper volume as a share of the plan's highest week: race week, the week before, the one before that. */
const TAPER_SHARES = [0.45, 0.65, 0.8];
/** A runner with less recent volume starts from this much per running day. */
const FLOOR_PER_DAY = 3_000;

/**
 * Weekly volume an intermediate runner builds towards on five days a week, per goal: moderate
 * figures from common recreational plans (Daniels, Pfitzinger's lower-mileage schedules).
 */
const PEAK_VOLUME: Record<RaceDistanceKey, number> = { K5: 40_000, K10: 50_000, HALF_MARATHON: 60_000, MARATHON: 80_000 };
const LEVEL_VOLUME: Record<TrainingLevel, number> = { BEGINNER: 0.7, INTERMEDIATE: 1, ADVANCED: 1.3 };
/**
 * The longest long run per goal for an intermediate runner: a marathon's stops at 32 km (the
 * usual 20 miles; 35 km for advanced runners) — longer runs cost more recovery than they build.
 */
const LONG_RUN_CAP: Record<RaceDistanceKey, number> = { K5: 14_000, K10: 18_000, HALF_MARATHON: 22_000, MARATHON: 32_000 };
const LEVEL_LONG_RUN: Record<TrainingLevel, number> = { BEGINNER: 0.9, INTERMEDIATE: 1, ADVANCED: 1.1 };

const floor100 = (m: number): number => Math.floor(m / 100) * 100;
const levelOf = (level: TrainingLevel | null | undefined): TrainingLevel => level ?? TrainingLevel.INTERMEDIATE;

/** The longest long run of a plan (metres). */
export function longRunCap(goal: RaceDistanceKey, level?: TrainingLevel | null): number {
  return floor100(LONG_RUN_CAP[goal] * LEVEL_LONG_RUN[levelOf(level)]);
}

/**
 * The long run's share of a full week: it weighs 0.8 + 0.2 × days against 1 for every other run,
 * so it is always the longest, and takes 41 % of the week on three days, 35 % on four, 31 % on
 * five, 29 % on six and 27 % on seven (Daniels' 25–30 %, more where there are few days to share).
 */
export function longRunShare(daysPerWeek: number): number {
  const weight = 0.8 + 0.2 * daysPerWeek;
  return weight / (weight + daysPerWeek - 1);
}

/**
 * The week the plan builds towards (metres): the goal's peak scaled by level and a little by days
 * a week (0.84 on three days, 1.16 on seven), but never so much that the long run would pass its
 * cap at its share of the week; a runner already running more holds their volume up to that bound.
 */
export function volumeCeiling(req: Pick<PlanRequest, 'goal' | 'daysPerWeek' | 'recentWeeklyDistance' | 'level'>): number {
  const level = levelOf(req.level);
  const peak = PEAK_VOLUME[req.goal] * LEVEL_VOLUME[level] * (0.6 + 0.08 * req.daysPerWeek);
  return floor100(Math.min(longRunCap(req.goal, level) / longRunShare(req.daysPerWeek), Math.max(peak, req.recentWeeklyDistance)));
}

/** One week of the plan's calendar: its Monday and the date of each weekday (0 = Monday) it has, null outside the plan. */
export interface CalendarWeek {
  start: Date;
  days: (Date | null)[];
}

/**
 * Every date of the plan, worked out here alone (UTC days, weeks from Monday): the plan runs from
 * the Monday after `today` (from tomorrow for a race before then) to the day before the race.
 * @throws RangeError for a race day not after today or more than a year away.
 */
export function planCalendar(today: Date, raceDate: Date): { race: Date; weeks: CalendarWeek[] } {
  const day = (d: Date): number => Math.floor(d.getTime() / DAY_MS) * DAY_MS;
  const todayMs = day(today);
  const race = day(raceDate);
  if (race <= todayMs) throw new RangeError('the race must be after today');
  const nextMonday = isoWeekStart(new Date(todayMs)).getTime() + WEEK_MS;
  const start = race < nextMonday ? todayMs + DAY_MS : nextMonday;
  const firstWeek = isoWeekStart(new Date(start)).getTime();
  const weekCount = Math.floor((isoWeekStart(new Date(race)).getTime() - firstWeek) / WEEK_MS) + 1;
  if (weekCount > MAX_PLAN_WEEKS) throw new RangeError(`the race must be within ${MAX_PLAN_WEEKS} weeks`);
  const weeks = Array.from({ length: weekCount }, (_, w) => {
    const monday = firstWeek + w * WEEK_MS;
    const days = Array.from({ length: 7 }, (_, d) => monday + d * DAY_MS).map((t) => (t >= start && t < race ? new Date(t) : null));
    return { start: new Date(monday), days };
  });
  return { race: new Date(race), weeks };
}

const WEEKDAYS: Weekday[] = [Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI, Weekday.SAT, Weekday.SUN];
/** Running days (0 = Monday) without preferences; Sunday is the long run. */
const DAY_TEMPLATES: Record<number, number[]> = {
  3: [1, 3, 6],
  4: [1, 3, 4, 6],
  5: [0, 1, 3, 4, 6],
  6: [0, 1, 2, 3, 4, 6],
  7: [0, 1, 2, 3, 4, 5, 6],
};
/** Days apart on the weekly cycle (Sunday and Monday are one day apart). */
const apart = (a: number, b: number): number => Math.min(Math.abs(a - b), 7 - Math.abs(a - b));

/**
 * The running days (0 = Monday) and the long-run day. With at least `daysPerWeek` preferred days
 * the plan runs on preferred days only; with fewer, on every preferred day and the rest chosen
 * around them. The long run goes on Sunday, else Saturday, else the last preferred day; among the
 * choices, the days most spread over the week win (fewest back-to-back days), earliest first.
 */
export function runningDays(daysPerWeek: number, preferred: readonly Weekday[] = []): { days: number[]; longDay: number } {
  const liked = [...new Set(preferred.map((d) => WEEKDAYS.indexOf(d)))].sort((a, b) => a - b);
  if (liked.length === 0) return { days: DAY_TEMPLATES[daysPerWeek], longDay: 6 };
  const enough = liked.length >= daysPerWeek;
  const longDay = liked.includes(6) ? 6 : liked.includes(5) ? 5 : enough ? liked[liked.length - 1] : 6;
  const pool = enough ? liked : [0, 1, 2, 3, 4, 5, 6];
  const required = enough ? [longDay] : [...new Set([...liked, longDay])];
  let best: number[] = [];
  let bestScore = -Infinity;
  for (const days of subsets(pool, daysPerWeek)) {
    if (!required.every((d) => days.includes(d))) continue;
    const gaps = days.map((d, i) => apart(d, days[(i + 1) % days.length]));
    const score = Math.min(...gaps) * 10 - gaps.filter((g) => g === 1).length;
    if (score > bestScore) [best, bestScore] = [days, score];
  }
  return { days: best, longDay };
}

function subsets(pool: number[], size: number): number[][] {
  if (size === 0) return [[]];
  return pool.flatMap((d, i) => subsets(pool.slice(i + 1), size - 1).map((rest) => [d, ...rest]));
}

/** Quality days: as far from the long run and from each other as the running days allow, earliest first. */
function qualityDays(days: number[], longDay: number | null, count: number): number[] {
  const chosen: number[] = [];
  const taken = longDay === null ? [] : [longDay];
  for (let q = 0; q < count; q++) {
    const free = days.filter((d) => !taken.includes(d) && !chosen.includes(d));
    const distance = (d: number) => Math.min(7, ...[...taken, ...chosen].map((t) => apart(d, t)));
    const pick = free.reduce<number | null>((best, d) => (best === null || distance(d) > distance(best) ? d : best), null);
    if (pick === null) break;
    chosen.push(pick);
  }
  return chosen;
}

/**
 * The plan: from the Monday after `today` to race day, weeks in four phases — base (aerobic
 * volume, easy running and the long run), build (threshold work), peak (intervals and
 * threshold), taper (volume down, a little intensity kept) — with the race on race day.
 * The rules (weeklyVolumes, runningDays, longRunShare, planCalendar) are each documented where
 * they are applied; paces are Daniels' from the runner's VDOT (`trainingPaces`): intervals at I,
 * tempo at T, long runs at the quick end of E, easy runs in its middle; race pace from the target
 * time when there is one.
 *
 * @throws RangeError for a race day not after today, more than a year away, or days outside 3..7.
 */
export function generateTrainingPlan(req: PlanRequest): GeneratedPlan {
  if (!Number.isInteger(req.daysPerWeek) || req.daysPerWeek < 3 || req.daysPerWeek > 7) throw new RangeError('daysPerWeek must be 3..7');
  const calendar = planCalendar(req.today, req.raceDate);
  const weekCount = calendar.weeks.length;
  const phases = phasesFor(weekCount, req.goal);
  const volumes = weeklyVolumes(req, phases);
  const paces = req.vdot !== null && req.vdot > 0 ? trainingPaces(req.vdot) : null;
  const layout = runningDays(req.daysPerWeek, req.preferredDays);
  const cap = longRunCap(req.goal, req.level);

  const weeks: PlanWeek[] = [];
  const workouts: PlannedSession[] = [];
  calendar.weeks.forEach((week, w) => {
    const raceWeek = w === weekCount - 1;
    const days = layout.days.filter((d) => week.days[d] !== null);
    // A week cut short by the race (or a plan that starts mid-week) gets its share of the volume.
    const volume = floor100((volumes[w].distance * days.length) / layout.days.length);
    // Race week has no long run: the race is the long effort.
    const longDay = raceWeek ? null : layout.longDay;
    const sessions = weekSessions({
      goal: req.goal,
      phase: phases[w],
      cutback: volumes[w].cutback,
      raceWeek,
      volume,
      days,
      longDay,
      longShare: longRunShare(req.daysPerWeek),
      longCap: cap,
      paces,
    });
    for (const s of sessions) workouts.push({ ...s.spec, date: week.days[s.day]!, phase: phases[w] });
    weeks.push({
      start: week.start,
      phase: phases[w],
      cutback: volumes[w].cutback,
      distance: sessions.reduce((sum, s) => sum + s.spec.distance, 0),
    });
  });
  const raceDistance = RACE_DISTANCES[req.goal];
  const racePace = req.targetDuration ? req.targetDuration / (raceDistance / 1000) : null;
  const pace = racePace ?? (paces ? predictTimeFromVdot(req.vdot!, raceDistance) / (raceDistance / 1000) : null);
  workouts.push({
    date: calendar.race,
    kind: 'race',
    distance: raceDistance,
    targetPace: pace,
    description: `Race day: ${raceLabel(req.goal)}${pace ? ` at ${formatPace(pace)} (${racePace ? 'your target' : 'predicted from your VDOT'})` : ''}. Warm up with 10 minutes easy and strides.`,
    phase: 'taper',
  });
  return { weeks, workouts };
}

/** Phase of each week: taper at the end (TAPER_WEEKS), then the rest split 40 % base, 40 % build, 20 % peak. */
export function phasesFor(weekCount: number, goal: RaceDistanceKey): PlanPhase[] {
  const taper = Math.min(TAPER_WEEKS[goal], Math.max(1, weekCount - 1));
  const rest = weekCount - taper;
  const base = Math.round(rest * 0.4);
  const peak = Math.round(rest * 0.2);
  const build = rest - base - peak;
  return [
    ...Array<PlanPhase>(base).fill('base'),
    ...Array<PlanPhase>(build).fill('build'),
    ...Array<PlanPhase>(peak).fill('peak'),
    ...Array<PlanPhase>(weekCount - rest).fill('taper'),
  ];
}

export interface WeekVolume {
  /** Metres (a multiple of 100). */
  distance: number;
  cutback: boolean;
}

/**
 * Target training metres per week:
 * - Loading weeks rise from the runner's recent weekly volume by at most 10 % a week (the first
 *   week included), up to volumeCeiling, and never start below 3 km per running day.
 * - A cut-back week (75 % of the loading week before it) comes every third week for beginners and
 *   every fourth for the others; the week after it rises at most 10 % over the last loading week.
 *   A cut-back never comes straight before the taper: it is moved a week earlier when it would,
 *   so no more than three loading weeks ever come in a row.
 * - The taper falls to 80 %, 65 % and 45 % of the highest week (marathon: three weeks; the shorter
 *   races: two), and race week is the smallest week of the plan.
 */
export function weeklyVolumes(
  req: Pick<PlanRequest, 'goal' | 'daysPerWeek' | 'recentWeeklyDistance' | 'level'>,
  phases: PlanPhase[],
): WeekVolume[] {
  const ceiling = volumeCeiling(req);
  const floor = FLOOR_PER_DAY * req.daysPerWeek;
  const every = CUTBACK_EVERY[levelOf(req.level)];
  const loadingWeeks = phases.filter((p) => p !== 'taper').length;
  let lastLoad = Math.max(0, req.recentWeeklyDistance);
  let streak = 0;
  const out: WeekVolume[] = [];
  phases.forEach((phase, i) => {
    if (phase === 'taper') {
      const fromRace = phases.length - 1 - i;
      const highest = Math.max(0, ...out.map((w) => w.distance)) || Math.max(floor, Math.min(ceiling, lastLoad));
      let volume = highest * TAPER_SHARES[Math.min(fromRace, TAPER_SHARES.length - 1)];
      if (fromRace === 0) volume = Math.min(volume, ...out.map((w) => w.distance));
      out.push({ distance: floor100(volume), cutback: false });
      return;
    }
    const last = i === loadingWeeks - 1;
    const cutback = !last && (streak >= every - 1 || (streak >= MAX_LOADING_STREAK - 1 && i === loadingWeeks - 2));
    if (cutback) {
      out.push({ distance: floor100(lastLoad * CUTBACK_SHARE), cutback });
      streak = 0;
    } else {
      lastLoad = Math.max(floor, floor100(Math.min(ceiling, lastLoad * (1 + MAX_WEEKLY_INCREASE))));
      out.push({ distance: lastLoad, cutback });
      streak++;
    }
  });
  return out;
}

interface SessionSpec {
  kind: WorkoutKind;
  distance: number;
  targetPace: number | null;
  description: string;
}

interface WeekShape {
  goal: RaceDistanceKey;
  phase: PlanPhase;
  cutback: boolean;
  raceWeek: boolean;
  /** Metres to share out. */
  volume: number;
  /** The week's running days (0 = Monday), in order. */
  days: number[];
  longDay: number | null;
  longShare: number;
  longCap: number;
  paces: TrainingPaces | null;
}

/** Quality sessions a week: none in base or race week, two in the peak on four days or more, else one. */
function qualityKinds(goal: RaceDistanceKey, phase: PlanPhase, raceWeek: boolean, dayCount: number): WorkoutKind[] {
  const shortRace = goal === 'K5' || goal === 'K10';
  if (phase === 'base' || raceWeek) return [];
  if (phase === 'peak' && dayCount >= 4) return ['intervals', 'tempo'];
  if (phase === 'build') return ['tempo'];
  return [shortRace ? 'intervals' : 'tempo'];
}

/**
 * The week's sessions by day: the long run on its day at its share of the week (never past the
 * cap), quality days away from it, easy runs on the rest; every run but the long one is the same
 * length (the first takes the rounding), and they add up to exactly `volume`.
 */
function weekSessions(shape: WeekShape): { day: number; spec: SessionSpec }[] {
  const { days, longDay, paces, volume } = shape;
  if (days.length === 0) return [];
  const at = (p: number | undefined) => (p === undefined ? '' : ` at ${formatPace(p)}`);
  const hasLong = longDay !== null && days.includes(longDay);
  const kinds = qualityKinds(shape.goal, shape.phase, shape.raceWeek, days.length).slice(0, days.length - (hasLong ? 1 : 0));
  const quality = qualityDays(days, hasLong ? longDay : null, kinds.length);

  // The long run depends on the week's volume alone, so it grows with it; rounding goes into the first other run.
  const long = hasLong ? Math.min(shape.longCap, floor100(volume * shape.longShare)) : 0;
  const others = days.length - (hasLong ? 1 : 0);
  const other = others ? floor100((volume - long) / others) : 0;
  const remainder = volume - long - other * others;

  let easyCount = 0;
  let firstOther = true;
  return days.map((day) => {
    if (hasLong && day === longDay) {
      const cutback = shape.cutback ? ' A cut-back week: shorter, to absorb the weeks before.' : '';
      return {
        day,
        spec: {
          kind: 'long',
          distance: long,
          targetPace: paces?.long ?? null,
          description: `Long run${at(paces?.long)}, relaxed and steady.${cutback}`,
        },
      };
    }
    const distance = other + (firstOther ? remainder : 0);
    firstOther = false;
    const q = quality.indexOf(day);
    if (q >= 0 && kinds[q] === 'tempo') {
      // About 60 % of the session at threshold, 10..40 minutes (Daniels' T-pace sessions).
      const minutes = Math.max(10, Math.min(40, Math.round(((distance / 1000) * 0.6 * (paces?.threshold ?? 330)) / 60)));
      return {
        day,
        spec: {
          kind: 'tempo',
          distance,
          targetPace: paces?.threshold ?? null,
          description: `Threshold run: warm up easy, ${minutes} min comfortably hard${at(paces?.threshold)}, cool down easy.`,
        },
      };
    }
    if (q >= 0) {
      // 1000 m repeats with 400 m jogs between 2 km of warm-up and cool-down.
      const reps = Math.max(2, Math.min(6, Math.round((distance - 2000) / 1400)));
      return {
        day,
        spec: {
          kind: 'intervals',
          distance,
          targetPace: paces?.interval ?? null,
          description: `Intervals: warm up easy, ${reps} × 1000 m hard${at(paces?.interval)} with 3 min jog recoveries, cool down easy.`,
        },
      };
    }
    const strides = shape.phase !== 'base' && easyCount === 0 ? ' Finish with 6 × 20 s strides.' : '';
    easyCount++;
    return {
      day,
      spec: {
        kind: 'easy',
        distance,
        targetPace: paces?.easy ?? null,
        description: `Easy run${at(paces?.easy)}, conversational.${strides}`,
      },
    };
  });
}

function raceLabel(goal: RaceDistanceKey): string {
  return { K5: '5K', K10: '10K', HALF_MARATHON: 'half marathon', MARATHON: 'marathon' }[goal];
}
