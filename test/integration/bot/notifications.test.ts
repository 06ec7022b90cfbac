/**
 * People are told: activity feed notifications through the sandbox's Graph endpoint, checked
 * through its notification log — once each, to every member, also across a bot restart — and the
 * Head of Service's @mention on a new card.
 */
import '@pnp/sp/site-users/web';
import { RunningBot } from '../../../src/bot/server';
import { NOTIFICATIONS_SENT, VISIT_REPORTS, VISIT_ROTA } from '../../../src/data/listContract';
import { formToItemFields } from '../../../src/data/mappers';
import { addDays, formatShortDate, londonMidnightUtc, londonToday } from '../../../src/domain/calendarDate';
import { emptyGrid } from '../../../src/domain/grid';
import { PERSONAS, spForApp, spForUser, withSandbox } from '../../helpers/sandbox';
import { cardActionInvoke, firstTeam, MemoryLogger, OBJECT_IDS, patchReportFields, postActivity, startTestBot } from './botHarness';
import { FakeConnector } from './fakeConnector';
import { buildForm } from '../../helpers/reportFixtures';

const F = VISIT_REPORTS.fields;
const OSEI = '0b6f3c1e-0000-4000-8000-000000000002';

interface LoggedNotification {
  seq: number;
  recipientObjectId: string;
  body: {
    activityType: string;
    text: string;
    previewText: string;
    topic: { source: string; value: string; webUrl: string };
    templateParameters: Array<{ name: string; value: string }>;
  };
}

