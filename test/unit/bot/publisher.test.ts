import { CardPublisher, PublisherLog } from '../../../src/bot/publisher';
import { FrontlineLists } from '../../../src/bot/lists';
import { Channel } from '../../../src/bot/channel';
import { CardFactory } from '../../../src/bot/cardFactory';

const silent: PublisherLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
/** No report is waiting for its lock: these tests are about scheduling the sweep. */
const noLocks = {
  lock: async () => ({ newlyLocked: false, authorId: 0, lastEditorIsApp: true }),
  unlock: async () => undefined,
  unlockedReportIds: async () => [],
};

/** Lists whose Submitted query takes a while and counts how often it runs. */
function slowLists(): { lists: FrontlineLists; queries: () => number; release: () => void } {
  let count = 0;
  let releases: Array<() => void> = [];
  const lists = {
    reportsWithStatus: (status: string) => {
      if (status !== 'Submitted') {
        // The catch-up's read of answered reports: not what these tests count.
        return Promise.resolve([]);
      }
      count++;
      return new Promise((resolve) => releases.push(() => resolve([])));
    },
  } as unknown as FrontlineLists;
  return {
    lists,
    queries: () => count,
    release: () => {
      const waiting = releases;
      releases = [];
      waiting.forEach((r) => r());
    },
  };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('reconcile sweep scheduling', () => {
  it('runs one sweep at a time and folds the calls made meanwhile into exactly one more', async () => {
    const { lists, queries, release } = slowLists();
    const publisher = new CardPublisher(lists, {} as Channel, {} as CardFactory, silent, 60000, Date.now, noLocks);
    const first = publisher.sweep();
    const during = [publisher.sweep(), publisher.sweep(), publisher.sweep()];
    await tick();
    expect(queries()).toBe(1);
    release();
    await first;
    await tick();
    // The three calls made during the first sweep share one second sweep, started after it.
    expect(queries()).toBe(2);
    release();
    await Promise.all(during);
    expect(queries()).toBe(2);
    // A call after everything settled starts afresh.
    const later = publisher.sweep();
    await tick();
    expect(queries()).toBe(3);
    release();
    await later;
  });

  it('still runs the queued sweep when the running one fails', async () => {
    let calls = 0;
    const lists = {
      reportsWithStatus: async (status: string) => {
        if (status !== 'Submitted') {
          return [];
        }
        calls++;
        if (calls === 1) {
          throw new Error('Graph is down');
        }
        return [];
      },
    } as unknown as FrontlineLists;
    const publisher = new CardPublisher(lists, {} as Channel, {} as CardFactory, silent, 60000, Date.now, noLocks);
    const first = publisher.sweep();
    const queued = publisher.sweep();
    await expect(first).rejects.toThrow('Graph is down');
    await expect(queued).resolves.toEqual({ pending: 0, posted: [], skipped: [], failed: [], refreshed: [] });
    expect(calls).toBe(2);
  });
});
