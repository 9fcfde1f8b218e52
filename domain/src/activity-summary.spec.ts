import { ActivityFileError, parseActivityFile, type ActivityPoint, type ParsedActivity } from './activity-file';
import { summarizeActivity, type ActivitySummary } from './activity-summary';
import { EARTH_MEAN_RADIUS_M } from './geo';
import { formatDuration, formatPace } from './pace';

const M_PER_DEG_LAT = (2 * Math.PI * EARTH_MEAN_RADIUS_M) / 360;
const START = Date.UTC(2024, 4, 1, 6, 0, 0);

/** Deterministic uniform noise in [-1, 1) (mulberry32). */
function noise(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

interface Pt {
  /** Metres north of the start (on the meridian 11°E, from 48°N). */
  north: number;
  east?: number;
  /** Seconds after START. */
  t?: number;
  ele?: number;
  hr?: number;
}

const lat = (p: Pt): number => 48 + p.north / M_PER_DEG_LAT;
const lon = (p: Pt): number => 11 + (p.east ?? 0) / (M_PER_DEG_LAT * Math.cos((48 * Math.PI) / 180));

/** A GPX 1.1 file as a watch writes it, one <trkseg> per array. */
function gpx(segments: Pt[][]): string {
  const pt = (p: Pt): string =>
    `<trkpt lat="${lat(p).toFixed(8)}" lon="${lon(p).toFixed(8)}">` +
    (p.ele !== undefined ? `<ele>${p.ele.toFixed(2)}</ele>` : '') +
    (p.t !== undefined ? `<time>${new Date(START + p.t * 1000).toISOString()}</time>` : '') +
    (p.hr !== undefined
      ? `<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>${p.hr}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>`
      : '') +
    '</trkpt>';
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1" ' +
    'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"><trk><name>t</name><type>running</type>' +
    segments.map((s) => `<trkseg>${s.map(pt).join('\n')}</trkseg>`).join('') +
    '</trk></gpx>'
  );
}

/** Running north at `speed` m/s, one point a second, for `seconds` seconds starting at (t0, north0). */
function run(t0: number, north0: number, seconds: number, speed: number, extra: (i: number) => Partial<Pt> = () => ({})): Pt[] {
  const out: Pt[] = [];
  for (let i = 0; i <= seconds; i++) out.push({ t: t0 + i, north: north0 + i * speed, ...extra(i) });
  return out;
}

const summarize = (segments: Pt[][]): ActivitySummary => summarizeActivity(parseActivityFile('GPX', gpx(segments)));

