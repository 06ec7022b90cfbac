import { buildMyVisits, buildReadableReports } from '../../../../src/features/councillor/myVisitsModel';
import { buildReport } from '../../../helpers/reportFixtures';
import { Person, RotaEntry, VisitReport } from '../../../../src/domain/types';

const hale: Person = { id: 7, displayName: 'Cllr Hale', email: 'cllr.hale@northshire.example' };
const osei: Person = { id: 8, displayName: 'Cllr Osei', email: 'cllr.osei@northshire.example' };
const other: Person = { id: 9, displayName: 'Cllr Other', email: 'cllr.other@northshire.example' };
const today = '2026-11-22';

function rota(id: number, visitDate: string, members: Person[], extra: Partial<RotaEntry> = {}): RotaEntry {
  return { id, title: `R${id}`, visitDate, teamId: 1, teamTitle: 'Child Protection North', members, municipalYear: '2026/27', status: 'Scheduled', ...extra };
}

function report(id: number, extra: Partial<VisitReport>): VisitReport {
  return buildReport({ id, members: [hale], status: 'Draft', author: hale, teamTitle: 'Child Protection North', ...extra });
}

describe('my visits', () => {
  const view = buildMyVisits({
    userId: hale.id,
    today,
    upcomingRota: [rota(10, '2026-12-15', [hale, osei]), rota(11, '2027-01-10', [other]), rota(12, '2026-11-22', [hale])],
    pastRota: [
      rota(1, '2026-11-01', [hale, osei]),
      rota(2, '2026-10-01', [hale]),
      rota(3, '2026-09-01', [hale]),
      rota(4, '2026-08-01', [hale]),
      rota(5, '2026-07-01', [hale], { status: 'NotHeld', notHeldReason: 'Special Cabinet meeting' }),
      rota(6, '2026-06-01', [osei]),
    ],
    reports: [
      report(100, { rotaEntryId: 2, visitDate: '2026-10-01', status: 'Draft' }),
      report(101, { rotaEntryId: 3, visitDate: '2026-09-01', status: 'Submitted', submittedOn: '2026-09-20T10:00:00Z' }),
      report(102, {
        rotaEntryId: 4,
        visitDate: '2026-08-01',
        status: 'Responded',
        submittedOn: '2026-08-10T10:00:00Z',
        feedback: { text: 'Thank you', on: '2026-08-30T09:00:00Z' },
      }),
      report(103, { visitDate: undefined, status: 'Draft', teamTitle: undefined }),
    ],
  });

  it('lists only the councillor’s own upcoming visits, soonest first, with fellow members', () => {
    expect(view.upcoming.map((r) => r.key)).toEqual(['rota-10']);
    expect(view.upcoming[0].fellowMembers).toEqual([osei]);
    expect(view.upcoming[0].state).toBe('upcoming');
    expect(view.upcoming[0].action?.route).toEqual({ page: 'newFromRota', rotaEntryId: 10 });
  });

  it('treats a visit today as one to report on', () => {
    const todayRow = view.past.filter((r) => r.key === 'rota-12')[0];
    expect(todayRow.state).toBe('notStarted');
    expect(todayRow.deadlineText).toBe('Report due 20 Dec 2026 (28 days left)');
  });

  it('states lateness once it is a fact, on London days', () => {
    const byKey = (key: string) => view.past.filter((r) => r.key === key)[0];
    // Visit 1 Sep, due 29 Sep, submitted 20 Sep: on time; its answer is not yet given.
    expect(byKey('report-101').latenessText).toBe('Submitted on time.');
    // Visit 1 Aug, submitted 10 Aug; answer due 7 Sep, given 30 Aug.
    expect(byKey('report-102').latenessText).toBe('Submitted on time. Answered on time.');
    const late = buildMyVisits({
      userId: hale.id,
      today: '2026-11-22',
      upcomingRota: [],
      pastRota: [],
      reports: [
        report(7, { visitDate: '2026-08-01', status: 'Responded', submittedOn: '2026-10-19T23:30:00Z', feedback: { text: 'ok', on: '2026-11-20T10:00:00Z' } }),
      ],
    });
    // 23:30 UTC on 19 Oct is 00:30 on 20 Oct in London: due 29 Aug, so 52 days late; answer due 17 Nov.
    expect(late.past[0].latenessText).toBe('Submitted 52 days late. Answered 3 days late.');
    expect(byKey('draft-100').latenessText).toBeUndefined();
  });

  it('gives each past visit the state of its report in words', () => {
    const byKey = (key: string) => view.past.filter((r) => r.key === key)[0];
    expect(byKey('rota-1')).toMatchObject({ state: 'notStarted', statusText: 'Not started', overdue: false });
    // Past the deadline is said in words, not only in colour.
    expect(byKey('draft-100')).toMatchObject({
      state: 'draft',
      statusText: 'Overdue: draft not submitted',
      overdue: true,
      deadlineText: 'Report due 29 Oct 2026 (24 days overdue)',
    });
    expect(byKey('report-101')).toMatchObject({
      state: 'submitted',
      statusText: 'Submitted: response overdue',
      deadlineText: 'Response due 18 Oct 2026 (35 days overdue)',
    });
    expect(byKey('report-102')).toMatchObject({ state: 'responded', statusText: 'Responded', deadlineText: 'Head of Service responded on 30 Aug 2026' });
    expect(byKey('report-102').action).toEqual({ label: 'Read the response', route: { page: 'report', reportId: 102 } });
    expect(byKey('rota-5')).toMatchObject({ state: 'notHeld', notHeldReason: 'Special Cabinet meeting' });
    expect(byKey('rota-5').action).toBeUndefined();
    expect(view.past.some((r) => r.key === 'rota-6')).toBe(false);
  });

  it('shows undated unscheduled drafts first, then newest visit first', () => {
    expect(view.past.map((r) => r.key)).toEqual(['draft-103', 'rota-12', 'rota-1', 'draft-100', 'report-101', 'report-102', 'rota-5']);
    expect(view.past[0].dateText).toBe('Date not entered yet');
    expect(view.past[0].teamTitle).toBe('Team not chosen yet');
  });

  it('marks overdue forms plainly', () => {
    const late = buildMyVisits({
      userId: hale.id,
      today,
      upcomingRota: [],
      pastRota: [rota(1, '2026-10-01', [hale])],
      reports: [report(5, { rotaEntryId: 1, visitDate: '2026-10-01' })],
    });
    expect(late.past[0]).toMatchObject({ statusText: 'Overdue: draft not submitted', overdue: true });
    const notStarted = buildMyVisits({ userId: hale.id, today, upcomingRota: [], pastRota: [rota(1, '2026-10-01', [hale])], reports: [] });
    expect(notStarted.past[0]).toMatchObject({ statusText: 'Overdue: not started', overdue: true });
    expect(notStarted.needingAttention).toBe(1);
  });

  it('flags a submitted report whose response is late', () => {
    const v = buildMyVisits({
      userId: hale.id,
      today,
      upcomingRota: [],
      pastRota: [],
      reports: [report(5, { visitDate: '2026-09-01', status: 'Submitted', submittedOn: '2026-09-02T09:00:00Z' })],
    });
    expect(v.past[0]).toMatchObject({ statusText: 'Submitted: response overdue', overdue: true });
  });
});

