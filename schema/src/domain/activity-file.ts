// GPX 1.0/1.1 and Garmin TCX (TrainingCenterDatabase v2) parsing into one normalised shape.
// Pure: text in, data out. Summaries (distance, pauses, splits) live in activity-summary.ts.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type ActivityFileFormat = 'GPX' | 'TCX' | 'FIT';

/** One recorded point. Every field is optional: routes have no time, treadmills have no position. */
export interface ActivityPoint {
  lat?: number;
  lon?: number;
  /** Metres above sea level. */
  ele?: number;
  time?: Date;
  heartRate?: number;
  /** Device cumulative distance in metres (TCX DistanceMeters), e.g. from a foot pod on a treadmill. */
  distance?: number;
}

export interface ParsedActivity {
  name?: string;
  /** As written in the file: TCX Activity Sport ("Running", "Biking", "Other"), GPX trk <type>. */
  sport?: string;
  startedAt?: Date;
  /** Recording segments in file order, none empty. Distance and time are never bridged between them. */
  segments: ActivityPoint[][];
  /** What the device itself reported (TCX Lap totals); absent for GPX. */
  deviceTotals?: {
    /** Sum of Lap DistanceMeters. */
    distance?: number;
    /** Sum of Lap TotalTimeSeconds. */
    duration?: number;
    /** Lap AverageHeartRateBpm weighted by lap TotalTimeSeconds, rounded. */
    averageHeartRate?: number;
  };
}

/** Upload limit: a 12 h activity recorded every second is ≈ 10 MB of TCX, so 25 MiB leaves headroom. */
export const MAX_ACTIVITY_FILE_BYTES = 25 * 1024 * 1024;

export type ActivityFileErrorCode = 'TOO_LARGE' | 'EMPTY' | 'MALFORMED' | 'UNSUPPORTED' | 'NO_POINTS' | 'NO_START_TIME' | 'NOT_A_RUN';

/** A file we cannot use; `message` is written for the runner who uploaded it. */
export class ActivityFileError extends Error {
  override readonly name = 'ActivityFileError';
  constructor(
    readonly code: ActivityFileErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// Elements that may repeat: always parse them as arrays so one and many look the same.
const ARRAY_TAGS = new Set(['trk', 'trkseg', 'trkpt', 'rte', 'rtept', 'Activity', 'Lap', 'Track', 'Trackpoint', 'Course']);

// parseTagValue: false keeps every value a string (we validate numbers ourselves: "" must not become 0).
// removeNSPrefix maps gpxtpx:hr, ns3:TPX, ns2:… to their local names.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ARRAY_TAGS.has(name),
});

type XmlNode = Record<string, unknown>;

const isNode = (v: unknown): v is XmlNode => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const nodes = (v: unknown): XmlNode[] => asArray(v).filter(isNode);
const child = (n: unknown, key: string): unknown => (isNode(n) ? n[key] : undefined);

/** Text content of a leaf, whether it came out as a string or as { '#text', '@_attr' }. */
function textOf(v: unknown): string | undefined {
  if (Array.isArray(v)) return textOf(v[0]);
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  if (isNode(v)) return textOf(v['#text']);
  return undefined;
}

function num(v: unknown): number | undefined {
  const s = textOf(v);
  if (s === undefined) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

// xsd:dateTime. Without a zone designator JavaScript would read local time; GPX and TCX times are UTC.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function time(v: unknown): Date | undefined {
  const s = textOf(v);
  const m = s === undefined ? null : DATE_TIME.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  let ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec, frac ? Math.round(Number(frac) * 1000) : 0);
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000;
  }
  return Number.isFinite(ms) && +mo >= 1 && +mo <= 12 && +d >= 1 && +d <= 31 ? new Date(ms) : undefined;
}

/** Heart rates outside 20–250 bpm are sensor dropouts (many devices write 0 with no strap). */
function heartRate(v: unknown): number | undefined {
  const n = num(isNode(v) && 'Value' in v ? v.Value : v);
  return n !== undefined && n >= 20 && n <= 250 ? Math.round(n) : undefined;
}

