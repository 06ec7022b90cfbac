/**
 * The pack's periods. Committees meet every six months and the pack covers whole calendar
 * months, so periods move by months when they are whole months and by days otherwise.
 */
import { addDays, CalendarDate, compareDates, daysBetween, isCalendarDate } from '../domain/calendarDate';
import type { PackPeriod } from './packTypes';

export const DEFAULT_PERIOD_MONTHS = 6;

function ymd(date: CalendarDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width: number = 2): string {
  return String(n).padStart(width, '0');
}

export function startOfMonth(date: CalendarDate): CalendarDate {
  return `${date.slice(0, 7)}-01`;
}

export function endOfMonth(date: CalendarDate): CalendarDate {
  const [y, m] = ymd(date);
  return `${date.slice(0, 7)}-${pad(daysInMonth(y, m))}`;
}

/** The same day `months` later (or earlier), kept inside the month: 31 Mar + 1 month = 30 Apr. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = ymd(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, daysInMonth(year, month)))}`;
}

/** How many whole months the period spans, or undefined when it does not start and end on month boundaries. */
export function wholeMonths(period: PackPeriod): number | undefined {
  if (period.from !== startOfMonth(period.from) || period.to !== endOfMonth(period.to)) {
    return undefined;
  }
  const [fy, fm] = ymd(period.from);
  const [ty, tm] = ymd(period.to);
  return ty * 12 + tm - (fy * 12 + fm) + 1;
}

/**
 * The six whole calendar months before the month of the committee meeting: for a meeting on
 * 10 December 2026, 1 June to 30 November 2026. Whole months because the committee reads the
 * pack as "the visits from June to November", and the meeting's own month is still running.
 */
export function defaultPackPeriod(committeeDate: CalendarDate, months: number = DEFAULT_PERIOD_MONTHS): PackPeriod {
  const monthStart = startOfMonth(committeeDate);
  return { from: addMonths(monthStart, -months), to: addDays(monthStart, -1) };
}

/**
 * The default period, honest about today: a period that would reach past today ends today, so
 * no visit still to come can read as a gap. A meeting so far ahead that the whole period is still
 * to come keeps its period; its visits all show as planned.
 */
export function honestDefaultPeriod(committeeDate: CalendarDate, today: CalendarDate, months: number = DEFAULT_PERIOD_MONTHS): PackPeriod {
  const period = defaultPackPeriod(committeeDate, months);
  if (compareDates(period.to, today) <= 0 || compareDates(period.from, today) > 0) {
    return period;
  }
  return { from: period.from, to: today };
}

/** The period of the same length just before this one (for the safety-scale comparison). */
export function previousPeriod(period: PackPeriod): PackPeriod {
  const months = wholeMonths(period);
  if (months !== undefined) {
    return { from: addMonths(period.from, -months), to: addDays(period.from, -1) };
  }
  const length = daysBetween(period.from, period.to) + 1;
  return { from: addDays(period.from, -length), to: addDays(period.from, -1) };
}

/** The period of the same length just after this one (the rota appendix). */
export function nextPeriod(period: PackPeriod): PackPeriod {
  const months = wholeMonths(period);
  const from = addDays(period.to, 1);
  if (months !== undefined) {
    return { from, to: endOfMonth(addMonths(from, months - 1)) };
  }
  return { from, to: addDays(period.to, daysBetween(period.from, period.to) + 1) };
}

/** Longest period a pack may cover: two years keeps a mistyped year from reading the whole list. */
export const MAX_PERIOD_DAYS = 731;

/** A message for the person choosing the period, or undefined when it is fine. */
export function validatePeriod(from: string | undefined, to: string | undefined): string | undefined {
  if (!from || !isCalendarDate(from)) {
    return 'Enter the first day of the period as a date, for example 2026-04-01.';
  }
  if (!to || !isCalendarDate(to)) {
    return 'Enter the last day of the period as a date, for example 2026-09-30.';
  }
  if (compareDates(from, to) > 0) {
    return 'The first day of the period must be on or before the last day.';
  }
  if (daysBetween(from, to) + 1 > MAX_PERIOD_DAYS) {
    return 'The period can be at most two years long. Choose a shorter period.';
  }
  return undefined;
}

export function isWithin(date: CalendarDate | undefined, period: PackPeriod): boolean {
  return !!date && compareDates(date, period.from) >= 0 && compareDates(date, period.to) <= 0;
}

/**
 * A date as a person types it in a UK council: 14/01/2027 (or 14-1-2027, 14.01.2027), or the
 * ISO form 2027-01-14. Undefined when it is not a real day.
 */
export function parseDateInput(text: string): CalendarDate | undefined {
  const value = text.trim();
  const uk = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})$/.exec(value);
  const candidate = uk ? `${uk[3]}-${uk[2].padStart(2, '0')}-${uk[1].padStart(2, '0')}` : value;
  return isCalendarDate(candidate) ? candidate : undefined;
}

/** "14/01/2027": how the clerk's date fields show a day. */
export function formatDateInput(date: CalendarDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
