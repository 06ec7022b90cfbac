/**
 * Where the clerk's next committee date is kept: in this browser's localStorage, per site.
 *
 * Why here and not in a list: the date is the clerk's own working setting for building the pack,
 * not a record anyone else reads, and the list contract (docs/architecture.md §3) has no place for it. Kept
 * so the clerk sets it once per committee cycle instead of on every visit to the screen. Storage
 * can be unavailable (private windows, some embedded Teams clients): then the date simply is not
 * remembered, and nothing breaks.
 */
import { isCalendarDate } from '../../domain/calendarDate';

export function committeeDateKey(siteUrl: string): string {
  return `frontlineVisits:${siteUrl}:committeeDate`;
}

function storage(): Storage | undefined {
  try {
    return typeof window !== 'undefined' && window.localStorage ? window.localStorage : undefined;
  } catch {
    return undefined;
  }
}

export function readCommitteeDate(siteUrl: string): string | undefined {
  try {
    const value = storage()?.getItem(committeeDateKey(siteUrl));
    return value && isCalendarDate(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function writeCommitteeDate(siteUrl: string, date: string | undefined): void {
  try {
    const store = storage();
    if (!store) {
      return;
    }
    if (date && isCalendarDate(date)) {
      store.setItem(committeeDateKey(siteUrl), date);
    } else {
      store.removeItem(committeeDateKey(siteUrl));
    }
  } catch {
    // Storage full or blocked: the date is not remembered this time.
  }
}
