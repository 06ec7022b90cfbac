/**
 * A visit's state in words, for the improvement team's overview: where each rota visit and its
 * report stand today, what is overdue and by how many days, and whom a chase would go to.
 * Deadlines are counted in London calendar days (see deadlines.ts).
 */
import { calendarDateFromSharePoint, CalendarDate, compareDates, formatShortDate } from './calendarDate';
import { deadline, Deadline, describeDeadline, responseDaysLate, responseDueDate, submissionDueDate } from './deadlines';
import { RotaEntry, VisitReport } from './types';

export type VisitState = 'notHeld' | 'moved' | 'upcoming' | 'formNotStarted' | 'draft' | 'formOverdue' | 'awaitingResponse' | 'responseOverdue' | 'answered';

/** The order the overview lists states and their counts in: the process from start to end. */
export const VISIT_STATES: ReadonlyArray<VisitState> = [
  'upcoming',
  'formNotStarted',
  'draft',
  'formOverdue',
  'awaitingResponse',
  'responseOverdue',
  'answered',
  'notHeld',
  'moved',
];

/** The state's name for filters and counts. */
export const VISIT_STATE_NAMES: { readonly [state in VisitState]: string } = {
  upcoming: 'Upcoming',
  formNotStarted: 'Form not started',
  draft: 'Draft',
  formOverdue: 'Form overdue',
  awaitingResponse: 'Awaiting response',
  responseOverdue: 'Response overdue',
  answered: 'Answered',
  notHeld: 'Not held',
  moved: 'Moved',
};

export interface VisitStateView {
  state: VisitState;
  /** "Form overdue (5 days)", "Answered late (3 days)", "Not held". */
  label: string;
  /** The reason or the deadline: "Due 3 Jun 2026 (12 days left)", "Cancelled: special Cabinet meeting". */
  detail?: string;
  /** The deadline that matters now, if any. */
  deadline?: Deadline;
  /** Days past the deadline (form or response), when overdue; days late, when answered late. */
  daysOverdue?: number;
  /** Whom a chase goes to: the councillors for a form, the Head of Service for a response. */
  chase?: 'councillors' | 'headOfService';
  /** Answered after the response was due. */
  late?: boolean;
}

export type VisitForState = Pick<RotaEntry, 'visitDate' | 'status' | 'notHeldReason'>;
export type ReportForState = Pick<VisitReport, 'status' | 'visitDate' | 'submittedOn' | 'feedback'>;

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

function formDue(visitDate: CalendarDate, today: CalendarDate, started: boolean): VisitStateView {
  const due = deadline(submissionDueDate(visitDate), today);
  if (due.state === 'overdue') {
    const n = -due.daysLeft;
    return {
      state: 'formOverdue',
      label: `Form overdue (${days(n)})`,
      detail: `Was due ${formatShortDate(due.due)}; ${started ? 'a draft is not submitted' : 'not started'}`,
      deadline: due,
      daysOverdue: n,
      chase: 'councillors',
    };
  }
  return {
    state: started ? 'draft' : 'formNotStarted',
    label: started ? 'Draft' : 'Form not started',
    detail: `Due ${formatShortDate(due.due)} (${describeDeadline(due)})`,
    deadline: due,
  };
}

function reportState(report: ReportForState, visitDate: CalendarDate | undefined, today: CalendarDate): VisitStateView {
  if (report.status === 'Responded') {
    // Judged by the first answer, as everywhere else (decision 0180): amending it never makes it late.
    const firstOn = report.feedback ? report.feedback.firstOn || report.feedback.on : undefined;
    const answeredOn = firstOn ? calendarDateFromSharePoint(firstOn) : undefined;
    const late = responseDaysLate(report.submittedOn, firstOn);
    if (!answeredOn || late === undefined) {
      return { state: 'answered', label: 'Answered', detail: answeredOn ? `Answered ${formatShortDate(answeredOn)}` : undefined };
    }
    return late > 0
      ? {
          state: 'answered',
          label: `Answered late (${days(late)})`,
          detail: `Answered ${formatShortDate(answeredOn)}; was due ${formatShortDate(responseDueDate(report.submittedOn as string))}`,
          daysOverdue: late,
          late: true,
        }
      : { state: 'answered', label: 'Answered on time', detail: `Answered ${formatShortDate(answeredOn)}`, late: false };
  }
  if (report.status === 'Submitted') {
    if (!report.submittedOn) {
      return { state: 'awaitingResponse', label: 'Awaiting response', detail: 'Submission date not recorded' };
    }
    const due = deadline(responseDueDate(report.submittedOn), today);
    if (due.state === 'overdue') {
      const n = -due.daysLeft;
      return {
        state: 'responseOverdue',
        label: `Response overdue (${days(n)})`,
        detail: `Was due ${formatShortDate(due.due)}`,
        deadline: due,
        daysOverdue: n,
        chase: 'headOfService',
      };
    }
    return {
      state: 'awaitingResponse',
      label: 'Awaiting response',
      detail: `Response due ${formatShortDate(due.due)} (${describeDeadline(due)})`,
      deadline: due,
    };
  }
  if (!visitDate) {
    return { state: 'draft', label: 'Draft', detail: 'Visit date not entered yet' };
  }
  if (compareDates(visitDate, today) > 0) {
    return { state: 'upcoming', label: 'Upcoming', detail: 'Notes started' };
  }
  return formDue(visitDate, today, true);
}

/**
 * Where a visit stands today. A visit recorded as not held stops being chased, unless its report
 * was submitted after all (then the report speaks). A visit today can be reported on, so it is no
 * longer upcoming.
 */
export function visitState(visit: VisitForState | undefined, report: ReportForState | undefined, today: CalendarDate): VisitStateView {
  const submitted = !!report && report.status !== 'Draft';
  if (visit && !submitted) {
    if (visit.status === 'NotHeld') {
      return { state: 'notHeld', label: 'Not held', detail: visit.notHeldReason ? visit.notHeldReason : 'No reason recorded' };
    }
    if (visit.status === 'Rescheduled') {
      return { state: 'moved', label: 'Moved', detail: 'Moved to another date' };
    }
  }
  const visitDate = (report && report.visitDate) || (visit && visit.visitDate);
  if (report) {
    return reportState(report, visitDate, today);
  }
  if (!visitDate) {
    return { state: 'formNotStarted', label: 'Form not started' };
  }
  if (compareDates(visitDate, today) > 0) {
    return { state: 'upcoming', label: 'Upcoming' };
  }
  return formDue(visitDate, today, false);
}

/** How many visits are in each state, every state present (zero included), in VISIT_STATES order. */
export function countVisitStates(views: ReadonlyArray<Pick<VisitStateView, 'state'>>): Array<{ state: VisitState; name: string; count: number }> {
  return VISIT_STATES.map((state) => ({ state, name: VISIT_STATE_NAMES[state], count: views.filter((v) => v.state === state).length }));
}
