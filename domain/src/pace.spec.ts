import { formatDuration, formatPace, paceSecondsPerKm } from './pace';

describe('paceSecondsPerKm', () => {
  it('divides the duration by the distance in km', () => {
    expect(paceSecondsPerKm(10_000, 3000)).toBe(300);
    expect(paceSecondsPerKm(42_195, 3 * 3600)).toBeCloseTo(255.95, 2);
    expect(paceSecondsPerKm(500, 0)).toBe(0);
  });

  it('throws a RangeError for a non-positive or invalid distance', () => {
    expect(() => paceSecondsPerKm(0, 100)).toThrow(RangeError);
    expect(() => paceSecondsPerKm(-5, 100)).toThrow(RangeError);
    expect(() => paceSecondsPerKm(Number.NaN, 100)).toThrow(RangeError);
    expect(() => paceSecondsPerKm(1000, -1)).toThrow(RangeError);
  });
});

describe('formatDuration', () => {
  it('uses m:ss under an hour', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(1197)).toBe('19:57');
    expect(formatDuration(3599)).toBe('59:59');
  });

  it('uses h:mm:ss from an hour on', () => {
    expect(formatDuration(3600)).toBe('1:00:00');
    expect(formatDuration(11449)).toBe('3:10:49');
    expect(formatDuration(100 * 3600 + 61)).toBe('100:01:01');
  });

  it('rounds to the nearest second before splitting into fields', () => {
    expect(formatDuration(59.6)).toBe('1:00');
    expect(formatDuration(3599.5)).toBe('1:00:00');
  });

  it('rejects negative and non-finite values', () => {
    expect(() => formatDuration(-1)).toThrow(RangeError);
    expect(() => formatDuration(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('formatPace', () => {
  it('formats seconds per km as m:ss/km', () => {
    expect(formatPace(255)).toBe('4:15/km');
    expect(formatPace(300)).toBe('5:00/km');
    expect(formatPace(59.5)).toBe('1:00/km');
    expect(formatPace(4500)).toBe('75:00/km');
  });

  it('rejects invalid paces', () => {
    expect(() => formatPace(Number.NaN)).toThrow(RangeError);
  });
});
