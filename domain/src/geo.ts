// Great-circle geometry on a spherical Earth.

/** A WGS84 position in decimal degrees. */
export interface LatLon {
  lat: number;
  lon: number;
}

/**
 * IUGG mean Earth radius R1 = (2a + b) / 3 = 6 371 008.8 m. The mean radius minimises the error of
 * the spherical model over all directions (≤ ~0.5 % against the WGS84 ellipsoid), which is far below
 * GPS noise for running distances.
 */
export const EARTH_MEAN_RADIUS_M = 6371008.8;

const RAD = Math.PI / 180;

/**
 * Great-circle distance in metres by the haversine formula
 *   a = sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2),  d = 2R · asin(√a)
 * (Sinnott 1984). Unlike the spherical law of cosines it stays well conditioned for the
 * few-metre steps between consecutive GPS fixes.
 */
export function haversineDistance(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const s1 = Math.sin(dLat / 2);
  const s2 = Math.sin(dLon / 2);
  const h = s1 * s1 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * s2 * s2;
  // min(1, …) guards rounding just above 1 for antipodal points.
  return 2 * EARTH_MEAN_RADIUS_M * Math.asin(Math.sqrt(Math.min(1, h)));
}
