// A periodised training plan towards a goal race: pure, from the runner's recent volume and VDOT.
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

/**
 * Weekly volume the plan builds towards (metres) for five running days, and the longest long
 * run, per goal: moderate figures from common recreational plans (Daniels, Pfitzinger's
 * lower-mileage schedules). Fewer days scale the peak down.
 */
const PEAK_VOLUME: Record<RaceDistanceKey, number> = { K5: 35_000, K10: 45_000, HALF_MARATHON: 55_000, MARATHON: 70_000 };
const LONGEST_RUN: Record<RaceDistanceKey, number> = { K5: 12_000, K10: 16_000, HALF_MARATHON: 21_000, MARATHON: 32_000 };
/** Taper weeks before the race: longer races need longer to absorb the training. */
const TAPER_WEEKS: Record<RaceDistanceKey, number> = { K5: 1, K10: 1, HALF_MARATHON: 2, MARATHON: 3 };
/** Taper volume as a share of the plan's highest week: race week, the week before, the one before that. */
const TAPER_SHARES = [0.45, 0.6, 0.75];
/** A runner with less recent volume starts from this much per running day. */
const FLOOR_PER_DAY = 3_000;

/** Running days (0 = Monday) for each number of days a week; Sunday is the long run. */
const DAY_TEMPLATES: Record<number, number[]> = {
  3: [1, 3, 6],
  4: [1, 3, 4, 6],
  5: [0, 1, 3, 4, 6],
  6: [0, 1, 2, 3, 4, 6],
  7: [0, 1, 2, 3, 4, 5, 6],
};

const dayOf = (d: Date): number => Math.floor(d.getTime() / DAY_MS) * DAY_MS;
const roundTo100 = (m: number): number => Math.round(m / 100) * 100;

/**
 * The plan: from the Monday after `today` to race day, weeks in four phases — base (aerobic
 * volume, easy running and the long run), build (threshold work), peak (intervals and
 * threshold), taper (volume down, a little intensity kept) — with the race on race day.
 *
 * Volume starts from the runner's recent weekly distance and never rises more than 10 % from
 * one week to the next, the first week included against the recent volume — except that no
 * week is planned below a floor of 3 km per running day (a runner with less recent volume
 * starts there). It rises towards the goal's peak (scaled by days a week), holds there, and
 * falls to 75 %, 60 %, 45 % of the highest week in the taper. Paces are Daniels' from
 * the runner's VDOT (`trainingPaces`), race pace from the target time when there is one.
 *
 * @throws RangeError for a race day not after today, more than a year away, or days outside 3..7.
 */
export function generateTrainingPlan(req: PlanRequest): GeneratedPlan {
  if (!Number.isInteger(req.daysPerWeek) || req.daysPerWeek < 3 || req.daysPerWeek > 7) throw new RangeError('daysPerWeek must be 3..7');
  const today = dayOf(req.today);
  const race = dayOf(req.raceDate);
  if (race <= today) throw new RangeError('the race must be after today');
  const nextMonday = isoWeekStart(new Date(today)).getTime() + WEEK_MS;
  // A race before next Monday: one short week from tomorrow.
  const start = race < nextMonday ? today + DAY_MS : nextMonday;
  const weekCount = Math.floor((isoWeekStart(new Date(race)).getTime() - isoWeekStart(new Date(start)).getTime()) / WEEK_MS) + 1;
  if (weekCount > MAX_PLAN_WEEKS) throw new RangeError(`the race must be within ${MAX_PLAN_WEEKS} weeks`);

  const phases = phasesFor(weekCount, req.goal);
  const volumes = weeklyVolumes(req, phases);
  const paces = req.vdot !== null && req.vdot > 0 ? trainingPaces(req.vdot) : null;
  const racePace = req.targetDuration ? req.targetDuration / (RACE_DISTANCES[req.goal] / 1000) : null;

  const weeks: PlanWeek[] = [];
  const workouts: PlannedSession[] = [];
  const firstWeekStart = isoWeekStart(new Date(start)).getTime();
  for (let w = 0; w < weekCount; w++) {
    const weekStart = firstWeekStart + w * WEEK_MS;
    const days = DAY_TEMPLATES[req.daysPerWeek]
      .map((d) => weekStart + d * DAY_MS)
      .filter((d) => d >= start && (w < weekCount - 1 || d < race));
    // Race week has no long run: the race is the long effort.
    const sessions = weekSessions(req.goal, phases[w], volumes[w], days.length, w < weekCount - 1, paces);
    sessions.forEach((s, i) => workouts.push({ ...s, date: new Date(days[i]), phase: phases[w] }));
    weeks.push({ start: new Date(weekStart), phase: phases[w], distance: sessions.reduce((sum, s) => sum + s.distance, 0) });
  }
  const raceDistance = RACE_DISTANCES[req.goal];
  const pace = racePace ?? (req.vdot !== null && req.vdot > 0 ? predictTimeFromVdot(req.vdot, raceDistance) / (raceDistance / 1000) : null);
  workouts.push({
    date: new Date(race),
    kind: 'race',
    distance: raceDistance,
    targetPace: pace,
    description: `Race day: ${raceLabel(req.goal)}${pace ? ` at ${formatPace(pace)} (${racePace ? 'your target' : 'predicted from your VDOT'})` : ''}. Warm up with 10 minutes easy and strides.`,
    phase: 'taper',
  });
  return { weeks, workouts };
}

