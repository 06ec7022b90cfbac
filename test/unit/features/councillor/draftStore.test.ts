import { DEVICE_COPY_DAYS, DraftStore, draftKeyFor, parseDraft } from '../../../../src/features/councillor/draftStore';
import { emptyGrid } from '../../../../src/domain/grid';
import { buildForm, FIXTURE_COUNCILLOR } from '../../../helpers/reportFixtures';
import { VisitReportForm } from '../../../../src/domain/types';
import { MemoryStorage } from '../support/memoryStorage';

const wordText = '“Morale is low” – staff said… • agency cover 40% 😟\n\t• second bullet — ‘quoted’ <b>not markup</b> =SUM(A1)';

function form(overrides: Partial<VisitReportForm> = {}): VisitReportForm {
  return buildForm({ title: 'Visit', members: [FIXTURE_COUNCILLOR], ...overrides });
}

describe('draft store', () => {
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('names drafts by report, then rota entry, then unscheduled', () => {
    expect(draftKeyFor({ reportId: 12, rotaEntryId: 3 })).toBe('report-12');
    expect(draftKeyFor({ rotaEntryId: 3 })).toBe('rota-3');
    expect(draftKeyFor({})).toBe('unscheduled');
  });

  it('round-trips text pasted from Word exactly', () => {
    const store = new DraftStore(new MemoryStorage(), 'Cllr.Hale@Northshire.example', () => new Date('2026-11-22T12:00:00Z'));
    const grid = { ...emptyGrid(), staffingWorries: wordText, otherNextSteps: 'x'.repeat(8000) };
    expect(store.save('report-4', { form: form({ grid, safetyScale: 0 }), reportId: 4, etag: '"3"', changedAt: '2026-11-22T01:00:00.000Z' })).toBe(true);
    const loaded = store.load('report-4');
    expect(loaded?.form.grid.staffingWorries).toBe(wordText);
    expect(loaded?.form.grid.otherNextSteps).toHaveLength(8000);
    expect(loaded?.form.safetyScale).toBe(0);
    expect(loaded?.etag).toBe('"3"');
    expect(loaded?.reportId).toBe(4);
  });

  it('keeps each user’s drafts apart, whatever the case of the email', () => {
    const storage = new MemoryStorage();
    const hale = new DraftStore(storage, 'cllr.hale@northshire.example');
    const osei = new DraftStore(storage, 'cllr.osei@northshire.example');
    hale.save('rota-5', { form: form({ staffInvolved: 'Hale only' }), changedAt: '' });
    expect(osei.load('rota-5')).toBeUndefined();
    expect(new DraftStore(storage, 'CLLR.HALE@northshire.example').load('rota-5')?.form.staffInvolved).toBe('Hale only');
  });

  it('lists the forms a user has text for on this device, and no one else’s', () => {
    const storage = new MemoryStorage();
    const hale = new DraftStore(storage, 'cllr.hale@northshire.example');
    hale.save('rota-5', { form: form(), changedAt: '' });
    hale.save('unscheduled', { form: form(), changedAt: '' });
    new DraftStore(storage, 'cllr.osei@northshire.example').save('rota-6', { form: form(), changedAt: '' });
    storage.setItem('something.else', 'x');
    expect(hale.keys()).toEqual(['rota-5', 'unscheduled']);
    hale.remove('rota-5');
    expect(hale.keys()).toEqual(['unscheduled']);
  });

  it('reports a refused write instead of pretending it kept the text', () => {
    const storage = new MemoryStorage();
    storage.failWrites = true;
    const store = new DraftStore(storage, 'a@b.example');
    expect(store.save('unscheduled', { form: form(), changedAt: '' })).toBe(false);
    expect(new DraftStore(undefined, 'a@b.example').save('unscheduled', { form: form(), changedAt: '' })).toBe(false);
    expect(new DraftStore(undefined, 'a@b.example').available).toBe(false);
  });

  it('leaves an unreadable copy in place rather than deleting someone’s words', () => {
    const storage = new MemoryStorage();
    const store = new DraftStore(storage, 'a@b.example');
    storage.setItem(store.storageKey('report-1'), '{not json');
    expect(store.load('report-1')).toBeUndefined();
    expect(storage.getItem(store.storageKey('report-1'))).toBe('{not json');
  });

  it(`forgets a device copy left unchanged for more than ${DEVICE_COPY_DAYS} days`, () => {
    const storage = new MemoryStorage();
    let now = new Date('2026-11-22T12:00:00Z');
    const store = new DraftStore(storage, 'cllr.hale@northshire.example', () => now);
    store.save('rota-8', { form: form({ staffInvolved: 'kept' }), changedAt: '2026-11-22T12:00:00.000Z' });
    now = new Date('2026-12-22T12:00:00Z'); // exactly 30 days: still kept
    expect(store.keys()).toEqual(['rota-8']);
    expect(store.load('rota-8')?.form.staffInvolved).toBe('kept');
    now = new Date('2026-12-22T12:00:01Z');
    expect(store.keys()).toEqual([]);
    expect(store.load('rota-8')).toBeUndefined();
    expect(storage.length).toBe(0);
  });

  it('reads stored drafts defensively', () => {
    expect(parseDraft(null)).toBeUndefined();
    expect(parseDraft({ form: 'x' })).toBeUndefined();
    const parsed = parseDraft({
      form: { grid: { staffingWorries: 5, otherWorries: 'kept' }, members: [{ id: 'x' }, { id: 2, displayName: 'B' }], safetyScale: 'ten' },
    });
    expect(parsed?.form.grid.staffingWorries).toBe('');
    expect(parsed?.form.grid.otherWorries).toBe('kept');
    expect(parsed?.form.members).toEqual([{ id: 2, displayName: 'B', email: '' }]);
    expect(parsed?.form.safetyScale).toBeUndefined();
  });
});
