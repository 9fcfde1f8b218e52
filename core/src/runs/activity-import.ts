// A file read on a worker thread (activity-worker.ts, via ActivityReaders) becomes a run here, on
// the main thread: the run rules (zod, the human-pace rule) and the runner's own choices applied
// to what the file says. Cheap: one object, whatever the file's size.
import { assertHumanPace, DomainError, newRunSchema, parseInput } from '@maratron/domain';
import type { ActivityFileErrorCode, ActivityFileFormat, HeartRateHistogram, NewRun, RaceDistanceKey } from '@maratron/domain';
import type { FileRead, FileRefusal } from './activity-worker';

/**
 * An archive entry as the zip stores it: raw DEFLATE bytes and the size its central directory says
 * they inflate to. The reading thread inflates it into one buffer of that size, so the main thread
 * never holds (nor churns through the stream chunks of) a file's inflated bytes.
 */
export interface DeflatedContent {
  deflated: Uint8Array;
  size: number;
}

/** The runner's choices that come with a file (importActivity's arguments besides the file). */
export interface ActivityFile {
  format: ActivityFileFormat;
  /**
   * GPX/TCX: the text, or base64 of its gzip; FIT: base64 of the bytes or of their gzip. From an
   * archive: the bytes of a stored entry, or a deflated entry's compressed bytes.
   */
  content: string | Uint8Array | DeflatedContent;
  /** As for createRun: absent = the default shoe, null = no shoe. */
  shoeId?: string | null;
  visibility?: string | null;
  /** What an archive says beside the file (Strava's activities.csv, a Maratron export's runs.json): it wins over the file's own. */
  name?: string | null;
  notes?: string | null;
  startedAt?: Date | null;
  /** A Maratron export's runs.json keeps what its GPX cannot: the laps (ActivityLap[] as JSON), max heart rate and cadence. */
  laps?: string;
  maxHeartRate?: number | null;
  averageCadence?: number | null;
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
  /** ActivityLap[] as JSON. */
  laps: string;
  /** The same per mile. */
  mileSplits: string;
  /** From the track (bestEffortsForRun with its samples). */
  efforts: Record<RaceDistanceKey, number | null>;
  /** Moving seconds per bpm; null without heart rate. */
  heartRates: HeartRateHistogram | null;
}

/**
 * Why a file was refused, in BAD_USER_INPUT's `reason`: the reader's code (`MALFORMED`,
 * `NOT_A_RUN`, `NO_START_TIME`, a limit…), or `INVALID_RUN` for values the run rules refuse (a pace
 * no human runs, a start in the future). A bulk import skips NOT_A_RUN and fails the rest — by this
 * code, never by the wording.
 */
export type ActivityRefusal = ActivityFileErrorCode | 'INVALID_RUN';

/** A file that can't be imported: BAD_USER_INPUT like any bad input, with its reason. */
export class ActivityRefused extends DomainError {
  constructor(reason: ActivityRefusal | null, field: string, message: string) {
    super('BAD_USER_INPUT', message, { field, reason: reason ?? undefined });
  }
}

/** The readers' messages continue a sentence ("the GPX file is empty"); the rules' start one ("Start time must…"). */
const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);

/** The file's own problem, on `content`. */
export const refusalOf = ({ reason, message }: FileRefusal) => new ActivityRefused(reason, 'content', upperFirst(message));

/** The runner's own arguments keep their field in errors; everything else came from the file. */
const CHOSEN_FIELDS = new Set(['shoeId', 'visibility']);

/**
 * A file read (FileRead) into what gets stored: the run as the file tells it, with what an archive
 * says beside it and the runner's choices, through the same rules as createRun. Values the rules
 * refuse (a pace no human runs, a start in the future) are the file's problem, on `content`;
 * a bad shoeId or visibility is on its own field.
 */
export function toImportedActivity(file: ActivityFile, read: FileRead): ImportedActivity {
  let run: NewRun;
  try {
    run = parseInput(newRunSchema, {
      ...read.run,
      // A Date that crossed from a thread belongs to the process's main realm; made anew, it is this
      // code's own (they differ when this code runs in a vm context, as under the test runner).
      startedAt: new Date(read.run.startedAt.getTime()),
      ...(file.name ? { name: file.name } : {}),
      ...(file.notes ? { notes: file.notes } : {}),
      ...(file.startedAt ? { startedAt: file.startedAt } : {}),
      ...(file.maxHeartRate ? { maxHeartRate: file.maxHeartRate } : {}),
      ...(file.averageCadence ? { averageCadence: file.averageCadence } : {}),
      shoeId: file.shoeId,
      visibility: file.visibility ?? undefined,
    });
    assertHumanPace(run.distance, run.duration);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'BAD_USER_INPUT' && error.field) {
      throw CHOSEN_FIELDS.has(error.field)
        ? new ActivityRefused(null, error.field, error.message)
        : new ActivityRefused('INVALID_RUN', 'content', `The file's ${lowerFirst(error.message)}`);
    }
    throw error;
  }
  return {
    format: file.format,
    run,
    recording: read.recording,
    points: read.points,
    splits: read.splits,
    mileSplits: read.mileSplits,
    laps: file.laps ?? read.laps,
    efforts: read.efforts,
    heartRates: read.heartRates,
  };
}
