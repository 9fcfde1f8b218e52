import { isoWeek, isoWeekStart, periodRange, startOfPeriod, weekStarts } from './weeks';

const utc = (s: string): Date => new Date(`${s}Z`);

describe('isoWeekStart', () => {
  it('returns Monday 00:00 UTC for every day of the week', () => {
    for (const d of ['2024-05-06T00:00:00', '2024-05-08T13:45:00', '2024-05-12T23:59:59.999']) {
      expect(isoWeekStart(utc(d))).toEqual(utc('2024-05-06T00:00:00'));
    }
    expect(isoWeekStart(utc('2024-05-13T00:00:00'))).toEqual(utc('2024-05-13T00:00:00'));
  });

  it('crosses month and year boundaries', () => {
    // 1 Jan 2025 is a Wednesday: its week starts on Monday 30 Dec 2024.
    expect(isoWeekStart(utc('2025-01-01T08:00:00'))).toEqual(utc('2024-12-30T00:00:00'));
    // 1 Mar 2024 is a Friday (leap year).
    expect(isoWeekStart(utc('2024-03-01T00:00:00'))).toEqual(utc('2024-02-26T00:00:00'));
  });

  it('uses the UTC day, not the local one', () => {
    // Sunday 23:30 in New York is already Monday in UTC.
    expect(isoWeekStart(new Date('2024-05-12T23:30:00-04:00'))).toEqual(utc('2024-05-13T00:00:00'));
  });
});

describe('isoWeek', () => {
  it('numbers weeks by ISO 8601, including the year boundary', () => {
    expect(isoWeek(utc('2024-12-30T00:00:00'))).toEqual({ year: 2025, week: 1 });
    expect(isoWeek(utc('2021-01-03T12:00:00'))).toEqual({ year: 2020, week: 53 });
    expect(isoWeek(utc('2021-01-04T00:00:00'))).toEqual({ year: 2021, week: 1 });
    expect(isoWeek(utc('2024-05-08T00:00:00'))).toEqual({ year: 2024, week: 19 });
  });
});

describe('weekStarts', () => {
  it('lists week starts oldest first, ending with the current week, across the new year', () => {
    expect(weekStarts(3, utc('2025-01-08T10:00:00'))).toEqual([
      utc('2024-12-23T00:00:00'),
      utc('2024-12-30T00:00:00'),
      utc('2025-01-06T00:00:00'),
    ]);
  });

  it('handles 0 and rejects nonsense', () => {
    expect(weekStarts(0, utc('2025-01-08T10:00:00'))).toEqual([]);
    expect(() => weekStarts(-1, new Date(0))).toThrow(RangeError);
    expect(() => weekStarts(1.5, new Date(0))).toThrow(RangeError);
  });

  it('spans three years quickly and evenly', () => {
    const starts = weekStarts(157, utc('2025-01-08T10:00:00'));
    expect(starts).toHaveLength(157);
    for (let i = 1; i < starts.length; i++) expect(starts[i].getTime() - starts[i - 1].getTime()).toBe(7 * 86_400_000);
    expect(starts.every((d) => d.getUTCDay() === 1 && d.getUTCHours() === 0)).toBe(true);
  });
});

describe('startOfPeriod', () => {
  const now = utc('2025-01-01T08:00:00'); // a Wednesday

  it('starts WEEK on the ISO Monday, which may be in the previous year', () => {
    expect(startOfPeriod('WEEK', now)).toEqual(utc('2024-12-30T00:00:00'));
  });

  it('starts MONTH on the 1st and YEAR on 1 January, UTC', () => {
    expect(startOfPeriod('MONTH', now)).toEqual(utc('2025-01-01T00:00:00'));
    expect(startOfPeriod('YEAR', now)).toEqual(utc('2025-01-01T00:00:00'));
    expect(startOfPeriod('MONTH', utc('2024-02-29T23:59:59'))).toEqual(utc('2024-02-01T00:00:00'));
    expect(startOfPeriod('YEAR', utc('2024-12-31T23:59:59'))).toEqual(utc('2024-01-01T00:00:00'));
  });

  it('has no start for ALL_TIME', () => {
    expect(startOfPeriod('ALL_TIME', now)).toBeNull();
  });
});

describe('periodRange', () => {
  it('is the half-open UTC range of the period containing now', () => {
    const now = utc('2024-12-31T23:30:00'); // a Tuesday in ISO week 2025-W01
    expect(periodRange('WEEK', now)).toEqual({ from: utc('2024-12-30T00:00:00'), to: utc('2025-01-06T00:00:00') });
    expect(periodRange('MONTH', now)).toEqual({ from: utc('2024-12-01T00:00:00'), to: utc('2025-01-01T00:00:00') });
    expect(periodRange('YEAR', now)).toEqual({ from: utc('2024-01-01T00:00:00'), to: utc('2025-01-01T00:00:00') });
    expect(periodRange('MONTH', utc('2024-02-10T00:00:00')).to).toEqual(utc('2024-03-01T00:00:00'));
    expect(periodRange('ALL_TIME', now)).toEqual({ from: null, to: null });
  });

  it('starts WEEK where weekStarts ends, so the current week is the same in stats and weekly volume', () => {
    const now = utc('2025-03-09T23:59:59'); // a Sunday
    expect(periodRange('WEEK', now).from).toEqual(weekStarts(12, now)[11]);
  });
});
