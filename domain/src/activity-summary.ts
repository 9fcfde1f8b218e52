// Turns a parsed GPX/TCX recording into the numbers a run is stored with: distance, moving time,
// elevation gain, heart rate, kilometre splits and the (moving time, distance) series for records.
// Everything is one linear pass per segment: no step looks further than a 20 s window.
import { ActivityFileError, type ActivityPoint, type ParsedActivity } from './activity-file';
import { haversineDistance, type LatLon } from './geo';

/** One kilometre split (the GraphQL `Split` object type has the same shape). */
export interface ActivitySplit {
  /** 1-based. */
  index: number;
  /** Metres: 1000 for full kilometres, less for the final partial split. */
  distance: number;
  /** Moving seconds, integer. */
  duration: number;
  /** Seconds per km. */
  pace: number;
  /** Metres climbed inside the split; null when the file has no elevations. */
  elevationGain: number | null;
}

/** One point of the cumulative series: `t` moving seconds since the start, `d` metres covered. */
export interface TrackSample {
  t: number;
  d: number;
}

export interface ActivitySummary {
  startedAt: Date;
  /** Metres covered while moving (paused stretches and gaps between segments excluded). */
  distance: number;
  /** Moving seconds, integer; 0 when the file has no timestamps (callers must then ask for one). */
  duration: number;
  /** Seconds from the first to the last timestamp, pauses included. */
  elapsed: number;
  elevationGain: number | null;
  averageHeartRate: number | null;
  splits: ActivitySplit[];
  /** [lat, lon, ele?] of every positioned point: 6 decimals (≈ 0.1 m) and 0.1 m elevation. */
  track: number[][];
  /** Non-decreasing in both t and d; empty without timestamps. See SAMPLE_MIN_STEP_*. */
  samples: TrackSample[];
}

export interface SummarizeOptions {
  /** Start time to use when the file has no timestamps at all (a planned route). */
  startedAt?: Date;
}

/*
 * Pause rule. A stretch between two timestamped points counts as stopped (neither its time nor its
 * distance is counted) when
 *   (a) one gap longer than PAUSE_WINDOW_S covers less than PAUSE_MAX_SPEED × gap (auto-pause or a
 *       watch that stops logging while standing), or
 *   (b) one gap longer than LONG_GAP_S covers less than LONG_GAP_MAX_M (a long stop with GPS drift), or
 *   (c) with dense logging (no single gap > PAUSE_WINDOW_S), over a window of at least PAUSE_WINDOW_S
 *       the runner is still within PAUSE_MAX_SPEED × window of where the window began, both at its
 *       end and at its middle. Straight-line displacement, not path length, so GPS jitter while
 *       standing at a crossing does not look like running; checking the middle keeps an
 *       out-and-back turnaround (back where you were 10 s ago) from looking like a stop.
 * With (c) a stop of s seconds at 1 Hz is measured to within about ±2 s.
 * Segments with neither positions nor device distance (heart-rate-only) cannot tell a stop from
 * running, so all their time counts. Gaps between segments never count.
 */
export const PAUSE_WINDOW_S = 10;
export const PAUSE_MAX_SPEED = 0.5; // m/s: slower than the slowest walk
export const LONG_GAP_S = 60;
export const LONG_GAP_MAX_M = 50;

/*
 * Elevation gain. GPS (and to a lesser degree barometric) altitude jitters by metres on flat ground;
 * summing every rise would credit a flat 10 km with 100+ m of climbing. Two steps:
 *   1. a centred moving average over ELEVATION_SMOOTHING_POINTS points (noise σ shrinks by √5),
 *   2. hysteresis: a climb only starts once the smoothed altitude is ELEVATION_THRESHOLD_M above the
 *      lowest point since the last descent, and then every further rise counts until the altitude
 *      drops ELEVATION_THRESHOLD_M below the top. A confirmed climb is counted in full.
 * Both are reset at every segment (the altitude difference across a gap is not climbing).
 */
export const ELEVATION_SMOOTHING_POINTS = 5;
export const ELEVATION_THRESHOLD_M = 3;

/** The final partial split is only shown when longer than this (a 10.03 km run has 10 splits). */
export const MIN_FINAL_SPLIT_M = 50;

/**
 * `samples` keeps one point per SAMPLE_MIN_STEP_M metres (or SAMPLE_MIN_STEP_S seconds when slow):
 * records interpolate linearly between samples, so this costs well under a second on a 5K while
 * keeping a marathon to about 4 000 samples.
 */
export const SAMPLE_MIN_STEP_M = 10;
export const SAMPLE_MIN_STEP_S = 30;

