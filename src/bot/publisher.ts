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
import { FrontlineLists, LockResult, ReportLocks } from './lists';
import { explainGraphRefusal, explainLockFailure, LockFailure } from './lockFailure';
import { checkClaims, gatherClaimFacts } from './claimChecks';
import { joinNotices, NOT_LOCKED_NOTICE, reviewPickup, TAMPERED_NOTICE } from './pickupReview';
import type { Claim, PublisherLog } from './botReport';
import { formatServerCheck } from '../domain/serverCheck';
import { afterFailure, attemptDue, CardDelivery, formatCardDelivery, isParked } from './cardDelivery';
import { ServerCheck } from '../domain/types';

const F = VISIT_REPORTS.fields;
const CLAIM_PREFIX = 'claim:';

export type { Claim } from './botReport';

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
  /** Cards brought up to date with their report (behind after a crash or a failed refresh). */
  refreshed?: number[];
}

/** A report that kept failing: retried hourly, listed in the digest and by the doctor. */
export interface ParkedReport {
  id: number;
  since: string;
  failures: number;
  lastError?: string;
  nextAt?: string;
}

/** How often answered reports are compared with their cards (and at the first sweep). */
export const CATCH_UP_INTERVAL_MS = 15 * 60000;
/** Cards refreshed by one sweep at most: the rest wait for the next, so a backlog is no storm. */
export const CATCH_UP_PER_SWEEP = 25;

export { NOT_LOCKED_NOTICE };

/** Waits between tries of a failing lock, per report: doubling from the first, capped, with jitter. */
export const LOCK_RETRY_FIRST_MS = 60000;
export const LOCK_RETRY_MAX_MS = 3600000;

/** A report whose card is posted but whose lock has not yet succeeded. */
export interface PendingLock {
  reportId: number;
  attempts: number;
  nextAt: number;
  missing: string;
  /** The posted card says the report is not locked (refreshed without that line once it is). */
  cardFlagged: boolean;
  /** The card this process posted for it, while the lock failed. */
  activityId?: string;
}

/** Where the lock's permissions are granted, for the log's advice. */
export interface LockAdvice {
  siteUrl: string;
  appId: string;
}

type LockAttempt = { ok: true; lock: LockResult } | { ok: false; failure: LockFailure };

export type { PublisherLog } from './botReport';

export class CardPublisher {
  private running?: Promise<SweepResult>;
  private queued?: Promise<SweepResult>;
  /** Observers (the bench) learn when a card has been posted. */
  onPosted?: (reportId: number, at: number) => void;
  private readonly lockPending = new Map<number, PendingLock>();
  private lastListingProblem?: string;
  /** Failures this process knows of, also when recording them on the item failed. */
  private readonly failures = new Map<number, CardDelivery>();
  /** Refreshes of a card that failed: retried after a wait, never at once. */
  private readonly refreshFailures = new Map<number, CardDelivery>();
  /** People's changes (report id → Modified) the sweeps have seen: a notification for nothing new starts none. */
  private readonly seenChanges = new Map<number, string>();
  private sweeps = 0;
  /** Errors already counted as a failed attempt (and recorded on the item). */
  private readonly recorded = new WeakSet<object>();
  private lastCatchUp?: number;

  constructor(
    private readonly lists: FrontlineLists,
    private readonly channel: Channel,
    private readonly cards: CardFactory,
    private readonly log: PublisherLog,
    private readonly leaseMs: number,
    private readonly now: () => number = Date.now,
    private readonly locks: Pick<ReportLocks, 'lock' | 'unlock' | 'unlockedReportIds'> & Partial<Pick<ReportLocks, 'personChanges'>> = new ReportLocks(lists),
    private readonly lockAdvice: LockAdvice = { siteUrl: 'the data site', appId: "the bot's app id" },
    private readonly random: () => number = Math.random,
  ) {}

  /** Whether a report's card is posted and its lock still to be done. */
  isLockPending(reportId: number): boolean {
    return this.lockPending.has(reportId);
  }

  /** Reports whose card is posted and whose lock is still to be done, oldest failure first. */
  pendingLocks(): PendingLock[] {
    return Array.from(this.lockPending.values()).map((p) => ({ ...p }));
  }

