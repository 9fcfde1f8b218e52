// Training load per run and the acute/chronic load balance over days.
import type { HeartRateHistogram, HeartRateLimits } from './heart-rate-zones';

export interface RunLoadInput {
  /** Moving seconds. */
  duration: number;
  /** Metres. */
  distance: number;
  averageHeartRate?: number | null;
}

export interface AthleteLoadProfile {
  /** Lactate-threshold pace, seconds per km (≈ the pace one can race for an hour). */
  thresholdPace?: number | null;
  maxHeartRate?: number | null;
  restingHeartRate?: number | null;
}

/*
 * Load = minutes × intensity, on one scale whatever we know about the run:
 * one hour at lactate threshold scores 100 (as in Coggan's TSS), i.e. intensity 100/60 at threshold.
 *
 * 1. Heart rate (average HR and max HR known). Banister's TRIMP weights each minute by
 *      HRr · 0.64 e^(1.92 HRr),  HRr = (HR − rest) / (max − rest)  (heart-rate reserve, 0–1),
 *    so hard minutes count exponentially more, as blood lactate does. We divide by the weight at
 *    HRr = 0.85 (≈ lactate threshold) so an hour at threshold is 100 here too (hrTSS-style).
 *    Preferred over pace: heart rate also sees hills, heat and trails, which pace does not.
 * 2. Pace (threshold pace known). Intensity factor IF = thresholdPace / runPace (> 1 when faster),
 *    load = minutes × IF² × 100/60: rTSS. IF is capped at 1.5 so a GPS glitch cannot explode it.
 * 3. Neither: intensity 1 (one point a minute), the load of a moderate aerobic run
 *    (IF ≈ 0.77 ⇒ IF² × 100/60 ≈ 1).
 */
export const LOAD_PER_THRESHOLD_HOUR = 100;
export const THRESHOLD_HEART_RATE_RESERVE = 0.85;
export const DEFAULT_RESTING_HEART_RATE = 60;
export const MAX_INTENSITY_FACTOR = 1.5;
export const FALLBACK_INTENSITY = 1;

const THRESHOLD_INTENSITY = LOAD_PER_THRESHOLD_HOUR / 60;
const trimpWeight = (hrr: number): number => hrr * 0.64 * Math.exp(1.92 * hrr);
const positive = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** Load points per minute for a run; see the rules above. */
export function runIntensity(run: RunLoadInput, athlete: AthleteLoadProfile): number {
  const rest = positive(athlete.restingHeartRate) ? athlete.restingHeartRate : DEFAULT_RESTING_HEART_RATE;
  if (positive(run.averageHeartRate) && positive(athlete.maxHeartRate) && athlete.maxHeartRate > rest) {
    const hrr = Math.min(1, Math.max(0, (run.averageHeartRate - rest) / (athlete.maxHeartRate - rest)));
    return (trimpWeight(hrr) / trimpWeight(THRESHOLD_HEART_RATE_RESERVE)) * THRESHOLD_INTENSITY;
  }
  if (positive(athlete.thresholdPace) && positive(run.distance) && positive(run.duration)) {
    const pace = run.duration / (run.distance / 1000);
    const intensityFactor = Math.min(MAX_INTENSITY_FACTOR, athlete.thresholdPace / pace);
    return intensityFactor * intensityFactor * THRESHOLD_INTENSITY;
  }
  return FALLBACK_INTENSITY;
}

/**
 * Heart-rate load (Banister TRIMP summed bpm by bpm over the run's heart-rate histogram, so a run of
 * intervals scores its hard minutes as hard rather than at its average), on the scale of rule 1
 * above: Σ minutes × TRIMP weight(HRr) / weight(0.85) × 100/60. Rounded to 0.1.
 */
export function heartRateLoad(h: HeartRateHistogram, limits: HeartRateLimits): number {
  const reserve = limits.max - limits.rest;
  const threshold = trimpWeight(THRESHOLD_HEART_RATE_RESERVE);
  let load = 0;
  h.seconds.forEach((s, i) => {
    const hrr = Math.min(1, Math.max(0, (h.from + i - limits.rest) / reserve));
    load += (s / 60) * (trimpWeight(hrr) / threshold) * THRESHOLD_INTENSITY;
  });
  return Math.round(load * 10) / 10;
}

