/**
 * Chasing from the visits overview: the improvement team records a chase request (once a visit a
 * day, refused the second time where the data lives), the bot sends it as an activity feed
 * notification to the people who owe the form or the response, once, and marks it sent; the
 * overview then says who chased and when. Councillors can neither chase nor see the requests.
 */
import { RunningBot } from '../../../src/bot/server';
import { CHASE_REQUESTS } from '../../../src/data/listContract';
import { AlreadyChasedError, VisitsOverviewService } from '../../../src/data/VisitsOverviewService';
import { londonToday } from '../../../src/domain/calendarDate';
import { chaseTarget } from '../../../src/domain/chase';
import { municipalYearOf, municipalYearRange } from '../../../src/domain/municipalYear';
import { buildVisitsOverview } from '../../../src/domain/visitsOverview';
import { buildOverviewView } from '../../../src/features/overview/overviewModel';
import { failureOf, PERSONAS, spForUser, withSandbox } from '../../helpers/sandbox';
import { MemoryLogger, OBJECT_IDS, startTestBot } from './botHarness';
import { FakeConnector } from './fakeConnector';

const OSEI = '0b6f3c1e-0000-4000-8000-000000000002';

interface LoggedNotification {
  recipientObjectId: string;
  body: { activityType: string; previewText: string };
}

describe('bot: chases the improvement team asks for', () => {
  const fixture = withSandbox({ seed: 'demo' });
  const today = londonToday();
  const period = municipalYearRange(municipalYearOf(today));
  let connector: FakeConnector;
  let bot: RunningBot;

  beforeEach(async () => {
    connector = await new FakeConnector().start();
    bot = await startTestBot(fixture.sandbox, connector, new MemoryLogger());
  });

  afterEach(async () => {
    await bot.close();
    await connector.close();
  });

  async function chaseNotifications(): Promise<LoggedNotification[]> {
    const response = await fetch(`${fixture.sandbox.url}/_sandbox/notifications`);
    return ((await response.json()) as LoggedNotification[]).filter((n) => /asks for your/.test(n.body.previewText));
  }

  it('sends a chased form reminder to each councillor on the visit once, refuses a second chase that day and says so on the row', async () => {
    const service = new VisitsOverviewService(spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement));
    const data = await service.getOverview(period, today);
    // The demo's overdue form: Cllr Osei's visit with a fellow councillor.
    const row = buildVisitsOverview(data.rota, data.reports, today, period).find(
      (r) => r.status.state === 'formOverdue' && r.rotaEntry && r.members.some((m) => m.displayName === 'Cllr Osei'),
    );
    expect(row).toBeDefined();
    const target = chaseTarget({ status: row!.status, rotaEntryId: row!.rotaEntry!.id, report: row!.report })!;
    expect(target.audience).toBe('Councillors');

    const record = await service.requestChase({ ...target, visitDate: row!.visitDate, label: 'test' }, today);
    expect(record.state).toBe('Requested');
    // A second chase the same day, by anyone, is refused by the list's unique key.
    const again = await service.requestChase({ ...target, visitDate: row!.visitDate, label: 'test' }, today).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(AlreadyChasedError);
    expect((again as AlreadyChasedError).existing && (again as AlreadyChasedError).existing!.key).toBe(record.key);

    const sent = await bot.sendChases(today);
    expect(sent).toEqual({ sent: 1, nothingToChase: 0, failed: 0 });
    const told = await chaseNotifications();
    expect(told.every((n) => n.body.activityType === 'reportOverdue')).toBe(true);
    expect(told.map((n) => n.recipientObjectId)).toContain(OSEI);
    expect(new Set(told.map((n) => n.recipientObjectId)).size).toBe(told.length);
    expect(told.length).toBe(row!.members.length);

    // Sent once: another sweep tells no one again (the request is marked Sent, the ledger holds each key).
    expect(await bot.sendChases(today)).toEqual({ sent: 0, nothingToChase: 0, failed: 0 });
    expect(await chaseNotifications()).toHaveLength(told.length);

    // The row says who chased and when, and offers no second chase today.
    const after = await service.getOverview(period, today);
    const view = buildOverviewView(after, {}, today).rows.find((r) => r.row.key === row!.key)!;
    expect(view.chaseText).toMatch(/^Reminded today by Children’s Improvement Team/);
    expect(view.chase && view.chase.allowed).toBe(false);
  });

  it('sends a chased response reminder to the Head of Service who owes it, once', async () => {
    const service = new VisitsOverviewService(spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement));
    const data = await service.getOverview(period, today);
    const row = buildVisitsOverview(data.rota, data.reports, today, period).find((r) => r.status.state === 'responseOverdue');
    expect(row).toBeDefined();
    const target = chaseTarget({ status: row!.status, rotaEntryId: row!.rotaEntry && row!.rotaEntry.id, report: row!.report })!;
    expect(target).toEqual({ subject: { kind: 'report', id: row!.report!.id }, audience: 'HeadOfService' });
    const before = (await chaseNotifications()).length;
    await service.requestChase({ ...target, visitDate: row!.visitDate, label: 'test' }, today);
    expect(await bot.sendChases(today)).toEqual({ sent: 1, nothingToChase: 0, failed: 0 });
    const told = (await chaseNotifications()).slice(before);
    expect(told.map((n) => [n.recipientObjectId, n.body.activityType])).toEqual([[OBJECT_IDS.headOfService, 'responseOverdue']]);
  });

  it('lets no councillor chase or read the requests, and no one but the bot mark one sent', async () => {
    const councillor = spForUser(fixture.sandbox.siteUrl, PERSONAS.hale).web.lists.getByTitle(CHASE_REQUESTS.title);
    expect(await councillor.items.top(100)()).toEqual([]);
    const refused = await failureOf(
      councillor.items.add({
        Title: 'x',
        ChaseKey: 'chase:rota-1:Councillors:2000-01-01',
        ChaseAudience: 'Councillors',
        ChaseDay: '2000-01-01T12:00:00Z',
        ChaseState: 'Requested',
      }),
    );
    expect(refused.status).toBe(403);
    const improvement = spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement).web.lists.getByTitle(CHASE_REQUESTS.title);
    const faked = await failureOf(
      improvement.items.add({
        Title: 'x',
        ChaseKey: 'chase:rota-1:Councillors:2000-01-02',
        ChaseAudience: 'Councillors',
        ChaseDay: '2000-01-02T12:00:00Z',
        ChaseState: 'Sent',
      }),
    );
    expect(faked.status).toBe(403);
    const mine = await improvement.items.add({
      Title: 'x',
      ChaseKey: 'chase:rota-1:Councillors:2000-01-03',
      ChaseAudience: 'Councillors',
      ChaseDay: '2000-01-03T12:00:00Z',
      ChaseState: 'Requested',
    });
    const edited = await failureOf(improvement.items.getById(mine.Id).update({ ChaseState: 'Sent' }));
    expect(edited.status).toBe(403);
    const deleted = await failureOf(improvement.items.getById(mine.Id).delete());
    expect(deleted.status).toBe(403);
  });
});
