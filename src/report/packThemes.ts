/**
 * The pack's themes and scale chart from what was read: each report counted under the themes the
 * improvement team confirmed for it, or under its suggested themes until someone has, and each
 * team's safety scale over four periods.
 */
import { countThemes, ReportThemeTally } from '../domain/themeCounts';
import { AreaThemes, reportThemeIds, suggestedAreaThemes, Theme } from '../domain/themes';
import type { VisitReport } from '../domain/types';
import { isWithin } from './packPeriod';
import type { PackData, PackModel } from './packTypes';
import { buildScaleHistory, scaleHistoryPeriods } from './scaleHistory';
import type { ReportThemesRecord } from '../data/themeMappers';

function isSubmitted(report: VisitReport): boolean {
  return report.status === 'Submitted' || report.status === 'Responded';
}

/** A report's themes for counting: as confirmed, else as its words suggest. */
export function themesOfReport(
  report: VisitReport,
  themes: ReadonlyArray<Theme>,
  confirmed: Map<number, ReportThemesRecord>,
): { areas: AreaThemes; confirmed: boolean } {
  const record = confirmed.get(report.id);
  return record ? { areas: record.areas, confirmed: true } : { areas: suggestedAreaThemes(report.grid, themes), confirmed: false };
}

/** The model with its themes section and scale history, for the teams the pack shows. */
export function withThemeSections(model: PackModel, data: PackData): PackModel {
  if (!data.themes) {
    return model;
  }
  const teams = model.teamAverages.map((a) => ({ teamId: a.teamId, team: a.team }));
  const periods = scaleHistoryPeriods(data.period);
  const previous = periods[periods.length - 2];
  const current = data.reports.filter((r) => isSubmitted(r) && isWithin(r.visitDate, data.period));
  const before = data.themes.earlierReports.filter((r) => isSubmitted(r) && isWithin(r.visitDate, previous));
  const themes = data.themes.themes || [];
  const confirmed = new Map<number, ReportThemesRecord>(data.themes.confirmed.map((c) => [c.reportId, c]));
  const tally = (report: VisitReport): ReportThemeTally => {
    const found = themesOfReport(report, themes, confirmed);
    return { teamId: report.teamId as number, themeIds: reportThemeIds(found.areas), confirmed: found.confirmed };
  };
  return {
    ...model,
    themes: {
      available: !!data.themes.themes,
      counts: countThemes(themes, teams, current.filter((r) => r.teamId !== undefined).map(tally), before.filter((r) => r.teamId !== undefined).map(tally)),
      periodLabel: periods[periods.length - 1].label,
      previousPeriodLabel: previous.label,
    },
    scaleHistory: buildScaleHistory(data.period, teams, current, data.themes.earlierReports),
  };
}
