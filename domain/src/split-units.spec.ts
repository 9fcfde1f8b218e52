import type { ActivitySplit } from './activity-summary';
import { resplit } from './split-units';
import { METRES_PER_MILE } from './units';

const km = (index: number, duration: number, elevationGain: number | null = null, distance = 1000): ActivitySplit => ({
  index,
  distance,
  duration,
  pace: duration / (distance / 1000),
  elevationGain,
});

describe('resplit', () => {
  it('cuts kilometre splits per mile at each kilometre’s own pace, adding up to them', () => {
    // 4 km: 4:00, 5:00, 6:00, 4:00 per km.
    const miles = resplit([km(1, 240, 10), km(2, 300, 0), km(3, 360, 5), km(4, 240, 0)], METRES_PER_MILE);
    expect(miles.map((m) => m.distance)).toEqual([1609.3, 1609.3, 781.3]);
    // First mile: 240 s for the first km, then 609.344 m at 300 s/km = 182.8 s.
    expect(miles[0].duration).toBe(423);
    expect(miles.reduce((s, m) => s + m.duration, 0)).toBe(1140);
    expect(miles.reduce((s, m) => s + (m.elevationGain ?? 0), 0)).toBeCloseTo(15, 5);
    expect(miles[0].elevationGain).toBeCloseTo(10, 5);
    // Pace stays in seconds per km, from the stated time: 423 s over 1.609 km.
    expect(miles[0].pace).toBe(262.8);
  });

  it("covers the run's last metres the kilometre splits leave out, given the run's totals", () => {
    const stored = [km(1, 300), km(2, 300), km(3, 300), km(4, 300), km(5, 300)];
    const miles = resplit(stored, METRES_PER_MILE, { distance: 5040, duration: 1512 });
    expect(miles.reduce((s, m) => s + m.distance, 0)).toBeCloseTo(5040, 0);
    expect(miles.reduce((s, m) => s + m.duration, 0)).toBe(1512);
    expect(miles.map((m) => m.elevationGain)).toEqual([null, null, null, null]);
  });

  it('has nothing to cut without splits', () => {
    expect(resplit([], METRES_PER_MILE)).toEqual([]);
  });
});
