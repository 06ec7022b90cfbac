import {
  isMunicipalYear,
  municipalYearOf,
  municipalYearRange,
  nextMunicipalYear,
  quarterOf,
  quartersOf,
  quartersOverlapping,
} from '../../../src/domain/municipalYear';

describe('the municipal year, April to March', () => {
  it('puts 31 March in the year before and 1 April in the new one', () => {
    expect(municipalYearOf('2027-03-31')).toBe('2026/27');
    expect(municipalYearOf('2027-04-01')).toBe('2027/28');
    expect(municipalYearOf('2099-12-31')).toBe('2099/00');
  });

  it('runs from 1 April to 31 March, leap years included', () => {
    expect(municipalYearRange('2027/28')).toEqual({ start: '2027-04-01', end: '2028-03-31' });
    expect(nextMunicipalYear('2026/27')).toBe('2027/28');
  });

  it('refuses labels that are not a year and the next', () => {
    expect(isMunicipalYear('2026/27')).toBe(true);
    expect(isMunicipalYear('2026/28')).toBe(false);
    expect(isMunicipalYear('2026-27')).toBe(false);
    expect(() => municipalYearRange('2026')).toThrow(/2026\/27/);
  });

  it('has four quarters that meet without gaps', () => {
    expect(quartersOf('2027/28').map((q) => [q.number, q.start, q.end, q.label])).toEqual([
      [1, '2027-04-01', '2027-06-30', 'April–June 2027'],
      [2, '2027-07-01', '2027-09-30', 'July–September 2027'],
      [3, '2027-10-01', '2027-12-31', 'October–December 2027'],
      [4, '2028-01-01', '2028-03-31', 'January–March 2028'],
    ]);
    expect(quarterOf('2028-02-29').number).toBe(4);
  });

  it('finds the quarters a six-month committee period touches', () => {
    expect(quartersOverlapping({ start: '2026-05-15', end: '2026-11-14' }).map((q) => `${q.municipalYear} Q${q.number}`)).toEqual([
      '2026/27 Q1',
      '2026/27 Q2',
      '2026/27 Q3',
    ]);
    expect(quartersOverlapping({ start: '2027-01-01', end: '2027-06-30' }).map((q) => `${q.municipalYear} Q${q.number}`)).toEqual(['2026/27 Q4', '2027/28 Q1']);
  });
});
