import { calendarDay, calendarDayStart, canonicalTimeZone, startOfDayIn } from './time-zones';
import { isoWeekStart, periodRange, weekStarts } from './weeks';

describe('canonicalTimeZone', () => {
  it('accepts IANA names in any case and spells them canonically', () => {
    expect(canonicalTimeZone('Europe/London')).toBe('Europe/London');
    expect(canonicalTimeZone('america/los_angeles')).toBe('America/Los_Angeles');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
  });

  it('refuses unknown names, offsets and junk', () => {
    for (const bad of ['Mars/Olympus', '+01:00', 'GMT+1 ', '', 'Europe/London; DROP TABLE', 'x'.repeat(80)]) {
      expect(canonicalTimeZone(bad)).toBeNull();
    }
  });
});

describe('calendar in a time zone', () => {
  // Sunday 12 May 2024, 23:30 in Los Angeles (PDT, UTC−7) is Monday 06:30 UTC and 07:30 in London.
  const sundayNightLA = new Date('2024-05-13T06:30:00Z');

  it('puts a Sunday-night run in the week of its local date', () => {
    expect(isoWeekStart(sundayNightLA, 'America/Los_Angeles')).toEqual(new Date('2024-05-06T07:00:00Z'));
    expect(isoWeekStart(sundayNightLA, 'Europe/London')).toEqual(new Date('2024-05-12T23:00:00Z'));
    expect(isoWeekStart(sundayNightLA)).toEqual(new Date('2024-05-13T00:00:00Z'));
  });

  it('steps weeks across summer time by local Mondays', () => {
    // Europe/London moves to summer time on 31 March 2024: that week is 167 hours long.
    expect(weekStarts(3, new Date('2024-04-03T12:00:00Z'), 'Europe/London')).toEqual([
      new Date('2024-03-18T00:00:00Z'),
      new Date('2024-03-25T00:00:00Z'),
      new Date('2024-03-31T23:00:00Z'),
    ]);
  });

  it('bounds months and years by local midnights', () => {
    const now = new Date('2024-01-01T03:00:00Z'); // still 31 December 2023, 19:00 in Los Angeles
    expect(periodRange('MONTH', now, 'America/Los_Angeles')).toEqual({
      from: new Date('2023-12-01T08:00:00Z'),
      to: new Date('2024-01-01T08:00:00Z'),
    });
    expect(periodRange('YEAR', now, 'Asia/Tokyo')).toEqual({
      from: new Date('2023-12-31T15:00:00Z'),
      to: new Date('2024-12-31T15:00:00Z'),
    });
  });

  it('converts between instants and calendar days', () => {
    expect(calendarDay(sundayNightLA, 'America/Los_Angeles')).toEqual(new Date('2024-05-12T00:00:00Z'));
    expect(calendarDay(sundayNightLA, 'Europe/London')).toEqual(new Date('2024-05-13T00:00:00Z'));
    expect(calendarDayStart(new Date('2024-05-12T00:00:00Z'), 'America/Los_Angeles')).toEqual(new Date('2024-05-12T07:00:00Z'));
    expect(startOfDayIn(sundayNightLA, 'America/Los_Angeles')).toEqual(new Date('2024-05-12T07:00:00Z'));
  });
});
