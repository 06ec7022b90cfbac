/**
 * The Word code must never weigh on the councillor's first load (docs/architecture.md §6): only the pack's
 * Word module imports `docx`, browser code reaches that module only through a dynamic import
 * (webpack chunk 'committee-pack'), and the clerk's screen itself loads on demand.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { browserSources, SRC, staticImports } from '../../helpers/browserSources';

describe('the committee pack loads only when asked for', () => {
  const files = browserSources();

  it('imports docx only from the Word module', () => {
    const importers = files.filter((f) => staticImports(f).some((m) => m === 'docx' || m.startsWith('docx/'))).map((f) => relative(SRC, f));
    // The chart's Word picture is a part of the Word modules, imported by them alone.
    expect(importers.sort()).toEqual(['report/agendaDocx.ts', 'report/packDocx.ts', 'report/scaleChartDocx.ts']);
    expect(
      files
        .filter((f) => staticImports(f).some((m) => /scaleChartDocx$/.test(m)))
        .map((f) => relative(SRC, f))
        .sort(),
    ).toEqual(['report/agendaDocx.ts', 'report/packDocx.ts']);
  });

  it('draws the chart with d3 from the chart module only', () => {
    const importers = files.filter((f) => staticImports(f).some((m) => m.startsWith('d3-'))).map((f) => relative(SRC, f));
    expect(importers).toEqual(['report/scaleChart.ts']);
  });

  it('reaches the Word module only through the committee-pack chunk', () => {
    const staticUsers = files.filter((f) => staticImports(f).some((m) => /(packDocx|agendaDocx)$/.test(m))).map((f) => relative(SRC, f));
    // The committee report's Word module builds on the pack's; nothing else imports either.
    expect(staticUsers).toEqual(['report/agendaDocx.ts']);
    // The clerk screen's pack hook makes the files.
    const clerk = readFileSync(join(SRC, 'features', 'clerk', 'usePack.ts'), 'utf8');
    expect(clerk).toMatch(/import\(\/\* webpackChunkName: 'committee-pack' \*\/ '\.\.\/\.\.\/report\/agendaDocx'\)/);
  });

  it('loads the clerk screen on demand from the start pages', () => {
    const startPages = staticImports(join(SRC, 'app', 'startPages.tsx'));
    expect(startPages.some((m) => /clerk\/ClerkScreen$/.test(m))).toBe(false);
    const clerkStart = readFileSync(join(SRC, 'features', 'clerk', 'ClerkStartPage.tsx'), 'utf8');
    expect(clerkStart).toMatch(/React\.lazy\(\(\) => import\(\/\* webpackChunkName: 'clerk' \*\/ '\.\/ClerkScreen'\)\)/);
    const staticClerkUsers = files.filter((f) => staticImports(f).some((m) => /ClerkScreen$/.test(m))).map((f) => relative(SRC, f));
    expect(staticClerkUsers).toEqual([]);
  });
});