/** Phase of each week: taper at the end, then the rest split 40 % base, 40 % build, 20 % peak. */
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

/** Target training metres per week (see generateTrainingPlan for the rules). */
export function weeklyVolumes(req: Pick<PlanRequest, 'goal' | 'daysPerWeek' | 'recentWeeklyDistance'>, phases: PlanPhase[]): number[] {
  const peakTarget = (PEAK_VOLUME[req.goal] * req.daysPerWeek) / 5;
  const floor = FLOOR_PER_DAY * req.daysPerWeek;
  let previous = Math.max(0, req.recentWeeklyDistance);
  let highest = 0;
  return phases.map((phase, i) => {
    let volume: number;
    if (phase === 'taper') {
      const share = TAPER_SHARES[Math.min(TAPER_SHARES.length - 1, phases.length - 1 - i)];
      volume = (highest || Math.max(previous, floor)) * share;
    } else {
      // Towards the peak (or holding a higher recent volume), +10 % a week at most; never below the floor.
      volume = Math.max(floor, Math.min(previous * (1 + MAX_WEEKLY_INCREASE), Math.max(peakTarget, previous)));
    }
    volume = Math.floor(volume / 100) * 100;
    highest = Math.max(highest, volume);
    previous = volume;
    return volume;
  });
}

interface SessionSpec {
  kind: WorkoutKind;
  distance: number;
  targetPace: number | null;
  description: string;
}

/**
 * The week's sessions in day order — quality days early, easy days between, the long run last —
 * adding up to exactly `volume` (rounding goes into the long run, or the last easy run).
 */
function weekSessions(
  goal: RaceDistanceKey,
  phase: PlanPhase,
  volume: number,
  dayCount: number,
  longRunWeek: boolean,
  paces: TrainingPaces | null,
): SessionSpec[] {
  if (dayCount === 0) return [];
  const at = (p: number | undefined) => (p === undefined ? '' : ` at ${formatPace(p)}`);
  const hasLong = longRunWeek && dayCount >= 3;
  const qualityCount = dayCount < 3 || phase === 'base' ? 0 : phase === 'peak' && dayCount >= 4 ? 2 : 1;
  const easyCount = dayCount - qualityCount - (hasLong ? 1 : 0);
  const quality = roundTo100(volume * 0.17);
  let long = hasLong ? Math.min(LONGEST_RUN[goal], roundTo100(volume * (phase === 'taper' ? 0.25 : 0.3))) : 0;
  const easy = Math.floor((volume - long - quality * qualityCount) / easyCount / 100) * 100;
  const remainder = volume - long - quality * qualityCount - easy * easyCount;
  if (hasLong) long += remainder;

  const sessions: SessionSpec[] = [];
  const qualityKinds: WorkoutKind[] = phase === 'peak' ? ['intervals', 'tempo'] : phase === 'build' ? ['tempo'] : ['intervals'];
  for (let q = 0; q < qualityCount; q++) {
    const kind = qualityKinds[q % qualityKinds.length];
    if (kind === 'tempo') {
      // About 60 % of the session at threshold, 15..40 minutes (Daniels' T-pace sessions).
      const minutes = Math.max(15, Math.min(40, Math.round(((quality / 1000) * 0.6 * (paces?.threshold ?? 330)) / 60)));
      sessions.push({
        kind,
        distance: quality,
        targetPace: paces?.threshold ?? null,
        description: `Threshold run: warm up easy, ${minutes} min comfortably hard${at(paces?.threshold)}, cool down easy.`,
      });
    } else {
      const reps = Math.max(3, Math.min(6, Math.round(quality / 2000)));
      sessions.push({
        kind,
        distance: quality,
        targetPace: paces?.interval ?? null,
        description: `Intervals: warm up easy, ${reps} × 1000 m hard${at(paces?.interval)} with 3 min jog recoveries, cool down easy.`,
      });
    }
  }
  for (let e = 0; e < easyCount; e++) {
    const last = e === easyCount - 1 && !hasLong;
    const strides = phase !== 'base' && e === 0 ? ' Finish with 6 × 20 s strides.' : '';
    sessions.push({
      kind: 'easy',
      distance: easy + (last ? remainder : 0),
      targetPace: paces?.easy ?? null,
      description: `Easy run${at(paces?.easy)}, conversational.${strides}`,
    });
  }
  if (hasLong)
    sessions.push({
      kind: 'long',
      distance: long,
      targetPace: paces?.easy ?? null,
      description: `Long run${at(paces?.easy)}, relaxed and steady.`,
    });
  return interleave(sessions, qualityCount);
}

/** Orders sessions: a quality day, then an easy day, alternating; the long run stays last. */
function interleave(sessions: SessionSpec[], qualityCount: number): SessionSpec[] {
  const long = sessions[sessions.length - 1]?.kind === 'long' ? sessions.pop()! : null;
  const quality = sessions.slice(0, qualityCount);
  const easy = sessions.slice(qualityCount);
  const out: SessionSpec[] = [];
  while (quality.length || easy.length) {
    if (easy.length > quality.length) out.push(easy.shift()!);
    if (quality.length) out.push(quality.shift()!);
  }
  if (long) out.push(long);
  return out;
}

function raceLabel(goal: RaceDistanceKey): string {
  return { K5: '5K', K10: '10K', HALF_MARATHON: 'half marathon', MARATHON: 'marathon' }[goal];
}
