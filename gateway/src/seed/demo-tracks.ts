import { writeGpx } from '@maratron/domain';
import type { GpxPoint } from '@maratron/domain';

/**
 * GPX files for the demo runs, written as a watch records them: laps of a loop in Hyde Park,
 * London, a point every RECORDING_INTERVAL_S seconds with gently rolling elevation (GPS altitude
 * noise included), heart rate that drifts up with effort, pace that varies from kilometre to
 * kilometre, and now and then a stop at a crossing (the watch keeps logging) or an auto-pause (it
 * doesn't). They go through the importer like any upload.
 */

/** Garmin's "smart recording" logs every 1–7 s; 5 s keeps a demo long run to ~1 300 points and first start quick. */
const RECORDING_INTERVAL_S = 5;

const M_PER_DEG_LAT = 111_195;
const PARK = { lat: 51.5073, lon: -0.1657 };

/** A loop around the park: an ellipse with a wavy edge, rotated; each runner has their own. */
interface Loop {
  /** Semi-axes, metres. */
  a: number;
  b: number;
  rotation: number;
  /** Where on the loop the runner starts, radians. */
  phase: number;
}

export const DEMO_LOOPS: Loop[] = [
  { a: 950, b: 430, rotation: -0.18, phase: 0.3 },
  { a: 700, b: 380, rotation: -0.1, phase: 2.1 },
  { a: 1100, b: 520, rotation: -0.22, phase: 4.0 },
  { a: 620, b: 300, rotation: 0.05, phase: 1.2 },
];

export interface DemoRunPlan {
  start: Date;
  name: string;
  /** Metres and seconds per km the runner aims for. */
  distance: number;
  pace: number;
  /** Faster middle third (a tempo run). */
  tempo: boolean;
  loop: Loop;
  /** Heart rate at the runner's usual effort. */
  easyHeartRate: number;
  random: () => number;
}

/** Points of the loop, one per metre of its perimeter (so position follows distance exactly). */
function tracePath(loop: Loop): { north: number; east: number }[] {
  const raw: { north: number; east: number }[] = [];
  const steps = 4000;
  for (let i = 0; i <= steps; i++) {
    const theta = loop.phase + (2 * Math.PI * i) / steps;
    const wobble = 1 + 0.04 * Math.sin(5 * theta) + 0.02 * Math.sin(11 * theta);
    const x = loop.a * wobble * Math.cos(theta);
    const y = loop.b * wobble * Math.sin(theta);
    raw.push({
      east: x * Math.cos(loop.rotation) - y * Math.sin(loop.rotation),
      north: x * Math.sin(loop.rotation) + y * Math.cos(loop.rotation),
    });
  }
  // Resample to one point per metre along the path.
  const out = [raw[0]];
  let carried = 0;
  for (let i = 1; i < raw.length; i++) {
    const p = raw[i - 1];
    const q = raw[i];
    const len = Math.hypot(q.east - p.east, q.north - p.north);
    let at = 1 - carried;
    while (at <= len) {
      const f = at / len;
      out.push({ east: p.east + f * (q.east - p.east), north: p.north + f * (q.north - p.north) });
      at += 1;
    }
    carried = len - (at - 1);
  }
  return out;
}

const paths = new Map<Loop, { north: number; east: number }[]>();

/** A demo run as the GPX text a watch would export. */
export function demoRunGpx(plan: DemoRunPlan): string {
  const { random } = plan;
  let path = paths.get(plan.loop);
  if (!path) paths.set(plan.loop, (path = tracePath(plan.loop)));
  const perimeter = path.length - 1;
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((PARK.lat * Math.PI) / 180);
  const noise = () => random() * 2 - 1;

  const kmPaces = Array.from({ length: Math.ceil(plan.distance / 1000) }, (_, k) => {
    const third = k / Math.max(1, plan.distance / 1000);
    const effort = plan.tempo && third > 0.33 && third < 0.67 ? 0.9 : 1;
    return plan.pace * effort * (0.97 + random() * 0.06);
  });
  const stopAt = random() < 0.35 ? plan.distance * (0.2 + random() * 0.6) : Infinity;
  const autoPause = random() < 0.4;
  const stopSeconds = 40 + Math.round(random() * 80);

  // One segment, as Strava and Garmin Connect export it: an auto-pause is a gap in the times.
  const points: GpxPoint[] = [];
  const point = (metres: number, seconds: number, heartRate: number, jitter: number): GpxPoint => {
    const p = path[Math.round(metres) % perimeter];
    // A slow drift of a metre or two, as GPS wanders, plus a little jitter.
    const north = p.north + 1.5 * Math.sin(seconds / 53) + jitter * noise();
    const east = p.east + 1.5 * Math.cos(seconds / 61) + jitter * noise();
    const angle = (2 * Math.PI * (metres % perimeter)) / perimeter;
    return {
      lat: PARK.lat + north / M_PER_DEG_LAT,
      lon: PARK.lon + east / mPerDegLon,
      ele: 28 + 4 * Math.sin(angle) + 2 * Math.sin(3 * angle + 1) + 0.8 * noise(),
      time: new Date(plan.start.getTime() + seconds * 1000),
      heartRate: Math.round(heartRate),
    };
  };

  let d = 0;
  let t = 0;
  let stopped = false;
  points.push(point(0, 0, plan.easyHeartRate - 20, 0.3));
  while (d < plan.distance) {
    const pace = kmPaces[Math.min(kmPaces.length - 1, Math.floor(d / 1000))];
    const step = Math.min(RECORDING_INTERVAL_S, ((plan.distance - d) * pace) / 1000);
    d = Math.min(plan.distance, d + (step * 1000) / pace);
    t += step;
    // Faster than usual raises it, and it drifts up over a long run (cardiac drift).
    const effort = plan.pace / pace;
    const heartRate = plan.easyHeartRate + 120 * (effort - 1) + Math.min(12, t / 300) - Math.max(0, 10 - t / 30) + 2 * noise();
    points.push(point(d, t, heartRate, 0.3));
    if (!stopped && d >= stopAt) {
      stopped = true;
      if (autoPause) {
        t += stopSeconds; // the watch stops logging until the runner moves again
      } else {
        for (let s = RECORDING_INTERVAL_S; s <= stopSeconds; s += RECORDING_INTERVAL_S) points.push(point(d, t + s, heartRate - s / 4, 2));
        t += stopSeconds;
      }
    }
  }
  return writeGpx({ name: plan.name, startedAt: plan.start, type: 'running', segments: [points], creator: 'Maratron demo watch' });
}