describe('a visit shared with a fellow member', () => {
  const shared = rota(1, '2026-11-01', [hale, osei]);
  const asOsei = (reports: VisitReport[]) => buildMyVisits({ userId: osei.id, today, upcomingRota: [], pastRota: [shared], reports });

  it('shows the other member that Hale is writing the report, and leads to her draft, not to a second one', () => {
    const row = asOsei([report(40, { rotaEntryId: 1, visitDate: '2026-11-01', members: [hale, osei] })]).past[0];
    expect(row).toMatchObject({ key: 'draft-40', state: 'draft', writer: 'Cllr Hale', statusText: 'Cllr Hale is writing the report (draft)' });
    expect(row.action).toEqual({ label: 'Read Cllr Hale’s draft', route: { page: 'draft', draftId: 40 } });
  });

  it('shows her submitted report and its response as hers, to read, even when the report leaves him out of its members', () => {
    const submitted = asOsei([report(41, { rotaEntryId: 1, visitDate: '2026-11-01', status: 'Submitted', submittedOn: '2026-11-03T10:00:00Z' })]).past[0];
    expect(submitted).toMatchObject({ key: 'report-41', state: 'submitted', statusText: 'Submitted, by Cllr Hale' });
    expect(submitted.action).toEqual({ label: 'Read the report', route: { page: 'report', reportId: 41 } });
    const answered = asOsei([report(41, { rotaEntryId: 1, status: 'Responded', feedback: { text: 'ok', on: '2026-11-10T10:00:00Z' } })]).past[0];
    expect(answered.action).toEqual({ label: 'Read the report and response', route: { page: 'report', reportId: 41 } });
  });

  it('counts the visit once when a draft was left beside its submitted report', () => {
    const rows = asOsei([
      report(42, { rotaEntryId: 1, status: 'Submitted', submittedOn: '2026-11-03T10:00:00Z' }),
      report(42, { rotaEntryId: 1, status: 'Draft' }),
    ]).past;
    expect(rows.map((r) => r.key)).toEqual(['report-42']);
  });

  it("leaves out a fellow councillor's report of a visit he was not on", () => {
    const theirs = report(43, { rotaEntryId: 6, status: 'Submitted', author: other, members: [other] });
    expect(buildMyVisits({ userId: osei.id, today, upcomingRota: [], pastRota: [], reports: [theirs] }).past).toEqual([]);
  });
});

describe('text kept on this device', () => {
  it('marks a rota visit whose report exists only on this device, and an unscheduled one', () => {
    const v = buildMyVisits({
      userId: hale.id,
      today,
      upcomingRota: [],
      pastRota: [rota(1, '2026-11-20', [hale]), rota(2, '2026-11-18', [hale])],
      reports: [],
      deviceDrafts: ['rota-1', 'unscheduled'],
    });
    expect(v.past[0]).toMatchObject({ key: 'rota-1', statusText: 'Started on this device, not saved yet', action: { label: 'Continue the report' } });
    expect(v.past[1]).toMatchObject({ key: 'rota-2', statusText: 'Not started', action: { label: 'Start the report' } });
    expect(v.unsavedUnscheduled).toBe(true);
    expect(buildMyVisits({ userId: hale.id, today, upcomingRota: [], pastRota: [], reports: [] }).unsavedUnscheduled).toBe(false);
  });
});

describe('reports other roles may read', () => {
  it('lists submitted and responded reports, newest first, without drafts', () => {
    const rows = buildReadableReports(
      [
        report(1, { visitDate: '2026-09-01', status: 'Submitted', submittedOn: '2026-11-01T10:00:00Z', members: [hale, osei] }),
        report(2, { visitDate: '2026-10-01', status: 'Draft' }),
        report(3, { visitDate: '2026-10-05', status: 'Responded', feedback: { text: 'ok', on: '2026-11-02T10:00:00Z' } }),
      ],
      today,
    );
    expect(rows.map((r) => r.reportId)).toEqual([3, 1]);
    expect(rows[1]).toMatchObject({ members: 'Cllr Hale, Cllr Osei', statusText: 'Submitted', deadlineText: 'Response due 29 Nov 2026 (7 days left)' });
  });
});
