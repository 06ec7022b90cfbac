/**
 * What the bot checks when it first picks up a submitted report (docs/architecture.md §4: enforced where the
 * data lives). Until the bot locks the item, its author could write anything on it — SharePoint's
 * list settings allow editing one's own items and have no field-level permissions — so the bot
 * trusts nothing only it or a Head of Service may set, and re-runs the form's submit checks.
 * Pure: the publisher reads the item, calls this, and writes `corrections` with its claim.
 */
import { londonDateOf } from '../domain/calendarDate';
import { FEEDBACK_TEXT_FIELDS } from '../domain/reportFields';
import { validateForSubmit } from '../domain/validation';
import { VISIT_REPORTS } from '../data/listContract';
import { lookupIdField } from './lists';
import type { BotReport, Claim } from './botReport';

const F = VISIT_REPORTS.fields;
const DAY_MS = 86400000;
/** Clocks of two bot instances may differ a little; a claim longer than this past the lease was not written by a bot. */
const CLAIM_CLOCK_SLACK_MS = 60000;

export const TAMPERED_NOTICE = 'This report was changed in a way the form does not allow; the improvement team should check it.';

/** On every view of the card of a report the bot has not yet managed to lock. */
export const NOT_LOCKED_NOTICE =
  'Not yet checked: the bot could not read this report on SharePoint to check what it claims. The bot keeps trying; IT can see why in its log.';

export interface PickupReview {
  /** Why the report is treated as tampered; empty when it is not. */
  tampered: string[];
  /** The form's submit checks that fail, as the form words them. */
  incomplete: string[];
  /** Fields to write with the claim: cleared tampering and a corrected SubmittedOn. */
  corrections: { [field: string]: unknown };
  /** The submission date the report is judged and dated by. */
  submittedOn: string;
}

export interface ReviewOptions {
  now: number;
  leaseMs: number;
  /** The report's CardConversationId read as a claim, if it is one. */
  claim: Claim | undefined;
  /**
   * The item's server Modified time (`report.modified`) is when it was submitted: a person made
   * its last change, and after submitting an author can change it only until the bot locks it.
   */
  modifiedIsSubmission: boolean;
}

/**
 * Reviews a report with no card of the bot's (the publisher has already set aside a report whose
 * card ids are trusted): any answer, Responded status or card id on it was not written by the card.
 */
export function reviewPickup(report: BotReport, options: ReviewOptions): PickupReview {
  const tampered: string[] = [];
  const corrections: { [field: string]: unknown } = {};
  if (report.feedback || report.feedbackById !== undefined) {
    tampered.push('a Head of Service response was on it before its card was posted');
  }
  if (report.status === 'Responded') {
    tampered.push('it was marked Responded before its card was posted');
  }
  if (report.cardActivityId) {
    tampered.push('it named a card the bot did not post');
  }
  const claim = options.claim;
  if (report.cardConversationId && !claim) {
    tampered.push('it named a card conversation the bot did not write');
  } else if (claim && claim.until > options.now + options.leaseMs + CLAIM_CLOCK_SLACK_MS) {
    tampered.push('it carried a card claim no bot wrote');
  }
  if (tampered.length) {
    for (const field of FEEDBACK_TEXT_FIELDS) {
      corrections[field.listField] = null;
    }
    corrections[F.HosFeedbackOn] = null;
    corrections[F.HosFeedbackHistory] = null;
    corrections[lookupIdField(F.HosFeedbackBy)] = null;
    corrections[F.ReportStatus] = 'Submitted';
    corrections[F.CardActivityId] = null;
  }

  const modified = report.modified ? Date.parse(report.modified) : NaN;
  const stated = report.submittedOn ? Date.parse(report.submittedOn) : NaN;
  let submittedOn = report.submittedOn || '';
  if (options.modifiedIsSubmission && !isNaN(modified) && (isNaN(stated) || stated > options.now || Math.abs(stated - modified) > DAY_MS)) {
    submittedOn = new Date(modified).toISOString().replace(/\.\d{3}Z$/, 'Z');
    corrections[F.SubmittedOn] = submittedOn;
  }
  const incomplete = missingForSubmit(report, submittedOn || new Date(options.now).toISOString());
  return { tampered, incomplete, corrections, submittedOn };
}

/** The form's submit checks on a report, judged on the London day it was submitted. */
export function missingForSubmit(report: BotReport, submittedOn: string | undefined): string[] {
  const when = submittedOn ? new Date(submittedOn) : new Date();
  return validateForSubmit(report, londonDateOf(isNaN(when.getTime()) ? new Date() : when)).map((e) => e.message);
}

/** The card's line for a report that fails the form's submit checks, or undefined. */
export function incompleteNotice(missing: string[]): string | undefined {
  return missing.length ? `Incomplete: ${missing.join(' ')}` : undefined;
}

/** Notices shown together on a card, in order, blank ones left out. */
export function joinNotices(...notices: Array<string | undefined>): string | undefined {
  const lines = notices.filter((n): n is string => !!n);
  return lines.length ? lines.join('\n\n') : undefined;
}
