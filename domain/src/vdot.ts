// Race-equivalence and training paces: Daniels & Gilbert's VDOT ("Oxygen Power", 1979) and Riegel.

/**
 * Oxygen cost of running at `velocity` metres per minute, ml/kg/min:
 *   VO2 = −4.60 + 0.182258 v + 0.000104 v²   (Daniels & Gilbert 1979).
 */
export function vo2AtVelocity(velocity: number): number {
  return -4.6 + 0.182258 * velocity + 0.000104 * velocity * velocity;
}

/**
 * Fraction of VO2max that can be sustained for `minutes` (Daniels & Gilbert 1979):
 *   %max = 0.8 + 0.1894393 e^(−0.012778 t) + 0.2989558 e^(−0.1932605 t).
 */
export function fractionOfVo2MaxSustained(minutes: number): number {
  return 0.8 + 0.1894393 * Math.exp(-0.012778 * minutes) + 0.2989558 * Math.exp(-0.1932605 * minutes);
}

/** Velocity (m/min) whose oxygen cost is `vo2`: the positive root of the quadratic above. */
export function velocityAtVo2(vo2: number): number {
  const a = 0.000104;
  const b = 0.182258;
  const c = -4.6 - vo2;
  return (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
}

function rawVdot(distanceM: number, durationS: number): number {
  const minutes = durationS / 60;
  return vo2AtVelocity(distanceM / minutes) / fractionOfVo2MaxSustained(minutes);
}

/**
 * The formula was fitted to race performances from 1500 m (≈ 3.5 min for the best) to the marathon;
 * outside that range, %max and the oxygen cost are extrapolations that stop meaning anything
 * (sprints are anaerobic, ultras are limited by fuel and muscle damage), so we return null.
 */
export const VDOT_MIN_DISTANCE_M = 1500;
export const VDOT_MIN_DURATION_S = 3.5 * 60;
export const VDOT_MAX_DURATION_S = 5 * 3600;

/** VDOT of a race effort: VO2(v) / %max(t), or null outside the formula's validated range. */
export function vdotFromRace(distanceM: number, durationS: number): number | null {
  if (!(distanceM >= VDOT_MIN_DISTANCE_M) || !Number.isFinite(distanceM)) return null;
  if (!(durationS >= VDOT_MIN_DURATION_S) || !(durationS <= VDOT_MAX_DURATION_S)) return null;
  return rawVdot(distanceM, durationS);
}

/**
 * Race time (seconds, unrounded) that VDOT predicts for a distance: solves rawVdot(d, t) = vdot for t
 * by bisection. For a fixed distance VDOT falls monotonically as t grows over every velocity
 * between 40 and 1000 m/min, so the root is unique in that bracket.
 * @throws RangeError for a non-positive distance or a VDOT outside what that bracket can reach.
 */
export function predictTimeFromVdot(vdot: number, distanceM: number): number {
  if (!(distanceM > 0) || !Number.isFinite(distanceM)) throw new RangeError(`distance must be positive, got ${distanceM}`);
  let lo = (distanceM / 1000) * 60; // 1000 m/min
  let hi = (distanceM / 40) * 60; // 40 m/min, a slow walk
  if (!(vdot <= rawVdot(distanceM, lo) && vdot >= rawVdot(distanceM, hi))) {
    throw new RangeError(`VDOT ${vdot} is out of range for ${distanceM} m`);
  }
  // 60 halvings shrink the bracket below a microsecond.
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (rawVdot(distanceM, mid) > vdot) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Riegel's endurance model t2 = t1 · (d2 / d1)^k with k = 1.06 (Riegel 1981, "Athletic records and
 * human endurance"): the pace slows by ~4 % per doubling of distance. Seconds in, seconds out.
 */
export function riegel(t1: number, d1: number, d2: number, exponent = 1.06): number {
  if (!(d1 > 0) || !(d2 > 0) || !(t1 > 0)) throw new RangeError('riegel needs a positive time and distances');
  return t1 * (d2 / d1) ** exponent;
}

export interface TrainingPaces {
  /** Seconds per km. */
  easy: number;
  /** Long runs: the quicker end of the easy band. */
  long: number;
  marathon: number;
  threshold: number;
  interval: number;
  repetition: number;
}

/**
 * Daniels' training intensities as fractions of VO2max (= VDOT). Easy running spans 59–74 %
 * (Daniels' E pace range, e.g. 5:01–5:38/km at VDOT 50): easy runs sit in its middle (67 %), long
 * runs at its quicker end (72 %) — still easy, clearly slower than marathon pace, and distinct
 * from the recovery-paced easy days so the two can't be confused. Threshold (≈ 1 h race effort) is
 * 88 %, interval (3–5 min at VO2max) 97.5 %, repetition (faster than VO2max, economy work) 105 %.
 * Marathon pace is the predicted marathon time over 42.195 km, as in Daniels' tables.
 */
export const TRAINING_INTENSITY = { easy: 0.67, long: 0.72, threshold: 0.88, interval: 0.975, repetition: 1.05 } as const;

/** Training paces (s/km) for a VDOT, from the velocity at each fraction of VO2max. */
export function trainingPaces(vdot: number): TrainingPaces {
  if (!(vdot > 0) || !Number.isFinite(vdot)) throw new RangeError(`VDOT must be positive, got ${vdot}`);
  const pace = (fraction: number): number => 60000 / velocityAtVo2(fraction * vdot);
  return {
    easy: pace(TRAINING_INTENSITY.easy),
    long: pace(TRAINING_INTENSITY.long),
    marathon: predictTimeFromVdot(vdot, 42195) / 42.195,
    threshold: pace(TRAINING_INTENSITY.threshold),
    interval: pace(TRAINING_INTENSITY.interval),
    repetition: pace(TRAINING_INTENSITY.repetition),
  };
}