function setPosition(p: ActivityPoint, lat: number | undefined, lon: number | undefined): void {
  // (0, 0) is what several devices write before the first fix, not a run in the Gulf of Guinea.
  if (lat === undefined || lon === undefined || (lat === 0 && lon === 0)) return;
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) return;
  p.lat = lat;
  p.lon = lon;
}

const HR_KEYS = new Set(['hr', 'heartrate', 'heartratebpm']);

/** Heart rate anywhere inside <extensions> (gpxtpx:TrackPointExtension/hr, ns3:…/hr, plain <hr>, <heartrate>). */
function extensionHeartRate(v: unknown, depth = 0): number | undefined {
  if (depth > 4) return undefined;
  for (const n of nodes(v)) {
    for (const [key, value] of Object.entries(n)) {
      if (key.startsWith('@_')) continue;
      if (HR_KEYS.has(key.toLowerCase())) {
        const hr = heartRate(value);
        if (hr !== undefined) return hr;
      } else if (typeof value === 'object') {
        const hr = extensionHeartRate(value, depth + 1);
        if (hr !== undefined) return hr;
      }
    }
  }
  return undefined;
}

/** A point is usable when it tells us where, how far or when; points with none of these are dropped. */
const usable = (p: ActivityPoint): boolean => p.lat !== undefined || p.distance !== undefined || p.time !== undefined;

function pushSegment(segments: ActivityPoint[][], points: ActivityPoint[]): void {
  const kept = points.filter(usable);
  if (kept.length > 0) segments.push(kept);
}

