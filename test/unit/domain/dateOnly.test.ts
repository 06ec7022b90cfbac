/**
 * Date-only columns across site time zones: what we write lands on the day in every zone from
 * UTC-12 to UTC+11, and what a site holds (its local midnight) reads back as the day.
 */
import { addDays, dateOnlyDayStart, dateOnlyFromSharePoint, dateOnlyToSharePoint } from '../../../src/domain/calendarDate';

/** Midnight of `day` in a zone `offsetHours` ahead of UTC, as SharePoint holds a date-only value. */
function heldAt(day: string, offsetHours: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - offsetHours * 3600000).toISOString();
}

describe('date-only values', () => {
  const days = ['2026-03-29', '2026-10-25', '2026-01-01', '2026-12-31', '2028-02-29'];

  it('writes midday UTC, which falls on the day in every site time zone from UTC-12 to UTC+11', () => {
    for (const day of days) {
      const written = Date.parse(dateOnlyToSharePoint(day));
      for (let offset = -12; offset <= 11; offset++) {
        expect(new Date(written + offset * 3600000).toISOString().slice(0, 10)).toBe(day);
      }
    }
    expect(() => dateOnlyToSharePoint('2026-02-30x')).toThrow(RangeError);
  });

  it('reads a site-local midnight from UTC-12 to UTC+11 (and midday UTC) as the day', () => {
    for (const day of days) {
      for (let offset = -12; offset <= 11; offset++) {
        expect(dateOnlyFromSharePoint(heldAt(day, offset))).toBe(day);
      }
      expect(dateOnlyFromSharePoint(dateOnlyToSharePoint(day))).toBe(day);
      expect(dateOnlyFromSharePoint(day)).toBe(day);
    }
    expect(dateOnlyFromSharePoint(null)).toBeUndefined();
    expect(() => dateOnlyFromSharePoint('soon')).toThrow(RangeError);
  });

  it('starts a day where the first value that reads as that day may be held', () => {
    for (const day of days) {
      const start = Date.parse(dateOnlyDayStart(day));
      expect(dateOnlyFromSharePoint(new Date(start).toISOString())).toBe(day);
      expect(dateOnlyFromSharePoint(new Date(start - 1000).toISOString())).toBe(addDays(day, -1));
      for (let offset = -12; offset <= 11; offset++) {
        expect(Date.parse(heldAt(day, offset)) >= start).toBe(true);
        expect(Date.parse(heldAt(addDays(day, -1), offset)) < start).toBe(true);
      }
    }
  });
});
