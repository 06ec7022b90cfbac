import { VisitReportForm } from '../../domain/types';
import { DraftKey, draftKeyFor, DraftStore } from './draftStore';

/** Where the draft lives on the list (nothing yet for a new form). */
export interface SaveTarget {
  reportId?: number;
  etag?: string;
}

export type SaveFunction = (form: VisitReportForm, target: SaveTarget) => Promise<{ reportId: number; etag: string }>;

export type SaveState =
  /** Nothing typed since the form opened. */
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  /** Typed since the last save; the next save is a pause in typing away. */
  | { kind: 'unsaved' }
  /** The last attempt failed; another is scheduled. The text is on the device (unless `deviceCopy` is false). */
  | { kind: 'retrying'; attempts: number; deviceCopy: boolean }
  /** The item changed elsewhere since this text was based on it (HTTP 412): a person must choose. */
  | { kind: 'conflict' }
  /**
   * The list refused the draft in a way retrying will not fix (400 bad value, 401/403 signed out
   * or no permission, 404 deleted). The text stays on the device; the next edit tries again.
   */
  | { kind: 'rejected'; status: number; deviceCopy: boolean };

/**
 * Refusals that the same request will meet again: no automatic retry. 409: the visit already has
 * another member's draft or report (SharePoint's unique Rota entry refused this one).
 */
const NOT_RETRIED = [400, 401, 403, 404, 409];

export interface DraftSaverOptions {
  save: SaveFunction;
  store: DraftStore;
  /** The form's rota entry, so a new report's key is known before it has an id. */
  rotaEntryId?: number;
  initialTarget: SaveTarget;
  onStateChange(state: SaveState): void;
  /** The draft got its list item (first save): the page can point its address at it. */
  onReportCreated?(reportId: number): void;
  debounceMs?: number;
  /** Delays between retries; the last repeats. */
  retryDelaysMs?: ReadonlyArray<number>;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Tells a 412 from other failures (PnPjs errors carry `status`). */
  isConflict?: (error: unknown) => boolean;
  now?: () => Date;
}

const DEFAULT_RETRY_DELAYS = [2000, 5000, 10000, 30000];

function statusIs412(error: unknown): boolean {
  return !!error && (error as { status?: unknown }).status === 412;
}

/**
 * Saves a draft as the councillor types: every change goes to the device at once, and to the
 * list after a pause in typing. Failures retry (and never discard the device copy); a 412 stops
 * and asks. A save that races a newer edit leaves the device copy in place for the next save.
 */
export class DraftSaver {
  private target: SaveTarget;
  private form: VisitReportForm | undefined;
  /** Bumped by every edit; a save confirms only the revision it sent. */
  private revision = 0;
  private confirmedRevision = 0;
  private timer: unknown;
  private inFlight: Promise<void> | undefined;
  private attempts = 0;
  private conflicted = false;
  private disposed = false;
  private deviceCopy = true;
  /** The state last told to the screen, so "Saved" never stands beside text the list has not got. */
  private shownState: SaveState['kind'] = 'idle';
  private readonly setTimer: (callback: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly isConflict: (error: unknown) => boolean;
  private readonly now: () => Date;

  public constructor(private readonly options: DraftSaverOptions) {
    this.target = { ...options.initialTarget };
    this.setTimer = options.setTimer || ((callback, ms) => setTimeout(callback, ms));
    this.clearTimer = options.clearTimer || ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
    this.isConflict = options.isConflict || statusIs412;
    this.now = options.now || (() => new Date());
  }

  public get key(): DraftKey {
    return draftKeyFor({ reportId: this.target.reportId, rotaEntryId: this.options.rotaEntryId });
  }

  public get currentTarget(): SaveTarget {
    return { ...this.target };
  }

  /** True while some text has not been confirmed by the list. */
  public get dirty(): boolean {
    return this.revision !== this.confirmedRevision;
  }

  /** Records a change: on the device now, on the list after the pause. */
  public edit(form: VisitReportForm): void {
    this.form = form;
    this.revision++;
    this.keepOnDevice();
    if (this.shownState === 'saved') {
      this.tell({ kind: 'unsaved' });
    }
    if (!this.conflicted) {
      this.schedule(this.options.debounceMs === undefined ? 1500 : this.options.debounceMs);
    }
  }

  /**
   * Marks text restored from the device as unconfirmed, so it is saved to the list without the
   * user having to type again.
   */
  public restore(form: VisitReportForm): void {
    this.edit(form);
  }

  /** Saves now (leaving the page, before submitting). Resolves true when the list has the latest text. */
  public async flush(): Promise<boolean> {
    this.cancelTimer();
    if (this.inFlight) {
      await this.inFlight;
    }
    if (this.dirty && !this.conflicted && !this.disposed) {
      await this.run();
    }
    return !this.dirty;
  }

  /**
   * Before a write that carries the whole form anyway (submission): stop the pending save and let
   * one already under way finish, so the ETag to send is the newest. Call `edit` or `flush`
   * afterwards if that write fails, to resume saving.
   */
  public async settle(): Promise<void> {
    this.cancelTimer();
    if (this.inFlight) {
      await this.inFlight;
    }
    this.cancelTimer();
  }

  /** After a 412: keep this device's text over the version on the list (which has `latestEtag`). */
  public async keepMine(latestEtag: string): Promise<boolean> {
    this.target = { ...this.target, etag: latestEtag };
    this.conflicted = false;
    this.keepOnDevice();
    return this.flush();
  }

  /** After a 412: drop this device's text; the caller shows the list's version. */
  public discardMine(latest: SaveTarget): void {
    this.cancelTimer();
    this.options.store.remove(this.key);
    this.target = { ...latest };
    this.conflicted = false;
    this.confirmedRevision = this.revision;
    this.tell({ kind: 'idle' });
  }

  /** The list now holds a newer version written by this screen (submission): forget the device copy. */
  public confirmExternally(target: SaveTarget): void {
    this.cancelTimer();
    this.options.store.remove(this.key);
    this.target = { ...target };
    this.confirmedRevision = this.revision;
  }

  public dispose(): void {
    this.disposed = true;
    this.cancelTimer();
  }

  private tell(state: SaveState): void {
    this.shownState = state.kind;
    this.options.onStateChange(state);
  }

  private keepOnDevice(): void {
    if (!this.form) {
      return;
    }
    this.deviceCopy = this.options.store.save(this.key, {
      form: this.form,
      reportId: this.target.reportId,
      etag: this.target.etag,
      changedAt: this.now().toISOString(),
    });
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      void this.run();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) {
      this.clearTimer(this.timer);
      this.timer = undefined;
    }
  }

