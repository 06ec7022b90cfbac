import { DraftSaver, SaveState, SaveTarget } from '../../../../src/features/councillor/draftSaver';
import { DraftStore } from '../../../../src/features/councillor/draftStore';
import { buildForm, gridWith } from '../../../helpers/reportFixtures';
import { VisitReportForm } from '../../../../src/domain/types';
import { ManualClock, MemoryStorage } from '../support/memoryStorage';

function form(text: string): VisitReportForm {
  return buildForm({ title: 'Visit', rotaEntryId: 5, grid: gridWith({ staffingWorries: text }) });
}

interface Harness {
  saver: DraftSaver;
  store: DraftStore;
  states: SaveState[];
  calls: Array<{ form: VisitReportForm; target: SaveTarget }>;
  respond: Array<(result: { reportId: number; etag: string } | Error) => void>;
  created: number[];
  clock: ManualClock;
}

function harness(initialTarget: SaveTarget = {}): Harness {
  const store = new DraftStore(new MemoryStorage(), 'cllr.hale@northshire.example');
  const clock = new ManualClock();
  const h: Harness = { saver: undefined as unknown as DraftSaver, store, states: [], calls: [], respond: [], created: [], clock };
  h.saver = new DraftSaver({
    store,
    rotaEntryId: 5,
    initialTarget,
    debounceMs: 1000,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    retryDelaysMs: [2000, 5000],
    onStateChange: (s) => h.states.push(s),
    onReportCreated: (id) => h.created.push(id),
    save: (f, target) =>
      new Promise((resolve, reject) => {
        h.calls.push({ form: f, target: { ...target } });
        h.respond.push((result) => (result instanceof Error ? reject(result) : resolve(result)));
      }),
  });
  return h;
}

const lastState = (h: Harness): SaveState['kind'] => h.states[h.states.length - 1].kind;
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) {
    await Promise.resolve();
  }
};
function conflictError(): Error {
  return Object.assign(new Error('Precondition failed'), { status: 412 });
}

