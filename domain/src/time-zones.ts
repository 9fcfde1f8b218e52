// The runner's time zone: which IANA names are accepted, and the one conversion every calendar rule
// (weeks, months, years, days) goes through. Instants stay UTC everywhere; only the calendar is local.
import { TZDate } from '@date-fns/tz';

/** The zone of a runner who never chose one (and of every runner from before zones existed). */
export const DEFAULT_TIME_ZONE = 'UTC';

/**
 * The canonical spelling of an IANA time zone name (`europe/london` → `Europe/London`), or null when
 * it is not one. Intl knows the same tz database as the browser and PostgreSQL; fixed offsets
 * (`+01:00`) are refused: they ignore summer time, and PostgreSQL reads POSIX offsets with the sign
 * reversed, so they are never stored.
 */
export function canonicalTimeZone(name: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return null;
  try {
    const zone = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    return zone === 'UTC' || zone.includes('/') ? zone : null;
  } catch {
    return null;
  }
}

/** The local calendar date of `instant` in `timeZone`. */
export function calendarDate(instant: Date, timeZone: string): { year: number; month: number; day: number; weekday: number } {
  const local = new TZDate(instant.getTime(), timeZone);
  // getDay: Sunday = 0 … Saturday = 6.
  return { year: local.getFullYear(), month: local.getMonth(), day: local.getDate(), weekday: local.getDay() };
}

/**
 * The instant local midnight starts `year-month-day` in `timeZone`. Out-of-range days and months roll
 * over as in Date.UTC (day 0 is the last of the previous month), so callers can step by days and
 * months: the result follows the zone's summer time (a local week may be 167 or 169 hours long).
 */
export function zonedMidnight(year: number, month: number, day: number, timeZone: string): Date {
  return new Date(new TZDate(year, month, day, timeZone).getTime());
}

/** The instant the local day containing `instant` starts in `timeZone`. */
export function startOfDayIn(instant: Date, timeZone: string): Date {
  const { year, month, day } = calendarDate(instant, timeZone);
  return zonedMidnight(year, month, day, timeZone);
}

/**
 * The local date of `instant` as midnight UTC of the same date: a zone-free "calendar day" value for
 * calculations that count whole days (training load, plan dates) with plain 24-hour steps.
 */
export function calendarDay(instant: Date, timeZone: string): Date {
  const { year, month, day } = calendarDate(instant, timeZone);
  return new Date(Date.UTC(year, month, day));
}

/** The instant local midnight starts a calendar day (the inverse of calendarDay). */
export function calendarDayStart(day: Date, timeZone: string): Date {
  return zonedMidnight(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), timeZone);
}

/** The local date of `instant` in `timeZone` as ISO 8601 `YYYY-MM-DD`. */
export function isoDateIn(instant: Date, timeZone: string): string {
  return calendarDay(instant, timeZone).toISOString().slice(0, 10);
}
