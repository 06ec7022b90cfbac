/**
 * The overview's rows as the screen shows them: the domain's rows (state in words) with what a
 * chase from the row would be and what has been chased already.
 */
import { CalendarDate, formatLongDate } from '../../domain/calendarDate';
import { ChaseAudienceKind, chasesFor, chaseTarget, ChaseRecord, ChaseSubject, describeChase, mayChaseToday } from '../../domain/chase';
import { buildVisitsOverview, filterVisitsOverview, OverviewFilters, OverviewRow } from '../../domain/visitsOverview';
import { FrontlineTeam, Person, RotaEntry, VisitReport } from '../../domain/types';
import { DateRange } from '../../domain/municipalYear';
import { AppRoute } from '../../app/route';

export interface OverviewRowView {
  row: OverviewRow;
  dateText: string;
  chase?: {
    subject: ChaseSubject;
    audience: ChaseAudienceKind;
    /** "Remind the councillors" / "Remind the Head of Service". */
    label: string;
    /** False once chased today: no one chases twice the same day. */
    allowed: boolean;
  };
  /** "Reminded 3 Dec 2026 by Children’s Improvement Team". */
  chaseText?: string;
  open?: { route: AppRoute; label: string };
}

export interface OverviewView {
  rows: OverviewRowView[];
  counts: ReturnType<typeof filterVisitsOverview>['counts'];
  total: number;
  /** Everyone booked or named in the period, by name: the councillor filter's choices. */
  councillors: Person[];
}

export function buildOverviewView(
  input: { rota: RotaEntry[]; reports: VisitReport[]; chases: ChaseRecord[]; period: DateRange },
  filters: OverviewFilters,
  today: CalendarDate,
): OverviewView {
  const all = buildVisitsOverview(input.rota, input.reports, today, input.period);
  const people = new Map<number, Person>();
  all.forEach((row) => row.members.forEach((m) => people.set(m.id, m)));
  const filtered = filterVisitsOverview(all, filters);
  return {
    total: all.length,
    counts: filtered.counts,
    councillors: Array.from(people.values()).sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB') || a.id - b.id),
    rows: filtered.rows.map((row) => {
      const target = chaseTarget({ status: row.status, rotaEntryId: row.rotaEntry && row.rotaEntry.id, report: row.report });
      const latest = target ? chasesFor(input.chases, target)[0] : undefined;
      const view: OverviewRowView = {
        row,
        dateText: row.visitDate ? formatLongDate(row.visitDate) : 'Date not entered yet',
        chaseText: latest ? describeChase(latest, today) : undefined,
      };
      if (target) {
        view.chase = {
          ...target,
          label:
            target.audience === 'HeadOfService' ? 'Remind the Head of Service' : row.members.length === 1 ? 'Remind the councillor' : 'Remind the councillors',
          allowed: mayChaseToday(latest, today),
        };
      }
      if (row.report && row.report.status !== 'Draft') {
        view.open = { route: { page: 'report', reportId: row.report.id }, label: 'Read the report' };
      } else if (row.report) {
        view.open = { route: { page: 'draft', draftId: row.report.id }, label: 'Read the draft' };
      }
      return view;
    }),
  };
}

/** The municipal years the period picker offers: three back, this one and the next. */
export function yearChoices(currentYear: string): string[] {
  const start = Number(currentYear.slice(0, 4));
  return [start + 1, start, start - 1, start - 2, start - 3].map((y) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`);
}

/** Teams for the filter: those of the rows and the list's, by name. */
export function teamChoices(teams: FrontlineTeam[]): Array<{ id: number; title: string }> {
  return teams.map((t) => ({ id: t.id, title: t.isActive ? t.title : `${t.title} (no longer active)` }));
}
