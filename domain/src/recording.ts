// An imported activity as a run: the run's own fields, the recording kept beside it (for the map,
// the splits and the GPX export), and the way back out to GPX.
import type { ActivityPoint, ParsedActivity } from './activity-file';
import type { ActivitySummary } from './activity-summary';
import { writeGpx } from './gpx-writer';

/** Same values as the GraphQL `RunEnvironment` enum. */
export type ActivityEnvironment = 'OUTDOOR' | 'TREADMILL' | 'TRACK' | 'TRAIL';

/** The fields of a run that an activity file provides. */
export interface ActivityRun {
  startedAt: Date;
  /** Metres, moving. */
  distance: number;
  /** Moving seconds. */
  duration: number;
  name: string | null;
  elevationGain: number | null;
  averageHeartRate: number | null;
  environment: ActivityEnvironment;
}

/** Longest run name the run rules accept. */
const MAX_NAME = 120;

/**
 * Where the run happened: a declared treadmill/indoor, trail or track run (Garmin Connect's GPX
 * types), else a recording with distance but no position at all is a treadmill (a foot pod or the
 * belt's counter), else outdoors.
 */
export function activityEnvironment(parsed: ParsedActivity): ActivityEnvironment {
  const sport = (parsed.sport ?? '').toLowerCase();
  if (sport.includes('treadmill') || sport.includes('indoor')) return 'TREADMILL';
  if (sport.includes('trail')) return 'TRAIL';
  if (/track_?run/.test(sport)) return 'TRACK';
  const points = parsed.segments.flat();
  if (!points.some((p) => p.lat !== undefined) && points.some((p) => p.distance !== undefined)) return 'TREADMILL';
  return 'OUTDOOR';
}

export function runFromActivity(parsed: ParsedActivity, summary: ActivitySummary): ActivityRun {
  const name = parsed.name?.trim().slice(0, MAX_NAME).trim();
  return {
    startedAt: summary.startedAt,
    distance: summary.distance,
    duration: summary.duration,
    name: name ? name : null,
    elevationGain: summary.elevationGain,
    averageHeartRate: summary.averageHeartRate,
    environment: activityEnvironment(parsed),
  };
}

/**
 * One stored point: [lat, lon, elevation | null, seconds after the run's start | null, heart rate | null].
 * Positions keep 6 decimals (≈ 0.1 m), elevation 0.1 m, time 1 ms: what a GPX export needs to give
 * back the same distance and moving time.
 */
export type RecordedPoint = [number, number, number | null, number | null, number | null];

const round = (x: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};

const positioned = (p: ActivityPoint): p is ActivityPoint & { lat: number; lon: number } => p.lat !== undefined && p.lon !== undefined;

/**
 * The positioned points of each segment, times relative to `startedAt` (so the track follows the
 * run when its start is edited). Points without a position (a treadmill) are not kept: the splits
 * and totals already hold what they told. Empty segments are dropped.
 */
export function recordingOf(parsed: ParsedActivity, startedAt: Date): RecordedPoint[][] {
  const start = startedAt.getTime();
  return parsed.segments
    .map((segment) =>
      segment
        .filter(positioned)
        .map(
          (p): RecordedPoint => [
            round(p.lat, 6),
            round(p.lon, 6),
            p.ele === undefined ? null : round(p.ele, 1),
            p.time === undefined ? null : round((p.time.getTime() - start) / 1000, 3),
            p.heartRate ?? null,
          ],
        ),
    )
    .filter((segment) => segment.length > 0);
}

/** `Run.track`: [lat, lon] or [lat, lon, elevation] per point, segments in order; null without points. */
export function trackOf(segments: readonly (readonly RecordedPoint[])[]): number[][] | null {
  const track: number[][] = [];
  for (const segment of segments) {
    for (const [lat, lon, ele] of segment) track.push(ele === null ? [lat, lon] : [lat, lon, ele]);
  }
  return track.length > 0 ? track : null;
}

/** A run and its recording as a GPX 1.1 file (see writeGpx); a run without one gets a track without points. */
export function recordingToGpx(run: { name: string | null; startedAt: Date }, segments: readonly (readonly RecordedPoint[])[]): string {
  const start = run.startedAt.getTime();
  return writeGpx({
    name: run.name,
    startedAt: run.startedAt,
    type: 'running',
    segments: segments.map((segment) =>
      segment.map(([lat, lon, ele, t, hr]) => ({ lat, lon, ele, heartRate: hr, time: t === null ? null : new Date(start + t * 1000) })),
    ),
  });
}

/**
 * A stored recording read back as an activity (what its GPX export would read to): for work on
 * runs stored before a value was kept at import, such as the heart-rate histogram.
 */
export function activityOfRecording(startedAt: Date, segments: readonly (readonly RecordedPoint[])[]): ParsedActivity {
  const start = startedAt.getTime();
  return {
    startedAt,
    segments: segments.map((segment) =>
      segment.map(([lat, lon, ele, t, hr]) => ({
        lat,
        lon,
        ...(ele === null ? {} : { ele }),
        ...(t === null ? {} : { time: new Date(start + t * 1000) }),
        ...(hr === null ? {} : { heartRate: hr }),
      })),
    ),
  };
}