const round = (x: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};

interface Accumulator {
  /** Moving metres so far. */
  distance: number;
  /** Moving seconds so far. */
  moving: number;
  /** Full-resolution (moving time, distance) series of timestamped points, consecutive duplicates removed. */
  ts: number[];
  ds: number[];
  /** Each confirmed rise of the smoothed altitude, at the cumulative distance where it happened. */
  gainAt: number[];
  gain: number[];
  hasElevation: boolean;
  hrWeighted: number;
  hrWeight: number;
  hrSum: number;
  hrCount: number;
  firstTime?: number;
  lastTime?: number;
  track: number[][];
}

type Mode = 'gps' | 'device' | 'none';

const hasPosition = (p: ActivityPoint): p is ActivityPoint & { lat: number; lon: number } => p.lat !== undefined && p.lon !== undefined;

/** Raw cumulative distance along the segment: GPS when it has a track, else the device's own counter. */
function segmentDistance(seg: ActivityPoint[]): { mode: Mode; cum: Float64Array; lastPos: Int32Array } {
  const n = seg.length;
  const cum = new Float64Array(n);
  const lastPos = new Int32Array(n).fill(-1);
  let positioned = 0;
  let withDistance = 0;
  for (const p of seg) {
    if (hasPosition(p)) positioned++;
    if (p.distance !== undefined) withDistance++;
  }
  const mode: Mode = positioned >= 2 ? 'gps' : withDistance >= 2 ? 'device' : 'none';
  let total = 0;
  if (mode === 'gps') {
    let last = -1;
    for (let i = 0; i < n; i++) {
      const p = seg[i];
      if (hasPosition(p)) {
        if (last >= 0) total += haversineDistance(seg[last] as LatLon, p);
        last = i;
      }
      cum[i] = total;
      lastPos[i] = last;
    }
  } else if (mode === 'device') {
    let last: number | undefined;
    for (let i = 0; i < n; i++) {
      const d = seg[i].distance;
      if (d !== undefined) {
        // A counter that goes backwards was reset: count nothing for that step, follow it afterwards.
        if (last !== undefined && d > last) total += d - last;
        last = d;
      }
      cum[i] = total;
    }
  }
  return { mode, cum, lastPos };
}

function addSample(acc: Accumulator): void {
  const n = acc.ts.length;
  if (n > 0 && acc.ts[n - 1] === acc.moving && acc.ds[n - 1] === acc.distance) return;
  acc.ts.push(acc.moving);
  acc.ds.push(acc.distance);
}

