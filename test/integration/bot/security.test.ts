/**
 * The bot's card actions against someone trying it on: forged identities, reports that are not
 * answerable, extra data on the action, replays, oversized answers, invokes from conversations
 * other than the improvement channel — and a local-mode bot that must not be reachable, or
 * started by mistake, where production belongs.
 */
import { networkInterfaces } from 'node:os';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { ConfigError, loadConfig } from '../../../src/bot/config';
import { RunningBot } from '../../../src/bot/server';
import { VISIT_REPORT_DRAFTS, VISIT_REPORTS } from '../../../src/data/listContract';
import { LIMITS } from '../../../src/domain/validation';
import { PERSONAS, spForApp, spForUser, withSandbox } from '../../helpers/sandbox';
import { CHANNEL_ID, cardActionInvoke, MemoryLogger, OBJECT_IDS, postActivity, reportItem, startTestBot, submitReport } from './botHarness';
import { FakeConnector } from './fakeConnector';

const F = VISIT_REPORTS.fields;
const SECRET_TEXT = 'Confidential remark about a named child';

describe('bot security: who may answer, and what an action can reach', () => {
  const fixture = withSandbox({ seed: 'demo' });
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

  async function reportWithCard(): Promise<{ id: number; activityId: string }> {
    const id = await submitReport(fixture.sandbox);
    await bot.sweep();
    return { id, activityId: connector.cardsFor(id)[0].activityId };
  }

  async function draftOfHale(): Promise<number> {
    const list = spForUser(fixture.sandbox.siteUrl, PERSONAS.hale).web.lists.getByTitle(VISIT_REPORT_DRAFTS.title);
    const added = await list.items.add({ [F.Title]: 'Unsubmitted', [F.StaffingWorries]: SECRET_TEXT });
    return added.Id;
  }

  function invoke(overrides: { [k: string]: unknown }, base: Parameters<typeof cardActionInvoke>[0]): { [k: string]: unknown } {
    return { ...cardActionInvoke(base), ...overrides };
  }

  it('shows nobody a draft through the card actions, whatever report id the action carries', async () => {
    const id = await draftOfHale();
    for (const [actor, verb, trigger] of [
      [OBJECT_IDS.hale.replace(/1$/, '2'), 'refreshCard', 'automatic'],
      [OBJECT_IDS.improvement, 'refreshCard', 'manual'],
      [OBJECT_IDS.headOfService, 'refreshCard', 'automatic'],
      [OBJECT_IDS.headOfService, 'submitFeedback', 'manual'],
    ] as const) {
      const response = await postActivity(
        bot,
        cardActionInvoke({ connectorUrl: connector.url, actorObjectId: actor, verb, data: { reportId: id, feedback: 'x' }, trigger }),
      );
      expect({ actor, verb, leaked: JSON.stringify(response.body).includes(SECRET_TEXT) }).toEqual({ actor, verb, leaked: false });
    }
    const draft = await spForApp(fixture.sandbox.siteUrl).web.lists.getByTitle(VISIT_REPORT_DRAFTS.title).items.getById(id)();
    expect(draft[F.StaffingWorries]).toBe(SECRET_TEXT);
  });

  it('answers card actions only from the improvement channel, not from another conversation', async () => {
    const { id } = await reportWithCard();
    const elsewhere = (actorObjectId: string, verb: string, data: { [k: string]: unknown }) =>
      postActivity(
        bot,
        invoke(
          {
            conversation: { id: '19:some-other-team@thread.tacv2;messageid=1', conversationType: 'channel', isGroup: true },
            channelData: { tenant: { id: 'tenant' }, channel: { id: '19:some-other-team@thread.tacv2' } },
          },
          { connectorUrl: connector.url, actorObjectId, verb, data, trigger: 'automatic' },
        ),
      );
    const peek = await elsewhere(OBJECT_IDS.hale, 'refreshCard', { reportId: id });
    expect(JSON.stringify(peek.body)).not.toContain('Two vacancies covered by agency staff');
    const answer = await elsewhere(OBJECT_IDS.headOfService, 'submitFeedback', { reportId: id, feedback: 'From the wrong place' });
    expect(JSON.stringify(answer.body)).not.toContain('From the wrong place');
    expect((await reportItem(fixture.sandbox, id)).fields[F.ReportStatus]).toBe('Submitted');

    // The same action from a reply thread of the channel itself is fine.
    const threaded = await postActivity(
      bot,
      invoke(
        { conversation: { id: `${CHANNEL_ID};messageid=1234`, conversationType: 'channel', isGroup: true } },
        { connectorUrl: connector.url, actorObjectId: OBJECT_IDS.headOfService, verb: 'refreshCard', data: { reportId: id }, trigger: 'automatic' },
      ),
    );
    expect(JSON.stringify(threaded.body.value)).toContain('"id":"feedback"');
  });

  it('goes by the Entra object id: a forged from.id with no or another aadObjectId is refused', async () => {
    const { id, activityId } = await reportWithCard();
    const hosTeamsId = `29:${OBJECT_IDS.headOfService}`;
    for (const aad of [undefined, '', OBJECT_IDS.hale]) {
      const activity = cardActionInvoke({
        connectorUrl: connector.url,
        actorObjectId: OBJECT_IDS.headOfService,
        actorId: hosTeamsId,
        verb: 'submitFeedback',
        data: { reportId: id, feedback: 'Forged' },
        replyToId: activityId,
      });
      activity.from = { id: hosTeamsId, name: 'Head of Service', ...(aad === undefined ? {} : { aadObjectId: aad }) };
      const response = await postActivity(bot, activity);
      expect(JSON.stringify(response.body)).toContain('Only the Head of Service for');
    }
    expect((await reportItem(fixture.sandbox, id)).fields[F.HosFeedback]).toBeUndefined();
  });

  it('writes only the answer: extra fields in the action data are ignored, an over-long answer and a replay store nothing', async () => {
    const { id, activityId } = await reportWithCard();
    const press = (data: { [k: string]: unknown }) =>
      postActivity(
        bot,
        cardActionInvoke({ connectorUrl: connector.url, actorObjectId: OBJECT_IDS.headOfService, verb: 'submitFeedback', data, replyToId: activityId }),
      );

    const tooLong = await press({ reportId: id, feedback: 'x'.repeat(LIMITS.feedback + 1) });
    expect(JSON.stringify(tooLong.body.value)).toContain('"id":"feedback"');
    expect((await reportItem(fixture.sandbox, id)).fields[F.HosFeedback]).toBeUndefined();

    await press({
      reportId: id,
      feedback: 'The real answer.',
      ReportStatus: 'Draft',
      HosFeedbackByLookupId: '1',
      CardActivityId: 'hijacked',
      reportIdOverride: 1,
    });
    const stored = await reportItem(fixture.sandbox, id);
    expect([stored.fields[F.ReportStatus], stored.fields[F.HosFeedback], stored.fields[F.CardActivityId]]).toEqual([
      'Responded',
      'The real answer.',
      activityId,
    ]);

    const replay = await press({ reportId: id, feedback: 'Replayed and changed.' });
    expect(JSON.stringify(replay.body)).not.toContain('Replayed and changed.');
    // The same person pressing again is told their own answer stands, not that someone beat them.
    expect(JSON.stringify(replay.body)).toContain('You have already responded');
    expect(JSON.stringify(replay.body)).not.toContain('Another Head of Service');
    const after = await reportItem(fixture.sandbox, id);
    expect([after.eTag, after.fields[F.HosFeedback]]).toEqual([stored.eTag, 'The real answer.']);
  });

  it("answers an action only from the report's own card: one naming another report is refused and no card is replaced", async () => {
    const first = await reportWithCard();
    const second = await reportWithCard();
    const updatesBefore = connector.updates.length;
    for (const verb of ['submitFeedback', 'refreshCard']) {
      const response = await postActivity(
        bot,
        cardActionInvoke({
          connectorUrl: connector.url,
          actorObjectId: OBJECT_IDS.headOfService,
          verb,
          data: { reportId: second.id, feedback: 'Aimed at the wrong card' },
          replyToId: first.activityId,
        }),
      );
      expect(JSON.stringify(response.body)).toContain('This card does not belong to that report');
    }
    expect(connector.updates.length).toBe(updatesBefore);
    expect((await reportItem(fixture.sandbox, second.id)).fields[F.HosFeedback]).toBeUndefined();
    // From its own card, the same answer is taken.
    const own = await postActivity(
      bot,
      cardActionInvoke({
        connectorUrl: connector.url,
        actorObjectId: OBJECT_IDS.headOfService,
        verb: 'submitFeedback',
        data: { reportId: second.id, feedback: 'From the right card' },
        replyToId: second.activityId,
      }),
    );
    expect(own.status).toBe(200);
    expect((await reportItem(fixture.sandbox, second.id)).fields[F.HosFeedback]).toBe('From the right card');
    expect(connector.updates.filter((u) => u.activityId === first.activityId)).toEqual([]);
  });

  it('refuses report ids that are not whole numbers of an existing report', async () => {
    for (const reportId of ['1 or 1=1', '2/../3', 1.5, -1, 'fields/ReportStatus', 999999]) {
      const response = await postActivity(
        bot,
        cardActionInvoke({ connectorUrl: connector.url, actorObjectId: OBJECT_IDS.headOfService, verb: 'submitFeedback', data: { reportId, feedback: 'x' } }),
      );
      expect(response.body.type === 'application/vnd.microsoft.error' || response.body.type === 'application/vnd.microsoft.activity.message').toBe(true);
    }
  });

  it('listens only on the loopback interface in local mode, where it checks no Entra token', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((n): n is NonNullable<typeof n> => !!n && n.family === 'IPv4' && !n.internal)[0];
    expect(external).toBeDefined();
    const port = new URL(bot.url).port;
    const local = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(local.status).toBe(200);
    const reached = await fetch(`http://${(external as { address: string }).address}:${port}/healthz`, { signal: AbortSignal.timeout(3000) }).then(
      () => true,
      () => false,
    );
    expect(reached).toBe(false);
  });
});

