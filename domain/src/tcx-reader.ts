// Garmin TCX (TrainingCenterDatabase v2), read as the elements stream past: activities, their laps
// and tracks (joined across auto-laps), the laps' own totals, and courses when there is no activity.
import type { ActivityPoint, DeviceLap, ParsedActivity } from './activity-file';
import {
  dateTime,
  ExtensionsHeartRate,
  firstTime,
  HeartRateElement,
  nonEmpty,
  num,
  pushSegment,
  setPosition,
  stepsPerMinute,
  usable,
} from './track-points';
import { ElementPaths } from './xml-stream';
import type { XmlVisitor } from './xml-stream';

/**
 * Garmin writes one <Track> per <Lap>, so an auto-lap every kilometre or mile would cut the
 * recording into segments and lose the second and the few metres between them (segments are never
 * bridged). A lap is not a pause: the first track of a lap continues the previous lap's segment
 * when it starts at most LAP_JOIN_MAX_GAP_S after it (the pause rule then judges that gap inside
 * the segment, as any other: see PAUSE_GAP_S). A longer gap, or a second <Track>
 * inside one lap (Garmin's mark of a pause), starts a new segment.
 */
export const LAP_JOIN_MAX_GAP_S = 60;

function continuesAcrossLap(previous: ActivityPoint[], next: ActivityPoint[]): boolean {
  const end = previous.findLast((p) => p.time)?.time;
  const start = next.find((p) => p.time)?.time;
  // Without times on either side there is no evidence of a pause between the laps.
  if (!end || !start) return true;
  const gap = (start.getTime() - end.getTime()) / 1000;
  return gap >= 0 && gap <= LAP_JOIN_MAX_GAP_S;
}

/** A <Trackpoint> being read: Time, Position, AltitudeMeters, DistanceMeters, HeartRateBpm, Extensions. */
class TcxPointReading {
  private time?: Date;
  private lat?: number;
  private lon?: number;
  private ele?: number;
  private distance?: number;
  private inPosition = false;
  private heartRateBpm: HeartRateElement | null = null;
  private heartRate?: number;
  private readonly extensions = new ExtensionsHeartRate();

  constructor(readonly depth: number) {}

  open(name: string, depth: number): void {
    if (this.extensions.inside) return this.extensions.open(name, depth);
    if (depth !== this.depth + 1) return;
    if (name === 'Position') this.inPosition = true;
    else if (name === 'Extensions') this.extensions.enter(depth);
    else if (name === 'HeartRateBpm' && this.heartRate === undefined) this.heartRateBpm = new HeartRateElement(depth);
  }

  close(name: string, depth: number, text: string): void {
    if (this.extensions.inside) return this.extensions.close(name, depth, text);
    if (this.heartRateBpm) {
      if (depth > this.heartRateBpm.depth) return this.heartRateBpm.closeChild(name, depth, text);
      this.heartRate = this.heartRateBpm.close(text);
      this.heartRateBpm = null;
    } else if (this.inPosition) {
      if (depth === this.depth + 1) this.inPosition = false;
      else if (depth === this.depth + 2 && name === 'LatitudeDegrees') this.lat ??= num(text);
      else if (depth === this.depth + 2 && name === 'LongitudeDegrees') this.lon ??= num(text);
    } else if (depth === this.depth + 1) {
      if (name === 'Time') this.time ??= dateTime(text);
      else if (name === 'AltitudeMeters') this.ele ??= num(text);
      else if (name === 'DistanceMeters') this.distance ??= nonNegative(num(text));
    }
  }

  finish(): ActivityPoint {
    const p: ActivityPoint = {};
    setPosition(p, this.lat, this.lon);
    if (this.ele !== undefined) p.ele = this.ele;
    if (this.time) p.time = this.time;
    const hr = this.heartRate ?? this.extensions.bpm;
    if (hr !== undefined) p.heartRate = hr;
    if (this.distance !== undefined) p.distance = this.distance;
    if (this.extensions.cadence !== undefined) p.cadence = this.extensions.cadence;
    return p;
  }
}

const nonNegative = (n: number | undefined): number | undefined => (n !== undefined && n >= 0 ? n : undefined);

/** What the device itself reported, summed over the laps (ParsedActivity.deviceTotals). */
class LapTotals {
  private distance = 0;
  private duration = 0;
  private hasDistance = false;
  private hasDuration = false;
  private hrWeighted = 0;
  private hrWeight = 0;
  private hrSum = 0;
  private hrLaps = 0;

  add(lap: { distance?: number; time?: number; heartRate?: number }): void {
    if (lap.distance !== undefined && lap.distance >= 0) {
      this.distance += lap.distance;
      this.hasDistance = true;
    }
    if (lap.time !== undefined && lap.time >= 0) {
      this.duration += lap.time;
      this.hasDuration = true;
    }
    if (lap.heartRate !== undefined) {
      this.hrSum += lap.heartRate;
      this.hrLaps += 1;
      if (lap.time !== undefined && lap.time > 0) {
        this.hrWeighted += lap.heartRate * lap.time;
        this.hrWeight += lap.time;
      }
    }
  }

  result(): ParsedActivity['deviceTotals'] {
    const totals: NonNullable<ParsedActivity['deviceTotals']> = {};
    if (this.hasDistance) totals.distance = this.distance;
    if (this.hasDuration) totals.duration = this.duration;
    // Lap heart rates weighted by lap time when the laps have one.
    if (this.hrLaps > 0)
      totals.averageHeartRate = Math.round(this.hrWeight > 0 ? this.hrWeighted / this.hrWeight : this.hrSum / this.hrLaps);
    return Object.keys(totals).length > 0 ? totals : undefined;
  }
}

