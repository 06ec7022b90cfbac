/**
 * An amended answer keeps every earlier version (docs/architecture.md §3: "every version is kept"): the bot
 * writes them, oldest first, as JSON in `HosFeedbackHistory`, in the same ETag-guarded write as the
 * amendment. A column of our own rather than SharePoint's item versions: those also hold every
 * claim, card id and lock the bot writes, can be trimmed by the list's version limit, and would
 * cost every reader a second request.
 */
import { FEEDBACK_TEXT_FIELDS, FeedbackTexts } from './reportFields';
import { HosFeedback, HosFeedbackVersion } from './types';

export function formatFeedbackHistory(versions: ReadonlyArray<HosFeedbackVersion>): string {
  return JSON.stringify(versions);
}

/** Reads the stored history; anything unreadable gives no versions (the current answer stands). */
export function parseFeedbackHistory(value: unknown): HosFeedbackVersion[] {
  if (typeof value !== 'string' || !value.trim()) {
    return [];
  }
  try {
    const parsed = JSON.parse(value);
    if (!Array.isArray(parsed)) {
      return [];
    }
    return parsed
      .filter((v) => v && typeof v === 'object' && typeof v.on === 'string')
      .map((v) => {
        const version: HosFeedbackVersion = { on: v.on, text: typeof v.text === 'string' ? v.text : '' };
        for (const field of FEEDBACK_TEXT_FIELDS) {
          if (typeof v[field.key] === 'string' && v[field.key]) {
            (version as unknown as { [k: string]: unknown })[field.key] = v[field.key];
          }
        }
        if (typeof v.byName === 'string') {
          version.byName = v.byName;
        }
        if (typeof v.byId === 'number') {
          version.byId = v.byId;
        }
        return version;
      });
  } catch {
    return [];
  }
}

/** The answer with its earlier versions and the time it was first given. */
export function withFeedbackHistory<T extends HosFeedback>(feedback: T, stored: unknown): T {
  const earlier = parseFeedbackHistory(stored);
  return earlier.length ? { ...feedback, earlier, firstOn: earlier[0].on } : feedback;
}

/** Just the texts of an answer (the same keys as the field table). */
export function feedbackTextsOf(feedback: FeedbackTexts): FeedbackTexts {
  const texts: FeedbackTexts = { text: feedback.text || '' };
  for (const field of FEEDBACK_TEXT_FIELDS) {
    const value = (feedback as { [k: string]: string | undefined })[field.key];
    if (value) {
      (texts as { [k: string]: string })[field.key] = value;
    }
  }
  return texts;
}