describe('draft saver', () => {
  beforeEach(() => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('keeps every keystroke on the device at once and saves once typing pauses', async () => {
    const h = harness();
    h.saver.edit(form('M'));
    h.saver.edit(form('Mo'));
    h.saver.edit(form('Morale'));
    expect(h.store.load('rota-5')?.form.grid.staffingWorries).toBe('Morale');
    expect(h.calls).toHaveLength(0);
    h.clock.advance(1000);
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0].form.grid.staffingWorries).toBe('Morale');
    expect(lastState(h)).toBe('saving');
    h.respond[0]({ reportId: 12, etag: '"1"' });
    await settle();
    expect(lastState(h)).toBe('saved');
    expect(h.created).toEqual([12]);
    // Confirmed: the device copy is gone under both keys.
    expect(h.store.load('rota-5')).toBeUndefined();
    expect(h.store.load('report-12')).toBeUndefined();
    expect(h.saver.key).toBe('report-12');
  });

  it('stops saying Saved as soon as newer text is typed, once, until that text is saved', async () => {
    const h = harness();
    h.saver.edit(form('a'));
    h.clock.advance(1000);
    h.respond[0]({ reportId: 12, etag: '"1"' });
    await settle();
    expect(lastState(h)).toBe('saved');
    h.saver.edit(form('ab'));
    expect(lastState(h)).toBe('unsaved');
    const told = h.states.length;
    h.saver.edit(form('abc'));
    expect(h.states).toHaveLength(told);
    h.clock.advance(1000);
    expect(lastState(h)).toBe('saving');
    h.respond[1]({ reportId: 12, etag: '"2"' });
    await settle();
    expect(lastState(h)).toBe('saved');
    expect(h.calls[1].form.grid.staffingWorries).toBe('abc');
  });

  it('sends the ETag of the last confirmed save with the next one', async () => {
    const h = harness({ reportId: 12, etag: '"4"' });
    h.saver.edit(form('a'));
    h.clock.advance(1000);
    expect(h.calls[0].target).toEqual({ reportId: 12, etag: '"4"' });
    h.respond[0]({ reportId: 12, etag: '"5"' });
    await settle();
    h.saver.edit(form('ab'));
    h.clock.advance(1000);
    expect(h.calls[1].target).toEqual({ reportId: 12, etag: '"5"' });
  });

  it('does not mark newer text as saved when an older save finishes', async () => {
    const h = harness();
    h.saver.edit(form('first'));
    h.clock.advance(1000);
    h.saver.edit(form('first and more'));
    h.respond[0]({ reportId: 12, etag: '"1"' });
    await settle();
    // The newer text moved to the report's key and is still kept.
    expect(h.store.load('report-12')?.form.grid.staffingWorries).toBe('first and more');
    expect(h.store.load('rota-5')).toBeUndefined();
    expect(h.saver.dirty).toBe(true);
    h.clock.advance(0);
    expect(h.calls).toHaveLength(2);
    expect(h.calls[1].target).toEqual({ reportId: 12, etag: '"1"' });
    h.respond[1]({ reportId: 12, etag: '"2"' });
    await settle();
    expect(h.saver.dirty).toBe(false);
    expect(h.store.load('report-12')).toBeUndefined();
  });

  it('retries after a failure, keeping the text on the device meanwhile', async () => {
    const h = harness({ reportId: 3, etag: '"1"' });
    h.saver.edit(form('offline words'));
    h.clock.advance(1000);
    h.respond[0](new Error('Failed to fetch'));
    await settle();
    expect(h.states[h.states.length - 1]).toEqual({ kind: 'retrying', attempts: 1, deviceCopy: true });
    expect(h.store.load('report-3')?.form.grid.staffingWorries).toBe('offline words');
    h.clock.advance(1999);
    expect(h.calls).toHaveLength(1);
    h.clock.advance(1);
    expect(h.calls).toHaveLength(2);
    h.respond[1]({ reportId: 3, etag: '"2"' });
    await settle();
    expect(lastState(h)).toBe('saved');
    expect(h.store.load('report-3')).toBeUndefined();
  });

  it('stops on 412 and keeps the text until the person chooses', async () => {
    const h = harness({ reportId: 3, etag: '"1"' });
    h.saver.edit(form('mine'));
    h.clock.advance(1000);
    h.respond[0](conflictError());
    await settle();
    expect(lastState(h)).toBe('conflict');
    h.saver.edit(form('mine, still typing'));
    h.clock.advance(60000);
    expect(h.calls).toHaveLength(1);
    expect(h.store.load('report-3')?.form.grid.staffingWorries).toBe('mine, still typing');
    const kept = h.saver.keepMine('"7"');
    await settle();
    expect(h.calls[1].target).toEqual({ reportId: 3, etag: '"7"' });
    expect(h.calls[1].form.grid.staffingWorries).toBe('mine, still typing');
    h.respond[1]({ reportId: 3, etag: '"8"' });
    expect(await kept).toBe(true);
  });

  it('forgets the device copy only when told to use the list’s version', async () => {
    const h = harness({ reportId: 3, etag: '"1"' });
    h.saver.edit(form('mine'));
    h.clock.advance(1000);
    h.respond[0](conflictError());
    await settle();
    h.saver.discardMine({ reportId: 3, etag: '"7"' });
    expect(h.store.load('report-3')).toBeUndefined();
    expect(h.saver.currentTarget).toEqual({ reportId: 3, etag: '"7"' });
  });

  it('flush saves at once and reports whether the list has the latest text', async () => {
    const h = harness({ reportId: 3, etag: '"1"' });
    h.saver.edit(form('quick'));
    const flushed = h.saver.flush();
    await settle();
    expect(h.calls).toHaveLength(1);
    h.respond[0]({ reportId: 3, etag: '"2"' });
    expect(await flushed).toBe(true);
    h.saver.edit(form('quick again'));
    const failed = h.saver.flush();
    await settle();
    h.respond[1](new Error('503'));
    expect(await failed).toBe(false);
  });
});

describe('draft saver before a submission', () => {
  it('settle cancels the pending save and waits for the one under way, without saving again', async () => {
    const h = harness({ reportId: 3, etag: '"1"' });
    h.saver.edit(form('one'));
    h.clock.advance(1000);
    h.saver.edit(form('one two'));
    const settled = h.saver.settle();
    h.respond[0]({ reportId: 3, etag: '"2"' });
    await settled;
    h.clock.advance(60000);
    // The first save finished; the newer text was not sent: the submission will carry it.
    expect(h.calls).toHaveLength(1);
    expect(h.saver.currentTarget.etag).toBe('"2"');
  });
});

describe('draft saver when the list refuses', () => {
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('does not retry a refusal that would only repeat, keeps the text, and tries again on the next edit', async () => {
    const h = harness({ reportId: 3, etag: '"1"' });
    h.saver.edit(form('text'));
    h.clock.advance(1000);
    h.respond[0](Object.assign(new Error('Forbidden'), { status: 403 }));
    await settle();
    expect(h.states[h.states.length - 1]).toEqual({ kind: 'rejected', status: 403, deviceCopy: true });
    h.clock.advance(120000);
    expect(h.calls).toHaveLength(1);
    expect(h.store.load('report-3')?.form.grid.staffingWorries).toBe('text');
    h.saver.edit(form('text and more'));
    h.clock.advance(1000);
    expect(h.calls).toHaveLength(2);
  });
});
