/** Track maths for drawing: haversine distance along the points and a flat projection. */
const EARTH_RADIUS_M = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function haversine(a: readonly number[], b: readonly number[]): number {
  const dLat = rad(b[0]! - a[0]!);
  const dLon = rad(b[1]! - a[1]!);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[0]!)) * Math.cos(rad(b[0]!)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Elevation against cumulative distance, for the profile chart (points without elevation are skipped). */
export function elevationProfile(track: readonly (readonly number[])[]): { distance: number; elevation: number }[] {
  const out: { distance: number; elevation: number }[] = [];
  let along = 0;
  for (let i = 0; i < track.length; i++) {
    if (i > 0) along += haversine(track[i - 1]!, track[i]!);
    const ele = track[i]![2];
    if (ele != null && Number.isFinite(ele)) out.push({ distance: along, elevation: ele });
  }
  return out;
}

/** At most `max` evenly spaced points, keeping the first and the last. */
export function downsample<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)]!);
}

/**
 * Points projected into a width×height box (equirectangular, longitudes scaled by the cosine
 * of the mean latitude so shapes keep their proportions), north up, centred with padding.
 */
export function projectTrack(track: readonly (readonly number[])[], width: number, height: number, padding = 12): [number, number][] {
  if (!track.length) return [];
  const meanLat = rad(track.reduce((s, p) => s + p[0]!, 0) / track.length);
  const xs = track.map((p) => p[1]! * Math.cos(meanLat));
  const ys = track.map((p) => p[0]!);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const spanX = maxX - minX || 1e-9;
  const spanY = maxY - minY || 1e-9;
  const scale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY);
  const offX = (width - spanX * scale) / 2;
  const offY = (height - spanY * scale) / 2;
  return xs.map((x, i) => [offX + (x - minX) * scale, height - (offY + (ys[i]! - minY) * scale)]);
}
