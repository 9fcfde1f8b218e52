// What GPX and TCX points have in common: values read from element text (numbers, xsd:dateTime,
// heart rates, positions), heart rate as devices nest it, and which points make a segment.
import type { ActivityPoint } from './activity-file';

/** A number, or undefined for empty or non-numeric text ("" must not become 0). */
export function num(text: string | undefined): number | undefined {
  const s = text?.trim();
  if (!s) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** Trimmed text, or undefined when there is none. */
export const nonEmpty = (text: string | undefined): string | undefined => text?.trim() || undefined;

// xsd:dateTime. Without a zone designator JavaScript would read local time; GPX and TCX times are UTC.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export function dateTime(text: string | undefined): Date | undefined {
  if (text?.length === 20 || text?.length === 24) {
    const utc = canonicalUtc(text);
    if (utc !== undefined) return new Date(utc);
  }
  const m = text ? DATE_TIME.exec(text.trim()) : null;
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  let ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec, frac ? Math.round(Number(frac) * 1000) : 0);
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000;
  }
  return Number.isFinite(ms) && +mo >= 1 && +mo <= 12 && +d >= 1 && +d <= 31 ? new Date(ms) : undefined;
}

const digitAt = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
};
const digitsAt = (s: string, i: number, n: number): number => {
  let v = 0;
  for (let k = 0; k < n; k++) v = v * 10 + digitAt(s, i + k);
  return v;
};

/**
 * The form nearly every device writes, "2024-05-01T06:00:00Z" or "2024-05-01T06:00:00.000Z", read
 * without the regular expression (a timestamp per point makes it a hot path); undefined for
 * anything else, which DATE_TIME then reads.
 */
function canonicalUtc(s: string): number | undefined {
  const millis = s.length === 24;
  if (
    s[4] !== '-' ||
    s[7] !== '-' ||
    s[10] !== 'T' ||
    s[13] !== ':' ||
    s[16] !== ':' ||
    s[s.length - 1] !== 'Z' ||
    (millis && s[19] !== '.')
  )
    return undefined;
  const [mo, d] = [digitsAt(s, 5, 2), digitsAt(s, 8, 2)];
  const ms = Date.UTC(
    digitsAt(s, 0, 4),
    mo - 1,
    d,
    digitsAt(s, 11, 2),
    digitsAt(s, 14, 2),
    digitsAt(s, 17, 2),
    millis ? digitsAt(s, 20, 3) : 0,
  );
  return Number.isFinite(ms) && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 ? ms : undefined;
}

/** Heart rates outside 20–250 bpm are sensor dropouts (many devices write 0 with no strap). */
export function heartRate(text: string | undefined): number | undefined {
  const n = num(text);
  return n !== undefined && n >= 20 && n <= 250 ? Math.round(n) : undefined;
}

export function setPosition(p: ActivityPoint, lat: number | undefined, lon: number | undefined): void {
  // (0, 0) is what several devices write before the first fix, not a run in the Gulf of Guinea.
  if (lat === undefined || lon === undefined || (lat === 0 && lon === 0)) return;
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) return;
  p.lat = lat;
  p.lon = lon;
}

/** A point is usable when it tells us where, how far or when; points with none of these are dropped. */
export const usable = (p: ActivityPoint): boolean => p.lat !== undefined || p.distance !== undefined || p.time !== undefined;

export function pushSegment(segments: ActivityPoint[][], points: ActivityPoint[]): void {
  const kept = points.filter(usable);
  if (kept.length > 0) segments.push(kept);
}

/**
 * A heart-rate element as it closes: TCX writes the bpm in a <Value> child (HeartRateBpm_t), GPX
 * extensions as the element's own text. When there is a <Value>, the first one is the reading.
 */
export class HeartRateElement {
  private value: string | undefined;
  private hasValue = false;

  constructor(readonly depth: number) {}

  /** Call for every element closing inside this one. */
  closeChild(name: string, depth: number, text: string): void {
    if (!this.hasValue && name === 'Value' && depth === this.depth + 1) {
      this.value = text;
      this.hasValue = true;
    }
  }

  /** The heart rate when the element itself closes, with its own text. */
  close(text: string): number | undefined {
    return heartRate(this.hasValue ? this.value : text);
  }
}

/*
 * Cadence. Garmin's formats count a running cadence in strides (one per foot pair: "revolutions per
 * minute" in TrackPointExtension's gpxtpx:cad, TCX's RunCadence and AvgRunCadence, FIT's cadence
 * with fractional_cadence), so a runner at 170 steps/min is written as 85; Maratron keeps steps per
 * minute (what runners quote) and doubles these. A zero is not stepping (standing, or no sensor),
 * not a cadence; more than MAX_STRIDES_PER_MIN is a sensor glitch.
 */
const MAX_STRIDES_PER_MIN = 150;

/** Steps per minute from a stride rate; undefined for zero, negative or impossible values. */
export function stepsPerMinute(strides: number | undefined): number | undefined {
  return strides !== undefined && strides > 0 && strides <= MAX_STRIDES_PER_MIN ? 2 * strides : undefined;
}

const HR_NAMES = new Set(['hr', 'heartrate', 'heartratebpm']);
/** Stride-rate elements inside a point's extensions: gpxtpx:cad (GPX), ns3:RunCadence (TCX). */
const CADENCE_NAMES = new Set(['cad', 'runcadence']);
/** How deep inside <extensions> a heart rate is looked for (gpxtpx:TrackPointExtension/hr is 2). */
const HR_MAX_DEPTH = 5;

/**
 * Heart rate anywhere inside a point's extensions element (gpxtpx:TrackPointExtension/hr,
 * ns3:…/hr, plain <hr>, <heartrate>): the first valid reading in document order wins. Cadence
 * likewise (gpxtpx:cad, ns3:RunCadence), in steps per minute.
 */
export class ExtensionsHeartRate {
  bpm: number | undefined;
  cadence: number | undefined;
  /** Depth of the extensions element being read, 0 outside one. */
  private root = 0;
  private reading: HeartRateElement | null = null;

  /** Starts reading an extensions element that opened at `depth`. */
  enter(depth: number): void {
    this.root = depth;
  }

  get inside(): boolean {
    return this.root > 0;
  }

  open(name: string, depth: number): void {
    if (this.bpm !== undefined || this.reading || depth - this.root > HR_MAX_DEPTH) return;
    if (HR_NAMES.has(name.toLowerCase())) this.reading = new HeartRateElement(depth);
  }

  close(name: string, depth: number, text: string): void {
    if (depth === this.root) {
      this.root = 0;
    } else if (this.reading && depth === this.reading.depth) {
      this.bpm = this.reading.close(text);
      this.reading = null;
    } else if (this.cadence === undefined && CADENCE_NAMES.has(name.toLowerCase()) && depth - this.root <= HR_MAX_DEPTH) {
      this.cadence = stepsPerMinute(num(text));
    } else {
      this.reading?.closeChild(name, depth, text);
    }
  }
}

/** The first time recorded in any segment. */
export function firstTime(segments: ActivityPoint[][]): Date | undefined {
  for (const segment of segments) {
    for (const p of segment) if (p.time) return p.time;
  }
  return undefined;
}
