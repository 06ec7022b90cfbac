/**
 * Each team's safety scale over the last four periods (this one and the three before, each as
 * long as this one): the numbers behind the chart, and the table beside it.
 */
import type { CalendarDate } from '../domain/calendarDate';
import { formatShortDate } from '../domain/calendarDate';
import { reasonsNotUsed } from '../domain/serverCheck';
import type { VisitReport } from '../domain/types';
import { endOfMonth, isWithin, previousPeriod, startOfMonth, wholeMonths } from './packPeriod';
import { formatAverage } from './packText';
import type { PackPeriod } from './packTypes';
import type { ScaleHistory, ScaleHistoryPeriod } from './themeTypes';

export type { ScaleHistory } from './themeTypes';

export const SCALE_HISTORY_PERIODS = 4;

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function shortMonth(date: CalendarDate): string {
  return `${SHORT_MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

/** "Jun 2026 to Nov 2026" for whole months, "15 Jun 2026 to 14 Dec 2026" otherwise. */
export function periodLabel(period: PackPeriod): string {
  if (wholeMonths(period) !== undefined && period.from === startOfMonth(period.from) && period.to === endOfMonth(period.to)) {
    return period.from.slice(0, 7) === period.to.slice(0, 7) ? shortMonth(period.from) : `${shortMonth(period.from)} to ${shortMonth(period.to)}`;
  }
  return `${formatShortDate(period.from)} to ${formatShortDate(period.to)}`;
}

/** The pack's period and the three before it, oldest first. */
export function scaleHistoryPeriods(period: PackPeriod): ScaleHistoryPeriod[] {
  const periods: PackPeriod[] = [period];
  while (periods.length < SCALE_HISTORY_PERIODS) {
    periods.unshift(previousPeriod(periods[0]));
  }
  return periods.map((p) => ({ from: p.from, to: p.to, label: periodLabel(p) }));
}

/**
 * A scale that counts: from a submitted report, a whole number 0–10, from a report the server's
 * check did not flag. The pack's own period applies every check the averages table applies; the
 * earlier periods are read without the form's other fields, so the server's check decides there.
 */
function countedScale(report: VisitReport, fullyRead: boolean): number | undefined {
  if (report.status !== 'Submitted' && report.status !== 'Responded') {
    return undefined;
  }
  const scale = report.safetyScale;
  if (scale === undefined || !Number.isInteger(scale) || scale < 0 || scale > 10) {
    return undefined;
  }
  const flagged = fullyRead ? reasonsNotUsed(report).length > 0 : !!(report.serverCheck && report.serverCheck.problems.length);
  return flagged ? undefined : scale;
}

/**
 * Each team's average scale in each period: `current` holds the pack's own reports (read in
 * full), `earlier` those of the periods before. Reports outside the periods or teams are ignored.
 */
export function buildScaleHistory(
  period: PackPeriod,
  teams: ReadonlyArray<{ teamId: number; team: string }>,
  current: ReadonlyArray<VisitReport>,
  earlier: ReadonlyArray<VisitReport>,
): ScaleHistory {
  const periods = scaleHistoryPeriods(period);
  const last = periods.length - 1;
  return {
    periods,
    teams: teams.map(({ teamId, team }) => ({
      teamId,
      team,
      points: periods.map((p, index) => {
        const scales = (index === last ? current : earlier)
          .filter((r) => r.teamId === teamId && isWithin(r.visitDate, p))
          .map((r) => countedScale(r, index === last))
          .filter((s): s is number => s !== undefined);
        const average = scales.length ? scales.reduce((a, b) => a + b, 0) / scales.length : undefined;
        return { count: scales.length, average, text: average === undefined ? 'No scale' : formatAverage(average) };
      }),
    })),
  };
}
