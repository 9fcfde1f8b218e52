// Pace and duration arithmetic/formatting. Pace is seconds per kilometre.

/**
 * Pace in seconds per kilometre: duration / (distance / 1000).
 * @throws RangeError when the distance is not a positive number or the duration is negative.
 */
export function paceSecondsPerKm(distanceM: number, durationS: number): number {
  if (!(distanceM > 0) || !Number.isFinite(distanceM)) {
    throw new RangeError(`distance must be a positive number of metres, got ${distanceM}`);
  }
  if (!(durationS >= 0) || !Number.isFinite(durationS)) {
    throw new RangeError(`duration must be a non-negative number of seconds, got ${durationS}`);
  }
  return durationS / (distanceM / 1000);
}

function wholeSeconds(seconds: number, what: string): number {
  if (!(seconds >= 0) || !Number.isFinite(seconds)) {
    throw new RangeError(`${what} must be a non-negative number of seconds, got ${seconds}`);
  }
  return Math.round(seconds);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** "h:mm:ss" from one hour on, otherwise "m:ss"; rounded to the nearest second (59.6 s → "1:00"). */
export function formatDuration(seconds: number): string {
  const s = wholeSeconds(seconds, 'duration');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}:${pad2(m)}:${pad2(sec)}` : `${m}:${pad2(sec)}`;
}

/** "m:ss/km", rounded to the nearest second (minutes are not wrapped into hours: 75:00/km). */
export function formatPace(secPerKm: number): string {
  const s = wholeSeconds(secPerKm, 'pace');
  return `${Math.floor(s / 60)}:${pad2(s % 60)}/km`;
}
