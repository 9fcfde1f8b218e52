// GPX 1.1 output: a run goes out as a file any watch app, map tool or Maratron itself reads back.
// Pure: data in, text out. Heart rate and cadence use Garmin's TrackPointExtension v1, which every
// major platform (Strava, Garmin Connect, Komoot, Runalyze) reads; its cad counts strides (a whole
// number), so a cadence in steps per minute goes out halved and comes back doubled (±1 step).

export interface GpxPoint {
  lat: number;
  lon: number;
  /** Metres above sea level. */
  ele?: number | null;
  time?: Date | null;
  heartRate?: number | null;
  /** Steps per minute. */
  cadence?: number | null;
}

export interface GpxActivity {
  name?: string | null;
  /** The activity's start, written as the metadata time. */
  startedAt: Date;
  /** GPX <type>; "running" as Garmin Connect writes it. */
  type?: string;
  /** One <trkseg> per array: recording segments (after a pause) stay apart. */
  segments: readonly (readonly GpxPoint[])[];
  creator?: string;
}

const GPX_NS = 'http://www.topografix.com/GPX/1/1';
const TPX_NS = 'http://www.garmin.com/xmlschemas/TrackPointExtension/v1';

/** Escapes text for XML element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** xsd:dateTime in UTC; whole seconds are written without the ".000" most tools also omit. */
function isoTime(d: Date): string {
  const s = d.toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, -5)}Z` : s;
}

/** Shortest decimal form with at most `decimals` places (no exponent, no trailing zeros). */
function decimal(x: number, decimals: number): string {
  return String(Number(x.toFixed(decimals)));
}

function point(p: GpxPoint): string {
  let xml = `<trkpt lat="${decimal(p.lat, 7)}" lon="${decimal(p.lon, 7)}">`;
  // The schema's order inside <trkpt>: ele, time, …, extensions.
  if (p.ele !== undefined && p.ele !== null && Number.isFinite(p.ele)) xml += `<ele>${decimal(p.ele, 1)}</ele>`;
  if (p.time) xml += `<time>${isoTime(p.time)}</time>`;
  // The extension's order: hr, then cad.
  let extension = '';
  if (p.heartRate !== undefined && p.heartRate !== null && Number.isFinite(p.heartRate)) {
    extension += `<gpxtpx:hr>${Math.round(p.heartRate)}</gpxtpx:hr>`;
  }
  if (p.cadence !== undefined && p.cadence !== null && Number.isFinite(p.cadence) && p.cadence > 0) {
    extension += `<gpxtpx:cad>${Math.round(p.cadence / 2)}</gpxtpx:cad>`;
  }
  if (extension) xml += `<extensions><gpxtpx:TrackPointExtension>${extension}</gpxtpx:TrackPointExtension></extensions>`;
  return `${xml}</trkpt>`;
}

/**
 * A GPX 1.1 document (valid against the topografix schema) with one track of the given segments.
 * Empty segments are left out; an activity without points gets a <trk> with its name and type only.
 */
export function writeGpx(activity: GpxActivity): string {
  const name = activity.name ? `<name>${escapeXml(activity.name)}</name>` : '';
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<gpx version="1.1" creator="${escapeXml(activity.creator ?? 'Maratron')}" xmlns="${GPX_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
      `xmlns:gpxtpx="${TPX_NS}" xsi:schemaLocation="${GPX_NS} http://www.topografix.com/GPX/1/1/gpx.xsd ${TPX_NS} http://www.garmin.com/xmlschemas/TrackPointExtensionv1.xsd">`,
    // The schema's order inside <metadata>: name, …, time.
    ` <metadata>${name}<time>${isoTime(activity.startedAt)}</time></metadata>`,
    // … and inside <trk>: name, …, type, extensions, trkseg.
    ` <trk>${name}<type>${escapeXml(activity.type ?? 'running')}</type>`,
  ];
  for (const segment of activity.segments) {
    if (segment.length === 0) continue;
    lines.push('  <trkseg>');
    for (const p of segment) lines.push(`   ${point(p)}`);
    lines.push('  </trkseg>');
  }
  lines.push(' </trk>', '</gpx>', '');
  return lines.join('\n');
}
