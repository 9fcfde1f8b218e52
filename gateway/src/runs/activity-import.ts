import {
  ActivityFileError,
  assertHumanPace,
  assertRunningActivity,
  badInput,
  DomainError,
  newRunSchema,
  parseActivityFile,
  parseInput,
  recordingOf,
  runFromActivity,
  summarizeActivity,
} from '@maratron/schema';
import type { ActivityFileFormat, ActivitySplit, NewRun, RecordedPoint, TrackSample } from '@maratron/schema';

/** The runner's choices that come with a file (importActivity's arguments besides the file). */
export interface ActivityFile {
  format: ActivityFileFormat;
  content: string;
  /** As for createRun: absent = the default shoe, null = no shoe. */
  shoeId?: string | null;
  visibility?: string | null;
}

/** A file read into what gets stored: the run (validated by the run rules), its recording and splits. */
export interface ImportedActivity {
  format: ActivityFileFormat;
  run: NewRun;
  recording: RecordedPoint[][];
  splits: ActivitySplit[];
  samples: TrackSample[];
}

const NO_TIME = 'content: the file has no timestamps (a planned route rather than a recorded run), so it has no start time or duration to import';

/** The runner's own arguments keep their field in errors; everything else came from the file. */
const CHOSEN_FIELDS = new Set(['shoeId', 'visibility']);

/**
 * Reads an activity file into a run. Every problem is BAD_USER_INPUT: with field `content` for the
 * file (unreadable, not a run, no time or distance, or values the run rules refuse, such as a pace
 * no human runs), with `shoeId`/`visibility` for those choices. CPU only: call it before opening a
 * transaction.
 */
export function readActivity(file: ActivityFile): ImportedActivity {
  let parsed;
  let summary;
  try {
    parsed = parseActivityFile(file.format, file.content);
    assertRunningActivity(parsed);
    summary = summarizeActivity(parsed);
  } catch (error) {
    if (!(error instanceof ActivityFileError)) throw error;
    throw badInput('content', error.code === 'NO_START_TIME' ? NO_TIME : `content: ${error.message}`);
  }
  if (summary.duration <= 0) throw badInput('content', NO_TIME);
  if (summary.distance <= 0) throw badInput('content', 'content: the file records no distance (no positions and no distance counter)');

  let run: NewRun;
  try {
    run = parseInput(newRunSchema, {
      ...runFromActivity(parsed, summary),
      shoeId: file.shoeId,
      visibility: file.visibility ?? undefined,
    });
    assertHumanPace(run.distance, run.duration);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'BAD_USER_INPUT' && error.field && !CHOSEN_FIELDS.has(error.field)) {
      throw badInput('content', `content: the activity's ${error.message}`);
    }
    throw error;
  }
  return {
    format: file.format,
    run,
    recording: recordingOf(parsed, summary.startedAt),
    splits: summary.splits,
    samples: summary.samples,
  };
}
