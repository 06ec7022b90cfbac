/**
 * The bank-holiday rules and the calendar writer are the heaviest domain code (about 146 KB and
 * 10 KB gzip, see `npm run bench -- planner`): each library is imported by one module only, and
 * no index module re-exports those modules, so nothing reaches them by accident from the
 * councillor's first load. Screens load them with `import()`.
 */
import { relative } from 'node:path';
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

  it('keeps every index module free of the planner, the bank holidays and the calendar', () => {
    // The domain has no index (nothing used it); any index module elsewhere is held to the same rule.
    const barrels = files.filter((f) => /[\\/]index\.tsx?$/.test(f));
    for (const barrel of barrels) {
      expect(staticImports(barrel).filter((m) => /bankHolidays|englandBankHolidayData|rotaPlanner|rotaRules|visitCalendar/.test(m))).toEqual([]);
    }
  });
});
