/**
 * The Head of Service's start page: the responses they owe, oldest first. A report is owed by the
 * team's named Head of Service, or by every Head of Service when the team names none (the named one
 * narrows who answers, never widens it).
 */
import { CalendarDate, formatShortDate } from './calendarDate';
import { deadline, Deadline, describeDeadline, responseDueDate } from './deadlines';
import { FrontlineTeam, VisitReport } from './types';

export interface OwedResponse {
  report: VisitReport;
  teamTitle: string;
  due: Deadline;
  /** "Response due 3 Dec 2026 (12 days left)" / "Response overdue (5 days): was due 3 Dec 2026". */
  dueText: string;
  overdue: boolean;
  /** Another Head of Service is named for the team: shown apart, not counted as this person's. */
  namedElsewhere?: string;
}

export function responsesOwed(
  reports: ReadonlyArray<VisitReport>,
  teams: ReadonlyArray<FrontlineTeam>,
  userId: number,
  today: CalendarDate,
): { mine: OwedResponse[]; others: OwedResponse[] } {
  const mine: OwedResponse[] = [];
  const others: OwedResponse[] = [];
  const waiting = reports
    .filter((r) => r.status === 'Submitted' && !!r.submittedOn)
    .sort((a, b) => ((a.submittedOn as string) < (b.submittedOn as string) ? -1 : (a.submittedOn as string) > (b.submittedOn as string) ? 1 : a.id - b.id));
  for (const report of waiting) {
    const team = teams.find((t) => t.id === report.teamId);
    const due = deadline(responseDueDate(report.submittedOn as string), today);
    const overdue = due.state === 'overdue';
    const days = -due.daysLeft === 1 ? '1 day' : `${-due.daysLeft} days`;
    const row: OwedResponse = {
      report,
      teamTitle: report.teamTitle || (team && team.title) || 'Team not known',
      due,
      overdue,
      dueText: overdue
        ? `Response overdue (${days}): was due ${formatShortDate(due.due)}`
        : `Response due ${formatShortDate(due.due)} (${describeDeadline(due)})`,
    };
    const named = team && team.headOfService;
    if (named && named.id !== userId) {
      others.push({ ...row, namedElsewhere: named.displayName });
    } else {
      mine.push(row);
    }
  }
  return { mine, others };
}
