/**
 * Bank holidays in England, as the maintained `date-holidays` package computes them (Easter, the
 * Monday holidays, substitute days when Christmas or New Year falls at a weekend, one-off holidays
 * such as coronations), so no one keeps a list by hand. The table is generated from the package
 * (`npm run holidays:data`) and checked against it by a unit test; see decision 0200.
 */
import { CalendarDate } from './calendarDate';
import { ENGLAND_BANK_HOLIDAYS, FIRST_YEAR, LAST_YEAR } from './englandBankHolidayDates';

export interface BankHoliday {
  date: CalendarDate;
  /** "Easter Monday", "Boxing Day (substitute day)". */
  name: string;
}

/** England's bank holidays from `from` to `to`, both included, in date order. */
export function englandBankHolidays(from: CalendarDate, to: CalendarDate): BankHoliday[] {
  const firstYear = Number(from.slice(0, 4));
  const lastYear = Number(to.slice(0, 4));
  if (firstYear < FIRST_YEAR || lastYear > LAST_YEAR) {
    throw new RangeError(
      `England's bank holidays are known from ${FIRST_YEAR} to ${LAST_YEAR}; ${from} to ${to} is outside that. Update the date-holidays package and run npm run holidays:data.`,
    );
  }
  return ENGLAND_BANK_HOLIDAYS.filter(([date]) => date >= from && date <= to).map(([date, name]) => ({ date, name }));
}

/** The bank holiday on a day in England, if it is one. */
export function englandBankHolidayOn(date: CalendarDate): BankHoliday | undefined {
  return englandBankHolidays(date, date)[0];
}
