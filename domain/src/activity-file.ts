// GPX 1.0/1.1 and Garmin TCX (TrainingCenterDatabase v2) parsing into one normalised shape.
// Pure: text in, data out. Summaries (distance, pauses, splits) live in activity-summary.ts.
//
// The XML is read as a stream (xml-stream.ts, gpx-reader.ts, tcx-reader.ts): one pass that checks
// well-formedness as it goes and keeps only the values we use, never a tree of every track point.
// The streaming parser is saxes: a conforming, strict parser (any well-formedness error stops it,
// with its line), with its own TypeScript types and a CommonJS build. Measured on an hour recorded
// every second (1.0 MB GPX with gpxtpx:hr, 1.75 MB TCX), extracting the points: saxes 12 / 22 ms a
// file, htmlparser2 12 in xmlMode 14 / 24 ms, fast-xml-parser's validate-then-tree (what this did
// before) 77 / 129 ms. htmlparser2 is no faster here, is lenient (malformed files would need a
// checker of our own on top) and ships as an ES module only.
import { GpxReader } from './gpx-reader';
import { TcxReader } from './tcx-reader';
import { MalformedXml, streamXml } from './xml-stream';

export { LAP_JOIN_MAX_GAP_S } from './tcx-reader';

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
  /** Steps per minute (files that count strides are doubled by their reader; see track-points.ts); absent when not stepping. */
  cadence?: number;
}

/** One lap as the device recorded it (TCX <Lap>, FIT lap message). */
export interface DeviceLap {
  /** Metres. */
  distance: number;
  /** Timer seconds. */
  duration: number;
  averageHeartRate?: number;
  /** Steps per minute. */
  averageCadence?: number;
}

