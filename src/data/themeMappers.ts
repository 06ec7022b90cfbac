/**
 * Visit Themes and Report Themes items as the domain's themes and a report's confirmed themes.
 * Shared by the pack (browser and command line) and the improvement team's screen.
 */
import { REPORT_THEMES, VISIT_THEMES } from './listContract';
import { dateOnlyFromSharePoint, dateOnlyToSharePoint } from '../domain/calendarDate';
import type { CalendarDate } from '../domain/calendarDate';
import { AreaThemes, formatThemeIds, parseThemeIds, parseThemeWords, Theme } from '../domain/themes';
import { itemETag } from './mappers';

type RawItem = { [field: string]: unknown } & { Id: number };

export const THEME_SELECT = ['Id', VISIT_THEMES.fields.Title, VISIT_THEMES.fields.SuggestingWords, VISIT_THEMES.fields.IsActive];

export function toTheme(item: RawItem): Theme {
  return {
    id: item.Id,
    title: String(item[VISIT_THEMES.fields.Title] || '').trim() || `Theme ${item.Id}`,
    words: parseThemeWords(item[VISIT_THEMES.fields.SuggestingWords] as string | null),
    // An empty Active column reads as active, as the column's default is.
    isActive: item[VISIT_THEMES.fields.IsActive] !== false,
  };
}

/** The themes the improvement team confirmed for one report. */
export interface ReportThemesRecord {
  itemId: number;
  reportId: number;
  visitDate?: CalendarDate;
  areas: AreaThemes;
  /** Who confirmed them last, and when (the item's Editor and Modified). */
  confirmedBy?: string;
  confirmedOn?: string;
  etag?: string;
}

const F = REPORT_THEMES.fields;

export const REPORT_THEMES_SELECT = ['Id', F.ReportId, F.VisitDate, F.StaffingThemes, F.PerformanceThemes, F.OtherThemes, 'Modified', 'Editor/Title'];
export const REPORT_THEMES_EXPAND = ['Editor'];

export function toReportThemes(item: RawItem): ReportThemesRecord {
  const editor = item.Editor as { Title?: string } | undefined;
  return {
    itemId: item.Id,
    reportId: Number(item[F.ReportId]),
    visitDate: dateOnlyFromSharePoint(item[F.VisitDate] as string),
    areas: {
      staffing: parseThemeIds(item[F.StaffingThemes] as string),
      performance: parseThemeIds(item[F.PerformanceThemes] as string),
      other: parseThemeIds(item[F.OtherThemes] as string),
    },
    confirmedBy: editor && editor.Title ? editor.Title : undefined,
    confirmedOn: typeof item.Modified === 'string' ? item.Modified : undefined,
    etag: itemETag(item),
  };
}

/** The list fields of a report's confirmed themes. */
export function reportThemesFields(reportId: number, visitDate: string | undefined, areas: AreaThemes): { [field: string]: unknown } {
  return {
    [F.Title]: `Report ${reportId}`,
    [F.ReportId]: reportId,
    [F.VisitDate]: visitDate ? dateOnlyToSharePoint(visitDate) : null,
    [F.StaffingThemes]: formatThemeIds(areas.staffing),
    [F.PerformanceThemes]: formatThemeIds(areas.performance),
    [F.OtherThemes]: formatThemeIds(areas.other),
  };
}
