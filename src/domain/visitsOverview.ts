/**
 * The improvement team's overview: every rota visit of a period joined to its report, each with
 * its state in words, filtered by team, state and councillor, with counts per state. Reports of
 * unscheduled visits (no rota entry) are rows of their own.
 */
import { CalendarDate } from './calendarDate';
import { DateRange } from './municipalYear';
import { Person, RotaEntry, VisitReport } from './types';
import { countVisitStates, VisitState, visitState, VisitStateView } from './visitState';

export interface OverviewRow {
  /** "rota-12" or "report-40": stable for React keys and for chasing. */
  key: string;
  rotaEntry?: RotaEntry;
  report?: VisitReport;
  visitDate?: CalendarDate;
  teamId?: number;
  teamTitle: string;
  /** The councillors booked (or named on the report of an unscheduled visit). */
  members: Person[];
  status: VisitStateView;
}

export interface OverviewFilters {
  teamId?: number;
  state?: VisitState;
  councillorId?: number;
}

const PROGRESS: { [status: string]: number } = { Draft: 0, Submitted: 1, Responded: 2 };

function inPeriod(date: CalendarDate | undefined, period: DateRange | undefined): boolean {
  return !period || (!!date && date >= period.start && date <= period.end);
}

/** Rows in date order (undated drafts last), then by team. */
export function buildVisitsOverview(
  rota: ReadonlyArray<RotaEntry>,
  reports: ReadonlyArray<VisitReport>,
  today: CalendarDate,
  period?: DateRange,
): OverviewRow[] {
  const reportByRota = new Map<number, VisitReport>();
  for (const report of reports) {
    if (report.rotaEntryId !== undefined) {
      const existing = reportByRota.get(report.rotaEntryId);
      // One report per visit is enforced where the data lives; should two exist, show the furthest on.
      if (!existing || PROGRESS[report.status] > PROGRESS[existing.status]) {
        reportByRota.set(report.rotaEntryId, report);
      }
    }
  }
  const rotaIds = new Set(rota.map((r) => r.id));
  const rows: OverviewRow[] = [];
  for (const entry of rota) {
    if (!inPeriod(entry.visitDate, period)) {
      continue;
    }
    const report = reportByRota.get(entry.id);
    rows.push({
      key: `rota-${entry.id}`,
      rotaEntry: entry,
      report,
      visitDate: entry.visitDate,
      teamId: entry.teamId,
      teamTitle: entry.teamTitle || (report && report.teamTitle) || 'Team not known',
      members: entry.members,
      status: visitState(entry, report, today),
    });
  }
  for (const report of reports) {
    const unscheduled = report.rotaEntryId === undefined || !rotaIds.has(report.rotaEntryId);
    if (!unscheduled || !inPeriod(report.visitDate, period)) {
      continue;
    }
    if (report.rotaEntryId !== undefined && reportByRota.get(report.rotaEntryId) !== report) {
      continue;
    }
    rows.push({
      key: `report-${report.id}`,
      report,
      visitDate: report.visitDate,
      teamId: report.teamId,
      teamTitle: report.teamTitle || 'Team not chosen yet',
      members: report.members,
      status: visitState(undefined, report, today),
    });
  }
  return rows.sort(
    (a, b) =>
      (a.visitDate && b.visitDate ? (a.visitDate < b.visitDate ? -1 : a.visitDate > b.visitDate ? 1 : 0) : a.visitDate ? -1 : b.visitDate ? 1 : 0) ||
      a.teamTitle.localeCompare(b.teamTitle, 'en-GB') ||
      (a.key < b.key ? -1 : 1),
  );
}

function matchesPeople(row: OverviewRow, filters: OverviewFilters): boolean {
  return (
    (filters.teamId === undefined || row.teamId === filters.teamId) &&
    (filters.councillorId === undefined || row.members.some((m) => m.id === filters.councillorId))
  );
}

/** The rows the filters keep, and the counts per state under the team and councillor filters (so each count says what choosing that state would show). */
export function filterVisitsOverview(
  rows: ReadonlyArray<OverviewRow>,
  filters: OverviewFilters,
): { rows: OverviewRow[]; counts: ReturnType<typeof countVisitStates> } {
  const byPeople = rows.filter((row) => matchesPeople(row, filters));
  return {
    rows: byPeople.filter((row) => filters.state === undefined || row.status.state === filters.state),
    counts: countVisitStates(byPeople.map((row) => row.status)),
  };
}