function summarizeSegment(seg: ActivityPoint[], acc: Accumulator): void {
  const n = seg.length;
  const { mode, cum, lastPos } = segmentDistance(seg);

  // Timestamped points in order; a time going backwards is ignored (treated as untimed).
  const timed: number[] = [];
  const tSec: number[] = [];
  for (let i = 0; i < n; i++) {
    const time = seg[i].time?.getTime();
    if (time === undefined || !Number.isFinite(time)) continue;
    if (tSec.length > 0 && time / 1000 < tSec[tSec.length - 1]) continue;
    timed.push(i);
    tSec.push(time / 1000);
    acc.firstTime ??= time;
    acc.lastTime = Math.max(acc.lastTime ?? time, time);
  }
  const m = timed.length;

  // pairPaused[k]: the stretch from timed point k-1 to k is a stop (rules at PAUSE_WINDOW_S).
  const pairPaused = new Uint8Array(m);
  if (mode !== 'none' && m >= 2) {
    const displacement = (a: number, b: number): number => {
      if (mode === 'gps' && lastPos[a] >= 0 && lastPos[b] >= 0)
        return haversineDistance(seg[lastPos[a]] as LatLon, seg[lastPos[b]] as LatLon);
      return cum[b] - cum[a];
    };
    const cover = new Int32Array(m + 1); // difference array for rule (c) ranges
    let lastLongGap = 0; // last k whose single gap exceeds the window
    let j = 0;
    for (let k = 1; k < m; k++) {
      const dt = tSec[k] - tSec[k - 1];
      if (dt > PAUSE_WINDOW_S) {
        lastLongGap = k;
        const dd = cum[timed[k]] - cum[timed[k - 1]];
        if (dd < PAUSE_MAX_SPEED * dt || (dt > LONG_GAP_S && dd < LONG_GAP_MAX_M)) pairPaused[k] = 1;
      }
      // Rule (c): j = latest timed point at least one window before k.
      while (j + 1 < k && tSec[k] - tSec[j + 1] >= PAUSE_WINDOW_S) j++;
      const span = tSec[k] - tSec[j];
      if (k - j >= 2 && span >= PAUSE_WINDOW_S && lastLongGap <= j) {
        const limit = PAUSE_MAX_SPEED * span;
        const mid = (j + k) >> 1;
        if (displacement(timed[j], timed[k]) < limit && displacement(timed[j], timed[mid]) < limit) {
          cover[j + 1]++;
          cover[k + 1]--;
        }
      }
    }
    let open = 0;
    for (let k = 1; k < m; k++) {
      open += cover[k];
      if (open > 0) pairPaused[k] = 1;
    }
  }

  // Which steps (point i-1 → i) fall inside a stopped stretch.
  const stepPaused = new Uint8Array(n);
  for (let k = 1; k < m; k++) {
    if (pairPaused[k]) stepPaused.fill(1, timed[k - 1] + 1, timed[k] + 1);
  }

  const pointDistance = new Float64Array(n);
  let rank = 0; // index into `timed` of the next timestamped point
  for (let i = 0; i < n; i++) {
    const p = seg[i];
    if (i > 0 && !stepPaused[i]) acc.distance += cum[i] - cum[i - 1];
    pointDistance[i] = acc.distance;
    if (p.heartRate !== undefined) {
      acc.hrSum += p.heartRate;
      acc.hrCount++;
    }
    if (hasPosition(p)) {
      const row = [round(p.lat, 6), round(p.lon, 6)];
      if (p.ele !== undefined) row.push(round(p.ele, 1));
      acc.track.push(row);
    }
    if (rank < m && timed[rank] === i) {
      if (rank > 0 && !pairPaused[rank]) {
        const dt = tSec[rank] - tSec[rank - 1];
        acc.moving += dt;
        const hr = p.heartRate ?? seg[timed[rank - 1]].heartRate;
        if (hr !== undefined && dt > 0) {
          acc.hrWeighted += hr * dt;
          acc.hrWeight += dt;
        }
      }
      addSample(acc);
      rank++;
    }
  }

  climb(seg, pointDistance, acc);
}

/** Elevation gain of one segment (rule at ELEVATION_THRESHOLD_M), recorded with where it happened. */
function climb(seg: ActivityPoint[], pointDistance: Float64Array, acc: Accumulator): void {
  const idx: number[] = [];
  const raw: number[] = [];
  seg.forEach((p, i) => {
    if (p.ele !== undefined) {
      idx.push(i);
      raw.push(p.ele);
    }
  });
  const n = raw.length;
  if (n === 0) return;
  acc.hasElevation = true;

  // Centred moving average via prefix sums. The window shrinks symmetrically at the ends, so the
  // first and last altitudes are kept and a steady slope is not flattened (a 3-point route keeps its climb).
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + raw[i];
  const half = ELEVATION_SMOOTHING_POINTS >> 1;
  const smooth = (i: number): number => {
    const h = Math.min(half, i, n - 1 - i);
    return (prefix[i + h + 1] - prefix[i - h]) / (2 * h + 1);
  };

  let ref = smooth(0);
  let climbing = false;
  for (let i = 1; i < n; i++) {
    const e = smooth(i);
    let gained = 0;
    if (climbing) {
      if (e > ref) {
        gained = e - ref;
        ref = e;
      } else if (ref - e >= ELEVATION_THRESHOLD_M) {
        climbing = false;
        ref = e;
      }
    } else if (e < ref) {
      ref = e;
    } else if (e - ref >= ELEVATION_THRESHOLD_M) {
      gained = e - ref;
      ref = e;
      climbing = true;
    }
    if (gained > 0) {
      acc.gainAt.push(pointDistance[idx[i]]);
      acc.gain.push(gained);
    }
  }
}

/** Moving time at which the cumulative distance first reaches `target`, interpolated linearly. */
function timeAtDistance(ts: number[], ds: number[], target: number, from: number): { t: number; i: number } {
  let i = Math.max(from, 1);
  while (i < ds.length && ds[i] < target) i++;
  if (i >= ds.length) return { t: ts[ts.length - 1], i: ds.length - 1 };
  if (ds[i - 1] >= target) return { t: ts[i - 1], i };
  return { t: ts[i - 1] + ((ts[i] - ts[i - 1]) * (target - ds[i - 1])) / (ds[i] - ds[i - 1]), i };
}

/**
 * Kilometre splits on the moving-time axis: the time at each exact kilometre boundary is interpolated
 * between the two samples around it. Durations are rounded cumulatively so they add up to the total.
 */
