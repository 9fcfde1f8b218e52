// A runner's current fitness from their best efforts: VDOT and race predictions.
import { RACE_DISTANCES, RACE_DISTANCE_KEYS, type RaceDistanceKey } from './records';
import { predictTimeFromVdot, riegel, vdotFromRace } from './vdot';

/**
 * Efforts count towards VDOT for this many days. Fitness built over a training block lasts about
 * that long (Daniels uses races from the last few months to set paces), and a window of half a
 * year still holds a race for most runners; older bests stay personal records but no longer say
 * how fit the runner is now.
 */
export const VDOT_WINDOW_DAYS = 180;

/**
 * VDOT below this is walking: the oxygen-cost formula has no meaning there (it falls to 0 at about
 * 25 m/min), so such an effort predicts by Riegel instead. Daniels' own tables start at 30.
 */
export const MIN_VDOT = 10;

export interface Effort {
  distance: RaceDistanceKey;
  /** Seconds. */
  duration: number;
}

export interface PredictedRace {
  distance: RaceDistanceKey;
  /** Seconds, whole. */
  duration: number;
}

export interface Fitness {
  /** Highest VDOT among the efforts (unrounded), or null when none gives a usable one. */
  vdot: number | null;
  /** A prediction for every race distance; empty without efforts. */
  predictions: PredictedRace[];
}

const usableVdot = (v: number | null): v is number => v !== null && Number.isFinite(v) && v >= MIN_VDOT;

/**
 * VDOT from the best of the efforts (Daniels–Gilbert: the effort with the highest VDOT, since a
 * training run only ever understates fitness) and predictions for the four race distances from it.
 * Where no effort gives a VDOT (the formula is only fitted up to 5 h), predictions come from Riegel
 * (t2 = t1 · (d2/d1)^1.06) applied to the effort with the lowest t / d^1.06 — the one that projects
 * fastest to every distance alike, as the exponent is the same for all of them.
 */
export function fitnessFromEfforts(efforts: readonly Effort[]): Fitness {
  let vdot: number | null = null;
  for (const e of efforts) {
    const v = vdotFromRace(RACE_DISTANCES[e.distance], e.duration);
    if (usableVdot(v) && (vdot === null || v > vdot)) vdot = v;
  }
  if (vdot !== null) {
    const best = vdot;
    return {
      vdot,
      predictions: RACE_DISTANCE_KEYS.map((distance) => ({
        distance,
        duration: Math.round(predictTimeFromVdot(best, RACE_DISTANCES[distance])),
      })),
    };
  }
  const valid = efforts.filter((e) => e.duration > 0);
  if (valid.length === 0) return { vdot: null, predictions: [] };
  const score = (e: Effort) => e.duration / RACE_DISTANCES[e.distance] ** 1.06;
  const basis = valid.reduce((a, b) => (score(b) < score(a) ? b : a));
  return {
    vdot: null,
    predictions: RACE_DISTANCE_KEYS.map((distance) => ({
      distance,
      duration: Math.round(riegel(basis.duration, RACE_DISTANCES[basis.distance], RACE_DISTANCES[distance])),
    })),
  };
}