describe('bot: people are told', () => {
  const fixture = withSandbox({ seed: 'demo' });
  let connector: FakeConnector;
  let bot: RunningBot;
  let logger: MemoryLogger;

  beforeEach(async () => {
    connector = await new FakeConnector().start();
    logger = new MemoryLogger();
    bot = await startTestBot(fixture.sandbox, connector, logger);
  });

  afterEach(async () => {
    await bot.close();
    await connector.close();
  });

  async function log(email?: string): Promise<LoggedNotification[]> {
    const response = await fetch(`${fixture.sandbox.url}/_sandbox/notifications${email ? `?user=${encodeURIComponent(email)}` : ''}`);
    expect(response.status).toBe(200);
    return (await response.json()) as LoggedNotification[];
  }

  async function siteUserId(email: string): Promise<number> {
    return (await spForApp(fixture.sandbox.siteUrl).web.siteUsers.getByEmail(email)()).Id;
  }

  /** Hale submits a report naming Osei too; returns its id once its card is posted. */
  async function sharedVisitReport(visitDate = londonToday()): Promise<number> {
    const sp = spForUser(fixture.sandbox.siteUrl, PERSONAS.hale);
    const team = await firstTeam(fixture.sandbox);
    const members = [
      { id: await siteUserId(PERSONAS.hale), displayName: 'Cllr Hale', email: PERSONAS.hale },
      { id: await siteUserId(PERSONAS.osei), displayName: 'Cllr Osei', email: PERSONAS.osei },
    ];
    const list = sp.web.lists.getByTitle(VISIT_REPORTS.title);
    const added = (await list.items.add({
      ...formToItemFields(
        buildForm({
          title: 'Shared visit',
          teamId: team.id,
          visitDate,
          members,
          staffInvolved: 'Team manager',
          grid: { ...emptyGrid(), staffingWorries: 'Vacancies.' },
          safetyScale: 6,
        }),
      ),
      // Submitting adds the report in one write, as the web part does.
      [F.ReportStatus]: 'Submitted',
      [F.SubmittedOn]: new Date().toISOString(),
    })) as { Id?: number; data?: { Id: number } };
    const id = added.Id || (added.data as { Id: number }).Id;
    await bot.sweep();
    return id;
  }

  function answer(id: number, text: string) {
    const card = connector.cardsFor(id)[0];
    return postActivity(
      bot,
      cardActionInvoke({
        connectorUrl: connector.url,
        actorObjectId: OBJECT_IDS.headOfService,
        verb: 'submitFeedback',
        data: { reportId: id, feedback: text },
        replyToId: card.activityId,
      }),
    );
  }

  const about = (id: number) => (n: LoggedNotification) => n.body.topic.webUrl.indexOf(encodeURIComponent(`"report-${id}"`)) !== -1;

  it('tells each councillor on the visit once when the answer is stored, with a link that opens the report', async () => {
    const id = await sharedVisitReport();
    const response = await answer(id, 'We are recruiting.');
    expect(response.body.statusCode).toBe(200);
    await bot.actions.notifying;

    for (const [email, oid] of [
      [PERSONAS.hale, OBJECT_IDS.hale],
      [PERSONAS.osei, OSEI],
    ]) {
      const mine = (await log(email)).filter(about(id));
      expect(mine).toHaveLength(1);
      expect(mine[0].recipientObjectId).toBe(oid);
      expect(mine[0].body.activityType).toBe('reportAnswered');
      expect(mine[0].body.text).toMatch(/^Frontline Visits: the Head of Service answered your report on the visit to /);
      expect(mine[0].body.topic.source).toBe('text');
      expect(mine[0].body.topic.webUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/entity\//);
      // The preview never carries what anyone wrote: it shows on phone lock screens.
      expect(mine[0].body.previewText).not.toContain('recruiting');
    }
    // Nobody else was told about it.
    expect(
      (await log())
        .filter(about(id))
        .map((n) => n.recipientObjectId)
        .sort(),
    ).toEqual([OBJECT_IDS.hale, OSEI].sort());

    // A sweep, and a sweep after a restart, tell no one again.
    const again = await bot.notify();
    expect(again.sent.filter((k) => k.indexOf(`report-${id}:`) !== -1)).toEqual([]);
    await bot.close();
    bot = await startTestBot(fixture.sandbox, connector, logger);
    await bot.notify();
    expect((await log()).filter(about(id))).toHaveLength(2);
  });

  it('sends an answer notification a crash left unsent, once, on the next sweep', async () => {
    const id = await sharedVisitReport();
    // The answer is stored, and the bot stops before telling anyone.
    await patchReportFields(fixture.sandbox, id, {
      [F.HosFeedback]: 'Stored before a crash.',
      [`${F.HosFeedbackBy}LookupId`]: String(await siteUserId(PERSONAS.headOfService)),
      [F.HosFeedbackOn]: new Date().toISOString(),
      [F.ReportStatus]: 'Responded',
    });
    expect((await log()).filter(about(id))).toHaveLength(0);
    await bot.close();
    bot = await startTestBot(fixture.sandbox, connector, logger);
    const first = await bot.notify();
    expect(first.failed).toEqual([]);
    expect(
      (await log())
        .filter(about(id))
        .map((n) => n.recipientObjectId)
        .sort(),
    ).toEqual([OBJECT_IDS.hale, OSEI].sort());
    await bot.notify();
    expect((await log()).filter(about(id))).toHaveLength(2);
  });

  it('reminds councillors 7 days before a report is due and when it is overdue, and Heads of Service of responses, each once', async () => {
    const today = londonToday();
    const team = await firstTeam(fixture.sandbox);
    const hale = await siteUserId(PERSONAS.hale);
    const osei = await siteUserId(PERSONAS.osei);
    const [dueSoon, overdue] = fixture.sandbox.bulkAddItems(VISIT_ROTA.title, [
      {
        Title: 'Due soon',
        [VISIT_ROTA.fields.VisitDate]: londonMidnightUtc(addDays(today, -23)),
        [VISIT_ROTA.fields.Team]: team.id,
        [VISIT_ROTA.fields.Members]: [hale, osei],
        [VISIT_ROTA.fields.MunicipalYear]: '2026/27',
        [VISIT_ROTA.fields.RotaStatus]: 'Held',
      },
      {
        Title: 'Overdue',
        [VISIT_ROTA.fields.VisitDate]: londonMidnightUtc(addDays(today, -31)),
        [VISIT_ROTA.fields.Team]: team.id,
        [VISIT_ROTA.fields.Members]: [hale],
        [VISIT_ROTA.fields.MunicipalYear]: '2026/27',
        [VISIT_ROTA.fields.RotaStatus]: 'Held',
      },
    ]);
    // A report submitted 23 days ago: its response is due in 5 days.
    const submitted = await sharedVisitReport(addDays(today, -24));
    await patchReportFields(fixture.sandbox, submitted, { [F.SubmittedOn]: new Date(Date.now() - 23 * 86400000).toISOString() });

    const result = await bot.notify(today);
    expect(result.failed).toEqual([]);
    const all = await log();
    const due = (n: LoggedNotification) => (n.body.templateParameters.filter((p) => p.name === 'due')[0] || { value: '' }).value;
    const dueText = (visitDaysAgo: number) => formatShortDate(addDays(today, 28 - visitDaysAgo));
    const dueSoonOnes = all.filter((n) => n.body.activityType === 'reportDueSoon' && due(n) === dueText(23));
    expect(dueSoonOnes.map((n) => n.recipientObjectId).sort()).toEqual([OBJECT_IDS.hale, OSEI].sort());
    expect(dueSoonOnes[0].body.text).toBe(`Frontline Visits: your report on the visit to ${team.title} is due by ${dueText(23)}`);
    const overdueOnes = all.filter((n) => n.body.activityType === 'reportOverdue' && due(n) === dueText(31));
    expect(overdueOnes.map((n) => n.recipientObjectId)).toEqual([OBJECT_IDS.hale]);
    expect([dueSoon.id, overdue.id].every((rotaId) => rotaId > 0)).toBe(true);
    const hosOnes = all.filter((n) => n.body.activityType === 'responseDueSoon' && about(submitted)(n));
    expect(hosOnes.map((n) => n.recipientObjectId)).toEqual([OBJECT_IDS.headOfService]);

    // No one is told the same thing twice: not by a second sweep, not after a restart.
    const count = all.length;
    await bot.notify(today);
    await bot.close();
    bot = await startTestBot(fixture.sandbox, connector, logger);
    await bot.notify(today);
    const after = await log();
    expect(after).toHaveLength(count);
    const seen = new Set<string>();
    for (const n of after) {
      const key = `${n.recipientObjectId}|${n.body.activityType}|${n.body.topic.webUrl}|${JSON.stringify(n.body.templateParameters)}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });

  it('records what it sent where the data lives, readable by the improvement team and by no councillor', async () => {
    await bot.notify();
    const improvement = await spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement).web.lists.getByTitle(NOTIFICATIONS_SENT.title).items.top(500)();
    expect(improvement.length).toBeGreaterThan(0);
    expect(improvement.every((i: { SendState: string }) => i.SendState === 'Sent')).toBe(true);
    const councillor = await spForUser(fixture.sandbox.siteUrl, PERSONAS.hale).web.lists.getByTitle(NOTIFICATIONS_SENT.title).items.top(500)();
    expect(councillor).toEqual([]);
  });

  it('@mentions the Head of Service on each new card', async () => {
    const id = await sharedVisitReport();
    const card = connector.cardsFor(id)[0].activity.attachments![0].content as {
      msteams?: { entities: Array<{ type: string; text: string; mentioned: { id: string; name: string } }> };
    };
    expect(card.msteams!.entities).toEqual([
      { type: 'mention', text: expect.stringMatching(/^<at>.+<\/at>$/), mentioned: { id: OBJECT_IDS.headOfService, name: expect.any(String) } },
    ]);
    const text = JSON.stringify(card);
    expect(text).toContain(card.msteams!.entities[0].text);
  });
});