  private run(): Promise<void> {
    if (this.inFlight) {
      // The running save will see the newer revision when it ends and go again.
      return this.inFlight;
    }
    this.inFlight = this.saveOnce().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async saveOnce(): Promise<void> {
    if (!this.form || this.disposed || this.conflicted) {
      return;
    }
    const sentRevision = this.revision;
    const sentForm = this.form;
    const keyBefore = this.key;
    this.tell({ kind: 'saving' });
    try {
      const saved = await this.options.save(sentForm, this.target);
      const created = this.target.reportId === undefined;
      this.target = { reportId: saved.reportId, etag: saved.etag };
      this.confirmedRevision = sentRevision;
      this.attempts = 0;
      if (keyBefore !== this.key) {
        // The device copy moves to the new report's key, so a reload of the report finds it.
        this.options.store.remove(keyBefore);
      }
      if (this.dirty) {
        this.keepOnDevice();
      } else {
        this.options.store.remove(this.key);
      }
      if (created && this.options.onReportCreated) {
        this.options.onReportCreated(saved.reportId);
      }
      if (this.disposed) {
        return;
      }
      if (this.dirty) {
        this.schedule(0);
      } else {
        this.tell({ kind: 'saved', at: this.now() });
      }
    } catch (error) {
      if (this.isConflict(error)) {
        this.conflicted = true;
        // eslint-disable-next-line no-console
        console.warn('Frontline Visits: the report changed elsewhere; keeping this device’s text until the user chooses', {
          key: this.key,
          target: this.target,
        });
        this.tell({ kind: 'conflict' });
        return;
      }
      this.attempts++;
      const status = error && typeof (error as { status?: unknown }).status === 'number' ? ((error as { status: number }).status as number) : undefined;
      if (status !== undefined && NOT_RETRIED.indexOf(status) !== -1) {
        // eslint-disable-next-line no-console
        console.error('Frontline Visits: the list refused the draft; the text stays on this device', {
          key: this.key,
          reportId: this.target.reportId,
          status,
          error,
        });
        if (!this.disposed) {
          this.tell({ kind: 'rejected', status, deviceCopy: this.deviceCopy });
        }
        return;
      }
      // eslint-disable-next-line no-console
      console.error('Frontline Visits: saving the draft failed; the text stays on this device and we will retry', {
        key: this.key,
        reportId: this.target.reportId,
        attempt: this.attempts,
        error,
      });
      if (this.disposed) {
        return;
      }
      const delays = this.options.retryDelaysMs || DEFAULT_RETRY_DELAYS;
      this.tell({ kind: 'retrying', attempts: this.attempts, deviceCopy: this.deviceCopy });
      this.schedule(delays[Math.min(this.attempts - 1, delays.length - 1)]);
    }
  }
}
