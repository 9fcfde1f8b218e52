// Heart-rate zones by heart-rate reserve (Karvonen), the per-run heart-rate histogram they are
// computed from, and the estimate of a runner's max heart rate from their recorded runs.
import { DEFAULT_RESTING_HEART_RATE } from './training-load';

/**
 * Moving seconds spent at each whole bpm of one run: `seconds[i]` at `from + i` bpm. Kept per run
 * (run_heart_rates) so zones follow any change of the runner's max or resting heart rate without
 * reading the track again.
 */
export interface HeartRateHistogram {
  from: number;
  seconds: number[];
}

/** Max and resting heart rate, bpm, rest < max. */
export interface HeartRateLimits {
  max: number;
  rest: number;
}

export interface ZoneTime {
  /** 1–5. */
  zone: number;
  /** Whole seconds. */
  seconds: number;
}

/**
 * Zone k (1–5) runs from rest + (max − rest) × ZONE_RESERVE_SHARES[k − 1] to
 * rest + (max − rest) × ZONE_RESERVE_SHARES[k], i.e. 50–60–70–80–90–100 % of the heart-rate reserve.
 * A bpm exactly on a bound belongs to the zone above it. Time below 50 % (walking, warming up) counts
 * in zone 1 and time above max in zone 5, so the zones add up to the moving time with heart rate.
 */
export const ZONE_RESERVE_SHARES = [0.5, 0.6, 0.7, 0.8, 0.9, 1] as const;
export const ZONE_COUNT = 5;

/**
 * The max heart rate estimate: the highest heart rate held for SUSTAINED_PEAK_S seconds in any run
 * of the last MAX_ESTIMATE_DAYS days. A minute, not a single reading, so a strap's spike (static on
 * a dry chest, a cadence lock at 180) does not become the max; a minute near max happens at the end
 * of any hard race or interval session.
 */
export const SUSTAINED_PEAK_S = 60;
export const MAX_ESTIMATE_DAYS = 365;

/** Plausible ranges the profile accepts. */
export const MAX_HEART_RATE_RANGE = { min: 100, max: 240 } as const;
export const RESTING_HEART_RATE_RANGE = { min: 25, max: 120 } as const;

/** The six zone bounds in bpm, rounded to whole beats (see ZONE_RESERVE_SHARES). */
export function zoneBounds({ max, rest }: HeartRateLimits): number[] {
  return ZONE_RESERVE_SHARES.map((share) => Math.round(rest + (max - rest) * share));
}

/** The zone (1–5) of a heart rate. */
export function zoneOf(bpm: number, limits: HeartRateLimits): number {
  const bounds = zoneBounds(limits);
  let zone = 1;
  for (let k = 1; k < ZONE_COUNT; k++) if (bpm >= bounds[k]) zone = k + 1;
  return zone;
}

/** Builds a histogram from seconds per bpm; null when no time was recorded. */
export function histogramOf(secondsByBpm: ReadonlyMap<number, number>): HeartRateHistogram | null {
  const bpms = [...secondsByBpm.entries()].filter(([, s]) => s > 0).map(([b]) => b);
  if (bpms.length === 0) return null;
  const from = Math.min(...bpms);
  const seconds = new Array<number>(Math.max(...bpms) - from + 1).fill(0);
  for (const b of bpms) seconds[b - from] = Math.round(secondsByBpm.get(b)! * 1000) / 1000;
  return { from, seconds };
}

/**
 * Time in each of the five zones over one or more runs' histograms: all five zones, each rounded so
 * that together they add up to the rounded total; empty without any heart-rate time.
 */
export function zoneTimes(histograms: readonly HeartRateHistogram[], limits: HeartRateLimits): ZoneTime[] {
  const totals = new Array<number>(ZONE_COUNT).fill(0);
  let any = false;
  for (const h of histograms) {
    h.seconds.forEach((s, i) => {
      if (s <= 0) return;
      totals[zoneOf(h.from + i, limits) - 1] += s;
      any = true;
    });
  }
  if (!any) return [];
  // Cumulative rounding: zone k gets round(sum to k) − round(sum to k − 1).
  let sum = 0;
  let previous = 0;
  return totals.map((s, k) => {
    sum += s;
    const seconds = Math.round(sum) - previous;
    previous = Math.round(sum);
    return { zone: k + 1, seconds };
  });
}

/** The highest bpm held (in total, not necessarily at once) for SUSTAINED_PEAK_S in one run; its top bpm when shorter. */
export function sustainedPeak(h: HeartRateHistogram): number | null {
  const total = h.seconds.reduce((a, s) => a + s, 0);
  if (total <= 0) return null;
  const needed = Math.min(SUSTAINED_PEAK_S, total);
  let above = 0;
  for (let i = h.seconds.length - 1; i >= 0; i--) {
    above += h.seconds[i];
    if (above >= needed - 1e-9) return h.from + i;
  }
  return h.from;
}

/**
 * The runner's max and resting heart rate: what they set, else the max estimated from their runs'
 * sustained peaks (see SUSTAINED_PEAK_S) and DEFAULT_RESTING_HEART_RATE (a typical adult's:
 * resting heart rate cannot be seen in runs). Null when there is no max
 * either way, or when it is not above the resting rate.
 */
export function heartRateLimits(
  set: { maxHeartRate: number | null; restingHeartRate: number | null },
  peaks: readonly number[],
): (HeartRateLimits & { maxEstimated: boolean; restEstimated: boolean }) | null {
  const max = set.maxHeartRate ?? (peaks.length > 0 ? Math.max(...peaks) : null);
  const rest = set.restingHeartRate ?? DEFAULT_RESTING_HEART_RATE;
  if (max === null || max <= rest) return null;
  return { max, rest, maxEstimated: set.maxHeartRate === null, restEstimated: set.restingHeartRate === null };
}
