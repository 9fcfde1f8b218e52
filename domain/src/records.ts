// Personal records: the fastest time over the standard race distances, anywhere inside a run.
import type { TrackSample } from './activity-summary';

export type RaceDistanceKey = 'K5' | 'K10' | 'HALF_MARATHON' | 'MARATHON';

/** Race distances in metres (half and full marathon as defined by World Athletics: 21.0975 / 42.195 km). */
export const RACE_DISTANCES: Readonly<Record<RaceDistanceKey, number>> = Object.freeze({
  K5: 5000,
  K10: 10000,
  HALF_MARATHON: 21097.5,
  MARATHON: 42195,
});

export const RACE_DISTANCE_KEYS = Object.keys(RACE_DISTANCES) as RaceDistanceKey[];

// Float sums of GPS steps land a hair short of round numbers; a millimetre is no shortcut.
const EPS_M = 1e-3;

/**
 * Fastest moving time (seconds, unrounded) to cover `distance` metres anywhere inside the activity,
 * or null when the series is shorter than that.
 *
 * `samples` is the cumulative (moving seconds, metres) series of summarizeActivity: non-decreasing in
 * both. Time is taken as linear in distance between samples, so the time over a window
 * [s, s + distance] is piecewise linear in s and its minimum lies where one window edge sits on a
 * sample. Two monotone sweeps cover both cases (window ending on a sample, window starting on a
 * sample), each with a second pointer that only moves forward: O(n) in total.
 */
export function bestEffort(samples: readonly TrackSample[], distance: number): number | null {
  const n = samples.length;
  if (!(distance > 0) || n < 2) return null;
  if (samples[n - 1].d - samples[0].d < distance - EPS_M) return null;

  let best = Infinity;

  // Windows ending on sample j: the start lies at p = d[j] - distance, between samples i and i+1.
  // Taking the last sample with d ≤ p also picks the latest time on a flat stretch (the shortest window).
  let i = 0;
  for (let j = 0; j < n; j++) {
    const p = samples[j].d - distance;
    if (p < samples[0].d - EPS_M) continue;
    while (i + 1 < j && samples[i + 1].d <= p) i++;
    const a = samples[i];
    const b = samples[i + 1];
    const start = p <= a.d || b.d <= a.d ? a.t : a.t + ((b.t - a.t) * (p - a.d)) / (b.d - a.d);
    best = Math.min(best, samples[j].t - start);
  }

  // Windows starting on sample i: the end lies at q = d[i] + distance, between samples k-1 and k.
  // Taking the first sample with d ≥ q also picks the earliest time on a flat stretch.
  let k = 1;
  for (let s = 0; s < n; s++) {
    const q = samples[s].d + distance;
    if (q > samples[n - 1].d + EPS_M) break;
    if (k <= s) k = s + 1;
    while (k < n - 1 && samples[k].d < q) k++;
    const a = samples[k - 1];
    const b = samples[k];
    const end = q >= b.d || b.d <= a.d ? b.t : a.t + ((b.t - a.t) * (q - a.d)) / (b.d - a.d);
    best = Math.min(best, end - samples[s].t);
  }

  return Number.isFinite(best) ? Math.max(0, best) : null;
}

export interface RunForRecords {
  /** Metres. */
  distance: number;
  /** Moving seconds. */
  duration: number;
  samples?: readonly TrackSample[] | null;
}

/**
 * Best time (whole seconds) per race distance for one run, null where the run does not cover it.
 * With a track the best effort comes from its samples. Without one (a run typed in by hand) all we
 * know is the average, so only distances the run fully covers get a time, pro-rated at even pace:
 * a 12 km run in 60:00 gives 25:00 for 5K. That never overstates the runner, since the fastest
 * stretch of a run is at least as fast as its average.
 */
export function bestEffortsForRun(run: RunForRecords): Record<RaceDistanceKey, number | null> {
  const result = {} as Record<RaceDistanceKey, number | null>;
  const hasSamples = run.samples !== undefined && run.samples !== null && run.samples.length >= 2;
  for (const key of RACE_DISTANCE_KEYS) {
    const distance = RACE_DISTANCES[key];
    let seconds: number | null = null;
    if (hasSamples) {
      seconds = bestEffort(run.samples!, distance);
    } else if (run.duration > 0 && run.distance >= distance - EPS_M) {
      seconds = (run.duration * distance) / run.distance;
    }
    result[key] = seconds === null || seconds <= 0 ? null : Math.round(seconds);
  }
  return result;
}
