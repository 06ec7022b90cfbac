/** Lists' webhook subscriptions. */
import { PrincipalStore } from './principals';

export interface Subscription {
  id: string;
  listId: string;
  notificationUrl: string;
  clientState: string | null;
  expirationDateTime: string;
}

export abstract class SubscriptionStore extends PrincipalStore {
  protected readonly subscriptionsById = new Map<string, Subscription>();

  protected loadSubscriptions(): void {
    for (const row of this.db.prepare('SELECT id, list_id, notification_url, client_state, expiration FROM subscriptions').all() as Array<{
      id: string;
      list_id: string;
      notification_url: string;
      client_state: string | null;
      expiration: string;
    }>) {
      this.subscriptionsById.set(row.id, {
        id: row.id,
        listId: row.list_id,
        notificationUrl: row.notification_url,
        clientState: row.client_state,
        expirationDateTime: row.expiration,
      });
    }
  }

  public subscriptions(listId?: string): Subscription[] {
    return Array.from(this.subscriptionsById.values()).filter((s) => !listId || s.listId === listId);
  }

  public subscription(id: string): Subscription | undefined {
    return this.subscriptionsById.get(id.toLowerCase());
  }

  public putSubscription(subscription: Subscription): Subscription {
    const s = { ...subscription, id: subscription.id.toLowerCase() };
    return this.write(() => {
      this.db
        .prepare('INSERT OR REPLACE INTO subscriptions (id, list_id, notification_url, client_state, expiration) VALUES (?, ?, ?, ?, ?)')
        .run(s.id, s.listId, s.notificationUrl, s.clientState, s.expirationDateTime);
      return { result: s, apply: () => this.subscriptionsById.set(s.id, s) };
    });
  }

  public deleteSubscription(id: string): void {
    this.write(() => {
      this.db.prepare('DELETE FROM subscriptions WHERE id = ?').run(id.toLowerCase());
      return { result: undefined, apply: () => this.subscriptionsById.delete(id.toLowerCase()) };
    });
  }
}
