/**
 * SharePoint list webhooks: the validation handshake when a subscription is added, and change
 * notifications in SharePoint's shape. As in SharePoint Online, a notification says only which
 * list changed (the receiver asks for the changes), notifications close together are coalesced,
 * a failed delivery is retried, and an expired subscription is dropped.
 */
import { randomUUID } from 'node:crypto';
import { SandboxStore, Subscription } from './store';

/** SharePoint caps a subscription at 180 days. */
export const MAX_SUBSCRIPTION_DAYS = 180;
/** The notification URL must echo the validation token within 5 seconds. */
export const VALIDATION_TIMEOUT_MS = 5000;

export interface WebhookOptions {
  siteRelativeUrl: string;
  tenantId: string;
  /** Waits before each retry of a failed delivery (SharePoint waits 5 minutes, 5 times). */
  retryDelaysMs?: number[];
  /** Changes within this window go out as one notification. */
  coalesceMs?: number;
  log?: (message: string) => void;
}

export class Webhooks {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;
  private readonly retryDelaysMs: number[];
  private readonly coalesceMs: number;
  private readonly log: (message: string) => void;

  public constructor(
    private readonly store: SandboxStore,
    private readonly options: WebhookOptions,
  ) {
    this.retryDelaysMs = options.retryDelaysMs || [1000, 2000, 4000, 8000, 16000];
    this.coalesceMs = options.coalesceMs === undefined ? 100 : options.coalesceMs;
    this.log = options.log || ((message) => console.warn(message));
  }

  /**
   * The handshake: POST `?validationtoken=…` to the URL and expect the token back as text within
   * five seconds. Resolves true only on an exact echo.
   */
  public async validate(notificationUrl: string): Promise<boolean> {
    const token = randomUUID();
    const url = new URL(notificationUrl);
    url.searchParams.set('validationtoken', token);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        body: '',
        signal: AbortSignal.timeout(VALIDATION_TIMEOUT_MS),
      });
      const text = await response.text();
      return response.status === 200 && text.trim() === token;
    } catch (error) {
      this.log(`Webhook validation of ${notificationUrl} failed: ${(error as Error).message}`);
      return false;
    }
  }

  /** Subscriptions still in force; expired ones are removed, as SharePoint does. */
  public active(listId?: string): Subscription[] {
    const now = Date.now();
    const all = this.store.subscriptions(listId);
    for (const s of all) {
      if (Date.parse(s.expirationDateTime) <= now) {
        this.store.deleteSubscription(s.id);
      }
    }
    return all.filter((s) => Date.parse(s.expirationDateTime) > now);
  }

  /** A list changed: schedule one notification per subscription (coalesced). */
  public changed(listId: string): void {
    if (this.closed) {
      return;
    }
    for (const subscription of this.active(listId)) {
      if (this.pending.has(subscription.id)) {
        continue;
      }
      const timer = setTimeout(() => {
        this.pending.delete(subscription.id);
        const delivery = this.deliver(subscription.id, 0).finally(() => this.inFlight.delete(delivery));
        this.inFlight.add(delivery);
      }, this.coalesceMs);
      this.pending.set(subscription.id, timer);
    }
  }

  /** SharePoint's notification body. */
  public payload(subscription: Subscription): unknown {
    return {
      value: [
        {
          subscriptionId: subscription.id,
          clientState: subscription.clientState,
          expirationDateTime: subscription.expirationDateTime,
          resource: subscription.listId,
          tenantId: this.options.tenantId,
          siteUrl: this.options.siteRelativeUrl,
          webId: this.store.webId,
        },
      ],
    };
  }

  private async deliver(subscriptionId: string, attempt: number): Promise<void> {
    const subscription = this.store.subscription(subscriptionId);
    if (this.closed || !subscription || Date.parse(subscription.expirationDateTime) <= Date.now()) {
      return;
    }
    try {
      const response = await fetch(subscription.notificationUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(this.payload(subscription)),
        signal: AbortSignal.timeout(VALIDATION_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      if (response.status >= 200 && response.status < 300) {
        return;
      }
      throw new Error(`HTTP ${response.status}`);
    } catch (error) {
      if (attempt >= this.retryDelaysMs.length || this.closed) {
        this.log(`Webhook notification to ${subscription.notificationUrl} failed after ${attempt + 1} attempts: ${(error as Error).message}`);
        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.retryDelaysMs[attempt]);
        this.pending.set(`retry:${subscriptionId}:${attempt}`, timer);
      });
      this.pending.delete(`retry:${subscriptionId}:${attempt}`);
      return this.deliver(subscriptionId, attempt + 1);
    }
  }

  public async close(): Promise<void> {
    this.closed = true;
    this.pending.forEach((timer) => clearTimeout(timer));
    this.pending.clear();
    // retries waiting on a cleared timer never resume; deliveries already on the wire finish or time out
    await Promise.race([Promise.allSettled(Array.from(this.inFlight)), new Promise((r) => setTimeout(r, 200))]);
  }
}
