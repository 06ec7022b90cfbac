/**
 * Learning of submissions: webhook + reconcile sweep, exactly one card per submitted report.
 * Against the sandbox, through the bot's real HTTP endpoints, with a fake Bot Connector.
 */
import { RunningBot } from '../../../src/bot/server';
import { formatClaim } from '../../../src/bot/publisher';
import { unescapeCardText } from '../../../src/cards';
import { VISIT_REPORTS } from '../../../src/data/listContract';
import { withSandbox } from '../../helpers/sandbox';
import { CHANNEL_ID, cardTexts, MemoryLogger, patchReportFields, reportItem, startTestBot, submitReport } from './botHarness';
import { cardReportId, FakeConnector } from './fakeConnector';

const F = VISIT_REPORTS.fields;

describe('bot: a card for each submitted report', () => {
  const fixture = withSandbox({ seed: 'demo' });
  let connector: FakeConnector;
  let bot: RunningBot | undefined;
  let logger: MemoryLogger;

  beforeEach(async () => {
    connector = await new FakeConnector().start();
    logger = new MemoryLogger();
    bot = await startTestBot(fixture.sandbox, connector, logger);
    // The demo data has submitted reports without cards: post theirs first.
    await bot.sweep();
  });

  afterEach(async () => {
    if (bot) {
      // A subscription left behind would notify whichever later bot gets the same port.
      await bot.webhook.remove();
      await bot.close();
    }
    await connector.close();
  });

  /** Every report has at most one card, and the item records the one it has. */
  async function expectExactlyOneCard(reportId: number): Promise<void> {
    const cards = connector.cardsFor(reportId);
    expect(cards).toHaveLength(1);
    const item = await reportItem(fixture.sandbox, reportId);
    expect(item.fields[F.CardConversationId]).toBe(CHANNEL_ID);
    expect(item.fields[F.CardActivityId]).toBe(cards[0].activityId);
  }

  function expectNoReportPostedTwice(): void {
    const ids = connector.posted.map(cardReportId).filter((id) => id !== undefined);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  }

  it('posts the card within seconds of submission through the webhook', async () => {
    await bot!.ensureWebhook();
    const id = await submitReport(fixture.sandbox);
    await connector.waitFor(() => connector.cardsFor(id).length > 0, 10000);
    // Let any further notifications and sweeps finish, then check nothing more came.
    await bot!.sweep();
    await expectExactlyOneCard(id);
    const card = connector.cardsFor(id)[0].activity.attachments![0].content;
    expect(JSON.stringify(card)).toContain("Awaiting the Head of Service's response");
    expect((card.refresh as { userIds: string[] }).userIds).toContain('8:orgid:0b6f3c1e-0000-4000-8000-000000000020');
  });

  it('posts one card despite duplicate and out-of-order notifications', async () => {
    const subscription = await bot!.webhook.ensure();
    const id = await submitReport(fixture.sandbox);
    const notification = {
      value: [
        { subscriptionId: subscription.id, clientState: bot!.config.webhookClientState, resource: 'x', expirationDateTime: subscription.expirationDateTime },
      ],
    };
    const stale = { value: [{ ...notification.value[0], expirationDateTime: '2020-01-01T00:00:00Z' }] };
    const sends = [notification, notification, stale, notification, stale].map((body) =>
      fetch(`${bot!.url}/api/webhooks`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    );
    const statuses = (await Promise.all(sends)).map((r) => r.status);
    expect(statuses).toEqual([202, 202, 202, 202, 202]);
    await connector.waitFor(() => connector.cardsFor(id).length > 0);
    await bot!.sweep();
    await expectExactlyOneCard(id);
    expectNoReportPostedTwice();
  });

  it('ignores notifications with the wrong client state', async () => {
    const id = await submitReport(fixture.sandbox);
    const response = await fetch(`${bot!.url}/api/webhooks`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ value: [{ clientState: 'forged' }] }),
    });
    expect(response.status).toBe(202);
    await new Promise((r) => setTimeout(r, 300));
    expect(connector.cardsFor(id)).toHaveLength(0);
    expect(logger.warnings().join('\n')).toContain('unknown clientState');
  });

  it('creates one webhook subscription and renews it when fewer than 60 days remain', async () => {
    const created = await bot!.webhook.ensure();
    expect(created.notificationUrl).toBe(`${bot!.url}/api/webhooks`);
    expect(await bot!.webhook.ensure()).toMatchObject({ id: created.id });
    const { path } = await bot!.lists.visitReportsRest();
    const soon = new Date(Date.now() + 10 * 86400000).toISOString();
    await bot!.lists.spRest('PATCH', `${path}/subscriptions('${created.id}')`, { expirationDateTime: soon });
    const renewed = await bot!.webhook.ensure();
    expect(renewed.id).toBe(created.id);
    const stored = (await bot!.lists.spRest<{ value: Array<{ id: string; expirationDateTime: string }> }>('GET', `${path}/subscriptions`)).value.filter(
      (x) => x.id === created.id,
    )[0];
    expect(Date.parse(stored.expirationDateTime) - Date.now()).toBeGreaterThan(150 * 86400000);
    expect(
      (await bot!.lists.spRest<{ value: unknown[] }>('GET', `${path}/subscriptions`)).value.filter(
        (x) => (x as { notificationUrl: string }).notificationUrl === created.notificationUrl,
      ),
    ).toHaveLength(1);
  });

  it('turns away oversized and malformed requests', async () => {
    const big = await fetch(`${bot!.url}/api/webhooks`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: 'x'.repeat(2 * 1024 * 1024),
    }).catch((e: Error) => e);
    // 413, or the connection closed while the client was still sending: either way, not handled.
    expect([413, 'closed']).toContain(big instanceof Error ? 'closed' : big.status);
    const notJson = await fetch(`${bot!.url}/api/webhooks`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{nope' });
    expect(notJson.status).toBe(400);
    const health = await fetch(`${bot!.url}/healthz`);
    expect(await health.text()).toBe('ok');
  });

  it('answers the subscription handshake with the token as plain text', async () => {
    const response = await fetch(`${bot!.url}/api/webhooks?validationtoken=abc%20123`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('abc 123');
  });

  it('posts one card when sweeps run at once, in this instance and in a second one', async () => {
    const ids = [await submitReport(fixture.sandbox), await submitReport(fixture.sandbox)];
    connector.postDelayMs = 150;
    const second = await startTestBot(fixture.sandbox, connector);
    let results;
    try {
      results = await Promise.all([bot!.sweep(), bot!.sweep(), second.sweep(), second.sweep(), bot!.sweep()]);
    } finally {
      await second.close();
    }
    // The instances really raced: one of them found the other's claim (or lost the ETag race).
    const contended = results.reduce<string[]>((all, r) => all.concat(r.skipped.map((s) => s.why)), []);
    expect(contended.filter((why) => why === 'claimed elsewhere' || why === 'changed meanwhile' || why === 'has card').length).toBeGreaterThan(0);
    for (const id of ids) {
      await expectExactlyOneCard(id);
    }
    expectNoReportPostedTwice();
  });

  it('catches up after a restart and never posts again for a report that has its card', async () => {
    const before = await submitReport(fixture.sandbox);
    await bot!.sweep();
    await bot!.close();
    bot = undefined;
    const whileDown = await submitReport(fixture.sandbox);
    bot = await startTestBot(fixture.sandbox, connector, logger);
    await bot.sweep();
    await bot.close();
    bot = await startTestBot(fixture.sandbox, connector, logger);
    await bot.sweep();
    await expectExactlyOneCard(before);
    await expectExactlyOneCard(whileDown);
    expectNoReportPostedTwice();
  });

  it('leaves a report alone while another instance holds a live claim, and posts once the claim has lapsed', async () => {
    const id = await submitReport(fixture.sandbox);
    await patchReportFields(fixture.sandbox, id, { [F.CardConversationId]: formatClaim({ until: Date.now() + 60000, token: 'other-instance' }) });
    await bot!.sweep();
    expect(connector.cardsFor(id)).toHaveLength(0);
    // The other instance crashed between posting and recording: its lease ends, a sweep posts.
    await patchReportFields(fixture.sandbox, id, { [F.CardConversationId]: formatClaim({ until: Date.now() - 1000, token: 'other-instance' }) });
    await bot!.sweep();
    await expectExactlyOneCard(id);
    expect(logger.warnings().join('\n')).toContain(`Report ${id}: an earlier attempt claimed it`);
  });

  it('records the card even when the item changes while the card is being posted', async () => {
    const id = await submitReport(fixture.sandbox);
    // Someone edits the item between the claim and the record: the record's If-Match fails once.
    connector.whilePosting = async () => {
      connector.whilePosting = undefined;
      await patchReportFields(fixture.sandbox, id, { [F.Title]: 'Renamed while the card was in flight' });
    };
    await bot!.sweep();
    await expectExactlyOneCard(id);
    expect((await reportItem(fixture.sandbox, id)).fields[F.Title]).toBe('Renamed while the card was in flight');
  });

  it('retries the Bot Connector when it answers 429 with Retry-After', async () => {
    const id = await submitReport(fixture.sandbox);
    connector.faults.push({ status: 429, retryAfter: 1 }, { status: 503 });
    await bot!.sweep();
    expect(connector.faulted).toBe(2);
    await expectExactlyOneCard(id);
  });

  it('retries Graph when the sandbox answers 429 with Retry-After', async () => {
    const id = await submitReport(fixture.sandbox);
    await fetch(`${fixture.sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ count: 2, status: 429, retryAfter: 1, pathContains: '/v1.0/' }),
    });
    await bot!.sweep();
    expect(fixture.sandbox.faults.pending()).toEqual([]);
    await expectExactlyOneCard(id);
  });

  it('shows a Markdown link typed in a cell as text, not as a link', async () => {
    const typed = 'See [the intranet](https://evil.example/login) and **shout**';
    const id = await submitReport(fixture.sandbox, { performanceWorries: typed });
    await bot!.sweep();
    const texts = cardTexts(connector.cardsFor(id)[0].activity.attachments![0].content);
    const cell = texts.filter((t) => unescapeCardText(t) === typed)[0];
    expect(cell).toBeDefined();
    expect(cell).not.toMatch(/(^|[^\\])\[[^\]]*\]\(/);
    expect(cell).toContain('\\[the intranet\\]\\(https\u2060://evil.example/login\\)');
  });
});
