// Calendar periods in a time zone (UTC unless one is given). Weeks are ISO 8601 weeks: Monday to
// Sunday; week 1 holds the year's first Thursday. Every period is a half-open range of instants
// between two local midnights, so a run belongs to the period its local start date falls in.
import { calendarDate, DEFAULT_TIME_ZONE, zonedMidnight } from './time-zones';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Same values as the GraphQL `Period` enum, whose members are assignable to it. */
export type CalendarPeriod = 'WEEK' | 'MONTH' | 'YEAR' | 'ALL_TIME';

/** Local midnight of the Monday starting the ISO week containing `date`, `weeksLater` weeks on. */
function mondayOf(date: Date, timeZone: string, weeksLater = 0): Date {
  const { year, month, day, weekday } = calendarDate(date, timeZone);
  // weekday: Sunday = 0 … Saturday = 6; days since Monday = (weekday + 6) mod 7.
  return zonedMidnight(year, month, day - ((weekday + 6) % 7) + 7 * weeksLater, timeZone);
}

/** Monday 00:00 (in `timeZone`, UTC by default) of the ISO week containing `date`. */
export function isoWeekStart(date: Date, timeZone: string = DEFAULT_TIME_ZONE): Date {
  return mondayOf(date, timeZone);
}

/** ISO week-numbering year and week (1–53) of `date` in UTC, e.g. 2024-12-30 is 2025-W01. */
export function isoWeek(date: Date): { year: number; week: number } {
  // The Thursday of the same ISO week decides the year (ISO 8601 §3.2.2).
  const thursday = new Date(isoWeekStart(date).getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return { year, week };
}

/** Starts of the last `weeks` ISO weeks in `timeZone`, oldest first, ending with the week containing `now`. */
export function weekStarts(weeks: number, now: Date, timeZone: string = DEFAULT_TIME_ZONE): Date[] {
  if (!Number.isInteger(weeks) || weeks < 0) throw new RangeError(`weeks must be a non-negative integer, got ${weeks}`);
  if (timeZone === DEFAULT_TIME_ZONE) {
    // UTC has no summer time: a week is always 7 × 86 400 000 ms (and 5 years of weeks stay cheap).
    const current = isoWeekStart(now).getTime();
    return Array.from({ length: weeks }, (_, i) => new Date(current - (weeks - 1 - i) * WEEK_MS));
  }
  // Stepped in local days, so each start is a local Monday midnight across summer-time changes.
  return Array.from({ length: weeks }, (_, i) => mondayOf(now, timeZone, i - (weeks - 1)));
}

/**
 * The period containing `now` as a half-open range [from, to) of instants, its bounds local
 * midnights in `timeZone`: WEEK = this ISO week (Monday to next Monday), MONTH = this calendar
 * month, YEAR = this calendar year (not the ISO week-year); ALL_TIME has no bounds. `User.stats`,
 * leaderboards and `trainingSummary` all count a run in a period by this range, so the current
 * week's stats equal the last entry of the weekly volume.
 */
export function periodRange(
  period: CalendarPeriod,
  now: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): { from: Date | null; to: Date | null } {
  const { year, month } = calendarDate(now, timeZone);
  switch (period) {
    case 'WEEK':
      return { from: mondayOf(now, timeZone), to: mondayOf(now, timeZone, 1) };
    case 'MONTH':
      return { from: zonedMidnight(year, month, 1, timeZone), to: zonedMidnight(year, month + 1, 1, timeZone) };
    case 'YEAR':
      return { from: zonedMidnight(year, 0, 1, timeZone), to: zonedMidnight(year + 1, 0, 1, timeZone) };
    case 'ALL_TIME':
      return { from: null, to: null };
  }
}

/** Start of the period containing `now` in `timeZone` (periodRange's `from`); ALL_TIME = null. */
export function startOfPeriod(period: CalendarPeriod, now: Date, timeZone: string = DEFAULT_TIME_ZONE): Date | null {
  return periodRange(period, now, timeZone).from;
}