  /** This process's view of a report's delivery: the item's record, or a later failure not yet on it. */
  private deliveryOf(report: BotReport): CardDelivery | undefined {
    const known = this.failures.get(report.id);
    const stored = report.delivery;
    if (!known) {
      return stored;
    }
    if (!stored || !stored.nextAt || (known.nextAt && known.nextAt > stored.nextAt)) {
      return known;
    }
    return stored;
  }

  /** Reports parked after failing again and again (as this process last saw them). */
  parkedReports(): ParkedReport[] {
    return Array.from(this.failures.entries())
      .filter(([, d]) => isParked(d))
      .map(([id, d]) => ({ id, since: d.parkedSince as string, failures: d.failures, lastError: d.lastError, nextAt: d.nextAt }));
  }

  /** When the earliest report in backoff may be tried again (for a timer), if any. */
  nextRetryAt(): number | undefined {
    const times = Array.from(this.failures.values())
      .concat(Array.from(this.refreshFailures.values()))
      .map((d) => (d.nextAt ? Date.parse(d.nextAt) : NaN))
      .filter((t) => !isNaN(t));
    return times.length ? Math.min(...times) : undefined;
  }

  /**
   * Whether a list notification may stand for something new: a person's change no sweep has seen.
   * The bot's own writes change nothing here, so they start no sweep. When SharePoint cannot say,
   * the answer is yes (the per-report backoff keeps that from feeding itself).
   */
  async hasUnseenChanges(): Promise<boolean> {
    if (!this.locks.personChanges) {
      return true;
    }
    try {
      const changes = await this.locks.personChanges();
      return changes.some((c) => this.seenChanges.get(c.id) !== c.modified);
    } catch {
      return true;
    }
  }

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
    const firstSweep = this.sweeps++ === 0;
    // Threshold-safe: the only filter is on the indexed ReportStatus column.
    const submitted: BotReport[] = await this.lists.reportsWithStatus('Submitted');
    let unlocked: number[];
    try {
      // Reports still waiting for their check stay on the list even once the bot has written to
      // them (a card posted while SharePoint REST was refused).
      let listed: number[];
      if (this.locks.personChanges) {
        const changes = await this.locks.personChanges();
        changes.forEach((c) => this.seenChanges.set(c.id, c.modified));
        listed = changes.map((c) => c.id);
      } else {
        listed = await this.locks.unlockedReportIds();
      }
      unlocked = listed.concat(Array.from(this.lockPending.keys()).filter((id) => listed.indexOf(id) === -1));
    } catch (error) {
      // SharePoint REST refused or failed: cards still go out through Graph; the locks wait.
      const failure = explainLockFailure(error, this.lockAdvice.siteUrl, this.lockAdvice.appId);
      if (failure.explanation !== this.lastListingProblem) {
        this.log.warn(`Cannot list the reports still to lock (${failure.explanation}) Posting cards for new reports; locks are retried on later sweeps.`);
      }
      this.lastListingProblem = failure.explanation;
      unlocked = Array.from(this.lockPending.keys());
    }
    // Card still to post: always tried. Lock still to do on a carded report: tried when its backoff
    // is over, and one of them every sweep, so a permission granted meanwhile is noticed at once.
    const needsCard = (r: BotReport): boolean => !r.cardActivityId;
    const lockDue = (id: number): boolean => {
      const state = this.lockPending.get(id);
      return !state || state.nextAt <= this.now();
    };
    const pending: BotReport[] = submitted.filter((r) => needsCard(r) || unlocked.indexOf(r.id) !== -1);
    for (const id of unlocked) {
      if (!submitted.some((r) => r.id === id)) {
        const report = await this.lists.report(id);
        if (report) {
          pending.push(report);
        }
      }
    }
    result.pending = pending.length;
    // Failures of reports that have their card now (posted by another instance, or withdrawn) are over.
    for (const id of Array.from(this.failures.keys())) {
      if (!pending.some((r) => r.id === id)) {
        this.failures.delete(id);
      }
    }
    const isWaiting = (r: BotReport): boolean => !needsCard(r) && !lockDue(r.id);
    const waiting = pending
      .filter(isWaiting)
      .sort((a, b) => (this.lockPending.get(a.id) as PendingLock).nextAt - (this.lockPending.get(b.id) as PendingLock).nextAt);
    const probe = waiting.length && !pending.some((r) => !needsCard(r) && lockDue(r.id)) ? waiting[0].id : undefined;
    const ordered = pending.filter((r) => !isWaiting(r) || r.id === probe).concat(waiting.filter((r) => r.id !== probe));
    let lockingWorks = false;
    for (const report of ordered) {
      if (isWaiting(report) && report.id !== probe && !lockingWorks) {
        result.skipped.push({ id: report.id, why: 'lock retried later' });
        continue;
      }
      // A report whose last attempts failed waits its turn; a parked one is tried once at start.
      const delivery = this.deliveryOf(report);
      if (!attemptDue(delivery, this.now()) && !(firstSweep && isParked(delivery))) {
        result.skipped.push({ id: report.id, why: isParked(delivery) ? 'parked' : 'retried later' });
        continue;
      }
      try {
        const outcome = await this.publish(report);
        if (outcome === 'posted') {
          result.posted.push(report.id);
        } else {
          result.skipped.push({ id: report.id, why: outcome });
        }
        // A lock that went through: any report still waiting for its lock is tried in this sweep.
        lockingWorks = lockingWorks || outcome === 'has card' || (outcome === 'posted' && !this.lockPending.has(report.id));
      } catch (error) {
        const refused = explainGraphRefusal(error, this.lockAdvice.siteUrl);
        this.log.error(
          refused ? `Report ${report.id}: no card posted. ${refused}` : `Posting the card for report ${report.id} failed: ${(error as Error).stack || error}`,
        );
        result.failed.push({ id: report.id, error: (error as Error).message });
        // A refusal (the app lacks a Graph permission) wrote nothing and feeds nothing: it is tried
        // each sweep, so the sweep after an administrator grants it posts the card.
        if (!refused && !this.recorded.has(error as object)) {
          // Failed before drawing or posting (a read, the check, the record): it waits its turn too.
          this.failures.set(report.id, afterFailure(this.deliveryOf(report), (error as Error).message || String(error), this.now(), this.random()));
        }
      }
    }
    const carded = submitted.filter((r) => r.cardActivityId && unlocked.indexOf(r.id) === -1);
    if (firstSweep || this.lastCatchUp === undefined || this.now() - this.lastCatchUp >= CATCH_UP_INTERVAL_MS) {
      this.lastCatchUp = this.now();
      try {
        const answered: BotReport[] = await this.lists.reportsWithStatus('Responded');
        carded.push(...answered.filter((r) => r.cardActivityId && unlocked.indexOf(r.id) === -1));
      } catch (error) {
        // The posting above is done; the answered cards are compared at the next catch-up.
        this.lastCatchUp = undefined;
        this.log.warn(`Could not read the answered reports to compare their cards: ${(error as Error).message}`);
      }
    }
    result.refreshed = await this.catchUp(carded);
    return result;
  }

  /**
   * Cards behind their report (the answer stored, then the process stopped before the card was
   * refreshed; or the refresh failed) are redrawn, a few per sweep, each failure backing off.
   */
  private async catchUp(reports: BotReport[]): Promise<number[]> {
    const refreshed: number[] = [];
    for (const report of reports) {
      if (refreshed.length >= CATCH_UP_PER_SWEEP) {
        break;
      }
      const shown = report.delivery && report.delivery.shown;
      if (!report.cardConversationId || !report.cardActivityId || parseClaim(report.cardConversationId) || shown === report.stateKey) {
        continue;
      }
      if (!attemptDue(this.refreshFailures.get(report.id), this.now())) {
        continue;
      }
      try {
        const card = await this.cards.sharedCard(report);
        await this.channel.updateCard(report.cardConversationId, report.cardActivityId, card);
        this.refreshFailures.delete(report.id);
        refreshed.push(report.id);
        if (shown) {
          this.log.info(`Report ${report.id}: its card was behind the list and is refreshed.`);
        }
        await this.recordShown(report);
      } catch (error) {
        const next = afterFailure(this.refreshFailures.get(report.id), (error as Error).message, this.now(), this.random());
        this.refreshFailures.set(report.id, next);
        this.log.warn(`Report ${report.id}: refreshing its card failed (${(error as Error).message}); retried after ${next.nextAt}.`);
      }
    }
    return refreshed;
  }

  private markRecorded(error: unknown): void {
    if (error && typeof error === 'object') {
      this.recorded.add(error);
    }
  }

  /** Notes on the item what its card now shows (guarded by the ETag: a change since is caught up later). */
  async recordShown(report: BotReport): Promise<void> {
    if (!report.etag || !report.stateKey) {
      return;
    }
    const delivery: CardDelivery = { failures: 0, shown: report.stateKey };
    await this.lists.patchReport(report.id, { [F.CardDelivery]: formatCardDelivery(delivery) }, report.etag).catch((error: Error) => {
      this.log.warn(`Report ${report.id}: could not note what its card shows (${error.message}); it may be refreshed again later.`);
    });
  }

  /**
   * One more failed attempt for a report: logged, backed off, recorded on the item (with
   * `fields`, e.g. giving a claim back) so every instance waits, parked after five in a row.
   */
  private async failed(report: BotReport, error: unknown, fields: { [name: string]: unknown }, etag: string | undefined): Promise<void> {
    const message = (error as Error).message || String(error);
    const next = afterFailure(this.deliveryOf(report), message, this.now(), this.random());
    this.failures.set(report.id, next);
    this.log.warn(`Report ${report.id}: attempt ${next.failures} to post its card failed (${message}); next attempt after ${next.nextAt}.`);
    if (isParked(next) && !isParked(report.delivery)) {
      this.log.error(
        `Report ${report.id} is parked after ${next.failures} failed attempts to post its card (last: ${next.lastError}). ` +
          'It is retried hourly and listed in the overdue digest and by `npm run doctor`; restarting the bot retries it at once.',
      );
    }
    if (!etag) {
      return;
    }
    await this.lists.patchReport(report.id, { ...fields, [F.CardDelivery]: formatCardDelivery(next) }, etag).catch((writeError: Error) => {
      this.log.warn(`Report ${report.id}: could not record the failure on the item (${writeError.message}); this instance still waits.`);
    });
  }

  private async tryLock(id: number): Promise<LockAttempt> {
    try {
      return { ok: true, lock: await this.locks.lock(id) };
    } catch (error) {
      return { ok: false, failure: explainLockFailure(error, this.lockAdvice.siteUrl, this.lockAdvice.appId) };
    }
  }

  /** Records a failed lock: logged with what is missing, retried after a growing wait. */
  private lockFailed(reportId: number, failure: LockFailure, posted?: string): void {
    const before = this.lockPending.get(reportId);
    const attempts = before ? before.attempts + 1 : 1;
    const wait = Math.min(LOCK_RETRY_MAX_MS, LOCK_RETRY_FIRST_MS * Math.pow(2, attempts - 1)) * (0.75 + this.random() / 2);
    const cardFlagged = !!posted || (!!before && before.cardFlagged);
    this.lockPending.set(reportId, {
      reportId,
      attempts,
      nextAt: this.now() + wait,
      missing: failure.missing,
      cardFlagged,
      activityId: posted || (before && before.activityId),
    });
    const next = `retried on later sweeps (next in about ${Math.round(wait / 60000)} min)`;
    if (!before) {
      this.log.warn(
        `Report ${reportId} is not locked: its author can still change it. Missing: ${failure.missing}. ${failure.explanation} Its card is posted${cardFlagged ? ' and says so' : ''}; the lock is ${next}.`,
      );
    } else {
      this.log.warn(`Report ${reportId}: lock attempt ${attempts} failed; missing: ${failure.missing}. ${failure.explanation} Lock ${next}.`);
    }
  }

  /** The lock caught up with a posted card: forget the failure and take the line off the card. */
  private async lockSucceeded(report: BotReport, changedMeanwhile: boolean): Promise<void> {
    const before = this.lockPending.get(report.id);
    if (!before) {
      return;
    }
    this.lockPending.delete(report.id);
    this.log.info(`Report ${report.id} is now locked (after ${before.attempts + 1} attempts).`);
    if ((before.cardFlagged || changedMeanwhile) && report.cardConversationId && report.cardActivityId) {
      try {
        await this.channel.updateCard(report.cardConversationId, report.cardActivityId, await this.cards.sharedCard(report));
      } catch (error) {
        this.log.warn(`Report ${report.id} is locked, but its card still says it is not: refreshing the card failed (${(error as Error).message}).`);
      }
    }
  }

  /** Posts one report's card unless it has one or someone holds a live claim on it. */
  async publish(seen: BotReport): Promise<'posted' | 'has card' | 'claimed elsewhere' | 'changed meanwhile' | 'gone' | 'draft' | 'lock pending'> {
    // Lock first, then read: from here on the author cannot change what is checked and posted.
    // A lock that fails does not stop the card: it is posted flagged and the lock retried.
    const attempt = await this.tryLock(seen.id);
    const report = await this.lists.report(seen.id);
    if (!report) {
      this.lockPending.delete(seen.id);
      return 'gone';
    }
    if (report.status === 'Draft') {
      // Taken back to draft between the sweep's read and the lock: the author must keep editing it.
      if (attempt.ok) {
        await this.locks.unlock(report.id);
      }
      this.lockPending.delete(report.id);
      return 'draft';
    }
    const found = parseClaim(report.cardConversationId);
    if (!attempt.ok && report.cardActivityId) {
      // Without the lock the bot cannot tell who wrote the card ids; it never posts over them.
      // Once locked, a review decides (ids the author wrote are then treated as tampering).
      this.lockFailed(report.id, attempt.failure);
      return 'lock pending';
    }
    const lock = attempt.ok ? attempt.lock : undefined;
    // Card ids are the bot's own when the item was already locked (only the app writes it since)
    // or when the app made its last change (a report carded before this version of the bot).
    // So are the ids of a card this process posted while the lock failed.
    const waited = this.lockPending.get(report.id);
    const postedHere = !!waited && !!waited.activityId && waited.activityId === report.cardActivityId;
    const cardIdsTrusted = !!lock && (!lock.newlyLocked || lock.lastEditorIsApp || postedHere);
    if (report.cardActivityId && cardIdsTrusted) {
      if (lock && lock.newlyLocked && !lock.lastEditorIsApp) {
        this.log.warn(
          `Report ${report.id} was changed after its card was posted and before the bot could lock it; its card is refreshed to show the report as it now stands.`,
        );
      }
      await this.lockSucceeded(report, !!lock && lock.newlyLocked && !lock.lastEditorIsApp);
      return 'has card';
    }
    // Who changed the item last: known from the lock; without it, a claim on the item means the bot did.
    const lastEditorIsApp = lock ? lock.lastEditorIsApp : !!found;
    const review = reviewPickup(report, { now: this.now(), leaseMs: this.leaseMs, claim: found, modifiedIsSubmission: !lastEditorIsApp });
    if (review.tampered.length) {
      this.log.warn(
        `Report ${report.id} was changed in a way the form does not allow (${review.tampered.join('; ')}). ` +
          'Those fields are cleared and its card says so, for the improvement team to check.',
      );
    }
    const existing = review.tampered.length ? undefined : found;
    if (existing && existing.until > this.now()) {
      return 'claimed elsewhere';
    }
    if (existing) {
      this.log.warn(
        `Report ${report.id}: an earlier attempt claimed it until ${new Date(existing.until).toISOString()} and recorded no card. ` +
          'Posting again; if that attempt had posted before stopping, the channel now has two cards for this report.',
      );
    }
    if (!report.etag) {
      throw new Error(`Report ${report.id} came back without an ETag`);
    }
    const check = await this.checkClaims(report, review.submittedOn);
    const reviewed: BotReport = review.tampered.length
      ? {
          ...report,
          status: 'Submitted',
          feedback: undefined,
          feedbackById: undefined,
          cardActivityId: undefined,
          submittedOn: review.submittedOn || undefined,
          serverCheck: check,
        }
      : { ...report, submittedOn: review.submittedOn || undefined, serverCheck: check };
    const reviewFields = { ...review.corrections, [F.ServerCheck]: formatServerCheck(check) };
    // Drawn before claiming: a report the card cannot be drawn for costs no claim and no release.
    let card;
    let full: BotReport;
    try {
      full = await this.cards.complete(reviewed);
      // The factory adds the Incomplete line itself, on this and every later view of the card.
      card = await this.cards.sharedCard(
        full,
        joinNotices(review.tampered.length ? TAMPERED_NOTICE : undefined, attempt.ok ? undefined : NOT_LOCKED_NOTICE),
        true,
      );
    } catch (error) {
      // The review's corrections go with the record, so the item is never left looking reviewed without them.
      await this.failed(report, new Error(`its card could not be drawn: ${(error as Error).message}`), reviewFields, report.etag);
      this.markRecorded(error);
      throw error;
    }
    const claim: Claim = { until: this.now() + this.leaseMs, token: randomUUID() };
    const claimWrite = await this.lists.patchReport(report.id, { ...reviewFields, [F.CardConversationId]: formatClaim(claim) }, report.etag);
    if (!claimWrite.ok) {
      return claimWrite.reason === 'conflict' ? 'changed meanwhile' : 'gone';
    }
    const claimed = claimWrite;
    let posted;
    try {
      posted = await this.channel.postCard(card, `Visit report: ${speakable(full.teamTitle)}`);
    } catch (error) {
      // Nothing was posted: give the claim back, in the same write as the failure and its wait.
      await this.failed(report, error, { [F.CardConversationId]: '' }, claimed.etag);
      this.markRecorded(error);
      throw error;
    }
    if (this.onPosted) {
      this.onPosted(report.id, this.now());
    }
    await this.record(report.id, claim, posted, claimed.etag, claimed.stateKey);
    if (this.failures.has(report.id) || isParked(report.delivery)) {
      this.log.info(`Report ${report.id}: card posted after ${(this.deliveryOf(report) || { failures: 0 }).failures} failed attempts.`);
    }
    this.failures.delete(report.id);
    this.log.info(`Report ${report.id}: card ${posted.activityId} posted to ${posted.conversationId}`);
    if (attempt.ok) {
      this.lockPending.delete(report.id);
    } else {
      this.lockFailed(report.id, attempt.failure, posted.activityId);
    }
    return 'posted';
  }

  /**
   * The server's check of what the report claims (`claimChecks.ts`). A check that cannot be made
   * is itself a problem: the report is then flagged, never silently used.
   */
  private async checkClaims(report: BotReport, submittedOn: string): Promise<ServerCheck> {
    const checkedOn = new Date(this.now()).toISOString();
    let check: ServerCheck;
    try {
      check = checkClaims(report, await gatherClaimFacts(this.lists, report), submittedOn || checkedOn, checkedOn);
    } catch (error) {
      this.log.error(`Report ${report.id}: its claims could not be checked: ${(error as Error).message}`);
      check = { problems: ['Its members, rota visit and team could not be checked when it arrived.'], notes: [], checkedOn };
    }
    if (check.problems.length || check.notes.length) {
      this.log.warn(`Report ${report.id}: the server check found ${[...check.problems, ...check.notes].join(' ')}`);
    }
    return check;
  }

  /** Step 3, re-reading on 412 (e.g. the Head of Service answered within the same second). */
  private async record(reportId: number, claim: Claim, posted: { conversationId: string; activityId: string }, etag: string, shown?: string): Promise<void> {
    // The failures are over; what the card shows is the item as claimed (the record changes nothing it shows).
    const delivery: CardDelivery = { failures: 0, shown };
    const ids = { [F.CardConversationId]: posted.conversationId, [F.CardActivityId]: posted.activityId, [F.CardDelivery]: formatCardDelivery(delivery) };
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
            'our lease ran out mid-post. The channel has a duplicate card for this report.',
        );
        return;
      }
      current = fresh.etag;
    }
    throw new Error(`Report ${reportId}: could not record card ${posted.activityId} after repeated ETag conflicts`);
  }
}
