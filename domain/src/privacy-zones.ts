// Privacy zones: circles around places a runner keeps to themself (home, work). For anyone but the
// runner, the points of their tracks inside any of their zones are never shown. The server applies
// the rule in PostgreSQL (maratron_run_track, migrations/src/1764811000000-privacy-zones.ts) with
// this same test: the haversine distance on the same sphere (EARTH_MEAN_RADIUS_M), at most the
// radius, so the client can draw what others will see and tests can check the server's answers.
import { haversineDistance } from './geo';
import type { LatLon } from './geo';

export interface PrivacyCircle {
  latitude: number;
  longitude: number;
  /** Metres. */
  radius: number;
}

/** Is the point inside the zone (its distance from the centre at most the radius)? */
export function insidePrivacyZone(point: LatLon, zone: PrivacyCircle): boolean {
  return haversineDistance(point, { lat: zone.latitude, lon: zone.longitude }) <= zone.radius;
}

/** A track's points as others see them: those inside any of the zones left out. */
export function outsidePrivacyZones<P extends readonly number[]>(track: readonly P[], zones: readonly PrivacyCircle[]): P[] {
  return track.filter(([lat, lon]) => !zones.some((zone) => insidePrivacyZone({ lat, lon }, zone)));
}