/**
 * Load of a run with heart rate: heartRateLoad over its heart-rate time, plus runLoad (pace model)
 * over any moving time the strap missed, so a dropout does not make a run lighter. Rounded to 0.1.
 */
export function runLoadWithHeartRate(
  run: RunLoadInput,
  h: HeartRateHistogram,
  limits: HeartRateLimits,
  athlete: AthleteLoadProfile,
): number {
  const missed = Math.max(0, run.duration - h.seconds.reduce((a, s) => a + s, 0));
  // The missed stretch at the run's average pace: its share of the distance.
  const share = run.duration > 0 ? missed / run.duration : 0;
  const rest = runLoad({ duration: missed, distance: run.distance * share }, athlete);
  return Math.round((heartRateLoad(h, limits) + rest) * 10) / 10;
}

/** Training load of one run: minutes × intensity, rounded to 0.1 (an hour at threshold = 100). */
export function runLoad(run: RunLoadInput, athlete: AthleteLoadProfile): number {
  if (!positive(run.duration)) return 0;
  return Math.round((run.duration / 60) * runIntensity(run, athlete) * 10) / 10;
}

export interface DailyLoad {
  /** 00:00 UTC of the day. */
  date: Date;
  /** 7-day exponentially weighted load ("fatigue"). */
  acute: number;
  /** 42-day exponentially weighted load ("fitness"). */
  chronic: number;
  /** chronic − acute: negative while training harder than one is used to, positive when fresh. */
  balance: number;
}

export const ACUTE_DAYS = 7;
export const CHRONIC_DAYS = 42;

/**
 * How much history before the first reported day a caller needs to pass in. The chronic EWMA keeps
 * (41/43)^n of a load n days back: after 180 days that is 0.02 % (the acute EWMA forgets faster), so
 * runs older than this change no reported value by more than that and can be left out of the query.
 */
export const LOAD_WARMUP_DAYS = 180;
const DAY_MS = 86_400_000;
const dayIndex = (d: Date): number => Math.floor(d.getTime() / DAY_MS);

/**
 * Acute and chronic load for every UTC day from `from` to `to` inclusive.
 * Each is an exponentially weighted moving average of daily load (loads on one day summed, rest
 * days 0): EWMA_d = EWMA_{d−1} + α (load_d − EWMA_{d−1}) with α = 2 / (N + 1), the usual span-N
 * smoothing (N = 7 acute, 42 chronic; Williams et al. 2017 on EWMA workload ratios).
 * Both start at 0 on the earliest day that has a load (or `from`, if earlier) and run through days
 * before `from` without reporting them, so the chronic load on `from` already reflects the history
 * passed in. Loads after `to` are ignored. O(days + runs).
 */
export function dailyLoadSeries(days: readonly { date: Date; load: number }[], from: Date, to: Date): DailyLoad[] {
  const first = dayIndex(from);
  const last = dayIndex(to);
  if (!Number.isFinite(first) || !Number.isFinite(last) || last < first) return [];

  const totals = new Map<number, number>();
  let start = first;
  for (const { date, load } of days) {
    const k = dayIndex(date);
    if (!Number.isFinite(k) || !Number.isFinite(load) || k > last) continue;
    totals.set(k, (totals.get(k) ?? 0) + load);
    if (k < start) start = k;
  }

  const acuteAlpha = 2 / (ACUTE_DAYS + 1);
  const chronicAlpha = 2 / (CHRONIC_DAYS + 1);
  let acute = 0;
  let chronic = 0;
  const out: DailyLoad[] = [];
  for (let k = start; k <= last; k++) {
    const load = totals.get(k) ?? 0;
    acute += acuteAlpha * (load - acute);
    chronic += chronicAlpha * (load - chronic);
    if (k >= first) out.push({ date: new Date(k * DAY_MS), acute, chronic, balance: chronic - acute });
  }
  return out;
}
