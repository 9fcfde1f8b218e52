import { z } from 'zod';
import { RunEnvironment, Visibility } from '../enums';
import { badInput } from './errors';
import { keepIfNull } from './validate';

/** Paces a human can hold, seconds per km: faster than 1:30/km or slower than 60:00/km is a typo. */
export const FASTEST_PACE = 90;
export const SLOWEST_PACE = 3600;
/** A run may start at most this far in the future (clock skew, time zones). */
export const FUTURE_TOLERANCE_MS = 24 * 3600 * 1000;

/** The earliest start a run may have: older dates are typos (year 0001) or a clock that was never set. */
export const EARLIEST_START = new Date('1900-01-01T00:00:00Z');

const notInFuture = (d: Date) => d.getTime() <= Date.now() + FUTURE_TOLERANCE_MS;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((s) => (s ? s : null));

/** Every field a run has, as a client may set it. Used by createRun, updateRun and MCP log_run. */
export const runFields = {
  startedAt: z
    .date({ error: 'must be a date' })
    .min(EARLIEST_START, 'must not be before 1900')
    .refine(notInFuture, 'must not be in the future'),
  distance: z.number().positive('must be greater than 0').max(1_000_000, 'must be at most 1,000 km'),
  duration: z
    .number()
    .int('must be whole seconds')
    .positive('must be greater than 0')
    .max(14 * 24 * 3600, 'must be at most 14 days'),
  name: optionalText(120),
  elevationGain: z
    .number()
    .min(0)
    .max(20_000)
    .nullish()
    .transform((v) => v ?? null),
  averageHeartRate: z
    .number()
    .int()
    .min(25)
    .max(250)
    .nullish()
    .transform((v) => v ?? null),
  environment: z.enum(RunEnvironment),
  visibility: z.enum(Visibility),
  /** The map for the owner only: no track and no GPX for anyone else. */
  hideTrack: z.boolean(),
  notes: optionalText(5000),
  shoeId: z.uuid('is not valid').nullish(),
};

/** What only an activity file tells (never typed in, never edited): a run from a file, or restored from an archive. */
const fileFields = {
  maxHeartRate: z
    .number()
    .int()
    .min(20)
    .max(250)
    .nullish()
    .transform((v) => v ?? null),
  /** Steps per minute. */
  averageCadence: z
    .number()
    .int()
    .min(1)
    .max(300)
    .nullish()
    .transform((v) => v ?? null),
};

export const newRunSchema = z.object({
  ...runFields,
  ...fileFields,
  environment: runFields.environment.default(RunEnvironment.OUTDOOR),
  /** Absent: the runner's own default (`users.default_visibility`), applied where the run is stored. */
  visibility: runFields.visibility.nullish().transform((v) => v ?? undefined),
  hideTrack: runFields.hideTrack.nullish().transform((v) => v ?? false),
  /** Also create a post sharing the run (as visible as the run). */
  share: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
});
export type NewRun = z.output<typeof newRunSchema>;

export const runChangesSchema = z.object({
  startedAt: keepIfNull(runFields.startedAt),
  distance: keepIfNull(runFields.distance),
  duration: keepIfNull(runFields.duration),
  name: optionalText(120).optional(),
  elevationGain: runFields.elevationGain.optional(),
  averageHeartRate: runFields.averageHeartRate.optional(),
  environment: keepIfNull(runFields.environment),
  visibility: keepIfNull(runFields.visibility),
  hideTrack: keepIfNull(runFields.hideTrack),
  notes: optionalText(5000).optional(),
  shoeId: runFields.shoeId.optional(),
});
export type RunChanges = z.output<typeof runChangesSchema>;

/** A run's pace (duration / km) must be one a human can run. */
export function assertHumanPace(distance: number, duration: number): void {
  const pace = duration / (distance / 1000);
  if (pace < FASTEST_PACE) throw badInput('duration', 'Duration is too short for that distance (faster than 1:30 per km)');
  if (pace > SLOWEST_PACE) throw badInput('duration', 'Duration is too long for that distance (slower than 60:00 per km)');
}
