/**
 * Bank holidays in England, from the maintained `date-holidays` rules (Easter, the Monday
 * holidays, substitute days when Christmas or New Year falls at a weekend, one-off holidays such
 * as coronations), so no one keeps a hand-written list up to date.
 */
import HolidaysParser from 'date-holidays-parser';
import { addDays, CalendarDate, compareDates } from './calendarDate';
import { ENGLAND_HOLIDAY_DATA } from './englandBankHolidayData';

export interface BankHoliday {
  date: CalendarDate;
  /** "Easter Monday", "Boxing Day (substitute day)". */
  name: string;
}

let england: HolidaysParser | undefined;
const byYear = new Map<number, BankHoliday[]>();

function englandRules(): HolidaysParser {
  if (!england) {
    england = new HolidaysParser(ENGLAND_HOLIDAY_DATA, 'GB', 'ENG', { languages: ['en'], types: ['public', 'bank'] });
  }
  return england;
}

function holidaysIn(year: number): BankHoliday[] {
  let found = byYear.get(year);
  if (!found) {
    found = englandRules()
      .getHolidays(year)
      .filter((h) => h.type === 'public' || h.type === 'bank')
      .map((h) => ({ date: h.date.slice(0, 10), name: h.name }))
      .sort((a, b) => compareDates(a.date, b.date));
    byYear.set(year, found);
  }
  return found;
}

/** England's bank holidays from `from` to `to`, both included, in date order. */
export function englandBankHolidays(from: CalendarDate, to: CalendarDate): BankHoliday[] {
  const result: BankHoliday[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const holiday of holidaysIn(year)) {
      if (holiday.date >= from && holiday.date <= to) {
        result.push(holiday);
      }
    }
  }
  return result;
}

/** The bank holiday on a day in England, if it is one. */
export function englandBankHolidayOn(date: CalendarDate): BankHoliday | undefined {
  return englandBankHolidays(date, addDays(date, 0))[0];
}
