// Splits in the runner's unit for recordings kept before mile splits were (run_tracks.mile_splits
// NULL): derived from their stored kilometre splits, the only part of such a run's file still kept
// in full (a treadmill's points never were).
import type { ActivitySplit } from './activity-summary';
import { MIN_FINAL_SPLIT_M } from './activity-summary';

const round = (x: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};

/**
 * `splits` cut again every `length` metres. Inside each stored split the runner is taken at its
 * average pace, so a new boundary's time is interpolated between the stored boundaries, and a
 * stored split's climb is shared by the new splits in proportion to the distance they cover of it.
 * Cumulative rounding, as for splits read from a file. Kilometre splits leave out a last stretch of
 * MIN_FINAL_SPLIT_M or less; given the run's totals, that stretch (what the run has beyond its
 * splits) counts as one more stored split, so the new splits add up to the run; the last partial
 * one is kept when longer than MIN_FINAL_SPLIT_M.
 */
export function resplit(stored: readonly ActivitySplit[], length: number, run?: { distance: number; duration: number }): ActivitySplit[] {
  if (!stored.length) return [];
  const splits = [...stored];
  const covered = splits.reduce((sum, s) => sum + s.distance, 0);
  const took = splits.reduce((sum, s) => sum + s.duration, 0);
  if (run && run.distance > covered && run.duration >= took) {
    splits.push({
      index: splits.length + 1,
      distance: run.distance - covered,
      duration: run.duration - took,
      pace: 0,
      elevationGain: null,
    });
  }
  const total = splits.reduce((sum, s) => sum + s.distance, 0);
  const hasElevation = splits.some((s) => s.elevationGain !== null);
  /** Seconds and climb accumulated up to `at` metres. */
  const upTo = (at: number): { t: number; gain: number } => {
    let d = 0;
    let t = 0;
    let gain = 0;
    for (const s of splits) {
      const part = Math.min(1, Math.max(0, (at - d) / s.distance));
      t += part * s.duration;
      gain += part * (s.elevationGain ?? 0);
      d += s.distance;
      if (part < 1) break;
    }
    return { t, gain };
  };
  const full = Math.floor((total + 1e-6) / length);
  const ends = Array.from({ length: full }, (_, k) => (k + 1) * length);
  if (total - full * length > MIN_FINAL_SPLIT_M) ends.push(total);
  let previous = { at: 0, gain: 0, rounded: 0 };
  return ends.map((at, k) => {
    const { t, gain } = upTo(at);
    const distance = at - previous.at;
    const duration = Math.round(t) - previous.rounded;
    const split: ActivitySplit = {
      index: k + 1,
      distance: round(distance, 1),
      duration,
      // From the duration as stated, as for splits read from a file.
      pace: round(duration / (distance / 1000), 1),
      elevationGain: hasElevation ? round(gain - previous.gain, 1) : null,
    };
    previous = { at, gain, rounded: Math.round(t) };
    return split;
  });
}