/**
 * Garmin writes one <Track> per <Lap>, so an auto-lap every kilometre or mile would cut the
 * recording into segments and lose the second and the few metres between them (segments are never
 * bridged). A lap is not a pause: the first track of a lap continues the previous lap's segment
 * when it starts at most LAP_JOIN_MAX_GAP_S after it (the same limit as the summary's LONG_GAP_S,
 * under which the pause rules judge a gap inside one segment). A longer gap, or a second <Track>
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

function gpxPoint(n: XmlNode): ActivityPoint {
  const p: ActivityPoint = {};
  setPosition(p, num(n['@_lat']), num(n['@_lon']));
  const ele = num(n.ele);
  if (ele !== undefined) p.ele = ele;
  const t = time(n.time);
  if (t) p.time = t;
  const hr = extensionHeartRate(n.extensions);
  if (hr !== undefined) p.heartRate = hr;
  return p;
}

function parseGpx(gpx: XmlNode): ParsedActivity {
  const metadata = child(gpx, 'metadata');
  const tracks = nodes(gpx.trk);
  const segments: ActivityPoint[][] = [];
  for (const trk of tracks) {
    for (const seg of nodes(trk.trkseg)) pushSegment(segments, nodes(seg.trkpt).map(gpxPoint));
    // Some writers put <trkpt> straight under <trk>; treat that as one more segment.
    pushSegment(segments, nodes(trk.trkpt).map(gpxPoint));
  }
  // A planned route (<rte>) only when there is no recorded track, so a file with both is not counted twice.
  const routes = nodes(gpx.rte);
  if (segments.length === 0) {
    for (const rte of routes) pushSegment(segments, nodes(rte.rtept).map(gpxPoint));
  }
  const firstTime = segments.flat().find((p) => p.time)?.time;
  const named = [...tracks, ...routes].map((t) => textOf(t.name)).find(Boolean);
  const sport = [...tracks, ...routes].map((t) => textOf(t.type)).find(Boolean);
  return {
    // GPX 1.1 keeps name/time in <metadata>; GPX 1.0 has them directly under <gpx>.
    name: textOf(child(metadata, 'name')) ?? textOf(gpx.name) ?? named,
    sport,
    startedAt: time(child(metadata, 'time')) ?? time(gpx.time) ?? firstTime,
    segments,
  };
}

function tcxPoint(n: XmlNode): ActivityPoint {
  const p: ActivityPoint = {};
  const pos = child(n, 'Position');
  setPosition(p, num(child(pos, 'LatitudeDegrees')), num(child(pos, 'LongitudeDegrees')));
  const ele = num(n.AltitudeMeters);
  if (ele !== undefined) p.ele = ele;
  const t = time(n.Time);
  if (t) p.time = t;
  const hr = heartRate(n.HeartRateBpm) ?? extensionHeartRate(n.Extensions);
  if (hr !== undefined) p.heartRate = hr;
  const distance = num(n.DistanceMeters);
  if (distance !== undefined && distance >= 0) p.distance = distance;
  return p;
}

function parseTcx(db: XmlNode): ParsedActivity {
  const activities = nodes(child(db.Activities, 'Activity'));
  // Courses (planned routes) are TCX too; read them only when there is no recorded activity.
  const courses = activities.length > 0 ? [] : nodes(child(db.Courses, 'Course'));
  const segments: ActivityPoint[][] = [];
  let distance = 0;
  let duration = 0;
  let hasDistance = false;
  let hasDuration = false;
  let hrWeighted = 0;
  let hrWeight = 0;
  let hrSum = 0;
  let hrLaps = 0;
  let lapStart: Date | undefined;

  for (const activity of activities) {
    // Segments of an earlier activity (a multisport file) are never continued.
    const firstOfActivity = segments.length;
    for (const lap of nodes(activity.Lap)) {
      lapStart ??= time(lap['@_StartTime']);
      // Each <Track> is a segment (Garmin starts a new Track after a pause), except that a lap's
      // first track continues the previous lap's (see LAP_JOIN_MAX_GAP_S).
      let firstOfLap = true;
      for (const track of nodes(lap.Track)) {
        const points = nodes(track.Trackpoint).map(tcxPoint).filter(usable);
        if (points.length === 0) continue;
        const previous = segments.length > firstOfActivity ? segments[segments.length - 1] : undefined;
        if (firstOfLap && previous && continuesAcrossLap(previous, points)) previous.push(...points);
        else segments.push(points);
        firstOfLap = false;
      }
      const lapDistance = num(lap.DistanceMeters);
      const lapTime = num(lap.TotalTimeSeconds);
      const lapHr = heartRate(lap.AverageHeartRateBpm);
      if (lapDistance !== undefined && lapDistance >= 0) {
        distance += lapDistance;
        hasDistance = true;
      }
      if (lapTime !== undefined && lapTime >= 0) {
        duration += lapTime;
        hasDuration = true;
      }
      if (lapHr !== undefined) {
        hrSum += lapHr;
        hrLaps += 1;
        if (lapTime !== undefined && lapTime > 0) {
          hrWeighted += lapHr * lapTime;
          hrWeight += lapTime;
        }
      }
    }
  }
  for (const course of courses) {
    for (const track of nodes(course.Track)) pushSegment(segments, nodes(track.Trackpoint).map(tcxPoint));
  }

  const deviceTotals: NonNullable<ParsedActivity['deviceTotals']> = {};
  if (hasDistance) deviceTotals.distance = distance;
  if (hasDuration) deviceTotals.duration = duration;
  if (hrLaps > 0) deviceTotals.averageHeartRate = Math.round(hrWeight > 0 ? hrWeighted / hrWeight : hrSum / hrLaps);

  const first = activities[0];
  return {
    name: courses.map((c) => textOf(c.Name)).find(Boolean),
    sport: textOf(first?.['@_Sport']),
    // The Activity <Id> is its start time by the TCX schema.
    startedAt: time(first?.Id) ?? lapStart ?? segments.flat().find((p) => p.time)?.time,
    segments,
    deviceTotals: Object.keys(deviceTotals).length > 0 ? deviceTotals : undefined,
  };
}

/**
 * Parses the text of a GPX or TCX file. The root element decides how it is read, so a TCX file
 * uploaded as GPX still works; `format` is what the runner said it was and is used in messages.
 * @throws ActivityFileError for oversized, empty, malformed, non-GPX/TCX or point-less files.
 */