export interface ParsedActivity {
  name?: string;
  /** As written in the file: TCX Activity Sport ("Running", "Biking", "Other"), GPX trk <type>. */
  sport?: string;
  startedAt?: Date;
  /** Recording segments in file order, none empty. Distance and time are never bridged between them. */
  segments: ActivityPoint[][];
  /** The device's laps in order (TCX, FIT); absent for GPX. */
  laps?: DeviceLap[];
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

/**
 * How much of a file the readers take on before they give up: a public server reads files that
 * anyone wrote, and a crafted one (a few kB of gzip inflating to millions of nested or repeated
 * elements) must cost a bounded amount of work and memory, refused as soon as it passes a limit.
 */
export interface ActivityFileLimits {
  /** The file as read (decompressed): GPX/TCX text in UTF-8 bytes, FIT bytes. */
  maxBytes: number;
  /** Deepest element nesting (GPX/TCX; real files nest 7–9 deep). */
  maxDepth: number;
  /** Elements in the whole document (GPX/TCX; a point is 5–12 of them). */
  maxElements: number;
  /** Recorded points: track points, FIT records. */
  maxPoints: number;
}

/**
 * The defaults: 25 MiB; 32 levels; 2 million elements and 100,000 points — about 28 hours recorded
 * every second, past what any real run needs (a 100-mile race records every few seconds).
 */
export const DEFAULT_ACTIVITY_FILE_LIMITS: Readonly<ActivityFileLimits> = {
  maxBytes: MAX_ACTIVITY_FILE_BYTES,
  maxDepth: 32,
  maxElements: 2_000_000,
  maxPoints: 100_000,
};

export type ActivityFileErrorCode =
  | 'TOO_LARGE'
  | 'TOO_DEEP'
  | 'TOO_MANY_ELEMENTS'
  | 'TOO_MANY_POINTS'
  /** Reading took longer than its time budget (set by whoever runs the reader). */
  | 'TOO_SLOW'
  | 'EMPTY'
  | 'MALFORMED'
  | 'UNSUPPORTED'
  | 'NO_POINTS'
  | 'NO_START_TIME'
  | 'NOT_A_RUN';

/** Codes of files refused for a limit rather than for what they contain. */
export const ACTIVITY_FILE_LIMIT_CODES: ReadonlySet<ActivityFileErrorCode> = new Set([
  'TOO_LARGE',
  'TOO_DEEP',
  'TOO_MANY_ELEMENTS',
  'TOO_MANY_POINTS',
  'TOO_SLOW',
]);

/** The message for a file with more than `max` points. */
export const tooManyPoints = (format: ActivityFileFormat, max: number) =>
  new ActivityFileError('TOO_MANY_POINTS', `the ${format} file has more than ${max.toLocaleString('en')} recorded points`);

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The message for a file over `maxBytes` (`decompressed`: it only grew past it once inflated). */
export const tooLarge = (format: ActivityFileFormat, maxBytes: number, decompressed = false) =>
  new ActivityFileError('TOO_LARGE', `the ${format} file is larger than ${megabytes(maxBytes)}${decompressed ? ' once decompressed' : ''}`);

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

/**
 * Parses the text of a GPX or TCX file. The root element decides how it is read, so a TCX file
 * uploaded as GPX still works; `format` is what the runner said it was and is used in messages.
 * Reading stops at the first limit passed (`limits`): nesting, elements and points are counted as
 * the elements stream past, so a crafted file costs no more than the limits allow.
 * @throws ActivityFileError for oversized, over-limit, empty, malformed, non-GPX/TCX or point-less files.
 */
export function parseActivityFile(
  format: ActivityFileFormat,
  text: string,
  limits: Readonly<ActivityFileLimits> = DEFAULT_ACTIVITY_FILE_LIMITS,
): ParsedActivity {
  // UTF-8 needs at least one byte per UTF-16 unit, so the cheap length test settles most cases.
  if (text.length > limits.maxBytes || Buffer.byteLength(text, 'utf8') > limits.maxBytes) throw tooLarge(format, limits.maxBytes);
  // A BOM or blank lines before <?xml … ?> are common in exports and harmless.
  const xml = text.replace(/^\uFEFF/, '').trimStart();
  if (xml.length === 0) throw new ActivityFileError('EMPTY', `the ${format} file is empty`);

  // The root element decides the reader; anything else is still read through, so a broken file
  // is reported as such before it is called unsupported.
  let reader: GpxReader | TcxReader | undefined;
  let root = '';
  let points = 0;
  const countPoint = () => {
    if (++points > limits.maxPoints) throw tooManyPoints(format, limits.maxPoints);
  };
  let elements = 0;
  try {
    streamXml(xml, {
      open(name, depth, attributes) {
        if (depth > limits.maxDepth)
          throw new ActivityFileError('TOO_DEEP', `the ${format} file nests elements more than ${limits.maxDepth} deep`);
        if (++elements > limits.maxElements) {
          throw new ActivityFileError(
            'TOO_MANY_ELEMENTS',
            `the ${format} file has more than ${limits.maxElements.toLocaleString('en')} elements`,
          );
        }
        if (depth === 1) {
          root = name;
          reader = name === 'gpx' ? new GpxReader(countPoint) : name === 'TrainingCenterDatabase' ? new TcxReader(countPoint) : undefined;
        }
        reader?.open(name, depth, attributes);
      },
      close(name, depth, text) {
        reader?.close(name, depth, text);
      },
    });
  } catch (e) {
    if (e instanceof MalformedXml)
      throw new ActivityFileError('MALFORMED', `the ${format} file is not well-formed XML (line ${e.line}: ${e.reason})`);
    throw e;
  }
  if (!reader) throw new ActivityFileError('UNSUPPORTED', `the file is not a GPX or TCX activity (its root element is <${root}>)`);

  const parsed = reader.result();
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
  'biking',
  'cycling',
  'bike',
  'ride',
  'virtualride',
  'ebikeride',
  'ebiking',
  'mountainbiking',
  'mountainbikeride',
  'roadbiking',
  'gravelcycling',
  'gravelride',
  'indoorcycling',
  'handcycle',
  'velomobile',
  'hiking',
  'hike',
  'walking',
  'walk',
  'casualwalking',
  'speedwalking',
  'mountaineering',
  'swimming',
  'swim',
  'lapswimming',
  'openwaterswimming',
  'rowing',
  'indoorrowing',
  'kayaking',
  'canoeing',
  'standuppaddling',
  'sailing',
  'surfing',
  'windsurfing',
  'kitesurfing',
  'skiing',
  'alpineskiing',
  'backcountryskiing',
  'crosscountryskiing',
  'nordicski',
  'snowboarding',
  'snowshoeing',
  'iceskating',
  'inlineskating',
  'rollerskiing',
  'skateboarding',
  'elliptical',
  'stairstepper',
  'wheelchair',
  'golf',
  'yoga',
  'strengthtraining',
  'weighttraining',
  'driving',
  'motorcycling',
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
