/**
 * Text as the pack shows it. Everything a person typed passes through `cleanText` before it
 * reaches the preview, Word or CSV, so all three carry the same characters.
 */
import { CalendarDate, formatMonth, formatShortDate } from '../domain/calendarDate';
import { withoutHiddenCharacters } from '../domain/hiddenCharacters';
import type { Person } from '../domain/types';
import type { PackModel } from './packTypes';

// Word's manual line break copies to the clipboard as a vertical tab; Unicode has two more.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this matches
const LINE_BREAKS = /\r\n?|[\u000B\u000C\u0085\u2028\u2029]/g;
// Characters XML 1.0 cannot hold: a .docx containing one will not open.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this matches
const NOT_XML = /[\u0000-\u0008\u000E-\u001F\u007F\uFFFE\uFFFF]/g;
const LONE_HIGH_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/g;
const LONE_LOW_SURROGATE = /(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Plain text with `\n` line breaks, no characters Word or XML cannot hold, no blank ends. */
export function cleanText(value: string | null | undefined): string {
  if (!value) {
    return '';
  }
  return withoutHiddenCharacters(value)
    .replace(LINE_BREAKS, '\n')
    .replace(NOT_XML, '')
    .replace(LONE_HIGH_SURROGATE, '')
    .replace(LONE_LOW_SURROGATE, '$1')
    .replace(/[ \t]+$/gm, '')
    .trim();
}

export function namesOf(people: ReadonlyArray<Person>): string {
  return people
    .map((p) => cleanText(p.displayName) || cleanText(p.email))
    .filter((name) => name.length > 0)
    .join(', ');
}

const dayMonthYear = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

function utcNoon(date: CalendarDate): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** "1 April 2026" */
export function formatDayMonthYear(date: CalendarDate): string {
  return dayMonthYear.format(utcNoon(date));
}

/** "1 April 2026 to 30 September 2026" */
export function formatPeriod(period: { from: CalendarDate; to: CalendarDate }): string {
  return `${formatDayMonthYear(period.from)} to ${formatDayMonthYear(period.to)}`;
}

/** One decimal place, as a committee reads an average: "6.5". */
export function formatAverage(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1);
}

const collator = new Intl.Collator('en-GB');

/** Orders names as an English reader expects; one collator, as a pack sorts thousands of rows. */
export function compareText(a: string, b: string): number {
  return collator.compare(a, b);
}

/** A formatter remembered per day: a pack formats the same few hundred days thousands of times. */
function remembered(format: (date: CalendarDate) => string): (date: CalendarDate) => string {
  const cache = new Map<CalendarDate, string>();
  return (date) => {
    let text = cache.get(date);
    if (text === undefined) {
      text = format(date);
      cache.set(date, text);
    }
    return text;
  };
}

/** "15 Jun 2026" */
export const shortDate = remembered(formatShortDate);
/** "June 2026" */
export const monthOf = remembered(formatMonth);

/** "1 report", "3 reports" */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "4 visits held, 1 not held, 3 reports, 1 response, 2 overdue": the pack in one line. */
export function packCountsText(c: PackModel['counts']): string {
  return (
    `${plural(c.visitsHeld, 'visit', 'visits')} held, ${c.visitsNotHeld} not held, ${plural(c.reportsSubmitted, 'report', 'reports')}, ` +
    `${plural(c.responsesReceived, 'response', 'responses')}, ${c.responsesOverdue} overdue`
  );
}
