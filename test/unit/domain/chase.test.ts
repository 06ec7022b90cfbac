import { chaseKey, chasesFor, chaseTarget, ChaseRecord, describeChase, mayChaseToday, parseSubject } from '../../../src/domain/chase';

const record = (over: Partial<ChaseRecord>): ChaseRecord => ({
  id: 1,
  key: 'k',
  subject: { kind: 'rota', id: 12 },
  audience: 'Councillors',
  day: '2026-12-03',
  state: 'Sent',
  requestedBy: { id: 9, displayName: 'Improvement Officer', email: '' },
  ...over,
});

describe('chasing an overdue row', () => {
  it('keys a chase by visit, audience and London day, so a second one that day repeats the key', () => {
    expect(chaseKey({ kind: 'rota', id: 12 }, 'Councillors', '2026-12-03')).toBe('chase:rota-12:Councillors:2026-12-03');
    expect(chaseKey({ kind: 'report', id: 40 }, 'HeadOfService', '2026-12-03')).toBe('chase:report-40:HeadOfService:2026-12-03');
    expect(chaseKey({ kind: 'rota', id: 12 }, 'Councillors', '2026-12-04')).not.toBe(chaseKey({ kind: 'rota', id: 12 }, 'Councillors', '2026-12-03'));
    expect(parseSubject('draft-7')).toEqual({ kind: 'draft', id: 7 });
    expect(parseSubject('rota-1;drop')).toBeUndefined();
  });

  it('chases the councillors of an overdue form and the Head of Service of an overdue response, nothing else', () => {
    expect(chaseTarget({ status: { chase: 'councillors' }, rotaEntryId: 12 })).toEqual({ subject: { kind: 'rota', id: 12 }, audience: 'Councillors' });
    expect(chaseTarget({ status: { chase: 'councillors' }, report: { id: 7, status: 'Draft' } })).toEqual({
      subject: { kind: 'draft', id: 7 },
      audience: 'Councillors',
    });
    expect(chaseTarget({ status: { chase: 'headOfService' }, rotaEntryId: 12, report: { id: 40, status: 'Submitted' } })).toEqual({
      subject: { kind: 'report', id: 40 },
      audience: 'HeadOfService',
    });
    expect(chaseTarget({ status: {}, rotaEntryId: 12 })).toBeUndefined();
  });

  it('says on the row who chased and when, and allows one chase a day', () => {
    expect(describeChase(record({}), '2026-12-05')).toBe('Reminded 3 Dec 2026 by Children’s Improvement Team (Improvement Officer)');
    expect(describeChase(record({ state: 'Requested' }), '2026-12-03')).toMatch(/^Reminder asked for today by Children’s Improvement Team/);
    expect(describeChase(record({ state: 'Failed' }), '2026-12-03')).toMatch(/not sent yet, the bot tries again$/);
    expect(mayChaseToday(record({}), '2026-12-03')).toBe(false);
    expect(mayChaseToday(record({}), '2026-12-04')).toBe(true);
    expect(mayChaseToday(undefined, '2026-12-04')).toBe(true);
  });

  it("finds a row's chases, newest first, and not another row's or another audience's", () => {
    const records = [
      record({ id: 1, day: '2026-12-01' }),
      record({ id: 2, day: '2026-12-03' }),
      record({ id: 3, subject: { kind: 'rota', id: 13 } }),
      record({ id: 4, audience: 'HeadOfService' }),
    ];
    expect(chasesFor(records, { subject: { kind: 'rota', id: 12 }, audience: 'Councillors' }).map((r) => r.id)).toEqual([2, 1]);
  });
});
