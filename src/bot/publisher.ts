/**
 * Posting exactly one card per submitted report.
 *
 * The list item is the only record: a report whose CardActivityId is set has its card and is
 * never posted again. Posting is a three-step protocol, each write guarded by the item's ETag:
 *
 *   1. claim   CardConversationId := "claim:<lease end>:<token>"   (If-Match: the ETag we read)
 *   2. post    the card to the channel (Bot Connector)
 *   3. record  CardConversationId, CardActivityId := the posted ids (If-Match: the claim's ETag;
 *              on 412 re-read, and record again only while the claim is still ours)
 *
 * Two sweeps (in this process, in another instance, or after a restart) cannot both claim: the
 * loser's If-Match fails. Duplicate or out-of-order webhook notifications only start sweeps, and
 * a sweep skips reports with a card or a live claim.
 *
 * The crash window: if the process dies after step 2 and before step 3, the item keeps a claim
 * and no activity id. When the lease ends a sweep posts the card again, logging a warning that a
 * duplicate is possible. We accept that residual window (one Bot Connector round trip) rather
 * than risk a report with no card: the Bot Connector offers no idempotency key and the bot has no
 * permission to read channel messages to look for the first card. A duplicate is harmless — both
 * cards carry the report id and an answer on either is written once, ETag-guarded.
 *
 * The review on pickup: a submitted report is closed to its author by the list's permissions
 * (councillors may add, never edit), but a councillor may add one with any field set. Before
 * claiming, the bot reads who changed the item last (`ReportLocks`), re-reads it and reviews it
 * (`reviewPickup`): fields only the bot or a Head of Service may set are cleared if present
 * (tampering, logged and flagged on the card), SubmittedOn is checked against the server's
 * Modified time, and the form's submit checks run again; the corrections go in the claim's write.
 * A sweep picks up submitted reports with no card and every submitted or responded report whose
 * last change was a person's (one added as Responded, or with card ids, would otherwise never get
 * a card).
 */
import { randomUUID } from 'node:crypto';
import { speakable } from '../cards/reportCard';
import { VISIT_REPORTS } from '../data/listContract';
import { CardFactory, BotReport } from './cardFactory';
import { Channel } from './channel';
import { FrontlineLists, ReportLocks } from './lists';
import { reviewPickup, TAMPERED_NOTICE } from './pickupReview';

const F = VISIT_REPORTS.fields;
const CLAIM_PREFIX = 'claim:';

export interface Claim {
  until: number;
  token: string;
}

export function formatClaim(claim: Claim): string {
  return `${CLAIM_PREFIX}${new Date(claim.until).toISOString()}:${claim.token}`;
}

export function parseClaim(value: string | undefined): Claim | undefined {
  if (!value || value.indexOf(CLAIM_PREFIX) !== 0) {
    return undefined;
  }
  const rest = value.slice(CLAIM_PREFIX.length);
  const split = rest.lastIndexOf(':');
  const until = Date.parse(rest.slice(0, split));
  return isNaN(until) ? undefined : { until, token: rest.slice(split + 1) };
}

export interface SweepResult {
  /** Reports submitted and without a card when the sweep looked. */
  pending: number;
  posted: number[];
  skipped: Array<{ id: number; why: string }>;
  failed: Array<{ id: number; error: string }>;
}

export interface PublisherLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export class CardPublisher {
  private running?: Promise<SweepResult>;
  private queued?: Promise<SweepResult>;
  /** Observers (the bench) learn when a card has been posted. */
  onPosted?: (reportId: number, at: number) => void;

  constructor(
    private readonly lists: FrontlineLists,
    private readonly channel: Channel,
    private readonly cards: CardFactory,
    private readonly log: PublisherLog,
    private readonly leaseMs: number,
    private readonly now: () => number = Date.now,
    private readonly locks: Pick<ReportLocks, 'lock' | 'unlock' | 'unlockedReportIds'> = new ReportLocks(lists)
  ) {}

  /**
   * Finds submitted reports with no card and posts theirs. Single-flight in this process: a call
   * during a sweep returns a sweep that starts after the current one, so a notification that
   * arrives mid-sweep is never lost.
   */
  sweep(): Promise<SweepResult> {
    if (this.queued) {
      return this.queued;
    }
    if (this.running) {
      this.queued = this.running
        .catch(() => undefined)
        .then(() => {
          this.queued = undefined;
          return this.startSweep();
        });
      return this.queued;
    }
    return this.startSweep();
  }

  private startSweep(): Promise<SweepResult> {
    const run = this.sweepOnce().finally(() => {
      if (this.running === run) {
        this.running = undefined;
      }
    });
    this.running = run;
    return run;
  }

  private async sweepOnce(): Promise<SweepResult> {
    const result: SweepResult = { pending: 0, posted: [], skipped: [], failed: [] };
    // Threshold-safe: the only filter is on the indexed ReportStatus column.
    const submitted = await this.lists.reportsWithStatus('Submitted');
    const unlocked = await this.locks.unlockedReportIds();
    const pending: BotReport[] = submitted.filter((r) => !r.cardActivityId || unlocked.indexOf(r.id) !== -1);
    for (const id of unlocked) {
      if (!submitted.some((r) => r.id === id)) {
        const report = await this.lists.report(id);
        if (report) {
          pending.push(report);
        }
      }
    }
    result.pending = pending.length;
    for (const report of pending) {
      try {
        const outcome = await this.publish(report);
        if (outcome === 'posted') {
          result.posted.push(report.id);
        } else {
          result.skipped.push({ id: report.id, why: outcome });
        }
      } catch (error) {
        this.log.error(`Posting the card for report ${report.id} failed: ${(error as Error).stack || error}`);
        result.failed.push({ id: report.id, error: (error as Error).message });
      }
    }
    return result;
  }

