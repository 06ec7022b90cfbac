/**
 * The holidays library never reaches the browser (its rules engine weighs about 200 KB gzip; the
 * browser reads a table generated from it), and the calendar writer (about 10 KB gzip, see
 * `npm run bench -- planner`) is imported by one module only, which the domain's index never
 * re-exports, so nothing reaches it by accident from the councillor's first load.
 */
import { join, relative } from 'node:path';
import { browserSources, SRC, staticImports } from '../../helpers/browserSources';

describe('the planner and calendar libraries stay out of the first load', () => {
  const files = browserSources();
  const importersOf = (test: (specifier: string) => boolean): string[] => files.filter((f) => staticImports(f).some(test)).map((f) => relative(SRC, f));

  it('never imports the holidays library in browser code: the bank holidays come from the generated table', () => {
    expect(importersOf((m) => m.startsWith('date-holidays'))).toEqual([]);
    expect(importersOf((m) => /englandBankHolidayDates$/.test(m))).toEqual(['domain/bankHolidays.ts']);
  });

  it('imports the calendar writer only from the calendar module', () => {
    expect(importersOf((m) => m === 'ical-generator')).toEqual(['domain/visitCalendar.ts']);
  });

  it('keeps the domain index free of the planner, the bank holidays and the calendar', () => {
    const barrel = staticImports(join(SRC, 'domain', 'index.ts'));
    expect(barrel.filter((m) => /bankHolidays|englandBankHolidayDates|rotaPlanner|rotaRules|visitCalendar/.test(m))).toEqual([]);
  });
});