export function parseActivityFile(format: ActivityFileFormat, text: string): ParsedActivity {
  // UTF-8 needs at least one byte per UTF-16 unit, so the cheap length test settles most cases.
  if (text.length > MAX_ACTIVITY_FILE_BYTES || Buffer.byteLength(text, 'utf8') > MAX_ACTIVITY_FILE_BYTES) {
    throw new ActivityFileError('TOO_LARGE', `the ${format} file is larger than ${MAX_ACTIVITY_FILE_BYTES / 1024 / 1024} MB`);
  }
  // A BOM or blank lines before <?xml … ?> are common in exports and harmless.
  const xml = text.replace(/^\uFEFF/, '').trimStart();
  if (xml.length === 0) throw new ActivityFileError('EMPTY', `the ${format} file is empty`);

  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { line, msg } = valid.err;
    throw new ActivityFileError('MALFORMED', `the ${format} file is not well-formed XML (line ${line}: ${msg})`);
  }

  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch (e) {
    const reason = e instanceof Error ? `: ${e.message}` : '';
    throw new ActivityFileError('MALFORMED', `the ${format} file could not be read${reason}`);
  }

  let parsed: ParsedActivity;
  // An empty root (<gpx/>) parses as "", not an object: test for the key, then read it as a node.
  const root = (key: string): XmlNode | undefined => {
    const v = child(doc, key);
    return v === undefined ? undefined : isNode(v) ? v : {};
  };
  const gpx = root('gpx');
  const tcx = root('TrainingCenterDatabase');
  if (gpx) {
    parsed = parseGpx(gpx);
  } else if (tcx) {
    parsed = parseTcx(tcx);
  } else {
    const other = isNode(doc) ? Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('#')) : undefined;
    throw new ActivityFileError(
      'UNSUPPORTED',
      `the file is not a GPX or TCX activity${other ? ` (its root element is <${other}>)` : ''}`,
    );
  }
  if (parsed.segments.length === 0) throw new ActivityFileError('NO_POINTS', 'the file contains no track points');

  // Drop undefined keys so results compare and serialise cleanly.
  for (const key of Object.keys(parsed) as (keyof ParsedActivity)[]) {
    if (parsed[key] === undefined) delete parsed[key];
  }
  return parsed;
}

/*
 * Declared sports that are clearly not running: TCX Activity Sport ("Biking"; "Other" is not a
 * verdict), and the activity types Garmin Connect, Strava and other apps write into GPX <type>,
 * compared lower-case with separators removed ("mountain_biking" → "mountainbiking"). Anything
 * else (no type, "running", "trail_running", "Run", Strava's numeric codes, an unknown word) is taken
 * as the runner says: they chose to import it as a run.
 */
const NOT_RUNNING_SPORTS = new Set([
  'biking', 'cycling', 'bike', 'ride', 'virtualride', 'ebikeride', 'ebiking', 'mountainbiking', 'mountainbikeride',
  'roadbiking', 'gravelcycling', 'gravelride', 'indoorcycling', 'handcycle', 'velomobile',
  'hiking', 'hike', 'walking', 'walk', 'casualwalking', 'speedwalking', 'mountaineering',
  'swimming', 'swim', 'lapswimming', 'openwaterswimming',
  'rowing', 'indoorrowing', 'kayaking', 'canoeing', 'standuppaddling', 'sailing', 'surfing', 'windsurfing', 'kitesurfing',
  'skiing', 'alpineskiing', 'backcountryskiing', 'crosscountryskiing', 'nordicski', 'snowboarding', 'snowshoeing',
  'iceskating', 'inlineskating', 'rollerskiing', 'skateboarding',
  'elliptical', 'stairstepper', 'wheelchair', 'golf', 'yoga', 'strengthtraining', 'weighttraining', 'driving', 'motorcycling',
]);

/** The declared sport as written when it is clearly not running, else null. */
export function nonRunningSport(sport: string | undefined): string | null {
  if (!sport) return null;
  return NOT_RUNNING_SPORTS.has(sport.toLowerCase().replace(/[^a-z]/g, '')) ? sport : null;
}

/** @throws ActivityFileError (NOT_A_RUN, naming the sport) when the file declares a sport that is not running. */
export function assertRunningActivity(parsed: ParsedActivity): void {
  const sport = nonRunningSport(parsed.sport);
  if (sport) throw new ActivityFileError('NOT_A_RUN', `the file is a ${sport} activity, not a run; only runs can be imported`);
}
