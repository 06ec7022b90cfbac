/**
 * List webhooks through PnPjs's subscriptions API: the validation handshake, notifications in
 * SharePoint's shape on add/update/delete, retries, expiry limits.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/subscriptions';
import { VISIT_REPORTS } from '../../../src/data/listContract';
import { failureOf, PERSONAS, spForApp, spForUser, withSandbox } from '../../helpers/sandbox';

interface Receiver {
  url: string;
  notifications: Array<{ value: Array<{ [k: string]: unknown }> }>;
  /** Answers 500 to this many notifications before accepting. */
  failNext: number;
  /** Echo the validation token (false: answer something else). */
  echo: boolean;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const receiver = { notifications: [], failNext: 0, echo: true } as unknown as Receiver;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url || '/', 'http://localhost');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const token = url.searchParams.get('validationtoken');
      if (token !== null) {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end(receiver.echo ? token : 'wrong');
        return;
      }
      if (receiver.failNext > 0) {
        receiver.failNext--;
        res.writeHead(500);
        res.end();
        return;
      }
      receiver.notifications.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(202);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhook`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) {
      throw new Error('condition not met in time');
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

const inDays = (days: number): string => new Date(Date.now() + days * 86400000).toISOString();

describe('list webhooks', () => {
  const fixture = withSandbox({ seed: 'empty', webhookRetryDelaysMs: [50, 50] });
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });

  it('validates the URL, then notifies on add, update and delete in SharePoint’s shape', async () => {
    const app = spForApp(fixture.sandbox.siteUrl);
    const list = app.web.lists.getByTitle(VISIT_REPORTS.title);
    const { Id: listId } = await list.select('Id')();
    const added = await list.subscriptions.add(receiver.url, inDays(90), 'secret-state');
    expect(added.notificationUrl).toBe(receiver.url);
    expect(added.resource).toBe(listId);
    expect((await list.subscriptions()).map((s: { id: string }) => s.id)).toEqual([added.id]);

    const hale = spForUser(fixture.sandbox.siteUrl, PERSONAS.hale).web.lists.getByTitle(VISIT_REPORTS.title);
    const item = await hale.items.add({ Title: 'Notify me', ReportStatus: 'Submitted' });
    await until(() => receiver.notifications.length === 1);
    expect(receiver.notifications[0].value[0]).toEqual({
      subscriptionId: added.id,
      clientState: 'secret-state',
      expirationDateTime: added.expirationDateTime,
      resource: listId,
      tenantId: expect.any(String),
      siteUrl: '/sites/frontline-visits',
      webId: expect.any(String),
    });
    await app.web.lists.getByTitle(VISIT_REPORTS.title).items.getById(item.Id).update({ CardConversationId: 'conversation' });
    await until(() => receiver.notifications.length === 2);
    receiver.failNext = 1; // the next delivery fails once and is retried
    await app.web.lists.getByTitle(VISIT_REPORTS.title).items.getById(item.Id).delete();
    await until(() => receiver.notifications.length === 3);

    await list.subscriptions.getById(added.id).update(inDays(170));
    const renewed = await list.subscriptions.getById(added.id)();
    expect(Date.parse(renewed.expirationDateTime)).toBeGreaterThan(Date.parse(added.expirationDateTime));
    await list.subscriptions.getById(added.id).delete();
    expect(await list.subscriptions()).toEqual([]);
    await hale.items.add({ Title: 'Nobody listening', ReportStatus: 'Submitted' });
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.notifications).toHaveLength(3);
  });

  it('refuses a URL that does not echo the token, and an expiry beyond 180 days', async () => {
    const list = spForApp(fixture.sandbox.siteUrl).web.lists.getByTitle(VISIT_REPORTS.title);
    receiver.echo = false;
    const unvalidated = await failureOf(list.subscriptions.add(receiver.url, inDays(30)));
    receiver.echo = true;
    expect(unvalidated.status).toBe(400);
    expect(unvalidated.message).toContain('Failed to validate the notification URL');
    const tooLong = await failureOf(list.subscriptions.add(receiver.url, inDays(181)));
    expect(tooLong.status).toBe(400);
    const councillor = await failureOf(
      spForUser(fixture.sandbox.siteUrl, PERSONAS.hale).web.lists.getByTitle(VISIT_REPORTS.title).subscriptions.add(receiver.url, inDays(30)),
    );
    expect(councillor.status).toBe(403);
    expect(await list.subscriptions()).toEqual([]);
  });
});
