import { gunzipSync } from 'node:zlib';
import { ActivityFileError, MAX_ACTIVITY_FILE_BYTES, assertHumanPace, assertRunningActivity, badInput, bestEffortsForRun, DomainError, newRunSchema, parseActivityFile, parseFitFile, parseInput, recordingOf, runFromActivity, summarizeActivity } from '@maratron/domain';
import type { ActivityFileErrorCode, ActivityFileFormat, NewRun, ParsedActivity, RaceDistanceKey } from '@maratron/domain';

/** The runner's choices that come with a file (importActivity's arguments besides the file). */
export interface ActivityFile {
  format: ActivityFileFormat;
  /** GPX/TCX: the text, or base64 of its gzip; FIT: base64 of the bytes or of their gzip. Bytes as they are from an archive. */
  content: string | Buffer;
  /** As for createRun: absent = the default shoe, null = no shoe. */
  shoeId?: string | null;
  visibility?: string | null;
  /** What an archive says beside the file (Strava's activities.csv, a Maratron export's runs.json): it wins over the file's own. */
  name?: string | null;
  notes?: string | null;
  startedAt?: Date | null;
}

/**
 * A file read into what gets stored: the run (validated by the run rules), its recording and
 * splits already in the JSON that run_tracks keeps, and its best efforts. Strings and a few numbers
 * rather than an object per point: a bulk import holds batches of these while it reads on.
 */
export interface ImportedActivity {
  format: ActivityFileFormat;
  run: NewRun;
  /** RecordedPoint[][] as JSON. */
  recording: string;
  /** Positioned points in the recording. */
  points: number;
  /** ActivitySplit[] as JSON. */
  splits: string;
  /** From the track (bestEffortsForRun with its samples). */
  efforts: Record<RaceDistanceKey, number | null>;
}

/**
 * Why a file was refused, in BAD_USER_INPUT's `reason`: the reader's code (`MALFORMED`,
 * `NOT_A_RUN`, `NO_START_TIME`…), a file that records no distance, or a run the run rules refuse
 * (a pace no human runs, a start in the future). A bulk import skips NOT_A_RUN and fails the rest.
 */
export type ActivityRefusal = ActivityFileErrorCode | 'NO_DISTANCE' | 'INVALID_RUN';

const refused = (reason: ActivityRefusal, message: string) => badInput('content', message, reason);

const NO_TIME = 'The file has no timestamps (a planned route rather than a recorded run), so it has no start time or duration to import';

/** The readers' messages continue a sentence ("the GPX file is empty"); the rules' start one ("Start time must…"). */
const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);

/** The runner's own arguments keep their field in errors; everything else came from the file. */
const CHOSEN_FIELDS = new Set(['shoeId', 'visibility']);

/**
 * Reads an activity file into a run. Every problem is BAD_USER_INPUT: with field `content` and a
 * `reason` (ActivityRefusal) for the file (unreadable, not a run, no time or distance, or values
 * the run rules refuse, such as a pace no human runs), with `shoeId`/`visibility` for those
 * choices. CPU only: call it before opening a transaction.
 */
export function readActivity(file: ActivityFile): ImportedActivity {
  let parsed;
  let summary;
  try {
    parsed = parseContent(file.format, file.content);
    assertRunningActivity(parsed);
    summary = summarizeActivity(parsed);
  } catch (error) {
    if (!(error instanceof ActivityFileError)) throw error;
    throw refused(error.code, error.code === 'NO_START_TIME' ? NO_TIME : upperFirst(error.message));
  }
  if (summary.duration <= 0) throw refused('NO_START_TIME', NO_TIME);
  if (summary.distance <= 0) throw refused('NO_DISTANCE', 'The file records no distance (no positions and no distance counter)');

  let run: NewRun;
  try {
    run = parseInput(newRunSchema, {
      ...runFromActivity(parsed, summary),
      ...(file.name ? { name: file.name } : {}),
      ...(file.notes ? { notes: file.notes } : {}),
      ...(file.startedAt ? { startedAt: file.startedAt } : {}),
      shoeId: file.shoeId,
      visibility: file.visibility ?? undefined,
    });
    assertHumanPace(run.distance, run.duration);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'BAD_USER_INPUT' && error.field && !CHOSEN_FIELDS.has(error.field)) {
      // "The file's start time must not be in the future".
      throw refused('INVALID_RUN', `The file's ${lowerFirst(error.message)}`);
    }
    throw error;
  }
  // Times stay relative to the file's own start, so a start taken from the archive moves the track with it.
  const recording = recordingOf(parsed, summary.startedAt);
  return {
    format: file.format,
    run,
    recording: JSON.stringify(recording),
    points: recording.reduce((n, segment) => n + segment.length, 0),
    splits: JSON.stringify(summary.splits),
    efforts: bestEffortsForRun({ distance: run.distance, duration: run.duration, samples: summary.samples }),
  };
}

/** The first two bytes of every gzip stream; base64 of a gzip stream therefore starts "H4sI". */
const GZIP_MAGIC = [0x1f, 0x8b];
const isGzip = (bytes: Buffer): boolean => bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];

/**
 * Strict base64 (RFC 4648, standard or URL alphabet, padding optional, whitespace ignored):
 * Buffer.from would silently skip any other character and decode garbage.
 */
function base64Bytes(text: string, what: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) throw new ActivityFileError('MALFORMED', `${what} is not base64`);
  return Buffer.from(compact, 'base64');
}

/** gzip'ed files as exports ship them (activity.fit.gz), inflated no further than the file size limit. */
function gunzip(bytes: Buffer, format: ActivityFileFormat): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_ACTIVITY_FILE_BYTES });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || code === 'ERR_OUT_OF_RANGE') {
      throw new ActivityFileError('TOO_LARGE', `the ${format} file is larger than ${MAX_ACTIVITY_FILE_BYTES / 1024 / 1024} MB once decompressed`);
    }
    throw new ActivityFileError('MALFORMED', `the gzip-compressed ${format} file is truncated or damaged`);
  }
}

/**
 * The file's content as ParsedActivity: FIT is base64 (or raw bytes from an archive), GPX/TCX are
 * text; each may be a gzip stream, recognised by its magic bytes rather than by a name.
 */
export function parseContent(format: ActivityFileFormat, content: string | Buffer): ParsedActivity {
  let bytes: Buffer | null = null;
  if (Buffer.isBuffer(content)) bytes = content;
  else if (format === 'FIT') bytes = base64Bytes(content, 'the FIT content');
  else if (content.startsWith('H4sI')) bytes = base64Bytes(content, `the gzip-compressed ${format} content`);
  if (bytes && isGzip(bytes)) bytes = gunzip(bytes, format);
  if (format === 'FIT') return parseFitFile(bytes!);
  return parseActivityFile(format, bytes ? bytes.toString('utf8') : (content as string));
}