describe('summarizeActivity — distance, moving time and pauses', () => {
  it('excludes a 2-minute stop with GPS jitter from time and distance (dense logging)', () => {
    const jitter = noise(1);
    const first = run(0, 0, 1500, 3); // 4500 m
    const stop: Pt[] = [];
    for (let i = 1; i <= 120; i++) stop.push({ t: 1500 + i, north: 4500 + jitter(), east: jitter() });
    const second = run(1620, 4500, 1500, 3).slice(1); // another 4500 m
    const s = summarize([[...first, ...stop, ...second]]);

    expect(Math.abs(s.distance - 9000)).toBeLessThan(9000 * 0.005);
    expect(Math.abs(s.duration - 3000)).toBeLessThanOrEqual(5);
    expect(s.elapsed).toBe(3120);
    expect(s.startedAt).toEqual(new Date(START));
    expect(s.elevationGain).toBeNull();
    expect(s.averageHeartRate).toBeNull();

    // 333.3 s/km throughout, the kilometre with the stop in it too (moving-time axis). The stop's
    // edges cost ~2 s and ~6 m, so the ninth kilometre is a partial one just short of 1000 m.
    expect(s.splits).toHaveLength(9);
    expect(s.splits.slice(0, 8).every((x) => x.distance === 1000)).toBe(true);
    expect(s.splits[8].distance).toBeGreaterThan(990);
    for (const split of s.splits) {
      expect(Math.abs(split.duration - split.distance / 3)).toBeLessThanOrEqual(3);
      expect(Math.abs(split.pace - 1000 / 3)).toBeLessThanOrEqual(3);
      expect(split.elevationGain).toBeNull();
    }
    expect(s.splits.map((x) => x.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(s.splits.reduce((sum, x) => sum + x.duration, 0)).toBe(s.duration);
  });

  it('excludes an auto-pause gap with no points in it', () => {
    const s = summarize([[...run(0, 0, 600, 3), ...run(720, 1800, 600, 3)]]);
    expect(s.distance).toBeCloseTo(3600, 0);
    expect(s.duration).toBe(1200);
    expect(s.elapsed).toBe(1320);
  });

  it('counts a long gap that still covers ground (signal lost in a tunnel)', () => {
    const s = summarize([[...run(0, 0, 100, 3), ...run(160, 480, 100, 3)]]);
    expect(s.duration).toBe(260);
    expect(s.distance).toBeCloseTo(780, 0);
  });

  it('does not mistake an out-and-back turnaround for a stop', () => {
    const out = run(0, 0, 500, 3);
    const back: Pt[] = [];
    for (let i = 1; i <= 500; i++) back.push({ t: 500 + i, north: 1500 - 3 * i });
    const s = summarize([[...out, ...back]]);
    expect(s.duration).toBe(1000);
    expect(s.distance).toBeCloseTo(3000, 0);
  });

  it('never bridges segments: the jump and the gap between them are not counted', () => {
    const s = summarize([run(0, 0, 300, 3), run(900, 5000, 300, 3)]);
    expect(s.distance).toBeCloseTo(1800, 0);
    expect(s.duration).toBe(600);
    expect(s.elapsed).toBe(1200);
    // Moving-time axis continues across the gap.
    expect(s.samples[s.samples.length - 1]).toEqual({ t: 600, d: 1800 });
    expect(s.splits.map((x) => [x.distance, x.duration])).toEqual([
      [1000, 333],
      [800, 267],
    ]);
  });

  it('uses the device distance when a segment has no positions (treadmill TCX)', () => {
    const points: string[] = [];
    // 5 s apart at 2.8 m/s for 1250 s, a 60 s stop logged every 5 s, then 500 s more.
    let d = 0;
    const add = (t: number): void => {
      points.push(
        `<Trackpoint><Time>${new Date(START + t * 1000).toISOString()}</Time><DistanceMeters>${d.toFixed(1)}</DistanceMeters>` +
          `<HeartRateBpm><Value>${t < 600 ? 130 : 150}</Value></HeartRateBpm></Trackpoint>`,
      );
    };
    for (let t = 0; t <= 1250; t += 5, d += 14) add(t);
    d -= 14;
    for (let t = 1255; t <= 1310; t += 5) add(t);
    for (let t = 1315; t <= 1810; t += 5) {
      d += 14;
      add(t);
    }
    const tcx = `<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>
      <Activity Sport="Running"><Id>${new Date(START).toISOString()}</Id><Lap StartTime="${new Date(START).toISOString()}">
      <TotalTimeSeconds>1750</TotalTimeSeconds><DistanceMeters>${d}</DistanceMeters><Track>${points.join('')}</Track></Lap></Activity>
      </Activities></TrainingCenterDatabase>`;
    const parsed = parseActivityFile('TCX', tcx);
    const s = summarizeActivity(parsed);
    expect(s.track).toEqual([]);
    expect(s.distance).toBeCloseTo(parsed.deviceTotals!.distance!, 0);
    expect(s.distance).toBeCloseTo(3500 + 1400, -1);
    // Moving 0–1250 s and 1310–1810 s; logged every 5 s, so the stop's edges are known to ±5 s.
    expect(Math.abs(s.duration - 1750)).toBeLessThanOrEqual(10);
    expect(s.elapsed).toBe(1810);
    // Time-weighted: 600 s at 130, the rest at 150 (minus the stop).
    const expected = (600 * 130 + (s.duration - 600) * 150) / s.duration;
    expect(Math.abs(s.averageHeartRate! - expected)).toBeLessThanOrEqual(1);
    expect(s.splits).toHaveLength(5);
    expect(Math.abs(s.splits[0].pace - 1000 / 2.8)).toBeLessThan(2);
  });

  it('keeps all time when there is neither position nor distance (heart-rate only)', () => {
    const parsed: ParsedActivity = {
      segments: [[0, 30, 60].map((t): ActivityPoint => ({ time: new Date(START + t * 1000), heartRate: 100 + t }))],
    };
    const s = summarizeActivity(parsed);
    expect(s.distance).toBe(0);
    expect(s.duration).toBe(60);
    expect(s.averageHeartRate).toBe(145); // (130·30 + 160·30) / 60
    expect(s.splits).toEqual([]);
  });
});

describe('summarizeActivity — elevation', () => {
  it('does not count ±1.5 m of GPS noise on flat ground as climbing', () => {
    const e = noise(7);
    const s = summarize([run(0, 0, 3000, 3, () => ({ ele: 100 + 1.5 * e() }))]);
    expect(s.elevationGain).not.toBeNull();
    expect(s.elevationGain!).toBeLessThan(3);
  });

  it('measures a real hill within 10 % despite the noise, and assigns it to the right splits', () => {
    const e = noise(11);
    // Flat 2 km, 60 m up over 2 km, 60 m down over 2 km, flat 1 km (3 m/s: 1 point every 3 m).
    const ele = (north: number): number =>
      north < 2000 ? 200 : north < 4000 ? 200 + (60 * (north - 2000)) / 2000 : north < 6000 ? 260 - (60 * (north - 4000)) / 2000 : 200;
    const s = summarize([run(0, 0, 7000 / 3, 3, (i) => ({ ele: ele(3 * i) + 1.5 * e() }))]);
    expect(Math.abs(s.elevationGain! - 60)).toBeLessThan(6);
    expect(s.splits).toHaveLength(7);
    const gains = s.splits.map((x) => x.elevationGain!);
    expect(gains[2]).toBeGreaterThan(25);
    expect(gains[3]).toBeGreaterThan(25);
    expect(gains[0] + gains[1] + gains[4] + gains[5] + gains[6]).toBeLessThan(6);
    expect(gains.reduce((a, b) => a + b, 0)).toBeCloseTo(s.elevationGain!, 0);
  });
});

describe('summarizeActivity — splits, samples, track, heart rate', () => {
  it('interpolates kilometre boundaries and keeps a final partial split over 50 m', () => {
    // 1 km at 4:00/km then 1.2 km at 5:00/km, sampled every 10 s.
    const pts: Pt[] = [];
    for (let t = 0; t <= 240; t += 10) pts.push({ t, north: (t * 1000) / 240 });
    for (let t = 250; t <= 240 + 360; t += 10) pts.push({ t, north: 1000 + ((t - 240) * 1000) / 300 });
    const s = summarize([pts]);
    expect(s.distance).toBeCloseTo(2200, 0);
    expect(s.duration).toBe(600);
    expect(s.splits).toEqual([
      { index: 1, distance: 1000, duration: 240, pace: 240, elevationGain: null },
      { index: 2, distance: 1000, duration: 300, pace: 300, elevationGain: null },
      { index: 3, distance: 200, duration: 60, pace: 300, elevationGain: null },
    ]);
  });

  it("states a split's pace from its stated time: a full kilometre in 4:19 is 4:19/km", () => {
    // 258.6 s a kilometre: the boundaries fall at 258.6, 517.2 and 775.8 s, so the times rounded
    // to add up are 259, 258 and 259 s while each kilometre took 258.6 s.
    const pts: Pt[] = [];
    for (let t = 0; t <= 800; t += 2) pts.push({ t, north: (t * 1000) / 258.6 });
    const s = summarize([pts]);
    const full = s.splits.filter((x) => x.distance === 1000);
    expect(full.map((x) => x.duration)).toEqual([259, 258, 259]);
    for (const split of full) expect(formatPace(split.pace)).toBe(`${formatDuration(split.duration)}/km`);
  });

  it('drops a final partial split of 50 m or less', () => {
    const s = summarize([run(0, 0, 345, 3)]); // 1035 m
    expect(s.splits.map((x) => x.distance)).toEqual([1000]);
  });

  it('returns a thinned, non-decreasing (moving time, distance) series ending at the totals', () => {
    const s = summarize([run(0, 0, 1000, 3)]);
    expect(s.samples[0]).toEqual({ t: 0, d: 0 });
    expect(s.samples[s.samples.length - 1]).toEqual({ t: s.duration, d: s.distance });
    expect(s.samples.length).toBeLessThan(400); // ≥ 10 m apart instead of 1001 points
    for (let i = 1; i < s.samples.length; i++) {
      expect(s.samples[i].t).toBeGreaterThanOrEqual(s.samples[i - 1].t);
      expect(s.samples[i].d).toBeGreaterThanOrEqual(s.samples[i - 1].d);
    }
  });

  it('rounds the track to 6 decimals and elevation to 0.1 m', () => {
    const s = summarize([
      [
        { t: 0, north: 0, ele: 519.4000244 },
        { t: 1, north: 3 },
      ],
    ]);
    expect(s.track).toEqual([
      [48, 11, 519.4],
      [Math.round(lat({ north: 3 }) * 1e6) / 1e6, 11],
    ]);
  });

  it('weights heart rate by moving time', () => {
    // 100 s at 120 bpm sampled every second, then 100 s at 180 bpm sampled every 10 s.
    const pts = [...run(0, 0, 100, 3, () => ({ hr: 120 }))];
    for (let t = 110; t <= 200; t += 10) pts.push({ t, north: 3 * t, hr: 180 });
    expect(summarize([pts]).averageHeartRate).toBe(150); // a sample mean would say 125
  });
});

describe('summarizeActivity — files without timestamps', () => {
  const route = (): ParsedActivity => parseActivityFile('GPX', gpx([[0, 1000, 2000].map((north) => ({ north, ele: 10 + north / 100 }))]));

  it('measures distance and climb but reports no time, splits or samples', () => {
    const startedAt = new Date('2024-01-01T07:00:00Z');
    const s = summarizeActivity(route(), { startedAt });
    expect(s.startedAt).toEqual(startedAt);
    expect(s.distance).toBeCloseTo(2000, 0);
    expect(s.duration).toBe(0);
    expect(s.elapsed).toBe(0);
    expect(s.elevationGain).toBeCloseTo(20, 0);
    expect(s.splits).toEqual([]);
    expect(s.samples).toEqual([]);
    expect(s.track).toHaveLength(3);
  });

  it('needs a start time from somewhere', () => {
    expect(() => summarizeActivity(route())).toThrow(ActivityFileError);
    expect(() => summarizeActivity(route())).toThrow('the file has no timestamps, so the start time must be given');
    const withMetadata = { ...route(), startedAt: new Date('2023-01-01T00:00:00Z') };
    expect(summarizeActivity(withMetadata).startedAt).toEqual(new Date('2023-01-01T00:00:00Z'));
  });
});

describe('summarizeActivity — work per point', () => {
  it('summarises a 5-hour 1 Hz recording reading each point a bounded number of times', () => {
    const e = noise(3);
    const segment = run(0, 0, 5 * 3600, 2.5, (i) => ({ ele: 100 + 20 * Math.sin(i / 600) + e(), hr: 140 }));
    // Each point is wrapped to count the fields read from it: a linear pass reads a few per
    // point, a quadratic one (every point against every other) thousands. The time it takes is
    // measured by `npm run bench -- domain`, never asserted here.
    let reads = 0;
    const points = segment.map((p) => {
      const point: ActivityPoint = { lat: lat(p), lon: lon(p), ele: p.ele, heartRate: p.hr, time: new Date(START + p.t! * 1000) };
      return new Proxy(point, {
        get: (target, key, receiver) => {
          reads++;
          return Reflect.get(target, key, receiver);
        },
      });
    });
    const s = summarizeActivity({ segments: [points] });
    expect(s.duration).toBe(5 * 3600);
    expect(reads).toBeLessThan(50 * points.length);
  });
});
