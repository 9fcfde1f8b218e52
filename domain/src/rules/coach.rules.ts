import { z } from 'zod';
import { RaceDistance } from '../enums';

/** askCoach: one message, at most this long (a question, not a document). */
export const MAX_COACH_MESSAGE = 4000;

export const coachMessageSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_COACH_MESSAGE, `must be at most ${MAX_COACH_MESSAGE} characters`);

/** generateTrainingPlan (GraphQL) and the generate_training_plan MCP tool. */
export const trainingPlanInputSchema = z.object({
  goal: z.enum(RaceDistance, { error: 'must be one of K5, K10, HALF_MARATHON, MARATHON' }),
  raceDate: z.date({ error: 'must be a date' }),
  /** Seconds. */
  targetDuration: z
    .number()
    .int('must be whole seconds')
    .positive('must be greater than 0')
    .max(24 * 3600, 'must be at most 24 hours')
    .nullish()
    .transform((v) => v ?? null),
  daysPerWeek: z
    .number()
    .int('must be a whole number')
    .min(3, 'must be between 3 and 7')
    .max(7, 'must be between 3 and 7')
    .nullish()
    .transform((v) => v ?? 4),
});
export type TrainingPlanRequest = z.output<typeof trainingPlanInputSchema>;
