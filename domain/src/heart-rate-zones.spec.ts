import type { ActivityPoint } from './activity-file';
import { summarizeActivity } from './activity-summary';
import { heartRateLimits, histogramOf, sustainedPeak, zoneBounds, zoneOf, zoneTimes } from './heart-rate-zones';
import { heartRateLoad, runLoad, runLoadWithHeartRate } from './training-load';
import { activityOfRecording } from './recording';

const limits = { max: 190, rest: 50 }; // reserve 140 bpm

describe('heart-rate zones (Karvonen)', () => {
  it('bounds the five zones at 50–60–70–80–90–100 % of the heart-rate reserve', () => {
    expect(zoneBounds(limits)).toEqual([120, 134, 148, 162, 176, 190]);
    expect(zoneBounds({ max: 200, rest: 60 })).toEqual([130, 144, 158, 172, 186, 200]);
  });

  it('puts a bpm on a bound in the zone above, below zone 1 in zone 1 and above max in zone 5', () => {
    expect([100, 120, 133, 134, 148, 161, 162, 175, 176, 190, 205].map((b) => zoneOf(b, limits))).toEqual([
      1, 1, 1, 2, 3, 3, 4, 4, 5, 5, 5,
    ]);
  });

  it('adds up zone times to the rounded total, all five zones listed', () => {
    const h = histogramOf(
      new Map([
        [110, 100.4],
        [140, 200.4],
        [150, 300.4],
        [180, 0.4],
      ]),
    )!;
    expect(h.from).toBe(110);
    expect(h.seconds).toHaveLength(71);
    const zones = zoneTimes([h], limits);
    expect(zones.map((z) => z.zone)).toEqual([1, 2, 3, 4, 5]);
    expect(zones.reduce((a, z) => a + z.seconds, 0)).toBe(Math.round(100.4 + 200.4 + 300.4 + 0.4));
    expect(zones.map((z) => z.seconds)).toEqual([100, 201, 300, 0, 1]);
  });

  it('sums several runs and is empty without heart-rate time', () => {
    const a = histogramOf(new Map([[125, 60]]))!;
    const b = histogramOf(new Map([[185, 30]]))!;
    expect(zoneTimes([a, b], limits)).toEqual([
      { zone: 1, seconds: 60 },
      { zone: 2, seconds: 0 },
      { zone: 3, seconds: 0 },
      { zone: 4, seconds: 0 },
      { zone: 5, seconds: 30 },
    ]);
    expect(zoneTimes([], limits)).toEqual([]);
    expect(histogramOf(new Map())).toBeNull();
  });
});

describe('max heart rate estimate', () => {
  it('takes the highest bpm held for a minute, so a few seconds of spike do not count', () => {
    // 20 min at 150, 70 s at 183, a 5 s strap spike at 230.
    const h = histogramOf(
      new Map([
        [150, 1200],
        [183, 70],
        [230, 5],
      ]),
    )!;
    expect(sustainedPeak(h)).toBe(183);
    // A run shorter than a minute: its top bpm.
    expect(sustainedPeak(histogramOf(new Map([[140, 30]]))!)).toBe(140);
  });

  it('uses what the runner set, else the highest peak and a resting 60; null without a max', () => {
    expect(heartRateLimits({ maxHeartRate: 195, restingHeartRate: 45 }, [180])).toEqual({
      max: 195,
      rest: 45,
      maxEstimated: false,
      restEstimated: false,
    });
    expect(heartRateLimits({ maxHeartRate: null, restingHeartRate: null }, [176, 183])).toEqual({
      max: 183,
      rest: 60,
      maxEstimated: true,
      restEstimated: true,
    });
    expect(heartRateLimits({ maxHeartRate: null, restingHeartRate: null }, [])).toBeNull();
    expect(heartRateLimits({ maxHeartRate: null, restingHeartRate: 90 }, [85])).toBeNull();
  });
});

describe('heart-rate load (TRIMP) on the pace model scale', () => {
  it('scores an hour at 85 % of the reserve as 100, like an hour at threshold pace', () => {
    const threshold = 50 + 0.85 * 140; // 169 bpm
    expect(heartRateLoad(histogramOf(new Map([[threshold, 3600]]))!, limits)).toBeCloseTo(100, 0);
    expect(runLoad({ duration: 3600, distance: 14118 }, { thresholdPace: 255 })).toBeCloseTo(100, 0);
  });

  it('weights hard minutes exponentially (Banister, 0.64·e^(1.92·HRr))', () => {
    const weight = (hrr: number) => hrr * 0.64 * Math.exp(1.92 * hrr);
    const easy = heartRateLoad(histogramOf(new Map([[120, 3600]]))!, limits); // HRr 0.5
    expect(easy).toBeCloseTo((100 * weight(0.5)) / weight(0.85), 0);
  });

  it('scores moving time the strap missed with the pace model', () => {
    const h = histogramOf(new Map([[169, 1800]]))!;
    const run = { duration: 3600, distance: 14118 };
    const athlete = { thresholdPace: 255 };
    expect(runLoadWithHeartRate(run, h, limits, athlete)).toBeCloseTo(50 + 50, 0);
    expect(runLoadWithHeartRate({ duration: 1800, distance: 7059 }, h, limits, athlete)).toBeCloseTo(50, 0);
  });
});

describe('heart-rate histogram of an activity', () => {
  // 1 Hz, running north at 3 m/s at 150 bpm for 300 s, standing 120 s at 100 bpm, then 300 s at 170 bpm.
  const START = Date.UTC(2024, 4, 1, 6);
  const M_PER_DEG = 111_195;
  const points: ActivityPoint[] = [];
  let north = 0;
  for (let t = 0; t <= 720; t++) {
    const standing = t > 300 && t <= 420;
    if (!standing && t > 0) north += 3;
    points.push({
      lat: 48 + north / M_PER_DEG,
      lon: 11,
      time: new Date(START + t * 1000),
      heartRate: standing ? 100 : t <= 300 ? 150 : 170,
    });
  }

  it('counts moving time only, at the heart rate of each moving stretch, adding up to the moving time', () => {
    const summary = summarizeActivity({ segments: [points] });
    const h = summary.heartRates!;
    const total = h.seconds.reduce((a, s) => a + s, 0);
    expect(Math.round(total)).toBe(summary.duration);
    expect(summary.duration).toBeGreaterThanOrEqual(598);
    expect(summary.duration).toBeLessThanOrEqual(602);
    expect(h.seconds[100 - h.from] ?? 0).toBeLessThanOrEqual(2);
    expect(h.seconds[150 - h.from]).toBeCloseTo(300, -1);
    const zones = zoneTimes([h], limits);
    expect(zones.reduce((a, z) => a + z.seconds, 0)).toBe(summary.duration);
  });

  it('reads back the same from a stored recording (the migration backfill)', () => {
    const recorded = points.map((p): [number, number, number | null, number | null, number | null] => [
      p.lat!,
      p.lon!,
      null,
      (p.time!.getTime() - START) / 1000,
      p.heartRate!,
    ]);
    const again = summarizeActivity(activityOfRecording(new Date(START), [recorded]));
    expect(again.heartRates).toEqual(summarizeActivity({ segments: [points] }).heartRates);
  });

  it('has none without heart rate', () => {
    expect(summarizeActivity({ segments: [points.map(({ heartRate: _hr, ...p }) => p)] }).heartRates).toBeNull();
  });
});
