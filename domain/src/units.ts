// Distances, paces and elevations in the runner's units, as every screen and answer shows them.
// The API speaks metres, seconds and seconds per kilometre; conversion happens only here, at
// display and input time. Plain functions with no imports: the web client bundles this module.
import { formatDuration } from './pace';

export type UnitSystem = 'METRIC' | 'IMPERIAL';

export const METRES_PER_MILE = 1609.344;
const FEET_PER_METRE = 3.280839895;

export const distanceUnit = (units: UnitSystem) => (units === 'IMPERIAL' ? 'mi' : 'km');
/** The length of one unit: a kilometre, or a mile (and so of one split). */
export const metresPerUnit = (units: UnitSystem) => (units === 'IMPERIAL' ? METRES_PER_MILE : 1000);

/** Metres → km or miles, as a number (charts, form defaults). */
export const toDisplayDistance = (metres: number, units: UnitSystem) => metres / metresPerUnit(units);
/** A distance typed in the runner's unit → metres. */
export const fromDisplayDistance = (value: number, units: UnitSystem) => value * metresPerUnit(units);

export function formatDistance(metres: number, units: UnitSystem, digits = 2): string {
  return `${toDisplayDistance(metres, units).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${distanceUnit(units)}`;
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

/** Pace (seconds per km) → `4:55 /km` or `7:55 /mi`; `–` when there is none. */
export function formatPaceIn(secondsPerKm: number | null | undefined, units: UnitSystem): string {
  if (secondsPerKm == null || !Number.isFinite(secondsPerKm) || secondsPerKm <= 0) return '–';
  return `${formatDuration((secondsPerKm * metresPerUnit(units)) / 1000)} /${distanceUnit(units)}`;
}

/** Pace in the runner's unit as minutes (a number for chart axes). */
export const paceMinutes = (secondsPerKm: number, units: UnitSystem) => (secondsPerKm * metresPerUnit(units)) / 1000 / 60;

export function formatElevation(metres: number | null | undefined, units: UnitSystem): string {
  if (metres == null) return '–';
  return units === 'IMPERIAL'
    ? `${Math.round(metres * FEET_PER_METRE).toLocaleString('en-US')} ft`
    : `${Math.round(metres).toLocaleString('en-US')} m`;
}
export const toDisplayElevation = (metres: number, units: UnitSystem) => (units === 'IMPERIAL' ? metres * FEET_PER_METRE : metres);
export const elevationUnit = (units: UnitSystem) => (units === 'IMPERIAL' ? 'ft' : 'm');
