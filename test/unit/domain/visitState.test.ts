import { countVisitStates, visitState, VisitStateView } from '../../../src/domain/visitState';

const scheduled = (visitDate: string) => ({ visitDate, status: 'Scheduled' as const });

describe("a visit's state in words", () => {
  const today = '2026-07-14';

  it('a visit still to come is upcoming, even with notes started; today is no longer upcoming', () => {
    expect(visitState(scheduled('2026-07-15'), undefined, today)).toEqual({ state: 'upcoming', label: 'Upcoming' });
    expect(visitState(scheduled('2026-07-20'), { status: 'Draft', visitDate: '2026-07-20' }, today)).toMatchObject({
      state: 'upcoming',
      detail: 'Notes started',
    });
    expect(visitState(scheduled('2026-07-14'), undefined, today)).toMatchObject({ state: 'formNotStarted', detail: 'Due 11 Aug 2026 (28 days left)' });
  });

  it('form not started, then overdue from day 29 after the visit', () => {
    expect(visitState(scheduled('2026-06-16'), undefined, today)).toMatchObject({
      state: 'formNotStarted',
      label: 'Form not started',
      detail: 'Due 14 Jul 2026 (due today)',
    });
    const overdue = visitState(scheduled('2026-06-15'), undefined, today);
    expect(overdue).toMatchObject({
      state: 'formOverdue',
      label: 'Form overdue (1 day)',
      detail: 'Was due 13 Jul 2026; not started',
      daysOverdue: 1,
      chase: 'councillors',
    });
    expect(visitState(scheduled('2026-06-01'), undefined, today)).toMatchObject({ label: 'Form overdue (15 days)', daysOverdue: 15 });
  });

  it('a draft within its 28 days is a draft; past them the form is overdue', () => {
    expect(visitState(scheduled('2026-07-01'), { status: 'Draft' }, today)).toMatchObject({
      state: 'draft',
      label: 'Draft',
      detail: 'Due 29 Jul 2026 (15 days left)',
    });
    expect(visitState(scheduled('2026-06-10'), { status: 'Draft' }, today)).toMatchObject({
      state: 'formOverdue',
      label: 'Form overdue (6 days)',
      detail: 'Was due 8 Jul 2026; a draft is not submitted',
    });
  });

  it('submitted: awaiting a response for 28 London days, then overdue', () => {
    // 23:30 UTC on 14 June is 00:30 on 15 June in London (summer time): the response is due 13 July.
    const report = { status: 'Submitted' as const, submittedOn: '2026-06-14T23:30:00Z' };
    expect(visitState(scheduled('2026-06-01'), report, '2026-07-13')).toMatchObject({
      state: 'awaitingResponse',
      detail: 'Response due 13 Jul 2026 (due today)',
    });
    expect(visitState(scheduled('2026-06-01'), report, '2026-07-14')).toMatchObject({
      state: 'responseOverdue',
      label: 'Response overdue (1 day)',
      daysOverdue: 1,
      chase: 'headOfService',
    });
  });

  it('answered on time or late, by the London day of the answer', () => {
    const submittedOn = '2026-06-15T09:00:00Z'; // due 13 July
    const onTime = visitState(scheduled('2026-06-01'), { status: 'Responded', submittedOn, feedback: { text: 'x', on: '2026-07-13T22:30:00Z' } }, today);
    expect(onTime).toEqual({ state: 'answered', label: 'Answered on time', detail: 'Answered 13 Jul 2026', late: false });
    // 23:30 UTC on 13 July is already 14 July in London: one day late.
    const late = visitState(scheduled('2026-06-01'), { status: 'Responded', submittedOn, feedback: { text: 'x', on: '2026-07-13T23:30:00Z' } }, today);
    expect(late).toEqual({
      state: 'answered',
      label: 'Answered late (1 day)',
      detail: 'Answered 14 Jul 2026; was due 13 Jul 2026',
      daysOverdue: 1,
      late: true,
    });
    // An answer amended after the due date is judged by when it was first given.
    const amended = visitState(
      scheduled('2026-06-01'),
      { status: 'Responded', submittedOn, feedback: { text: 'x', on: '2026-07-20T10:00:00Z', firstOn: '2026-07-10T10:00:00Z' } },
      today,
    );
    expect(amended).toEqual({ state: 'answered', label: 'Answered on time', detail: 'Answered 10 Jul 2026', late: false });
  });

  it('not held, with its reason, stops the chase, and a stray draft does not bring it back', () => {
    const visit = { visitDate: '2026-05-12', status: 'NotHeld' as const, notHeldReason: 'Cancelled: special Cabinet meeting.' };
    expect(visitState(visit, undefined, today)).toEqual({ state: 'notHeld', label: 'Not held', detail: 'Cancelled: special Cabinet meeting.' });
    expect(visitState(visit, { status: 'Draft' }, today).state).toBe('notHeld');
    expect(visitState({ ...visit, notHeldReason: undefined }, undefined, today).detail).toBe('No reason recorded');
  });

  it('a report submitted for a visit later marked not held still shows where the report is', () => {
    const visit = { visitDate: '2026-07-01', status: 'NotHeld' as const, notHeldReason: 'Recorded in error' };
    expect(visitState(visit, { status: 'Submitted', submittedOn: '2026-07-02T10:00:00Z' }, today).state).toBe('awaitingResponse');
  });

  it('a visit moved to another date says so', () => {
    expect(visitState({ visitDate: '2026-05-10', status: 'Rescheduled' }, undefined, today)).toEqual({
      state: 'moved',
      label: 'Moved',
      detail: 'Moved to another date',
    });
  });

  it("an unscheduled visit's report is judged on its own date", () => {
    expect(visitState(undefined, { status: 'Draft', visitDate: '2026-06-01' }, today)).toMatchObject({ state: 'formOverdue', daysOverdue: 15 });
    expect(visitState(undefined, { status: 'Draft' }, today)).toEqual({ state: 'draft', label: 'Draft', detail: 'Visit date not entered yet' });
  });
});

describe('counts per state', () => {
  it('lists every state in process order, zeros included', () => {
    const views: VisitStateView[] = [
      visitState(scheduled('2026-08-01'), undefined, '2026-07-14'),
      visitState(scheduled('2026-06-01'), undefined, '2026-07-14'),
      visitState(scheduled('2026-05-01'), undefined, '2026-07-14'),
      visitState(scheduled('2026-07-01'), { status: 'Draft' }, '2026-07-14'),
    ];
    expect(countVisitStates(views)).toEqual([
      { state: 'upcoming', name: 'Upcoming', count: 1 },
      { state: 'formNotStarted', name: 'Form not started', count: 0 },
      { state: 'draft', name: 'Draft', count: 1 },
      { state: 'formOverdue', name: 'Form overdue', count: 2 },
      { state: 'awaitingResponse', name: 'Awaiting response', count: 0 },
      { state: 'responseOverdue', name: 'Response overdue', count: 0 },
      { state: 'answered', name: 'Answered', count: 0 },
      { state: 'notHeld', name: 'Not held', count: 0 },
      { state: 'moved', name: 'Moved', count: 0 },
    ]);
  });
});
