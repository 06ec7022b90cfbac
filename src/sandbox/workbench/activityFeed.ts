/**
 * The workbench's stand-in for the Teams activity feed: the sandbox's notification log for the
 * signed-in persona (`/_sandbox/notifications?user=`), so a demo shows notifications arriving.
 */
import { reportIdFromDeepLink } from '../../common/deepLink';

export const NOTIFICATIONS_PATH = '/_sandbox/notifications';

export interface FeedItem {
  seq: number;
  received: string;
  activityType: string;
  /** The actor + reason line, as Teams shows it. */
  text: string;
  preview: string;
  topic: string;
  /** The report the notification opens, when it names one. */
  reportId?: number;
}

/** The report a notification's Teams deep link opens (its context's subEntityId). */
export function reportIdFromTeamsLink(webUrl: unknown): number | undefined {
  if (typeof webUrl !== 'string') {
    return undefined;
  }
  try {
    const context = new URL(webUrl).searchParams.get('context');
    const sub = context ? (JSON.parse(context) as { subEntityId?: unknown }).subEntityId : undefined;
    return reportIdFromDeepLink(typeof sub === 'string' ? sub : undefined, '');
  } catch {
    return undefined;
  }
}

/** Feed items from the sandbox's answer, newest first; anything malformed is left out. */
export function feedItemsFrom(json: unknown): FeedItem[] {
  if (!Array.isArray(json)) {
    return [];
  }
  const items: FeedItem[] = [];
  for (const entry of json) {
    const body = entry && typeof entry === 'object' ? (entry as { body?: { [k: string]: unknown } }).body : undefined;
    if (!body || typeof (entry as { seq?: unknown }).seq !== 'number') {
      continue;
    }
    const topic = (body.topic || {}) as { value?: unknown; webUrl?: unknown };
    items.push({
      seq: (entry as { seq: number }).seq,
      received: String((entry as { received?: unknown }).received || ''),
      activityType: String(body.activityType || ''),
      text: String(body.text || ''),
      preview: String(body.previewText || ''),
      topic: typeof topic.value === 'string' ? topic.value : '',
      reportId: reportIdFromTeamsLink(topic.webUrl),
    });
  }
  return items.sort((a, b) => b.seq - a.seq);
}

export async function loadFeed(email: string): Promise<FeedItem[]> {
  const response = await fetch(`${NOTIFICATIONS_PATH}?user=${encodeURIComponent(email)}`, { credentials: 'same-origin' });
  return response.ok ? feedItemsFrom(await response.json()) : [];
}
