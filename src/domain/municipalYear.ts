/**
 * The council's year for the rota: April to March, in four quarters (April–June, July–September,
 * October–December, January–March), written "2026/27".
 */
import { addDays, CalendarDate, formatShortDate } from './calendarDate';

/** The month (1–12) in which the rota's year starts. */
export const ROTA_YEAR_START_MONTH = 4;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const YEAR_LABEL = /^(\d{4})\/(\d{2})$/;

export interface DateRange {
  start: CalendarDate;
  /** The last day, included. */
  end: CalendarDate;
}

export interface RotaQuarter extends DateRange {
  municipalYear: string;
  /** 1–4: April–June is 1. */
  number: number;
  /** "April–June 2026". */
  label: string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function firstOfMonth(year: number, month: number): CalendarDate {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((month - 1) % 12) + 1;
  return `${y}-${pad(m)}-01`;
}

/** "2026/27" for any day from 1 April 2026 to 31 March 2027. */
export function municipalYearOf(date: CalendarDate): string {
  const [y, m] = date.split('-').map(Number);
  const start = m >= ROTA_YEAR_START_MONTH ? y : y - 1;
  return `${start}/${pad((start + 1) % 100)}`;
}

/** True for a well-formed label whose two years follow each other ("2026/27", not "2026/28"). */
export function isMunicipalYear(label: string): boolean {
  const match = YEAR_LABEL.exec(label);
  return !!match && (Number(match[1]) + 1) % 100 === Number(match[2]);
}

export function municipalYearRange(label: string): DateRange {
  if (!isMunicipalYear(label)) {
    throw new RangeError(`Not a municipal year such as 2026/27: ${label}`);
  }
  const startYear = Number(label.slice(0, 4));
  return { start: firstOfMonth(startYear, ROTA_YEAR_START_MONTH), end: addDays(firstOfMonth(startYear + 1, ROTA_YEAR_START_MONTH), -1) };
}

/** The year after: "2027/28" after "2026/27". */
export function nextMunicipalYear(label: string): string {
  return municipalYearOf(addDays(municipalYearRange(label).end, 1));
}

/** The four quarters of a municipal year, in order. */
export function quartersOf(label: string): RotaQuarter[] {
  const startYear = Number(municipalYearRange(label).start.slice(0, 4));
  return [0, 1, 2, 3].map((q) => {
    const startMonth = ROTA_YEAR_START_MONTH + q * 3;
    const start = firstOfMonth(startYear, startMonth);
    const end = addDays(firstOfMonth(startYear, startMonth + 3), -1);
    const first = MONTH_NAMES[(startMonth - 1) % 12];
    const last = MONTH_NAMES[(startMonth + 1) % 12];
    return { municipalYear: label, number: q + 1, start, end, label: `${first}–${last} ${end.slice(0, 4)}` };
  });
}

/** The quarter a day falls in. */
export function quarterOf(date: CalendarDate): RotaQuarter {
  const quarter = quartersOf(municipalYearOf(date)).find((q) => date >= q.start && date <= q.end);
  if (!quarter) {
    throw new RangeError(`No quarter holds ${date}`);
  }
  return quarter;
}

/** The quarters that overlap a period (e.g. a committee pack's six months), in order. */
export function quartersOverlapping(range: DateRange): RotaQuarter[] {
  const result: RotaQuarter[] = [];
  let quarter = quarterOf(range.start);
  while (quarter.start <= range.end) {
    result.push(quarter);
    quarter = quarterOf(addDays(quarter.end, 1));
  }
  return result;
}

/** "1 Apr 2026 to 30 Jun 2026". */
export function describeRange(range: DateRange): string {
  return `${formatShortDate(range.start)} to ${formatShortDate(range.end)}`;
}
