import { lapsOf } from './laps';
import { stepsPerMinute } from './track-points';

describe('lapsOf', () => {
  it('rounds lap times cumulatively so they add up to the device total, with pace per km and steps per minute', () => {
    const laps = lapsOf({
      segments: [],
      laps: [
        { distance: 1000, duration: 300.4, averageHeartRate: 150, averageCadence: 171 },
        { distance: 1000, duration: 300.4 },
        { distance: 0, duration: 1.4 },
        { distance: 523.25, duration: 160.3, averageCadence: 168.6 },
      ],
    });
    expect(laps).toEqual([
      { index: 1, distance: 1000, duration: 300, pace: 300.4, averageHeartRate: 150, averageCadence: 171 },
      { index: 2, distance: 1000, duration: 301, pace: 300.4, averageHeartRate: null, averageCadence: null },
      { index: 3, distance: 0, duration: 1, pace: 0, averageHeartRate: null, averageCadence: null },
      { index: 4, distance: 523.3, duration: 161, pace: 306.4, averageHeartRate: null, averageCadence: 169 },
    ]);
    // 300.4 + 300.4 + 1.4 + 160.3 = 762.5 → 763 (half up), as the laps add up.
    expect(laps.reduce((s, l) => s + l.duration, 0)).toBe(763);
    expect(lapsOf({ segments: [] })).toEqual([]);
  });

  it('reads a stride rate as steps per minute; zero (standing) and impossible rates are no cadence', () => {
    expect(stepsPerMinute(85.5)).toBe(171);
    expect(stepsPerMinute(0)).toBeUndefined();
    expect(stepsPerMinute(-3)).toBeUndefined();
    expect(stepsPerMinute(255)).toBeUndefined();
    expect(stepsPerMinute(undefined)).toBeUndefined();
  });
});
