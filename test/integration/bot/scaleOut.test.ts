/**
 * Two bot instances against one site, as a scaled-out App Service runs them: one public address
 * (a round-robin load balancer in front of both), one webhook, both sweeping on their timers.
 * Exactly one card per report, and each Head of Service answer stored once.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import { loadConfig } from '../../../src/bot/config';
import { RunningBot, startBot } from '../../../src/bot/server';
import { VISIT_REPORTS } from '../../../src/data/listContract';
import { withSandbox } from '../../helpers/sandbox';
import { CHANNEL_ID, cardActionInvoke, MemoryLogger, OBJECT_IDS, postActivity, submitReport } from './botHarness';
import { cardReportId, FakeConnector } from './fakeConnector';
import { freePort } from '../../helpers/freePort';

const F = VISIT_REPORTS.fields;

/** The scaled-out app's one public address: each request goes to the next instance in turn. */
class RoundRobin {
  private server?: http.Server;
  private next = 0;
  readonly served: number[] = [];
  url = '';

  constructor(private readonly targets: () => string[]) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const targets = this.targets();
        const index = this.next++ % targets.length;
        this.served.push(index);
        const headers: { [k: string]: string } = {};
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === 'string' && name !== 'host' && name !== 'content-length') {
            headers[name] = value;
          }
        }
        fetch(`${targets[index]}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined })
          .then(async (answer) => {
            const body = Buffer.from(await answer.arrayBuffer());
            res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') || 'text/plain' });
            res.end(body);
          })
          .catch(() => {
            res.writeHead(502);
            res.end();
          });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://localhost:${(this.server!.address() as net.AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    if (this.server) {
      this.server.closeAllConnections();
      await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    }
  }
}

describe('bot: two instances against one site', () => {
  const fixture = withSandbox({ seed: 'demo' });
  let connector: FakeConnector;
  let balancer: RoundRobin;
  const instances: RunningBot[] = [];
  const loggers: MemoryLogger[] = [];

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    balancer = await new RoundRobin(() => instances.map((b) => b.url)).start();
    for (let i = 0; i < 2; i++) {
      const logger = new MemoryLogger();
      const config = loadConfig({
        BOT_MODE: 'local',
        BOT_PORT: String(await freePort()),
        SANDBOX_URL: fixture.sandbox.url,
        BOT_SERVICE_URL: connector.url,
        TEAMS_CHANNEL_ID: CHANNEL_ID,
        REPORT_PAGE_URL: `${fixture.sandbox.url}/`,
        BOT_PUBLIC_URL: balancer.url,
        RECONCILE_INTERVAL_SECONDS: '1',
        DIGEST_ENABLED: 'false',
      });
      loggers.push(logger);
      // Production's start: webhook, sweep at start, sweeps on a timer.
      instances.push(await startBot({ config, logger }));
    }
  });

  afterAll(async () => {
    await Promise.all(instances.map((b) => b.close()));
    await balancer.close();
    await connector.close();
  });

  const submitted: number[] = [];

  it('posts exactly one card for each of 50 reports submitted while both sweep and receive notifications', async () => {
    // Both instances ensured the one webhook at start: the site notifies the public address.
    await Promise.all(instances.map((b) => b.ensureWebhook()));
    const subscriptions = fixture.sandbox.store.subscriptions().filter((s) => s.notificationUrl.startsWith(balancer.url));
    expect(subscriptions.length).toBeGreaterThanOrEqual(1);

    // Five councillors' browsers at once, fifty submissions in all.
    for (let batch = 0; batch < 10; batch++) {
      submitted.push(...(await Promise.all([0, 1, 2, 3, 4].map(() => submitReport(fixture.sandbox)))));
    }
    expect(new Set(submitted).size).toBe(50);
    await connector.waitFor(() => submitted.every((id) => connector.cardsFor(id).length > 0), 90000);
    // Let every sweep and notification in flight finish, then look for anything posted twice.
    await Promise.all(instances.map((b) => b.sweep()));
    await Promise.all(instances.map((b) => b.sweep()));

    expect(submitted.map((id) => connector.cardsFor(id).length)).toEqual(submitted.map(() => 1));
    const everyCard = connector.posted.map(cardReportId).filter((id) => id !== undefined);
    expect(everyCard.filter((id, i) => everyCard.indexOf(id) !== i)).toEqual([]);
    // Both instances did the work: the load balancer sent notifications to each.
    expect(new Set(balancer.served).size).toBe(2);

    const items = fixture.sandbox.store.listByTitle(VISIT_REPORTS.title)!;
    for (const id of submitted) {
      const item = items.items.get(id)!;
      expect(item.fields[F.CardConversationId]).toBe(CHANNEL_ID);
      expect(item.fields[F.CardActivityId]).toBe(connector.cardsFor(id)[0].activityId);
    }
    const warnings = loggers.flatMap((l) => l.warnings()).filter((w) => /duplicate/i.test(w));
    expect(warnings).toEqual([]);
    // Fifty submissions, each locked, checked and carded by one of two instances on a shared 2-core machine.
  }, 120000);

  it('stores each of 20 answers once when they are sent alternately to each instance, and Teams retries each to the other', async () => {
    const reports = fixture.sandbox.store.listByTitle(VISIT_REPORTS.title)!;
    const answered = submitted.slice(0, 20);
    const versionsBefore = new Map(answered.map((id) => [id, reports.items.get(id)!.version]));

    await Promise.all(
      answered.map(async (id, i) => {
        const card = connector.cardsFor(id)[0];
        const feedback = `Answer ${i + 1}: two permanent social workers start next month.`;
        const invoke = cardActionInvoke({
          connectorUrl: connector.url,
          actorObjectId: OBJECT_IDS.headOfService,
          verb: 'submitFeedback',
          data: { reportId: id, feedback },
          replyToId: card.activityId,
        });
        // The answer reaches instance i % 2; Teams' retry of the same invoke reaches the other.
        const [first, retry] = await Promise.all([postActivity(instances[i % 2], invoke), postActivity(instances[(i + 1) % 2], invoke)]);
        expect(first.status).toBe(200);
        expect(retry.status).toBe(200);
      }),
    );

    for (let i = 0; i < answered.length; i++) {
      const item = reports.items.get(answered[i])!;
      expect(item.fields[F.HosFeedback]).toBe(`Answer ${i + 1}: two permanent social workers start next month.`);
      expect(item.fields[F.ReportStatus]).toBe('Responded');
      // The answer, written once, then the bot's note of what the card now shows (its own column).
      const versions = item.version - versionsBefore.get(answered[i])!;
      expect(versions).toBeGreaterThanOrEqual(1);
      expect(versions).toBeLessThanOrEqual(2);
      expect(item.fields[F.HosFeedbackHistory] || '').toBe('');
    }
    // Each report's card is still the only card for it.
    expect(answered.map((id) => connector.cardsFor(id).length)).toEqual(answered.map(() => 1));
  }, 60000);
});
