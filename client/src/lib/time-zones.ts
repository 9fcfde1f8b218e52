// The browser's time zone and the list a runner picks theirs from: both from Intl, which knows the
// same IANA names as the server (no table of zones shipped with the client).

/** The zone this browser runs in, e.g. "Europe/London"; UTC when it cannot tell. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * Every IANA zone the browser knows, sorted, with UTC and `current` (the stored one, which may be
 * spelled differently here, e.g. Europe/Kiev and Europe/Kyiv) always among them.
 */
export function timeZoneOptions(current: string): string[] {
  return [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', current])].sort((a, b) => a.localeCompare(b));
}
