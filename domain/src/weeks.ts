// Calendar periods in UTC. Weeks are ISO 8601 weeks: Monday to Sunday; week 1 holds the year's first Thursday.

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Same values as the GraphQL `Period` enum, whose members are assignable to it. */
export type CalendarPeriod = 'WEEK' | 'MONTH' | 'YEAR' | 'ALL_TIME';

/** Monday 00:00 UTC of the ISO week containing `date`. */
export function isoWeekStart(date: Date): Date {
  const day = Math.floor(date.getTime() / DAY_MS) * DAY_MS;
  // getUTCDay: Sunday = 0 … Saturday = 6; days since Monday = (day + 6) mod 7.
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - sinceMonday * DAY_MS);
}

/** ISO week-numbering year and week (1–53) of `date`, e.g. 2024-12-30 is 2025-W01. */
export function isoWeek(date: Date): { year: number; week: number } {
  // The Thursday of the same ISO week decides the year (ISO 8601 §3.2.2).
  const thursday = new Date(isoWeekStart(date).getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return { year, week };
}

/** Starts of the last `weeks` ISO weeks, oldest first, ending with the week containing `now`. */
export function weekStarts(weeks: number, now: Date): Date[] {
  if (!Number.isInteger(weeks) || weeks < 0) throw new RangeError(`weeks must be a non-negative integer, got ${weeks}`);
  const current = isoWeekStart(now).getTime();
  // UTC has no daylight-saving shifts, so a week is always 7 × 86 400 000 ms.
  return Array.from({ length: weeks }, (_, i) => new Date(current - (weeks - 1 - i) * WEEK_MS));
}

/**
 * Start of the period containing `now` (UTC): WEEK = Monday of the ISO week, MONTH = the 1st,
 * YEAR = 1 January (calendar year, not ISO week-year); ALL_TIME = null (no lower bound).
 */
export function startOfPeriod(period: CalendarPeriod, now: Date): Date | null {
  switch (period) {
    case 'WEEK':
      return isoWeekStart(now);
    case 'MONTH':
      return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    case 'YEAR':
      return new Date(Date.UTC(now.getUTCFullYear(), 0, 1));
    case 'ALL_TIME':
      return null;
  }
}

/**
 * The period containing `now` as a half-open UTC range [from, to): WEEK = this ISO week (Monday to
 * next Monday), MONTH = this calendar month, YEAR = this calendar year; ALL_TIME has no bounds.
 * `User.stats` and `trainingSummary` both count a run in a period by this range, so the current
 * week's stats equal the last entry of the weekly volume.
 */
export function periodRange(period: CalendarPeriod, now: Date): { from: Date | null; to: Date | null } {
  switch (period) {
    case 'WEEK': {
      const from = isoWeekStart(now);
      return { from, to: new Date(from.getTime() + WEEK_MS) };
    }
    case 'MONTH':
      return { from: startOfPeriod('MONTH', now), to: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)) };
    case 'YEAR':
      return { from: startOfPeriod('YEAR', now), to: new Date(Date.UTC(now.getUTCFullYear() + 1, 0, 1)) };
    case 'ALL_TIME':
      return { from: null, to: null };
  }
}
