// The worker thread's side of ActivityReaders (activity-readers.ts): one file per task, from its
// bytes to what gets stored — base64, gunzip, the GPX/TCX/FIT reader, the summary, the recording
// and best efforts — within ActivityFileLimits. It loads only the pure domain
// (@maratron/domain), so a new thread is ready in a fraction of the time the whole model
// would take; the run rules (zod) are applied on the main thread (toImportedActivity).
// A refusal crosses the thread boundary as data: a structured clone keeps an Error's message but
// not its class or code.
import { gunzipSync, inflateRawSync } from 'node:zlib';
import {
  ActivityFileError,
  assertRunningActivity,
  bestEffortsForRun,
  lapsOf,
  parseActivityFile,
  parseFitFile,
  recordingOf,
  runFromActivity,
  summarizeActivity,
  tooLarge,
} from '@maratron/domain';
import type {
  ActivityFileErrorCode,
  ActivityFileFormat,
  ActivityFileLimits,
  ActivityRun,
  HeartRateHistogram,
  ParsedActivity,
  RaceDistanceKey,
} from '@maratron/domain';
import type { DeflatedContent } from './activity-import';

export interface ReadTask {
  format: ActivityFileFormat;
  /** As in ActivityFile: text, base64, bytes (which arrive here as a plain Uint8Array) or a deflated archive entry. */
  content: string | Uint8Array | DeflatedContent;
  limits: ActivityFileLimits;
  /** Shared with the main thread: when this thread started on the task (ms since the epoch), so its time budget leaves out a cold thread's start-up. */
  startedAt: BigInt64Array;
}

/** A file read, before the run rules: the run as the file tells it, and its recording, splits and best efforts. */
export interface FileRead {
  run: ActivityRun;
  /** RecordedPoint[][] as JSON. */
  recording: string;
  /** Positioned points in the recording. */
  points: number;
  /** ActivitySplit[] as JSON. */
  splits: string;
  /** ActivityLap[] as JSON: the device's laps, [] without. */
  laps: string;
  /** The same per mile. */
  mileSplits: string;
  efforts: Record<RaceDistanceKey, number | null>;
  /** Moving seconds per bpm (run_heart_rates); null without heart rate. */
  heartRates: HeartRateHistogram | null;
}

/** Why a file can't be used: the reader's code (null: no code of its own) and the runner's message. */
export interface FileRefusal {
  reason: ActivityFileErrorCode | null;
  message: string;
}

export type ReadResult = { read: FileRead } | { refusal: FileRefusal };

export const NO_TIME =
  'the file has no timestamps (a planned route rather than a recorded run), so it has no start time or duration to import';

export default function read({ format, content, limits, startedAt }: ReadTask): ReadResult {
  Atomics.store(startedAt, 0, BigInt(Date.now()));
  try {
    const parsed = parseContent(format, content, limits);
    assertRunningActivity(parsed);
    const summary = summarizeActivity(parsed);
    if (summary.duration <= 0) return { refusal: { reason: 'NO_START_TIME', message: NO_TIME } };
    if (summary.distance <= 0)
      return { refusal: { reason: null, message: 'the file records no distance (no positions and no distance counter)' } };
    const run = runFromActivity(parsed, summary);
    // Times stay relative to the file's own start, so a start taken from an archive moves the track with it.
    const recording = recordingOf(parsed, summary.startedAt);
    return {
      read: {
        run,
        recording: JSON.stringify(recording),
        points: recording.reduce((n, segment) => n + segment.length, 0),
        splits: JSON.stringify(summary.splits),
        laps: JSON.stringify(lapsOf(parsed)),
        mileSplits: JSON.stringify(summary.mileSplits),
        efforts: bestEffortsForRun({ distance: run.distance, duration: run.duration, samples: summary.samples }),
        heartRates: summary.heartRates,
      },
    };
  } catch (error) {
    if (!(error instanceof ActivityFileError)) throw error;
    return { refusal: { reason: error.code, message: error.code === 'NO_START_TIME' ? NO_TIME : error.message } };
  }
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
 * A deflated archive entry, inflated into one buffer of its declared size (the output fits in one
 * chunk, so zlib allocates nothing else). Like yauzl's validateEntrySizes, an entry that inflates to
 * more or less than its central directory says is refused; the caller has checked the size against
 * the file limit before reading it.
 */
function inflateEntry({ deflated, size }: DeflatedContent): Buffer {
  const bytes = Buffer.from(deflated.buffer, deflated.byteOffset, deflated.byteLength);
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(bytes, { maxOutputLength: Math.max(size, 1), chunkSize: Math.max(size + 1, 64) });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || code === 'ERR_OUT_OF_RANGE')
      throw new ActivityFileError('MALFORMED', `the archive entry inflates past the ${size} bytes its zip directory declares`);
    throw new ActivityFileError('MALFORMED', 'the archive entry is truncated or damaged');
  }
  if (inflated.length !== size)
    throw new ActivityFileError(
      'MALFORMED',
      `the archive entry inflates to ${inflated.length} bytes, not the ${size} its zip directory declares`,
    );
  return inflated;
}

/**
 * The file's content as ParsedActivity: FIT is base64 (or raw bytes from an archive), GPX/TCX are
 * text; each may be a gzip stream, recognised by its magic bytes rather than by a name.
 */
function parseContent(
  format: ActivityFileFormat,
  content: string | Uint8Array | DeflatedContent,
  limits: Readonly<ActivityFileLimits>,
): ParsedActivity {
  let bytes: Buffer | null = null;
  if (content instanceof Uint8Array) bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  else if (typeof content === 'object') bytes = inflateEntry(content);
  else if (format === 'FIT') bytes = base64Bytes(content, 'the FIT content');
  else if (content.startsWith('H4sI')) bytes = base64Bytes(content, `the gzip-compressed ${format} content`);
  if (bytes && isGzip(bytes)) bytes = gunzip(bytes, format, limits.maxBytes);
  if (format === 'FIT') return parseFitFile(bytes!, limits);
  return parseActivityFile(format, bytes ? bytes.toString('utf8') : (content as string), limits);
}
