/**
 * THE formatting module: every distance, pace, duration, elevation and date the client shows
 * goes through here, in the viewer's units (`me.units`). The API speaks metres, seconds and
 * seconds per kilometre; conversion happens only at display and input time.
 */
export type Units = 'METRIC' | 'IMPERIAL';

export const METRES_PER_MILE = 1609.344;
const FEET_PER_METRE = 3.280839895;

export const distanceUnit = (units: Units) => (units === 'IMPERIAL' ? 'mi' : 'km');
const metresPerUnit = (units: Units) => (units === 'IMPERIAL' ? METRES_PER_MILE : 1000);

/** Metres → km or miles, as a number (charts, form defaults). */
export const toDisplayDistance = (metres: number, units: Units) => metres / metresPerUnit(units);
/** A distance typed in the viewer's unit → metres. */
export const fromDisplayDistance = (value: number, units: Units) => value * metresPerUnit(units);

export function formatDistance(metres: number, units: Units, digits = 2): string {
  return `${toDisplayDistance(metres, units).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${distanceUnit(units)}`;
}

/** Seconds → `m:ss` or `h:mm:ss`. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** Seconds → `3h 05m` / `45m` / `50s`, for totals where seconds don't matter. */
export function formatHours(totalSeconds: number): string {
  const minutes = Math.round(totalSeconds / 60);
  if (minutes < 1) return `${Math.round(totalSeconds)}s`;
  const h = Math.floor(minutes / 60);
  return h ? `${h}h ${String(minutes % 60).padStart(2, '0')}m` : `${minutes}m`;
}

/** What a runner types as a duration: `45:30` (m:ss), `1:05:00` (h:mm:ss) or `45` (minutes) → seconds, or null. */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  if (/^\d{1,4}$/.test(t)) return Number(t) * 60;
  if (!/^\d{1,3}(:\d{1,2}){1,2}$/.test(t)) return null;
  const parts = t.split(':').map(Number);
  if (parts.slice(1).some((p) => p >= 60)) return null;
  return parts.reduce((acc, p) => acc * 60 + p, 0);
}

/** Pace (seconds per km) → `4:55 /km` or `7:55 /mi`. */
export function formatPace(secondsPerKm: number | null | undefined, units: Units): string {
  if (secondsPerKm == null || !Number.isFinite(secondsPerKm) || secondsPerKm <= 0) return '–';
  const perUnit = (secondsPerKm * metresPerUnit(units)) / 1000;
  return `${formatDuration(perUnit)} /${distanceUnit(units)}`;
}

/** Pace in the viewer's unit as minutes (a number for chart axes). */
export const paceMinutes = (secondsPerKm: number, units: Units) => (secondsPerKm * metresPerUnit(units)) / 1000 / 60;

export function formatElevation(metres: number | null | undefined, units: Units): string {
  if (metres == null) return '–';
  return units === 'IMPERIAL' ? `${Math.round(metres * FEET_PER_METRE).toLocaleString('en-US')} ft` : `${Math.round(metres).toLocaleString('en-US')} m`;
}
export const toDisplayElevation = (metres: number, units: Units) => (units === 'IMPERIAL' ? metres * FEET_PER_METRE : metres);
export const elevationUnit = (units: Units) => (units === 'IMPERIAL' ? 'ft' : 'm');

const dateFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
const shortDateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

export const formatDate = (iso: string) => dateFormat.format(new Date(iso));
export const formatShortDate = (iso: string) => shortDateFormat.format(new Date(iso));
export const formatDateTime = (iso: string) => `${dateFormat.format(new Date(iso))}, ${timeFormat.format(new Date(iso))}`;

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
