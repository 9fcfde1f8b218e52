// Reading an activity file into a run: pure CPU, no I/O. It runs on the worker threads of
// ActivityReaders (activity-readers.ts), never on the main thread, within ActivityFileLimits.
import { gunzipSync } from 'node:zlib';
import { ActivityFileError, assertHumanPace, assertRunningActivity, bestEffortsForRun, DomainError, newRunSchema, parseActivityFile, parseFitFile, parseInput, recordingOf, runFromActivity, summarizeActivity, tooLarge } from '@maratron/domain';
import type { ActivityFileErrorCode, ActivityFileFormat, ActivityFileLimits, NewRun, ParsedActivity, RaceDistanceKey } from '@maratron/domain';

/** The runner's choices that come with a file (importActivity's arguments besides the file). */
export interface ActivityFile {
  format: ActivityFileFormat;
  /** GPX/TCX: the text, or base64 of its gzip; FIT: base64 of the bytes or of their gzip. Bytes as they are from an archive. */
  content: string | Uint8Array;
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
 * A file that can't be imported: BAD_USER_INPUT like any bad input, and why — the reader's code
 * (ActivityFileErrorCode: a limit, broken, not a run…), or null for the run rules and the runner's
 * own choices — so a bulk import reports it by its code, never by its wording.
 */
export class ActivityRefused extends DomainError {
  constructor(
    readonly reason: ActivityFileErrorCode | null,
    field: string,
    message: string,
  ) {
    super('BAD_USER_INPUT', message, field);
  }
}

/** The file's own problem, on `content`. */
const refused = (reason: ActivityFileErrorCode | null, message: string) => new ActivityRefused(reason, 'content', `content: ${message}`);

const NO_TIME = 'the file has no timestamps (a planned route rather than a recorded run), so it has no start time or duration to import';

/** The runner's own arguments keep their field in errors; everything else came from the file. */
const CHOSEN_FIELDS = new Set(['shoeId', 'visibility']);

/**
 * Reads an activity file into a run. Every problem is an ActivityRefused (BAD_USER_INPUT): with
 * field `content` for the file (unreadable, over a limit, not a run, no time or distance, or values
 * the run rules refuse, such as a pace no human runs), with `shoeId`/`visibility` for those choices.
 * CPU only, and up to the limits' worth of it: ActivityReaders runs it on a worker thread.
 */
export function readActivity(file: ActivityFile, limits: Readonly<ActivityFileLimits>): ImportedActivity {
  let parsed;
  let summary;
  try {
    parsed = parseContent(file.format, file.content, limits);
    assertRunningActivity(parsed);
    summary = summarizeActivity(parsed);
  } catch (error) {
    if (!(error instanceof ActivityFileError)) throw error;
    throw refused(error.code, error.code === 'NO_START_TIME' ? NO_TIME : error.message);
  }
  if (summary.duration <= 0) throw refused('NO_START_TIME', NO_TIME);
  if (summary.distance <= 0) throw refused(null, 'the file records no distance (no positions and no distance counter)');

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
    if (error instanceof DomainError && error.code === 'BAD_USER_INPUT' && error.field) {
      throw CHOSEN_FIELDS.has(error.field) ? new ActivityRefused(null, error.field, error.message) : refused(null, `the activity's ${error.message}`);
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

/**
 * gzip'ed files as exports ship them (activity.fit.gz): zlib stops inflating once the output passes
 * the file size limit (`maxOutputLength`), so a gzip bomb costs no more than a file at the limit.
 */
function gunzip(bytes: Buffer, format: ActivityFileFormat, maxBytes: number): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || code === 'ERR_OUT_OF_RANGE') throw tooLarge(format, maxBytes, true);
    throw new ActivityFileError('MALFORMED', `the gzip-compressed ${format} file is truncated or damaged`);
  }
}

/**
 * The file's content as ParsedActivity: FIT is base64 (or raw bytes from an archive), GPX/TCX are
 * text; each may be a gzip stream, recognised by its magic bytes rather than by a name.
 */
export function parseContent(format: ActivityFileFormat, content: string | Uint8Array, limits: Readonly<ActivityFileLimits>): ParsedActivity {
  let bytes: Buffer | null = null;
  // Bytes cross to a worker thread as a plain Uint8Array.
  if (content instanceof Uint8Array) bytes = Buffer.isBuffer(content) ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  else if (format === 'FIT') bytes = base64Bytes(content, 'the FIT content');
  else if (content.startsWith('H4sI')) bytes = base64Bytes(content, `the gzip-compressed ${format} content`);
  if (bytes && isGzip(bytes)) bytes = gunzip(bytes, format, limits.maxBytes);
  if (format === 'FIT') return parseFitFile(bytes!, limits);
  return parseActivityFile(format, bytes ? bytes.toString('utf8') : (content as string), limits);
}
