/**
 * How posting a report's card is going, kept on the report itself (the bot-only `CardDelivery`
 * column, JSON) so that every bot instance, a restart and `npm run doctor` see the same thing:
 *
 * - `failures`, `nextAt`: attempts that failed in a row and when the next may start. Each failure
 *   waits twice as long as the one before (from 15 s, capped at 30 min), with ±25 % jitter so
 *   that reports failing together do not retry together.
 * - `parkedSince`: after 5 failures in a row the report is parked: retried hourly (and once when
 *   the bot starts), listed in the overdue digest and by the doctor, until a card goes out.
 * - `shown`: a key of what the report's card last showed. A sweep compares it with the item and
 *   refreshes a card that is behind (a crash between storing an answer and refreshing the card).
 */
import { createHash } from 'node:crypto';
import { VISIT_REPORTS } from '../data/listContract';

const F = VISIT_REPORTS.fields;

export const FIRST_RETRY_MS = 15000;
export const MAX_RETRY_MS = 30 * 60000;
/** Failures in a row after which a report is parked. */
export const PARK_AFTER_FAILURES = 5;
export const PARKED_RETRY_MS = 60 * 60000;
/** Longest text of the last error kept on the item. */
const ERROR_CHARS = 300;

export interface CardDelivery {
  failures: number;
  /** ISO instant before which no attempt starts. */
  nextAt?: string;
  /** ISO instant the report was parked. */
  parkedSince?: string;
  lastError?: string;
  lastFailedAt?: string;
  /** What the card last showed (`cardStateKey` of the item then). */
  shown?: string;
}

export function parseCardDelivery(value: unknown): CardDelivery | undefined {
  if (typeof value !== 'string' || !value.trim()) {
    return undefined;
  }
  try {
    const parsed = JSON.parse(value) as Partial<CardDelivery>;
    if (!parsed || typeof parsed !== 'object') {
      return undefined;
    }
    const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
    return {
      failures: typeof parsed.failures === 'number' && parsed.failures >= 0 ? Math.floor(parsed.failures) : 0,
      nextAt: text(parsed.nextAt),
      parkedSince: text(parsed.parkedSince),
      lastError: text(parsed.lastError),
      lastFailedAt: text(parsed.lastFailedAt),
      shown: text(parsed.shown),
    };
  } catch {
    // Not the bot's JSON (someone typed in the column): treated as no record.
    return undefined;
  }
}

export function formatCardDelivery(delivery: CardDelivery): string {
  return JSON.stringify(delivery);
}

/** The wait before the next attempt after `failures` failures in a row; `random` in [0, 1). */
export function retryDelayAfter(failures: number, random: number): number {
  const base = failures >= PARK_AFTER_FAILURES ? PARKED_RETRY_MS : Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * Math.pow(2, Math.max(0, failures - 1)));
  return Math.round(base * (0.75 + random / 2));
}

/** The record after one more failure at `now`. */
export function afterFailure(before: CardDelivery | undefined, error: string, now: number, random: number): CardDelivery {
  const failures = (before ? before.failures : 0) + 1;
  const parked = failures >= PARK_AFTER_FAILURES;
  return {
    failures,
    nextAt: new Date(now + retryDelayAfter(failures, random)).toISOString(),
    parkedSince: parked ? (before && before.parkedSince) || new Date(now).toISOString() : undefined,
    lastError: error.replace(/\s+/g, ' ').slice(0, ERROR_CHARS),
    lastFailedAt: new Date(now).toISOString(),
    shown: before && before.shown,
  };
}

/** Whether an attempt may start at `now`. */
export function attemptDue(delivery: CardDelivery | undefined, now: number): boolean {
  if (!delivery || !delivery.nextAt) {
    return true;
  }
  const at = Date.parse(delivery.nextAt);
  return isNaN(at) || at <= now;
}

export function isParked(delivery: CardDelivery | undefined): boolean {
  return !!delivery && !!delivery.parkedSince;
}

/** What a report's card shows depends on these columns only (the card ids and this record aside). */
const SHOWN_FIELDS: ReadonlyArray<string> = Object.keys(F)
  .map((key) => F[key as keyof typeof F] as string)
  .filter((name) => name !== F.CardConversationId && name !== F.CardActivityId && name !== F.CardDelivery)
  .concat(['TeamLookupId', 'RotaEntryLookupId', 'HosFeedbackByLookupId'])
  .sort();

/** A short key of the item's card-relevant columns, as Graph returns them (`fields`). */
export function cardStateKey(fields: { [name: string]: unknown }): string {
  const picked: unknown[] = SHOWN_FIELDS.map((name) => {
    const value = fields[name];
    return value === undefined || value === '' ? null : value;
  });
  return createHash('sha256').update(JSON.stringify(picked)).digest('base64url').slice(0, 22);
}
