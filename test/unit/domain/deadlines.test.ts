import { londonMidnightUtc } from '../../../src/domain/calendarDate';
import type { VisitReport } from '../../../src/domain/types';
import { emptyGrid } from '../../../src/domain/grid';
import {
  daysLate,
  describeLateness,
  reportLateness,
  responseDaysLate,
  submissionDaysLate,
  visitReportLateness,
  daysLeft,
  deadline,
  describeDeadline,
  isOverdue,
  responseDueDate,
  submissionDueDate,
} from '../../../src/domain/deadlines';
import { buildReport } from '../../helpers/reportFixtures';

describe('submission deadline: 28 days after the visit', () => {
  const visit = '2026-05-04';

  it('is due on day 28 and overdue from day 29', () => {
    expect(submissionDueDate(visit)).toBe('2026-06-01');
    expect(isOverdue(submissionDueDate(visit), '2026-06-01')).toBe(false); // day 28
    expect(isOverdue(submissionDueDate(visit), '2026-06-02')).toBe(true); // day 29
  });

  it('counts days left down to zero on the due day and negative after', () => {
    const due = submissionDueDate(visit);
    expect(daysLeft(due, '2026-05-04')).toBe(28);
    expect(daysLeft(due, '2026-05-31')).toBe(1);
    expect(deadline(due, '2026-06-01')).toEqual({ due, daysLeft: 0, state: 'dueToday' });
    expect(deadline(due, '2026-06-02')).toEqual({ due, daysLeft: -1, state: 'overdue' });
  });

  it('keeps 28 calendar days across the spring clock change (visit on the last Sunday of March)', () => {
    const due = submissionDueDate('2026-03-29');
    expect(due).toBe('2026-04-26');
    expect(isOverdue(due, '2026-04-26')).toBe(false);
    expect(isOverdue(due, '2026-04-27')).toBe(true);
  });

  it('keeps 28 calendar days across the autumn clock change (visit on the last Sunday of October)', () => {
    const due = submissionDueDate('2026-10-25');
    expect(due).toBe('2026-11-22');
    expect(isOverdue(due, '2026-11-22')).toBe(false);
    expect(isOverdue(due, '2026-11-23')).toBe(true);
  });
});

describe('response deadline: 28 days after submission, on the London day of submission', () => {
  it('uses the London day of a late-evening submission in summer', () => {
    // 23:30 UTC on 14 June is already 15 June in London (BST).
    expect(responseDueDate('2026-06-14T23:30:00Z')).toBe('2026-07-13');
  });

  it('uses the London day of a late-evening submission in winter', () => {
    expect(responseDueDate('2026-01-14T23:30:00Z')).toBe('2026-02-11');
  });

  it('has its day-28 / day-29 boundary', () => {
    const due = responseDueDate('2026-03-02T10:00:00Z');
    expect(due).toBe('2026-03-30');
    expect(isOverdue(due, '2026-03-30')).toBe(false);
    expect(isOverdue(due, '2026-03-31')).toBe(true);
  });

  it('works from a date-only value as SharePoint stores it, either side of the clock changes', () => {
    expect(responseDueDate(londonMidnightUtc('2026-03-29'))).toBe('2026-04-26');
    expect(responseDueDate(londonMidnightUtc('2026-10-25'))).toBe('2026-11-22');
  });

  it('refuses a report that has not been submitted', () => {
    expect(() => responseDueDate('')).toThrow(RangeError);
  });
});

describe('describing a deadline', () => {
  it('says it plainly', () => {
    expect(describeDeadline(deadline('2026-06-10', '2026-06-01'))).toBe('9 days left');
    expect(describeDeadline(deadline('2026-06-02', '2026-06-01'))).toBe('1 day left');
    expect(describeDeadline(deadline('2026-06-01', '2026-06-01'))).toBe('due today');
    expect(describeDeadline(deadline('2026-05-31', '2026-06-01'))).toBe('1 day overdue');
    expect(describeDeadline(deadline('2026-05-01', '2026-06-01'))).toBe('31 days overdue');
  });
});

describe('lateness: a fact in London calendar days', () => {
  it('is 0 on the due day and counts whole days after it', () => {
    expect(daysLate('2026-06-01', '2026-06-01')).toBe(0);
    expect(daysLate('2026-06-01', '2026-05-20')).toBe(0);
    expect(daysLate('2026-06-01', '2026-06-02')).toBe(1);
    expect(daysLate('2026-06-01', '2026-08-20')).toBe(80);
  });

  it('reads an instant on its London day: 23:30 UTC in summer is the next day in London', () => {
    // Visit 4 May: due 1 June. 23:30 UTC on 1 June is 00:30 on 2 June in London.
    expect(submissionDaysLate('2026-05-04', '2026-06-01T22:59:00Z')).toBe(0);
    expect(submissionDaysLate('2026-05-04', '2026-06-01T23:30:00Z')).toBe(1);
    // In winter London is on UTC: 23:30 UTC on the due day is still that day.
    expect(submissionDaysLate('2026-11-02', '2026-11-30T23:30:00Z')).toBe(0);
  });

  it('judges the answer from the submission date, and is undefined until both exist', () => {
    expect(responseDaysLate('2026-06-10T09:00:00Z', '2026-07-08T16:00:00Z')).toBe(0);
    expect(responseDaysLate('2026-06-10T09:00:00Z', '2026-07-10T09:00:00Z')).toBe(2);
    expect(responseDaysLate(undefined, '2026-07-10T09:00:00Z')).toBeUndefined();
    expect(responseDaysLate('2026-06-10T09:00:00Z', undefined)).toBeUndefined();
  });

  it('says it in words', () => {
    expect(describeLateness('Submitted', 0)).toBe('Submitted on time');
    expect(describeLateness('Submitted', 1)).toBe('Submitted 1 day late');
    expect(describeLateness('Answered', 80)).toBe('Answered 80 days late');
    expect(reportLateness({ visitDate: '2026-08-01' })).toEqual({
      submittedDaysLate: undefined,
      answeredDaysLate: undefined,
      submittedText: '',
      answeredText: '',
    });
  });

  it('judges an amended answer by when it was first given', () => {
    const report: VisitReport = {
      ...buildReport(),
      id: 1,
      title: '',
      members: [],
      staffInvolved: '',
      grid: emptyGrid(),
      status: 'Responded',
      visitDate: '2026-08-03',
      submittedOn: '2026-09-01T10:00:00Z',
      feedback: { text: 'x', on: '2026-12-01T10:00:00Z', firstOn: '2026-09-20T10:00:00Z' },
    };
    const lateness = visitReportLateness(report);
    expect(lateness.submittedText).toBe('Submitted 1 day late');
    expect(lateness.answeredText).toBe('Answered on time');
    expect(visitReportLateness({ ...report, feedback: { text: 'x', on: '2026-12-01T10:00:00Z' } }).answeredText).toBe('Answered 63 days late');
  });
});
