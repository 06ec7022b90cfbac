/**
 * A lock that fails never stops a card, and is retried with backoff: per report, doubling from a
 * minute to an hour with jitter; one pending lock tried every sweep whatever its backoff, and all
 * of them as soon as one goes through.
 */
import { CardFactory } from '../../../src/bot/cardFactory';
import { Channel } from '../../../src/bot/channel';
import { FrontlineLists, LockResult, SharePointRestError } from '../../../src/bot/lists';
import { CardPublisher, LOCK_RETRY_FIRST_MS, LOCK_RETRY_MAX_MS, NOT_LOCKED_NOTICE, PublisherLog } from '../../../src/bot/publisher';
import { BotReport } from '../../../src/bot/cardFactory';
import { VISIT_REPORTS } from '../../../src/data/listContract';
import { buildReport, gridWith } from '../../helpers/reportFixtures';

const F = VISIT_REPORTS.fields;

/** Reports in memory as Graph would hand them over, ETags included. */
function fakeLists(ids: number[]): { lists: FrontlineLists; reports: Map<number, BotReport> } {
  const reports = new Map<number, BotReport>();
  for (const id of ids) {
    reports.set(id, {
      ...buildReport(),
      id,
      title: `Report ${id}`,
      teamId: 1,
      visitDate: '2026-06-01',
      members: [],
      staffInvolved: 'Team manager',
      grid: gridWith({ staffingWorries: 'Vacancies' }),
      safetyScale: 6,
      status: 'Submitted',
      submittedOn: '2026-06-02T09:00:00Z',
      modified: '2026-06-02T09:00:00Z',
      etag: `"${id},1"`,
    } as BotReport);
  }
  const lists = {
    // The server's check of each report's claims: a councillors' group and the team it names.
    spRest: async () => ({ value: [] }),
    team: async (id: number) => ({ id, title: 'Child in Need Team', isActive: true }),
    reportsWithStatus: async () =>
      Array.from(reports.values())
        .filter((r) => r.status === 'Submitted')
        .map((r) => ({ ...r })),
    report: async (id: number) => (reports.has(id) ? { ...(reports.get(id) as BotReport) } : undefined),
    patchReport: async (id: number, fields: { [k: string]: unknown }, etag: string) => {
      const current = reports.get(id) as BotReport;
      if (current.etag !== etag) {
        return { ok: false, reason: 'conflict' };
      }
      const version = Number(/,(\d+)"/.exec(etag)![1]) + 1;
      const next = { ...current, etag: `"${id},${version}"` };
      if (F.CardConversationId in fields) {
        next.cardConversationId = (fields[F.CardConversationId] as string) || undefined;
      }
      if (F.CardActivityId in fields) {
        next.cardActivityId = (fields[F.CardActivityId] as string) || undefined;
      }
      reports.set(id, next);
      return { ok: true, etag: next.etag };
    },
  } as unknown as FrontlineLists;
  return { lists, reports };
}

class FakeLocks {
  granted = false;
  readonly locked = new Set<number>();
  readonly attempts: number[] = [];
  constructor(private readonly all: () => number[]) {}
  async lock(id: number): Promise<LockResult> {
    this.attempts.push(id);
    if (!this.granted) {
      throw new SharePointRestError(
        'POST',
        `/_api/web/lists('x')/items(${id})/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`,
        403,
        '{"odata.error":{}}',
      );
    }
    const newly = !this.locked.has(id);
    this.locked.add(id);
    return { newlyLocked: newly, authorId: 7, lastEditorIsApp: true };
  }
  async unlock(): Promise<void> {
    // not reached: no report goes back to draft here
  }
  async unlockedReportIds(): Promise<number[]> {
    return this.all().filter((id) => !this.locked.has(id));
  }
}

function setUp(ids: number[]) {
  const { lists, reports } = fakeLists(ids);
  const locks = new FakeLocks(() => Array.from(reports.keys()));
  const posted: Array<{ reportId: number; notice?: string }> = [];
  const updated: Array<{ activityId: string; notice?: string }> = [];
  let seq = 0;
  const channel = {
    postCard: async (card: { reportId: number; notice?: string }) => {
      posted.push(card);
      return { conversationId: 'channel', activityId: `card-${++seq}` };
    },
    updateCard: async (_c: string, activityId: string, card: { notice?: string }) => {
      updated.push({ activityId, notice: card.notice });
    },
    members: async () => [],
  } as unknown as Channel;
  const cards = {
    complete: async (r: BotReport) => r,
    sharedCard: async (r: BotReport, notice?: string) => ({ reportId: r.id, notice }),
  } as unknown as CardFactory;
  const warnings: string[] = [];
  const log: PublisherLog = { info: () => undefined, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
  let clock = Date.parse('2026-06-02T10:00:00Z');
  const publisher = new CardPublisher(
    lists,
    channel,
    cards,
    log,
    60000,
    () => clock,
    locks,
    { siteUrl: 'https://northshire.sharepoint.com/sites/frontline-visits', appId: 'bot-app' },
    () => 0.5,
  );
  return { publisher, locks, posted, updated, warnings, advance: (ms: number) => (clock += ms), now: () => clock };
}

describe('the lock on pickup, when it fails', () => {
  it('posts each card once, flagged, and backs off per report: 1, 2, 4 … minutes, capped at an hour', async () => {
    const t = setUp([1]);
    await t.publisher.sweep();
    expect(t.posted).toEqual([{ reportId: 1, notice: NOT_LOCKED_NOTICE }]);
    expect(t.warnings.filter((w) => w.startsWith('Report 1 is not locked'))[0]).toMatch(
      /^Report 1 is not locked: its author can still change it\. Missing: the SharePoint Sites\.Selected role fullcontrol\./,
    );
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      const before = t.publisher.pendingLocks()[0];
      waits.push(before.nextAt - t.now());
      t.advance(before.nextAt - t.now());
      await t.publisher.sweep();
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60].map((m) => Math.min(LOCK_RETRY_MAX_MS, m * LOCK_RETRY_FIRST_MS)));
    expect(t.posted).toHaveLength(1);
    expect(t.publisher.pendingLocks()[0]).toMatchObject({ reportId: 1, attempts: 10, cardFlagged: true, activityId: 'card-1' });
  });

  it('tries one pending lock each sweep inside the backoff, and every one as soon as one goes through', async () => {
    const t = setUp([1, 2, 3]);
    await t.publisher.sweep();
    expect(t.posted.map((p) => p.reportId)).toEqual([1, 2, 3]);
    expect(t.locks.attempts).toEqual([1, 2, 3]);

    await t.publisher.sweep();
    await t.publisher.sweep();
    // Two sweeps a few ms apart: one lock attempt each, not three.
    expect(t.locks.attempts).toHaveLength(5);
    expect(t.posted).toHaveLength(3);

    t.locks.granted = true;
    const result = await t.publisher.sweep();
    expect(t.locks.locked).toEqual(new Set([1, 2, 3]));
    expect(t.publisher.pendingLocks()).toEqual([]);
    expect(result.posted).toEqual([]);
    expect(t.posted).toHaveLength(3);
    // Each card is refreshed without the line.
    expect(t.updated.map((u) => u.activityId).sort()).toEqual(['card-1', 'card-2', 'card-3']);
    expect(t.updated.every((u) => u.notice === undefined)).toBe(true);
  });
});
