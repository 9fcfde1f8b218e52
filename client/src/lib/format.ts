/**
 * THE formatting module of the client: every distance, pace, duration, elevation and date it
 * shows goes through here, in the viewer's units (`me.units`). Units and durations are the
 * domain package's (the server formats with the same functions); dates and labels are the
 * client's own.
 */
import { formatDuration as durationText } from '@maratron/domain/pace';
import { formatPaceIn } from '@maratron/domain/units';
import type { UnitSystem } from '@maratron/domain/units';

export {
  METRES_PER_MILE,
  distanceUnit,
  elevationUnit,
  formatDistance,
  formatElevation,
  formatHours,
  fromDisplayDistance,
  paceMinutes,
  parseDuration,
  toDisplayDistance,
  toDisplayElevation,
} from '@maratron/domain/units';
/** Seconds → `m:ss` or `h:mm:ss` (nothing shown is negative: a missing value reads 0:00). */
export const formatDuration = (seconds: number) => durationText(Math.max(0, seconds || 0));
export type Units = UnitSystem;

/** Pace (seconds per km) → `4:55 /km` or `7:55 /mi`. */
export const formatPace = formatPaceIn;

const DATE: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' };
const SHORT_DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
const formats = new Map<string, Intl.DateTimeFormat>();
/**
 * One formatter per kind and zone, made once. `timeZone` is the runner's (useTimeZone) for instants
 * — a week's Monday, a run's start — so dates read as the server counted them; 'UTC' for calendar
 * days stored as midnight UTC (plan dates); the browser's own zone when left out.
 */
function formatIn(kind: Intl.DateTimeFormatOptions, timeZone: string | undefined, iso: string): string {
  const key = `${JSON.stringify(kind)}|${timeZone ?? ''}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat('en-GB', { ...kind, timeZone })));
  return format.format(new Date(iso));
}

export const formatDate = (iso: string, timeZone?: string) => formatIn(DATE, timeZone, iso);
export const formatShortDate = (iso: string, timeZone?: string) => formatIn(SHORT_DATE, timeZone, iso);
export const formatDateTime = (iso: string, timeZone?: string) => `${formatIn(DATE, timeZone, iso)}, ${formatIn(TIME, timeZone, iso)}`;
/** Plan dates are calendar days (midnight UTC of the date): shown as that date wherever the browser is. */
export const CALENDAR_DAY = 'UTC';

/** `just now`, `5 min ago`, `3 h ago`, `2 d ago`, then the date. */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  if (seconds < 7 * 86400) return `${Math.round(seconds / 86400)} d ago`;
  return formatShortDate(iso);
}

/** A Date as the value of an `<input type="datetime-local">` (local time). */
export function toLocalInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export const RACE_LABELS = { K5: '5K', K10: '10K', HALF_MARATHON: 'Half marathon', MARATHON: 'Marathon' } as const;
export const RACE_METRES = { K5: 5000, K10: 10000, HALF_MARATHON: 21097.5, MARATHON: 42195 } as const;

export const ENVIRONMENT_LABELS = { OUTDOOR: 'Outdoor', TREADMILL: 'Treadmill', TRACK: 'Track', TRAIL: 'Trail' } as const;
export const VISIBILITY_LABELS = { PUBLIC: 'Everyone', FOLLOWERS: 'Followers', PRIVATE: 'Only me' } as const;

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
