// Garmin FIT (the binary format most watches record) into the same ParsedActivity as GPX and TCX,
// so summarizeActivity and the recording code stay the one path for every format.
// Decoding is fit-file-parser's (MIT): header and CRC checks, the FIT profile, developer data fields.
import { ActivityFileError, DEFAULT_ACTIVITY_FILE_LIMITS, tooLarge, tooManyPoints } from './activity-file';
import type { ActivityFileLimits, ActivityPoint, DeviceLap, ParsedActivity } from './activity-file';
import { stepsPerMinute } from './track-points';

type FitMessage = Record<string, unknown>;

interface FitDecoder {
  parse(content: Buffer, callback: (error: string | undefined, data: unknown) => void): void;
}
/*
 * fit-file-parser ships a CommonJS build beside its ES module (package exports "require"), but its
 * type declarations are the ES module's, which TypeScript won't let a CommonJS file import: hence
 * require() with the slice of its API used here.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const FitParser: new (options: Record<string, unknown>) => FitDecoder = require('fit-file-parser').default;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const date = (v: unknown): Date | undefined => {
  const d = v instanceof Date ? v : typeof v === 'string' ? new Date(v) : undefined;
  return d && Number.isFinite(d.getTime()) ? d : undefined;
};

/*
 * FIT sports that are runs. `generic` (and no sport at all) is taken as the runner says, as an
 * untyped GPX is; a treadmill is `running`/`treadmill` or `fitness_equipment`/`treadmill`.
 * Everything else (cycling, swimming, training/strength_training, walking…) is refused by name.
 */
const RUNNING_SPORTS = new Set(['running', 'generic']);

/** The sport as the runner would say it: "cycling", "strength training", "running". */
function sportName(sport: string | undefined, subSport: string | undefined): string | undefined {
  const specific = subSport && subSport !== 'generic' && (sport === 'training' || sport === 'fitness_equipment' || sport === undefined);
  const name = specific ? subSport : sport;
  return name?.replace(/_/g, ' ');
}

/**
 * The sport string ParsedActivity carries: what activityEnvironment reads for runs (treadmill,
 * trail, track), the plain name for anything else.
 */
function declaredSport(sport: string | undefined, subSport: string | undefined): string | undefined {
  if (subSport === 'treadmill' && (sport === 'running' || sport === 'fitness_equipment')) return 'treadmill_running';
  if (sport === 'running' && (subSport === 'trail' || subSport === 'track')) return `${subSport}_running`;
  return sport;
}

function decode(bytes: Uint8Array): Record<string, unknown> {
  // force: false makes the decoder check the header and file CRCs, so a truncated or damaged file
  // is an error rather than half an activity. Its callback runs synchronously.
  const parser = new FitParser({ force: false, speedUnit: 'm/s', lengthUnit: 'm', mode: 'list' });
  let failure: string | undefined;
  let result: Record<string, unknown> | undefined;
  try {
    parser.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (error, data) => {
      failure = error;
      result = data as Record<string, unknown> | undefined;
    });
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  if (failure || !result)
    throw new ActivityFileError('MALFORMED', `the FIT file is truncated or damaged (${failure ?? 'nothing decoded'})`);
  return result;
}

const list = (v: unknown): FitMessage[] => (Array.isArray(v) ? (v as FitMessage[]) : []);

/** Heart rates outside 20–250 bpm are sensor dropouts, as in GPX/TCX. */
const heartRate = (v: unknown): number | undefined => {
  const n = num(v);
  return n !== undefined && n >= 20 && n <= 250 ? Math.round(n) : undefined;
};

/**
 * A running cadence as FIT writes it: strides per minute in `cadence` plus `fractional_cadence`
 * (1/128 strides, already scaled by the decoder), as steps per minute (stepsPerMinute).
 */
const cadenceOf = (whole: unknown, fraction: unknown): number | undefined => {
  const strides = num(whole);
  return stepsPerMinute(strides === undefined ? undefined : strides + (num(fraction) ?? 0));
};

/** A lap message: its timer time (not elapsed: the watch's own pauses are not in it), distance, averages. */
function lapOf(lap: FitMessage): DeviceLap {
  const out: DeviceLap = { distance: Math.max(0, num(lap.total_distance) ?? 0), duration: Math.max(0, num(lap.total_timer_time) ?? 0) };
  const hr = heartRate(lap.avg_heart_rate);
  if (hr !== undefined) out.averageHeartRate = hr;
  const cadence = cadenceOf(lap.avg_cadence, lap.avg_fractional_cadence);
  if (cadence !== undefined) out.averageCadence = cadence;
  return out;
}

/**
 * Reads a FIT activity file. Records become points (position, altitude, time, heart rate, the
 * device's distance counter); each timer stop … start pause starts a new segment, so paused time and
 * distance never count (summarizeActivity never bridges segments). Laps' totals are the device
 * totals, as TCX laps are, and the laps are kept (`laps`); cadence is in steps per minute. Developer data fields are decoded by the parser and ignored here.
 * The decoder reads the whole file at once, so `limits.maxBytes` is what bounds its work; the
 * records are then counted against `limits.maxPoints` before any is used.
 * @throws ActivityFileError: MALFORMED (not FIT, truncated, bad CRC), NOT_A_RUN (naming the sport),
 *   NO_POINTS, TOO_LARGE, TOO_MANY_POINTS.
 */
