/**
 * What the pack's themes and its scale chart read, beside the pack's own data: the council's
 * themes, the themes confirmed for the reports of this period and the one before, and the reports
 * of the three periods before this one (for the chart, and for the previous period's themes
 * where none were confirmed). Every read is a range on an indexed VisitDate, as the pack's are.
 */
import type { SPFI } from '@pnp/sp';
import { REPORT_THEMES, VISIT_REPORTS, VISIT_THEMES } from '../data/listContract';
import { REPORT_THEMES_EXPAND, REPORT_THEMES_SELECT, THEME_SELECT, toReportThemes, toTheme } from '../data/themeMappers';
import { toVisitReport } from '../data/mappers';
import { GRID_TEXT_FIELDS } from '../domain/reportFields';
import { loadPackData, PREVIOUS_REPORT_EXPAND, PREVIOUS_REPORT_SELECT, readAllItems, readItemsInPeriod } from './packData';
import { scaleHistoryPeriods } from './scaleHistory';
import type { PackData, PackPeriod, PackRequest } from './packTypes';
import type { ThemePackData } from './themeTypes';

/** The earlier reports' columns: the comparison's, plus the grid's text for their suggested themes. */
export const EARLIER_REPORT_SELECT = [...PREVIOUS_REPORT_SELECT, ...GRID_TEXT_FIELDS.map((field) => field.listField)];

/** SharePoint's answer for a list that does not exist (404, or 500 with its "List ... does not exist" text). */
function isMissingList(error: unknown): boolean {
  const e = error as { status?: number; message?: string };
  return !!e && (e.status === 404 || (e.status === 500 && /does not exist/i.test(e.message || '')));
}

export async function loadThemePackData(sp: SPFI, period: PackPeriod, pageSize?: number): Promise<ThemePackData> {
  const periods = scaleHistoryPeriods(period);
  const earlier: PackPeriod = { from: periods[0].from, to: periods[periods.length - 2].to };
  const themesAndPrevious: PackPeriod = { from: periods[periods.length - 2].from, to: period.to };
  const readThemes = async (): Promise<Pick<ThemePackData, 'themes' | 'confirmed'>> => {
    try {
      const [themes, confirmed] = await Promise.all([
        readAllItems(sp, VISIT_THEMES.title, { select: THEME_SELECT, expand: [], pageSize }),
        readItemsInPeriod(sp, REPORT_THEMES.title, themesAndPrevious, { select: REPORT_THEMES_SELECT, expand: REPORT_THEMES_EXPAND, pageSize }),
      ]);
      return { themes: themes.map(toTheme).sort((a, b) => a.id - b.id), confirmed: confirmed.map(toReportThemes) };
    } catch (error) {
      if (isMissingList(error)) {
        return { themes: undefined, confirmed: [] };
      }
      throw error;
    }
  };
  const [themes, earlierReports] = await Promise.all([
    readThemes(),
    readItemsInPeriod(sp, VISIT_REPORTS.title, earlier, { select: EARLIER_REPORT_SELECT, expand: PREVIOUS_REPORT_EXPAND, pageSize }),
  ]);
  return { ...themes, earlierReports: earlierReports.map(toVisitReport) };
}

/** The pack's data with its themes and the chart's earlier periods, read at the same time. */
export async function loadPackDataWithThemes(sp: SPFI, request: Pick<PackRequest, 'from' | 'to'>, pageSize?: number): Promise<PackData> {
  const [data, themes] = await Promise.all([loadPackData(sp, request, pageSize), loadThemePackData(sp, { from: request.from, to: request.to }, pageSize)]);
  return { ...data, themes };
}
