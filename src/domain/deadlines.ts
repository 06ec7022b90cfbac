import type { VisitReport } from './types';
import { addDays, CalendarDate, calendarDateFromSharePoint, daysBetween } from './calendarDate';

/** Days after the visit by which the form must reach the improvement team (docs/architecture.md §1.3). */
export const SUBMISSION_WINDOW_DAYS = 28;
/** Days after submission by which the Head of Service responds (docs/architecture.md §1.4). */
export const RESPONSE_WINDOW_DAYS = 28;

/** The last day on which the form is on time. */
export function submissionDueDate(visitDate: CalendarDate): CalendarDate {
  return addDays(visitDate, SUBMISSION_WINDOW_DAYS);
}

/** The last day on which the response is on time; `submittedOn` is an ISO instant or a day. */
export function responseDueDate(submittedOn: string): CalendarDate {
  const day = calendarDateFromSharePoint(submittedOn);
  if (!day) {
    throw new RangeError('A response is due only once the report is submitted');
  }
  return addDays(day, RESPONSE_WINDOW_DAYS);
}

/** Days left until a due date: 0 on the day itself, negative once overdue. */
export function daysLeft(dueDate: CalendarDate, today: CalendarDate): number {
  return daysBetween(today, dueDate);
}

/** Overdue from the day after the due date. */
export function isOverdue(dueDate: CalendarDate, today: CalendarDate): boolean {
  return daysLeft(dueDate, today) < 0;
}

export type DeadlineState = 'onTime' | 'dueToday' | 'overdue';

export interface Deadline {
  due: CalendarDate;
  daysLeft: number;
  state: DeadlineState;
}

export function deadline(due: CalendarDate, today: CalendarDate): Deadline {
  const left = daysLeft(due, today);
  return { due, daysLeft: left, state: left < 0 ? 'overdue' : left === 0 ? 'dueToday' : 'onTime' };
}

/** "12 days left", "due today", "1 day overdue". */
export function describeDeadline(d: Deadline): string {
  if (d.state === 'dueToday') {
    return 'due today';
  }
  const n = Math.abs(d.daysLeft);
  const days = n === 1 ? '1 day' : `${n} days`;
  return d.state === 'overdue' ? `${days} overdue` : `${days} left`;
}

/**
 * Whole London calendar days between a due date and the day something happened: 0 when it
 * happened on or before the due date. `happened` is an ISO instant or a day.
 */
export function daysLate(due: CalendarDate, happened: string): number | undefined {
  const day = calendarDateFromSharePoint(happened);
  return day ? Math.max(0, daysBetween(due, day)) : undefined;
}

/** Days the report reached the improvement team after its 28 days; undefined until submitted. */
export function submissionDaysLate(visitDate: CalendarDate | undefined, submittedOn: string | undefined): number | undefined {
  return visitDate && submittedOn ? daysLate(submissionDueDate(visitDate), submittedOn) : undefined;
}

/** Days the first answer came after its 28 days; undefined until answered. */
export function responseDaysLate(submittedOn: string | undefined, firstAnsweredOn: string | undefined): number | undefined {
  return submittedOn && firstAnsweredOn ? daysLate(responseDueDate(submittedOn), firstAnsweredOn) : undefined;
}

/** "Submitted on time", "Submitted 1 day late", "Answered 80 days late". */
export function describeLateness(what: 'Submitted' | 'Answered', late: number): string {
  if (late <= 0) {
    return `${what} on time`;
  }
  return `${what} ${late === 1 ? '1 day' : `${late} days`} late`;
}

/** The lateness facts of a report, in words (empty strings when not yet submitted or answered). */
export interface ReportLateness {
  submittedDaysLate?: number;
  answeredDaysLate?: number;
  /** "Submitted 80 days late" / "Submitted on time" / "" */
  submittedText: string;
  answeredText: string;
}

export function reportLateness(report: { visitDate?: CalendarDate; submittedOn?: string; firstAnsweredOn?: string }): ReportLateness {
  const submittedDaysLate = submissionDaysLate(report.visitDate, report.submittedOn);
  const answeredDaysLate = responseDaysLate(report.submittedOn, report.firstAnsweredOn);
  return {
    submittedDaysLate,
    answeredDaysLate,
    submittedText: submittedDaysLate === undefined ? '' : describeLateness('Submitted', submittedDaysLate),
    answeredText: answeredDaysLate === undefined ? '' : describeLateness('Answered', answeredDaysLate),
  };
}

/** A report's lateness: the answer is judged by when it was first given, not by an amendment. */
export function visitReportLateness(report: VisitReport): ReportLateness {
  const feedback = report.feedback;
  return reportLateness({
    visitDate: report.visitDate,
    submittedOn: report.submittedOn,
    firstAnsweredOn: feedback ? feedback.firstOn || feedback.on || undefined : undefined,
  });
}