describe('bot configuration: local mode (no Entra token check) never by mistake', () => {
  const production = {
    BOT_APP_ID: '11111111-1111-4111-8111-111111111111',
    BOT_TENANT_ID: '22222222-2222-4222-8222-222222222222',
    BOT_APP_SECRET: 'secret',
  };

  it('refuses to start in local mode when production credentials are configured (BOT_MODE forgotten or mistyped case)', () => {
    for (const env of [
      { ...production },
      { ...production, BOT_MODE: 'local' },
      { BOT_CERT_FILE: '/etc/bot.pem' },
      { BOT_TENANT_ID: production.BOT_TENANT_ID },
    ]) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(/Set BOT_MODE=production/);
    }
  });

  it('refuses local mode pointed at anything but this machine', () => {
    for (const env of [
      { GRAPH_BASE_URL: 'https://graph.microsoft.com' },
      { SHAREPOINT_SITE_URL: 'https://northshire.sharepoint.com/sites/frontline-visits' },
      { BOT_SERVICE_URL: 'https://smba.trafficmanager.net/uk/' },
      { SANDBOX_URL: 'http://192.0.2.10:4321' },
    ]) {
      expect(() => loadConfig(env)).toThrow(/only talks to this machine/);
    }
    expect(loadConfig({ SANDBOX_URL: 'http://127.0.0.1:4321', BOT_SERVICE_URL: 'http://[::1]:56150/_connector' }).mode).toBe('local');
  });
});