  /** Posts one report's card unless it has one or someone holds a live claim on it. */
  async publish(seen: BotReport): Promise<'posted' | 'has card' | 'claimed elsewhere' | 'changed meanwhile' | 'gone' | 'draft'> {
    // Who changed it last, then read: the author cannot change it any more (the list's permissions).
    const lock = await this.locks.lock(seen.id);
    const report = await this.lists.report(seen.id);
    if (!report) {
      return 'gone';
    }
    if (report.status === 'Draft') {
      // Not a submission (a councillor cannot make one Draft through the form): nothing to post.
      await this.locks.unlock(report.id);
      return 'draft';
    }
    // Card ids are the bot's own when the app made the item's last change.
    const cardIdsTrusted = !lock.newlyLocked || lock.lastEditorIsApp;
    if (report.cardActivityId && cardIdsTrusted) {
      return 'has card';
    }
    const found = parseClaim(report.cardConversationId);
    const review = reviewPickup(report, { now: this.now(), leaseMs: this.leaseMs, claim: found, modifiedIsSubmission: !lock.lastEditorIsApp });
    if (review.tampered.length) {
      this.log.warn(
        `Report ${report.id} was changed in a way the form does not allow (${review.tampered.join('; ')}). ` +
          'Those fields are cleared and its card says so, for the improvement team to check.'
      );
    }
    const existing = review.tampered.length ? undefined : found;
    if (existing && existing.until > this.now()) {
      return 'claimed elsewhere';
    }
    if (existing) {
      this.log.warn(
        `Report ${report.id}: an earlier attempt claimed it until ${new Date(existing.until).toISOString()} and recorded no card. ` +
          'Posting again; if that attempt had posted before stopping, the channel now has two cards for this report.'
      );
    }
    if (!report.etag) {
      throw new Error(`Report ${report.id} came back without an ETag`);
    }
    const claim: Claim = { until: this.now() + this.leaseMs, token: randomUUID() };
    const claimWrite = await this.lists.patchReport(report.id, { ...review.corrections, [F.CardConversationId]: formatClaim(claim) }, report.etag);
    if (!claimWrite.ok) {
      return claimWrite.reason === 'conflict' ? 'changed meanwhile' : 'gone';
    }
    const claimed = claimWrite;
    const reviewed: BotReport = review.tampered.length
      ? { ...report, status: 'Submitted', feedback: undefined, feedbackById: undefined, cardActivityId: undefined, submittedOn: review.submittedOn || undefined }
      : { ...report, submittedOn: review.submittedOn || undefined };
    let posted;
    try {
      const full = await this.cards.complete(reviewed);
      // The factory adds the Incomplete line itself, on this and every later view of the card.
      const card = await this.cards.sharedCard(full, review.tampered.length ? TAMPERED_NOTICE : undefined);
      posted = await this.channel.postCard(card, `Visit report: ${speakable(full.teamTitle)}`);
    } catch (error) {
      // Nothing was posted: give the claim back so the next sweep tries at once.
      await this.lists.patchReport(report.id, { [F.CardConversationId]: '' }, claimed.etag).catch(() => undefined);
      throw error;
    }
    if (this.onPosted) {
      this.onPosted(report.id, this.now());
    }
    await this.record(report.id, claim, posted, claimed.etag);
    this.log.info(`Report ${report.id}: card ${posted.activityId} posted to ${posted.conversationId}`);
    return 'posted';
  }

  /** Step 3, re-reading on 412 (e.g. the Head of Service answered within the same second). */
  private async record(reportId: number, claim: Claim, posted: { conversationId: string; activityId: string }, etag: string): Promise<void> {
    const ids = { [F.CardConversationId]: posted.conversationId, [F.CardActivityId]: posted.activityId };
    let current = etag;
    for (let attempt = 0; attempt < 5; attempt++) {
      const written = await this.lists.patchReport(reportId, ids, current);
      if (written.ok) {
        return;
      }
      const fresh = await this.lists.report(reportId);
      if (!fresh || !fresh.etag) {
        this.log.error(`Report ${reportId} disappeared after its card ${posted.activityId} was posted`);
        return;
      }
      const stillOurs = parseClaim(fresh.cardConversationId);
      if (fresh.cardActivityId || !stillOurs || stillOurs.token !== claim.token) {
        this.log.error(
          `Report ${reportId}: card ${posted.activityId} was posted but another instance recorded card ${fresh.cardActivityId || '(none yet)'}; ` +
            'our lease ran out mid-post. The channel has a duplicate card for this report.'
        );
        return;
      }
      current = fresh.etag;
    }
    throw new Error(`Report ${reportId}: could not record card ${posted.activityId} after repeated ETag conflicts`);
  }
}
