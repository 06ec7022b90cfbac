import {
  addDays,
  calendarDateFromSharePoint,
  daysBetween,
  formatLongDate,
  formatMonth,
  formatShortDate,
  isCalendarDate,
  londonDateOf,
  londonMidnightUtc,
  londonOffsetMinutes,
} from '../../../src/domain/calendarDate';

describe('calendar dates in Europe/London', () => {
  it('recognises real calendar days only', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('15/06/2026')).toBe(false);
    expect(isCalendarDate(undefined)).toBe(false);
  });

  it('adds days across month, year and clock-change boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-20', 28)).toBe('2027-01-17');
    expect(addDays('2026-03-29', 28)).toBe('2026-04-26');
    expect(addDays('2026-10-25', 28)).toBe('2026-11-22');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
  });

  it('stores a date-only column as London midnight in UTC, winter and summer', () => {
    expect(londonMidnightUtc('2026-01-15')).toBe('2026-01-15T00:00:00Z');
    expect(londonMidnightUtc('2026-06-15')).toBe('2026-06-14T23:00:00Z');
    // The last Sunday of March: the clocks go forward at 01:00 UTC, after midnight.
    expect(londonMidnightUtc('2026-03-29')).toBe('2026-03-29T00:00:00Z');
    expect(londonMidnightUtc('2026-03-30')).toBe('2026-03-29T23:00:00Z');
    // The last Sunday of October: the clocks go back at 01:00 UTC, after midnight BST.
    expect(londonMidnightUtc('2026-10-25')).toBe('2026-10-24T23:00:00Z');
    expect(londonMidnightUtc('2026-10-26')).toBe('2026-10-26T00:00:00Z');
  });

  it('reads back the same day it stored, whatever the season', () => {
    for (const day of ['2026-01-15', '2026-03-29', '2026-03-30', '2026-06-15', '2026-10-25', '2026-10-26', '2026-12-31']) {
      expect(calendarDateFromSharePoint(londonMidnightUtc(day))).toBe(day);
    }
  });

  it('knows the London offset either side of the clock changes', () => {
    expect(londonOffsetMinutes(new Date('2026-03-29T00:59:00Z'))).toBe(0);
    expect(londonOffsetMinutes(new Date('2026-03-29T01:00:00Z'))).toBe(60);
    expect(londonOffsetMinutes(new Date('2026-10-25T00:59:00Z'))).toBe(60);
    expect(londonOffsetMinutes(new Date('2026-10-25T01:00:00Z'))).toBe(0);
  });

  it('puts a late-evening instant on its London day', () => {
    // 23:30 UTC on 14 June is 00:30 BST on 15 June.
    expect(londonDateOf(new Date('2026-06-14T23:30:00Z'))).toBe('2026-06-15');
    // 23:30 UTC on 14 January is 23:30 GMT on 14 January.
    expect(londonDateOf(new Date('2026-01-14T23:30:00Z'))).toBe('2026-01-14');
  });

  it('accepts a plain day from SharePoint or Graph and nothing else', () => {
    expect(calendarDateFromSharePoint('2026-06-15')).toBe('2026-06-15');
    expect(calendarDateFromSharePoint(undefined)).toBeUndefined();
    expect(calendarDateFromSharePoint('')).toBeUndefined();
    expect(() => calendarDateFromSharePoint('not a date')).toThrow(RangeError);
  });

  it('formats days for people, the same on every engine', () => {
    expect(formatLongDate('2026-06-15')).toBe('Monday 15 June 2026');
    expect(formatLongDate('2026-03-29')).toBe('Sunday 29 March 2026');
    expect(formatShortDate('2026-09-01')).toBe('1 Sep 2026');
    expect(formatMonth('2026-12-31')).toBe('December 2026');
  });
});
