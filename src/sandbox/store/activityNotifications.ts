/** The log of Teams activity feed notifications the sandbox accepted. */
import { SubscriptionStore } from './subscriptions';

export abstract class ActivityNotificationStore extends SubscriptionStore {
  /** Records a Teams activity feed notification the sandbox accepted (the notification log). */
  public addActivityNotification(recipientObjectId: string, body: object, at: Date = new Date()): number {
    const result = this.db
      .prepare('INSERT INTO activity_notifications (received, recipient_object_id, body) VALUES (?, ?, ?)')
      .run(at.toISOString(), recipientObjectId.toLowerCase(), JSON.stringify(body));
    return Number(result.lastInsertRowid);
  }

  /** The notification log, oldest first; one recipient's when an object id is given. */
  public activityNotifications(
    recipientObjectId?: string,
  ): Array<{ seq: number; received: string; recipientObjectId: string; body: { [k: string]: unknown } }> {
    const rows = (
      recipientObjectId
        ? this.db
            .prepare('SELECT seq, received, recipient_object_id, body FROM activity_notifications WHERE recipient_object_id = ? ORDER BY seq')
            .all(recipientObjectId.toLowerCase())
        : this.db.prepare('SELECT seq, received, recipient_object_id, body FROM activity_notifications ORDER BY seq').all()
    ) as Array<{ seq: number; received: string; recipient_object_id: string; body: string }>;
    return rows.map((r) => ({ seq: Number(r.seq), received: r.received, recipientObjectId: r.recipient_object_id, body: JSON.parse(r.body) }));
  }
}
