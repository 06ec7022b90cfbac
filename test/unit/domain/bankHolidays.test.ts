import { englandBankHolidayOn, englandBankHolidays } from '../../../src/domain/bankHolidays';
import { ENGLAND_BANK_HOLIDAYS, FIRST_YEAR, LAST_YEAR } from '../../../src/domain/englandBankHolidayDates';
import { computeEnglandBankHolidays } from '../../../scripts/englandBankHolidayData';

describe("England's bank holidays", () => {
  it('lists the 2026/27 municipal year as GOV.UK publishes it', () => {
    expect(englandBankHolidays('2026-04-01', '2027-03-31')).toEqual([
      { date: '2026-04-03', name: 'Good Friday' },
      { date: '2026-04-06', name: 'Easter Monday' },
      { date: '2026-05-04', name: 'Early May bank holiday' },
      { date: '2026-05-25', name: 'Spring bank holiday' },
      { date: '2026-08-31', name: 'Summer bank holiday' },
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-26', name: 'Boxing Day' },
      { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
      { date: '2027-01-01', name: "New Year's Day" },
      { date: '2027-03-26', name: 'Good Friday' },
      { date: '2027-03-29', name: 'Easter Monday' },
    ]);
  });

  it('moves Christmas and Boxing Day at a weekend to the Monday and Tuesday (2027)', () => {
    const december = englandBankHolidays('2027-12-01', '2027-12-31').map((h) => h.date);
    expect(december).toEqual(['2027-12-25', '2027-12-26', '2027-12-27', '2027-12-28']);
  });

  it("keeps England's holidays only: no St Andrew's Day, no 12 July, no 2 January", () => {
    expect(englandBankHolidayOn('2026-11-30')).toBeUndefined();
    expect(englandBankHolidayOn('2027-07-12')).toBeUndefined();
    expect(englandBankHolidayOn('2027-01-04')).toBeUndefined();
    expect(englandBankHolidayOn('2026-08-31')).toEqual({ date: '2026-08-31', name: 'Summer bank holiday' });
  });

  it('knows the one-off holidays (the 2023 coronation, the 2022 moved spring holiday)', () => {
    expect(englandBankHolidayOn('2023-05-08')?.name).toMatch(/Coronation/);
    expect(englandBankHolidayOn('2022-06-02')?.name).toBe('Spring bank holiday');
    expect(englandBankHolidayOn('2022-05-30')).toBeUndefined();
  });

  it('leaves out observances such as Mothering Sunday and Easter Sunday', () => {
    expect(englandBankHolidayOn('2027-03-28')).toBeUndefined();
    expect(englandBankHolidays('2027-03-01', '2027-03-31').map((h) => h.name)).toEqual(['Good Friday', 'Easter Monday']);
  });

  it('is what the installed date-holidays computes, year by year (regenerate with npm run holidays:data)', () => {
    expect(ENGLAND_BANK_HOLIDAYS).toEqual(computeEnglandBankHolidays());
    expect([FIRST_YEAR, LAST_YEAR]).toEqual([2010, 2060]);
    // Eight a year at least (England has eight; substitute days and one-off holidays add to that).
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      expect(ENGLAND_BANK_HOLIDAYS.filter(([date]) => date.startsWith(`${year}-`)).length).toBeGreaterThanOrEqual(8);
    }
  });

  it('says what to do for a year outside the table', () => {
    expect(() => englandBankHolidays('2061-04-01', '2062-03-31')).toThrow(
      "England's bank holidays are known from 2010 to 2060; 2061-04-01 to 2062-03-31 is outside that. Update the date-holidays package and run npm run holidays:data.",
    );
  });
});
