/**
 * Calendar dates in Europe/London.
 *
 * A visit happens on a day, not at an instant. We carry days as ISO strings (`YYYY-MM-DD`) and
 * only turn them into instants at the SharePoint boundary, where a date-only column is stored as
 * local midnight of the site's time zone expressed in UTC (so 15 June 2026 is
 * `2026-06-14T23:00:00Z` while British Summer Time is in force). Doing arithmetic on the ISO day
 * keeps a visit on its date whatever the time zone of the browser or server and across the
 * clock changes.
 */

/** A calendar day, `YYYY-MM-DD`. */
export type CalendarDate = string;

export const COUNCIL_TIME_ZONE = 'Europe/London';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86400000;

function parts(date: CalendarDate): [number, number, number] {
  const match = ISO_DATE.exec(date);
  if (!match) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  }
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** True when the text is a real calendar day such as 2026-02-28 (and not 2026-02-30). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    return false;
  }
  const [y, m, d] = parts(value);
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

function toDayNumber(date: CalendarDate): number {
  const [y, m, d] = parts(date);
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

function fromDayNumber(day: number): CalendarDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const londonDayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: COUNCIL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The London calendar day on which an instant falls. */
export function londonDateOf(instant: Date): CalendarDate {
  const byType: { [key: string]: string } = {};
  for (const part of londonDayFormat.formatToParts(instant)) {
    byType[part.type] = part.value;
  }
  return `${byType.year}-${byType.month}-${byType.day}`;
}

/** Today's date in London. */
export function londonToday(now: Date = new Date()): CalendarDate {
  return londonDateOf(now);
}

/**
 * The instant at which a London calendar day starts, as SharePoint stores a date-only column on a
 * site in the UK time zone. The offset is read at the candidate instant itself, because on the
 * days the clocks change the offset at midnight differs from the offset later that day.
 */
export function londonMidnightUtc(date: CalendarDate): string {
  return new Date(midnightIn(COUNCIL_TIME_ZONE, date)).toISOString().replace('.000Z', 'Z');
}

/** The instant (ms) a calendar day starts in an IANA time zone, the clock changes allowed for. */
export function midnightIn(timeZone: string, date: CalendarDate): number {
  const [y, m, d] = parts(date);
  const wallMidnight = Date.UTC(y, m - 1, d);
  const instant = wallMidnight - offsetMinutesIn(timeZone, new Date(wallMidnight)) * 60000;
  return wallMidnight - offsetMinutesIn(timeZone, new Date(instant)) * 60000;
}

/** Minutes London is ahead of UTC at an instant: 0 in winter, 60 in British Summer Time. */
export function londonOffsetMinutes(instant: Date): number {
  return offsetMinutesIn(COUNCIL_TIME_ZONE, instant);
}

/** Minutes an IANA time zone is ahead of UTC at an instant. */
export function offsetMinutesIn(timeZone: string, instant: Date): number {
  const londonWallClock = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant);
  const v: { [key: string]: number } = {};
  for (const part of londonWallClock) {
    if (part.type !== 'literal') {
      v[part.type] = Number(part.value);
    }
  }
  const asUtc = Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute);
  return Math.round((asUtc - Math.floor(instant.getTime() / 60000) * 60000) / 60000);
}

/*
 * Date-only columns (a visit's date). SharePoint keeps a date-only value as midnight of its day in
 * the site's regional time zone, expressed in UTC, and a value written as an instant lands on the
 * site-local day that instant falls on. A council's site may be in London, UTC or (left at the
 * tenant's default) Pacific time, so neither side may assume London midnight:
 * - we write midday UTC of the day, which falls on that day in every site time zone from UTC-12
 *   to UTC+11;
 * - we read a value as the UTC day of (value + 11 hours), so local midnight of the day in any site
 *   time zone from UTC-12 to UTC+11 (and midday UTC, had a store kept what we wrote) reads as the
 *   day itself (UK, European and American zones all lie well inside; New Zealand in summer does not);
 * - a filter on a day boundary uses the first instant that reads as that day (11:00 before UTC
 *   midnight), so `ge`/`lt` select exactly the days asked for.
 */
const DATE_ONLY_READ_SHIFT_MS = 11 * 3600000;

/** The value to write to a date-only column for a calendar day. */
export function dateOnlyToSharePoint(date: CalendarDate): string {
  parts(date);
  return `${date}T12:00:00Z`;
}

/** The calendar day a date-only column's value (as SharePoint or Graph returns it) stands for. */
export function dateOnlyFromSharePoint(value: string | null | undefined): CalendarDate | undefined {
  if (!value) {
    return undefined;
  }
  if (isCalendarDate(value)) {
    return value;
  }
  const instant = Date.parse(value);
  if (isNaN(instant)) {
    throw new RangeError(`Not a SharePoint date: ${value}`);
  }
  return new Date(instant + DATE_ONLY_READ_SHIFT_MS).toISOString().slice(0, 10);
}

/** The first instant a date-only value may hold and read as this day: for `ge` / `lt` filters. */
export function dateOnlyDayStart(date: CalendarDate): string {
  return new Date(toDayNumber(date) * MS_PER_DAY - DATE_ONLY_READ_SHIFT_MS).toISOString().replace('.000Z', 'Z');
}

/**
 * Reads a date as SharePoint or Graph returns it (an ISO instant, or already a day) and gives its
 * London calendar day. Empty input gives undefined.
 */
export function calendarDateFromSharePoint(value: string | null | undefined): CalendarDate | undefined {
  if (!value) {
    return undefined;
  }
  if (isCalendarDate(value)) {
    return value;
  }
  const instant = new Date(value);
  if (isNaN(instant.getTime())) {
    throw new RangeError(`Not a SharePoint date: ${value}`);
  }
  return londonDateOf(instant);
}

// Our own names, not Intl's: ICU versions disagree ("Sept" or "Sep"), and a committee pack made
// in the browser must read exactly like the one made on the command line.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "Monday 15 June 2026" */
export function formatLongDate(date: CalendarDate): string {
  const [y, m, d] = parts(date);
  return `${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${d} ${MONTHS[m - 1]} ${y}`;
}

/** "15 Jun 2026" */
export function formatShortDate(date: CalendarDate): string {
  const [y, m, d] = parts(date);
  return `${d} ${MONTHS[m - 1].slice(0, 3)} ${y}`;
}

/** "June 2026" */
export function formatMonth(date: CalendarDate): string {
  const [y, m] = parts(date);
  return `${MONTHS[m - 1]} ${y}`;
}
