import { z } from 'zod';

/** trainingSummary's default and largest number of weeks (five years of weekly volume). */
export const DEFAULT_SUMMARY_WEEKS = 12;
export const MAX_SUMMARY_WEEKS = 260;

export const summaryWeeksSchema = z
  .number()
  .int('must be whole weeks')
  .min(1, `must be between 1 and ${MAX_SUMMARY_WEEKS}`)
  .max(MAX_SUMMARY_WEEKS, `must be between 1 and ${MAX_SUMMARY_WEEKS}`);
