// GPX 1.0 and 1.1, read as the elements stream past: tracks (trk/trkseg/trkpt, or trkpt straight
// under trk), routes (rte/rtept) when there is no track, the name, type and start time.
import type { ActivityPoint, ParsedActivity } from './activity-file';
import { dateTime, ExtensionsHeartRate, firstTime, nonEmpty, num, pushSegment, setPosition } from './track-points';
import { ElementPaths } from './xml-stream';
import type { XmlVisitor } from './xml-stream';

/** A <trkpt> or <rtept> being read: position from its attributes, then <ele>, <time> and <extensions>. */
class GpxPointReading {
  private readonly lat?: number;
  private readonly lon?: number;
  private ele?: number;
  private time?: Date;
  private readonly heartRate = new ExtensionsHeartRate();

  constructor(
    readonly depth: number,
    attributes: Readonly<Record<string, string>>,
  ) {
    this.lat = num(attributes.lat);
    this.lon = num(attributes.lon);
  }

  open(name: string, depth: number): void {
    if (this.heartRate.inside) this.heartRate.open(name, depth);
    else if (depth === this.depth + 1 && name === 'extensions') this.heartRate.enter(depth);
  }

  close(name: string, depth: number, text: string): void {
    if (this.heartRate.inside) this.heartRate.close(name, depth, text);
    else if (depth === this.depth + 1 && name === 'ele') this.ele ??= num(text);
    else if (depth === this.depth + 1 && name === 'time') this.time ??= dateTime(text);
  }

  finish(): ActivityPoint {
    const p: ActivityPoint = {};
    setPosition(p, this.lat, this.lon);
    if (this.ele !== undefined) p.ele = this.ele;
    if (this.time) p.time = this.time;
    if (this.heartRate.bpm !== undefined) p.heartRate = this.heartRate.bpm;
    if (this.heartRate.cadence !== undefined) p.cadence = this.heartRate.cadence;
    return p;
  }
}

/** Where the file's name, sport and start time may be written (below the root). */
const FIRST_TEXTS = new Set(['metadata/name', 'metadata/time', 'name', 'time', 'trk/name', 'trk/type', 'rte/name', 'rte/type']);

export class GpxReader implements XmlVisitor {
  private readonly paths = new ElementPaths();
  private readonly segments: ActivityPoint[][] = [];
  private readonly routes: ActivityPoint[][] = [];
  /** Points of the open <trkseg> or <rte>. */
  private points: ActivityPoint[] = [];
  /** Points straight under the open <trk>. */
  private loosePoints: ActivityPoint[] = [];
  private reading: GpxPointReading | null = null;
  /** The first non-empty text at each of FIRST_TEXTS in the file. */
  private readonly texts = new Map<string, string>();

  /** `countPoint` is called for every point read (it throws past the file's point limit). */
  constructor(private readonly countPoint: () => void = () => undefined) {}

  open(name: string, depth: number, attributes: Readonly<Record<string, string>>): void {
    if (this.reading) return this.reading.open(name, depth);
    switch (this.paths.enter(name, depth)) {
      case 'trk':
        this.loosePoints = [];
        break;
      case 'trk/trkseg':
      case 'rte':
        this.points = [];
        break;
      case 'trk/trkpt':
      case 'trk/trkseg/trkpt':
      case 'rte/rtept':
        this.reading = new GpxPointReading(depth, attributes);
        break;
    }
  }

  close(name: string, depth: number, text: string): void {
    if (this.reading && depth > this.reading.depth) return this.reading.close(name, depth, text);
    const path = this.paths.at(depth);
    switch (path) {
      case 'trk/trkpt':
        this.loosePoints.push(this.finishPoint());
        break;
      case 'trk/trkseg/trkpt':
      case 'rte/rtept':
        this.points.push(this.finishPoint());
        break;
      case 'trk/trkseg':
        pushSegment(this.segments, this.points);
        break;
      case 'trk':
        // Some writers put <trkpt> straight under <trk>; that is one more segment, after the trksegs.
        pushSegment(this.segments, this.loosePoints);
        break;
      case 'rte':
        pushSegment(this.routes, this.points);
        break;
      default:
        if (FIRST_TEXTS.has(path) && !this.texts.has(path)) {
          const value = nonEmpty(text);
          if (value !== undefined) this.texts.set(path, value);
        }
    }
  }

  private finishPoint(): ActivityPoint {
    this.countPoint();
    const point = this.reading!.finish();
    this.reading = null;
    return point;
  }

  result(): ParsedActivity {
    // A planned route only when there is no recorded track, so a file with both is not counted twice.
    const segments = this.segments.length > 0 ? this.segments : this.routes;
    return {
      // GPX 1.1 keeps name and time in <metadata>; GPX 1.0 has them directly under <gpx>.
      name: this.texts.get('metadata/name') ?? this.texts.get('name') ?? this.texts.get('trk/name') ?? this.texts.get('rte/name'),
      sport: this.texts.get('trk/type') ?? this.texts.get('rte/type'),
      startedAt: dateTime(this.texts.get('metadata/time')) ?? dateTime(this.texts.get('time')) ?? firstTime(segments),
      segments,
    };
  }
}