/** A lap as read: a missing or negative total is 0 (the lap is still the device's). */
function deviceLap(lap: { distance?: number; time?: number; heartRate?: number; cadence?: number }): DeviceLap {
  const out: DeviceLap = { distance: Math.max(0, lap.distance ?? 0), duration: Math.max(0, lap.time ?? 0) };
  if (lap.heartRate !== undefined) out.averageHeartRate = lap.heartRate;
  if (lap.cadence !== undefined) out.averageCadence = lap.cadence;
  return out;
}

const ACTIVITY = 'Activities/Activity';
const LAP = `${ACTIVITY}/Lap`;
const COURSE = 'Courses/Course';

export class TcxReader implements XmlVisitor {
  private readonly paths = new ElementPaths();
  private readonly segments: ActivityPoint[][] = [];
  private readonly courseSegments: ActivityPoint[][] = [];
  private readonly totals = new LapTotals();
  private activities = 0;
  /** Segments before this index belong to an earlier activity (a multisport file) and are never continued. */
  private firstOfActivity = 0;
  private firstTrackOfLap = true;
  private lap: { distance?: number; time?: number; heartRate?: number; cadence?: number } = {};
  private readonly laps: DeviceLap[] = [];
  private lapHeartRate: HeartRateElement | null = null;
  /** Points of the open <Track>. */
  private points: ActivityPoint[] = [];
  private reading: TcxPointReading | null = null;
  private sport?: string;
  /** The first activity's <Id>: its start time by the TCX schema. */
  private id?: string;
  private lapStart?: Date;
  private courseName?: string;

  /** `countPoint` is called for every point read (it throws past the file's point limit). */
  constructor(private readonly countPoint: () => void = () => undefined) {}

  open(name: string, depth: number, attributes: Readonly<Record<string, string>>): void {
    if (this.reading) return this.reading.open(name, depth);
    switch (this.paths.enter(name, depth)) {
      case ACTIVITY:
        if (this.activities++ === 0) this.sport = nonEmpty(attributes.Sport);
        this.firstOfActivity = this.segments.length;
        break;
      case LAP:
        this.lapStart ??= dateTime(attributes.StartTime);
        this.firstTrackOfLap = true;
        this.lap = {};
        break;
      case `${LAP}/AverageHeartRateBpm`:
        this.lapHeartRate = new HeartRateElement(depth);
        break;
      case `${LAP}/Track`:
      case `${COURSE}/Track`:
        this.points = [];
        break;
      case `${LAP}/Track/Trackpoint`:
      case `${COURSE}/Track/Trackpoint`:
        this.reading = new TcxPointReading(depth);
        break;
    }
  }

  close(name: string, depth: number, text: string): void {
    if (this.reading && depth > this.reading.depth) return this.reading.close(name, depth, text);
    if (this.lapHeartRate && depth > this.lapHeartRate.depth) return this.lapHeartRate.closeChild(name, depth, text);
    switch (this.paths.at(depth)) {
      case `${LAP}/Track/Trackpoint`:
      case `${COURSE}/Track/Trackpoint`:
        this.countPoint();
        this.points.push(this.reading!.finish());
        this.reading = null;
        break;
      case `${LAP}/Track`:
        this.closeLapTrack();
        break;
      case `${COURSE}/Track`:
        pushSegment(this.courseSegments, this.points);
        break;
      case `${LAP}/TotalTimeSeconds`:
        this.lap.time ??= num(text);
        break;
      case `${LAP}/DistanceMeters`:
        this.lap.distance ??= num(text);
        break;
      case `${LAP}/AverageHeartRateBpm`:
        this.lap.heartRate ??= this.lapHeartRate!.close(text);
        this.lapHeartRate = null;
        break;
      case `${LAP}/Extensions/LX/AvgRunCadence`:
        this.lap.cadence ??= stepsPerMinute(num(text));
        break;
      case LAP:
        this.totals.add(this.lap);
        this.laps.push(deviceLap(this.lap));
        break;
      case `${ACTIVITY}/Id`:
        if (this.activities === 1) this.id ??= nonEmpty(text);
        break;
      case `${COURSE}/Name`:
        this.courseName ??= nonEmpty(text);
        break;
    }
  }

  /** Each <Track> is a segment (Garmin starts a new one after a pause), except that a lap's first track continues the previous lap's. */
  private closeLapTrack(): void {
    const points = this.points.filter(usable);
    if (points.length === 0) return;
    const previous = this.segments.length > this.firstOfActivity ? this.segments[this.segments.length - 1] : undefined;
    if (this.firstTrackOfLap && previous && continuesAcrossLap(previous, points)) {
      for (const p of points) previous.push(p);
    } else {
      this.segments.push(points);
    }
    this.firstTrackOfLap = false;
  }

  result(): ParsedActivity {
    // Courses (planned routes) are TCX too; they count only when there is no recorded activity.
    const segments = this.activities > 0 ? this.segments : this.courseSegments;
    return {
      name: this.activities > 0 ? undefined : this.courseName,
      sport: this.sport,
      startedAt: dateTime(this.id) ?? this.lapStart ?? firstTime(segments),
      segments,
      laps: this.laps.length > 0 ? this.laps : undefined,
      deviceTotals: this.totals.result(),
    };
  }
}
