import { dateText, moveVisit, pendingCount, pendingWrites, ScreenVisit, statusText, yearChoices } from '../../../../src/features/rota/rotaModel';
import { parseCommitteeDates } from '../../../../src/features/rota/useProposal';

const HALE = { id: 11, displayName: 'Cllr Hale', email: 'cllr.hale@northshire.example' };
const OSEI = { id: 12, displayName: 'Cllr Osei', email: 'cllr.osei@northshire.example' };
const MARLOW = { id: 13, displayName: 'Cllr Marlow', email: '' };

function visit(extra: Partial<ScreenVisit> = {}): ScreenVisit {
  return {
    key: 'rota-7',
    id: 7,
    etag: '"7,1"',
    visitDate: '2027-05-10',
    teamId: 2,
    teamTitle: 'Child in Need Team',
    members: [HALE, OSEI],
    status: 'Scheduled',
    ...extra,
  };
}

describe('rota screen model', () => {
  it('keeps the date a visit was first booked for when it is moved, and forgets it when moved back', () => {
    const original = visit();
    const moved = moveVisit(original, original, '2027-05-17');
    expect(moved.movedFrom).toBe('2027-05-10');
    expect(dateText(moved)).toBe('Monday 17 May 2027 (moved from 10 May 2027)');
    const movedAgain = moveVisit(moved, { ...original, visitDate: '2027-05-17', movedFrom: '2027-05-10' }, '2027-05-24');
    expect(movedAgain.movedFrom).toBe('2027-05-10');
    expect(moveVisit(moved, original, '2027-05-10').movedFrom).toBeUndefined();
    // A visit not yet on the rota has no earlier date.
    expect(moveVisit({ ...original, id: undefined, key: 'new-1' }, undefined, '2027-06-01').movedFrom).toBeUndefined();
  });

  it('turns the edits into one change per kind with the ETag read, and new visits into adds', () => {
    const original = visit();
    const edited = { ...moveVisit(original, original, '2027-05-17'), members: [HALE, MARLOW] };
    const added: ScreenVisit = { key: 'new-1', visitDate: '2027-06-02', teamId: 3, teamTitle: 'Child Protection Team', members: [OSEI], status: 'Scheduled' };
    const { adds, changes } = pendingWrites([original], [edited, added]);
    expect(adds).toEqual([{ title: '2027-06 Child Protection Team', visitDate: '2027-06-02', teamId: 3, memberIds: [12] }]);
    expect(changes).toEqual([
      { kind: 'move', id: 7, etag: '"7,1"', visitDate: '2027-05-17', title: '2027-05 Child in Need Team', movedFrom: '2027-05-10' },
      { kind: 'members', id: 7, etag: '"7,1"', memberIds: [11, 13] },
    ]);
    expect(pendingCount([original], [edited, added])).toBe(2);
  });

  it('records not held with its reason and held, and counts nothing when nothing changed', () => {
    const original = visit({ visitDate: '2026-10-01' });
    expect(pendingWrites([original], [{ ...original, status: 'NotHeld', notHeldReason: 'Cancelled: special Cabinet meeting' }]).changes).toEqual([
      { kind: 'notHeld', id: 7, etag: '"7,1"', reason: 'Cancelled: special Cabinet meeting' },
    ]);
    expect(pendingWrites([original], [{ ...original, status: 'Held' }]).changes).toEqual([{ kind: 'held', id: 7, etag: '"7,1"' }]);
    expect(pendingCount([original], [{ ...original, members: [OSEI, HALE] }])).toBe(0);
  });

  it('says where a visit stands in words', () => {
    expect(statusText(visit({ visitDate: '2026-10-01' }), '2026-11-30')).toBe('Date passed: not yet recorded as held or not held');
    expect(statusText(visit(), '2026-11-30')).toBe('Scheduled');
    expect(statusText(visit({ status: 'NotHeld' }), '2026-11-30')).toBe('Not held');
    expect(yearChoices('2026/27')).toEqual(['2024/25', '2025/26', '2026/27', '2027/28', '2028/29']);
  });

  it('reads committee dates typed as a list, and names the one that is not a date', () => {
    expect(parseCommitteeDates('14/01/2028, 10/03/2028;2028-06-08')).toEqual({ dates: ['2028-01-14', '2028-03-10', '2028-06-08'] });
    expect(parseCommitteeDates('  ')).toEqual({ dates: [] });
    expect(parseCommitteeDates('14/01/2028, 31/02/2028').problem).toBe(
      '“31/02/2028” is not a date. Enter each committee date as day/month/year, separated by commas.',
    );
  });
});