export function parseFitFile(bytes: Uint8Array, limits: Readonly<ActivityFileLimits> = DEFAULT_ACTIVITY_FILE_LIMITS): ParsedActivity {
  if (bytes.byteLength > limits.maxBytes) throw tooLarge('FIT', limits.maxBytes);
  if (bytes.byteLength === 0) throw new ActivityFileError('EMPTY', 'the FIT file is empty');
  const fit = decode(bytes);
  if (list(fit.records).length > limits.maxPoints) throw tooManyPoints('FIT', limits.maxPoints);
  const session = list(fit.sessions)[0];
  const sportMessage = list(fit.sports)[0];
  const sport = (session?.sport ?? sportMessage?.sport) as string | undefined;
  const subSport = (session?.sub_sport ?? sportMessage?.sub_sport) as string | undefined;
  const isTreadmill = sport === 'fitness_equipment' && subSport === 'treadmill';
  if (sport !== undefined && !RUNNING_SPORTS.has(sport) && !isTreadmill) {
    throw new ActivityFileError('NOT_A_RUN', `the file is a ${sportName(sport, subSport)} activity, not a run; only runs can be imported`);
  }

  const segments = segmentsOf(list(fit.records), list(fit.events));
  if (segments.length === 0) throw new ActivityFileError('NO_POINTS', 'the FIT file contains no records');

  const laps = list(fit.laps);
  const deviceTotals: NonNullable<ParsedActivity['deviceTotals']> = {};
  const lapDistance = laps.reduce((s, l) => s + (num(l.total_distance) ?? 0), 0);
  const lapTime = laps.reduce((s, l) => s + (num(l.total_timer_time) ?? 0), 0);
  if (lapDistance > 0) deviceTotals.distance = lapDistance;
  else if (num(session?.total_distance)) deviceTotals.distance = num(session?.total_distance);
  if (lapTime > 0) deviceTotals.duration = lapTime;
  else if (num(session?.total_timer_time)) deviceTotals.duration = num(session?.total_timer_time);
  const avgHr = heartRate(session?.avg_heart_rate);
  if (avgHr !== undefined) deviceTotals.averageHeartRate = avgHr;

  const parsed: ParsedActivity = {
    sport: declaredSport(sport, subSport),
    startedAt: date(session?.start_time) ?? segments[0].find((p) => p.time)?.time,
    segments,
    laps: laps.length > 0 ? laps.map(lapOf) : undefined,
    deviceTotals: Object.keys(deviceTotals).length > 0 ? deviceTotals : undefined,
  };
  for (const key of Object.keys(parsed) as (keyof ParsedActivity)[]) {
    if (parsed[key] === undefined) delete parsed[key];
  }
  return parsed;
}

/** Records split at the timer's pauses; records logged while the timer is stopped are dropped. */
function segmentsOf(records: FitMessage[], events: FitMessage[]): ActivityPoint[][] {
  const timer = events
    .filter((e) => e.event === 'timer' && date(e.timestamp))
    .map((e) => ({ at: date(e.timestamp)!.getTime(), running: e.event_type === 'start' }))
    .sort((a, b) => a.at - b.at);
  const segments: ActivityPoint[][] = [];
  let current: ActivityPoint[] = [];
  let running = true;
  let next = 0;
  for (const record of records) {
    const time = date(record.timestamp);
    if (time) {
      // Apply the timer events before this record; a stop closes the segment. A stop logged in the
      // record's own second takes effect after it (the record is the segment's last point), a start
      // before it (the first point).
      const t = time.getTime();
      while (next < timer.length && (timer[next].at < t || (timer[next].at === t && timer[next].running))) {
        const event = timer[next++];
        if (!event.running && running && current.length > 0) {
          segments.push(current);
          current = [];
        }
        running = event.running;
      }
      if (!running) continue;
    }
    const point: ActivityPoint = {};
    const lat = num(record.position_lat);
    const lon = num(record.position_long);
    if (lat !== undefined && lon !== undefined && !(lat === 0 && lon === 0) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
      point.lat = lat;
      point.lon = lon;
    }
    const ele = num(record.enhanced_altitude) ?? num(record.altitude);
    if (ele !== undefined) point.ele = ele;
    if (time) point.time = time;
    const hr = heartRate(record.heart_rate);
    if (hr !== undefined) point.heartRate = hr;
    const distance = num(record.distance);
    if (distance !== undefined) point.distance = distance;
    const cadence = cadenceOf(record.cadence, record.fractional_cadence);
    if (cadence !== undefined) point.cadence = cadence;
    if (Object.keys(point).length > 0) current.push(point);
  }
  if (current.length > 0) segments.push(current);
  return segments;
}
