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

/** Metres in one degree of latitude on the sphere the haversine uses. */
export const METRES_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;

/** A flat view of a patch of the earth, in both directions (drawing, and clicks back to positions). */
export interface Projection {
  /** [lat, lon] → [x, y] in the box. */
  project(point: readonly number[]): [number, number];
  /** [x, y] in the box → [lat, lon]. */
  unproject(x: number, y: number): [number, number];
  /** A distance on the ground in metres → the same length in the box. */
  metresToBox(metres: number): number;
}

/**
 * The projection that fits `points` ([lat, lon, …]) into a width×height box: equirectangular,
 * longitudes scaled by the cosine of the mean latitude so shapes keep their proportions,
 * north up, centred with padding. `minSpanMetres` keeps a lone point (or a tiny cluster) from
 * filling the box.
 */
export function fitProjection(
  points: readonly (readonly number[])[],
  width: number,
  height: number,
  padding = 12,
  minSpanMetres = 0,
): Projection {
  const meanLat = points.length ? rad(points.reduce((s, p) => s + p[0]!, 0) / points.length) : 0;
  const cos = Math.cos(meanLat) || 1e-9;
  const xs = points.map((p) => p[1]! * cos);
  const ys = points.map((p) => p[0]!);
  let [minX, maxX, minY, maxY] = xs.length ? [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)] : [0, 0, 0, 0];
  const minSpan = minSpanMetres / METRES_PER_DEGREE;
  if (maxX - minX < minSpan) [minX, maxX] = [(minX + maxX - minSpan) / 2, (minX + maxX + minSpan) / 2];
  if (maxY - minY < minSpan) [minY, maxY] = [(minY + maxY - minSpan) / 2, (minY + maxY + minSpan) / 2];
  const spanX = maxX - minX || 1e-9;
  const spanY = maxY - minY || 1e-9;
  const scale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY);
  const offX = (width - spanX * scale) / 2;
  const offY = (height - spanY * scale) / 2;
  return {
    project: (p) => [offX + (p[1]! * cos - minX) * scale, height - (offY + (p[0]! - minY) * scale)],
    unproject: (x, y) => [(height - y - offY) / scale + minY, ((x - offX) / scale + minX) / cos],
    metresToBox: (metres) => (metres / METRES_PER_DEGREE) * scale,
  };
}

/** The corners ([lat, lon]) of the square that holds a circle of `radius` metres around a centre. */
export function circleBounds(lat: number, lon: number, radius: number): [number, number][] {
  const dLat = radius / METRES_PER_DEGREE;
  const dLon = dLat / (Math.cos(rad(lat)) || 1e-9);
  return [
    [lat - dLat, lon - dLon],
    [lat + dLat, lon + dLon],
  ];
}

/** Points projected into a width×height box with `fitProjection`. */
export function projectTrack(track: readonly (readonly number[])[], width: number, height: number, padding = 12): [number, number][] {
  if (!track.length) return [];
  const projection = fitProjection(track, width, height, padding);
  return track.map((p) => projection.project(p));
}
