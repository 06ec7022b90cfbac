/**
 * The SharePoint list webhook on Visit Reports.
 *
 * SharePoint validates a new subscription by POSTing to the notification URL with
 * `?validationtoken=…`, expecting the token back as text/plain within 5 seconds. Notifications
 * say only "this list changed" (`{ value: [{ subscriptionId, clientState, resource, … }] }`), so
 * each one starts a reconcile sweep; the sweep decides what to post. Subscriptions last at most
 * 180 days: the bot creates one if none points at it and renews it well before it expires.
 */
import { FrontlineLists } from './lists';
import type { PublisherLog } from './botReport';

export const WEBHOOK_PATH = '/api/webhooks';
/** SharePoint's maximum is 180 days; renew when fewer than 60 remain. */
const LIFETIME_DAYS = 170;
const RENEW_WITHIN_DAYS = 60;
const DAY_MS = 86400000;

export interface Subscription {
  id: string;
  notificationUrl: string;
  expirationDateTime: string;
  clientState?: string | null;
  resource?: string;
}

export interface Notification {
  subscriptionId?: string;
  clientState?: string;
  resource?: string;
  expirationDateTime?: string;
}

export class ListWebhook {
  constructor(
    private readonly lists: FrontlineLists,
    private readonly notificationUrlOf: () => string,
    private readonly clientState: string,
    private readonly log: PublisherLog,
    private readonly now: () => number = Date.now,
  ) {}

  private async path(): Promise<string> {
    return `${(await this.lists.visitReportsRest()).path}/subscriptions`;
  }

  /** Creates the subscription if missing, renews it if it ends within 60 days. Returns it. */
  async ensure(): Promise<Subscription> {
    const path = await this.path();
    const existing = (await this.lists.spRest<{ value: Subscription[] }>('GET', path)).value || [];
    const notificationUrl = this.notificationUrlOf();
    const ours = existing.filter((s) => s.notificationUrl === notificationUrl)[0];
    const expiration = new Date(this.now() + LIFETIME_DAYS * DAY_MS).toISOString();
    if (!ours) {
      const created = await this.lists.spRest<Subscription>('POST', path, {
        resource: (await this.lists.visitReportsRest()).resource,
        notificationUrl,
        expirationDateTime: expiration,
        clientState: this.clientState,
      });
      this.log.info(`Webhook subscription ${created.id} created, until ${created.expirationDateTime}`);
      return created;
    }
    if (Date.parse(ours.expirationDateTime) - this.now() < RENEW_WITHIN_DAYS * DAY_MS) {
      await this.lists.spRest('PATCH', `${path}('${encodeURIComponent(ours.id)}')`, { expirationDateTime: expiration });
      this.log.info(`Webhook subscription ${ours.id} renewed until ${expiration}`);
      return { ...ours, expirationDateTime: expiration };
    }
    return ours;
  }

  /** Deletes this bot's subscription (uninstalling, or a test cleaning up). */
  async remove(): Promise<void> {
    const notificationUrl = this.notificationUrlOf();
    const path = await this.path();
    const existing = (await this.lists.spRest<{ value: Subscription[] }>('GET', path)).value || [];
    for (const s of existing.filter((x) => x.notificationUrl === notificationUrl)) {
      await this.lists.spRest('DELETE', `${path}('${encodeURIComponent(s.id)}')`);
    }
  }

  /** Notifications that are ours (right client state); anything else is ignored and logged. */
  accept(body: unknown): Notification[] {
    const value = body && Array.isArray((body as { value?: unknown }).value) ? (body as { value: Notification[] }).value : [];
    const ours = value.filter((n) => n && n.clientState === this.clientState);
    if (ours.length < value.length) {
      this.log.warn(`Ignored ${value.length - ours.length} webhook notification(s) with an unknown clientState`);
    }
    return ours;
  }
}
