import {
  addMonths,
  defaultPackPeriod,
  honestDefaultPeriod,
  formatDateInput,
  nextPeriod,
  parseDateInput,
  previousPeriod,
  validatePeriod,
  wholeMonths,
} from '../../../src/report/packPeriod';
import { cleanText } from '../../../src/report/packText';

describe('pack periods', () => {
  it('defaults to the six whole months before the committee month', () => {
    expect(defaultPackPeriod('2026-12-10')).toEqual({ from: '2026-06-01', to: '2026-11-30' });
    expect(defaultPackPeriod('2027-03-01')).toEqual({ from: '2026-09-01', to: '2027-02-28' });
  });

  it('moves whole-month periods by months and other periods by days', () => {
    expect(wholeMonths({ from: '2026-04-01', to: '2026-09-30' })).toBe(6);
    expect(previousPeriod({ from: '2026-04-01', to: '2026-09-30' })).toEqual({ from: '2025-10-01', to: '2026-03-31' });
    expect(nextPeriod({ from: '2026-04-01', to: '2026-09-30' })).toEqual({ from: '2026-10-01', to: '2027-03-31' });
    expect(previousPeriod({ from: '2026-04-10', to: '2026-04-19' })).toEqual({ from: '2026-03-31', to: '2026-04-09' });
    expect(nextPeriod({ from: '2026-04-10', to: '2026-04-19' })).toEqual({ from: '2026-04-20', to: '2026-04-29' });
  });

  it('keeps month arithmetic inside the month', () => {
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-30');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
  });

  it('explains a period that cannot be used', () => {
    expect(validatePeriod('2026-04-01', '2026-09-30')).toBeUndefined();
    expect(validatePeriod('2026-02-30', '2026-09-30')).toMatch(/first day/);
    expect(validatePeriod('2026-04-01', '')).toMatch(/last day/);
    expect(validatePeriod('2026-10-01', '2026-09-30')).toMatch(/on or before/);
    expect(validatePeriod('2020-01-01', '2026-09-30')).toMatch(/two years/);
  });
});

describe('pack text', () => {
  it('normalises line breaks and drops characters a Word document cannot hold', () => {
    expect(cleanText('a\r\nb\rc\u000Bd\u2028e')).toBe('a\nb\nc\nd\ne');
    expect(cleanText('bell\u0007 and null\u0000 gone')).toBe('bell and null gone');
    expect(cleanText('emoji 😊 stays, lone \uD83D surrogate goes')).toBe('emoji 😊 stays, lone  surrogate goes');
    expect(cleanText('  trailing   \n\n')).toBe('trailing');
    expect(cleanText(undefined)).toBe('');
  });
});

describe('dates typed by the clerk', () => {
  it('reads UK and ISO dates and refuses impossible days', () => {
    expect(parseDateInput('14/01/2027')).toBe('2027-01-14');
    expect(parseDateInput(' 4-1-2027 ')).toBe('2027-01-04');
    expect(parseDateInput('2027-01-14')).toBe('2027-01-14');
    expect(parseDateInput('30/02/2027')).toBeUndefined();
    expect(parseDateInput('01/14/2027')).toBeUndefined();
    expect(parseDateInput('next Thursday')).toBeUndefined();
    expect(formatDateInput('2027-01-14')).toBe('14/01/2027');
  });
});

describe('the default period never reaches past today', () => {
  it('ends today when the months before the meeting run past it', () => {
    expect(honestDefaultPeriod('2026-12-10', '2026-11-20')).toEqual({ from: '2026-06-01', to: '2026-11-20' });
  });

  it('keeps whole months when they have passed, six or twelve', () => {
    expect(honestDefaultPeriod('2026-12-10', '2026-12-05')).toEqual({ from: '2026-06-01', to: '2026-11-30' });
    expect(honestDefaultPeriod('2026-12-10', '2026-12-05', 12)).toEqual({ from: '2025-12-01', to: '2026-11-30' });
  });

  it('leaves a period wholly after today as it is: all of it planned', () => {
    expect(honestDefaultPeriod('2028-01-10', '2026-11-20')).toEqual({ from: '2027-07-01', to: '2027-12-31' });
  });
});
