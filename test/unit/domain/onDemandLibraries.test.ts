/**
 * The bank-holiday rules and the calendar writer are the heaviest domain code (about 146 KB and
 * 10 KB gzip, see `npm run bench -- planner`): each library is imported by one module only, and
 * the domain's index never re-exports those modules, so nothing reaches them by accident from the
 * councillor's first load. Screens load them with `import()`.
 */
import { join, relative } from 'node:path';
import { browserSources, SRC, staticImports } from '../../helpers/browserSources';

describe('heavy domain libraries load only when asked for', () => {
  const files = browserSources();
  const importersOf = (test: (specifier: string) => boolean): string[] => files.filter((f) => staticImports(f).some(test)).map((f) => relative(SRC, f));

  it('imports the bank-holiday rules engine only from the bank-holidays module', () => {
    expect(importersOf((m) => m === 'date-holidays-parser' || m.startsWith('date-holidays'))).toEqual(['domain/bankHolidays.ts']);
  });

  it('imports the calendar writer only from the calendar module', () => {
    expect(importersOf((m) => m === 'ical-generator')).toEqual(['domain/visitCalendar.ts']);
  });

  it('keeps the domain index free of the planner, the bank holidays and the calendar', () => {
    const barrel = staticImports(join(SRC, 'domain', 'index.ts'));
    expect(barrel.filter((m) => /bankHolidays|englandBankHolidayData|rotaPlanner|rotaRules|visitCalendar/.test(m))).toEqual([]);
  });
});