function splitsOf(acc: Accumulator, totalDistance: number, totalMoving: number): ActivitySplit[] {
  const { ts, ds } = acc;
  if (totalMoving <= 0 || ts.length < 2) return [];
  const full = Math.floor((totalDistance + 1e-6) / 1000);
  const boundaries = [0];
  let cursor = 1;
  for (let k = 1; k <= full; k++) {
    const { t, i } = timeAtDistance(ts, ds, k * 1000, cursor);
    boundaries.push(t);
    cursor = i;
  }
  const ends: { distance: number; t: number }[] = [];
  for (let k = 1; k <= full; k++) ends.push({ distance: 1000, t: boundaries[k] });
  const rest = totalDistance - full * 1000;
  if (rest > MIN_FINAL_SPLIT_M) ends.push({ distance: rest, t: totalMoving });

  const gains = new Float64Array(ends.length);
  for (let g = 0; g < acc.gain.length && ends.length > 0; g++) {
    // A rise at exactly 1000 m belongs to the first kilometre.
    const k = Math.min(ends.length - 1, Math.max(0, Math.ceil(acc.gainAt[g] / 1000 - 1e-9) - 1));
    gains[k] += acc.gain[g];
  }

  let previous = 0;
  return ends.map((end, k) => {
    const rounded = Math.round(end.t) - previous;
    previous = Math.round(end.t);
    return {
      index: k + 1,
      distance: round(end.distance, 1),
      duration: rounded,
      // From the duration as stated, so a full kilometre's pace reads exactly its time (4:19 → 4:19/km).
      pace: round(rounded / (end.distance / 1000), 1),
      elevationGain: acc.hasElevation ? round(gains[k], 1) : null,
    };
  });
}

function thinSamples(ts: number[], ds: number[]): TrackSample[] {
  const out: TrackSample[] = [];
  const n = ts.length;
  if (n < 2) return out;
  let lastT = -Infinity;
  let lastD = -Infinity;
  for (let i = 0; i < n; i++) {
    if (i === 0 || i === n - 1 || ds[i] - lastD >= SAMPLE_MIN_STEP_M || ts[i] - lastT >= SAMPLE_MIN_STEP_S) {
      out.push({ t: round(ts[i], 1), d: round(ds[i], 1) });
      lastT = ts[i];
      lastD = ds[i];
    }
  }
  return out;
}

/**
 * Summarises a parsed activity file. Distance is the haversine sum between consecutive positioned
 * points inside each segment (the device's cumulative DistanceMeters when a segment has no positions),
 * minus stopped stretches; see PAUSE_WINDOW_S for the pause rule and ELEVATION_THRESHOLD_M for the
 * elevation smoothing. Average heart rate is weighted by moving time (a plain sample mean when the
 * file has no timestamps).
 * @throws ActivityFileError when neither the file nor `options.startedAt` gives a start time.
 */
export function summarizeActivity(parsed: ParsedActivity, options: SummarizeOptions = {}): ActivitySummary {
  const acc: Accumulator = {
    distance: 0,
    moving: 0,
    ts: [],
    ds: [],
    gainAt: [],
    gain: [],
    hasElevation: false,
    hrWeighted: 0,
    hrWeight: 0,
    hrSum: 0,
    hrCount: 0,
    track: [],
  };
  for (const seg of parsed.segments) {
    if (seg.length > 0) summarizeSegment(seg, acc);
  }

  const startMs = acc.firstTime ?? parsed.startedAt?.getTime() ?? options.startedAt?.getTime();
  if (startMs === undefined || !Number.isFinite(startMs)) {
    throw new ActivityFileError('NO_START_TIME', 'the file has no timestamps, so the start time must be given');
  }

  const distance = acc.distance;
  const splits = splitsOf(acc, distance, acc.moving);
  const averageHeartRate = acc.hrWeight > 0 ? acc.hrWeighted / acc.hrWeight : acc.hrCount > 0 ? acc.hrSum / acc.hrCount : null;
  return {
    startedAt: new Date(startMs),
    distance: round(distance, 1),
    duration: Math.round(acc.moving),
    elapsed: acc.firstTime !== undefined && acc.lastTime !== undefined ? Math.round((acc.lastTime - acc.firstTime) / 1000) : 0,
    elevationGain: acc.hasElevation
      ? round(
          acc.gain.reduce((s, g) => s + g, 0),
          1,
        )
      : null,
    averageHeartRate: averageHeartRate === null ? null : Math.round(averageHeartRate),
    splits,
    track: acc.track,
    samples: acc.moving > 0 ? thinSamples(acc.ts, acc.ds) : [],
  };
}
