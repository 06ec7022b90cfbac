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
