import { emptyFormTexts, FORM_TEXT_FIELDS, GRID_TEXT_FIELDS } from '../../domain/reportFields';
import { emptyGrid } from '../../domain/grid';
import { Person, VisitReportForm } from '../../domain/types';

/**
 * The copy of a draft kept on this device until the list has confirmed it. It is what makes a
 * closed tab, a dropped connection or a reload lose nothing: the text is written here on every
 * change, before any request, and removed only once a save of that very text has succeeded.
 */
export interface LocalDraft {
  form: VisitReportForm;
  /** The list item, once one exists. */
  reportId?: number;
  /** The ETag the text was based on: the next write sends it, so a change made elsewhere is caught. */
  etag?: string;
  /** When the text last changed (ISO instant). */
  changedAt: string;
}

/**
 * Which form a draft belongs to: an existing report, a rota entry without a report yet, or the
 * one unscheduled visit being started.
 */
export type DraftKey = `report-${number}` | `rota-${number}` | 'unscheduled';

export function draftKeyFor(target: { reportId?: number; rotaEntryId?: number }): DraftKey {
  if (target.reportId !== undefined) {
    return `report-${target.reportId}`;
  }
  if (target.rotaEntryId !== undefined) {
    return `rota-${target.rotaEntryId}`;
  }
  return 'unscheduled';
}

const PREFIX = 'frontlineVisits.draft.v1';
const STORED_VERSION = 1;

/**
 * How long an unsaved copy may stay on the device. Browser storage is shared by every page of the
 * tenant's SharePoint origin and outlives the session, so safeguarding notes must not linger;
 * 30 days is beyond the 28 days a councillor has to submit.
 */
export const DEVICE_COPY_DAYS = 30;

/** The part of the Web Storage API the store uses, so tests and odd hosts can supply their own. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

/** localStorage where the host allows it (some embedded browsers throw on access). */
export function browserStorage(): KeyValueStorage | undefined {
  try {
    const storage = typeof window !== 'undefined' ? window.localStorage : undefined;
    if (storage) {
      const probe = `${PREFIX}.probe`;
      storage.setItem(probe, '1');
      storage.removeItem(probe);
    }
    return storage;
  } catch (error) {
    // eslint-disable-next-line no-console
    console.warn('Frontline Visits: this browser does not let us keep drafts on the device', error);
    return undefined;
  }
}

/**
 * Drafts on this device, one per user and form: a shared computer or a second councillor in the
 * same browser never sees another's text.
 */
export class DraftStore {
  private readonly user: string;

  public constructor(
    private readonly storage: KeyValueStorage | undefined,
    userEmail: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.user = userEmail.trim().toLowerCase();
  }

  /** False when the device keeps nothing (storage blocked); the UI says so. */
  public get available(): boolean {
    return !!this.storage;
  }

  public storageKey(key: DraftKey): string {
    return `${PREFIX}:${encodeURIComponent(this.user)}:${key}`;
  }

  public load(key: DraftKey): LocalDraft | undefined {
    if (!this.storage) {
      return undefined;
    }
    let raw: string | null;
    try {
      raw = this.storage.getItem(this.storageKey(key));
    } catch (error) {
      // eslint-disable-next-line no-console
      console.error('Frontline Visits: could not read the draft kept on this device', { key, error });
      return undefined;
    }
    if (!raw) {
      return undefined;
    }
    try {
      const draft = parseDraft(JSON.parse(raw));
      if (draft && this.expired(draft)) {
        this.remove(key);
        return undefined;
      }
      return draft;
    } catch (error) {
      // Keep the unreadable copy where it is: deleting it could throw away someone's words.
      // eslint-disable-next-line no-console
      console.error('Frontline Visits: the draft kept on this device could not be read', { key, error });
      return undefined;
    }
  }

  /** Returns false when the device refused (full, or private browsing): the UI warns. */
  public save(key: DraftKey, draft: LocalDraft): boolean {
    if (!this.storage) {
      return false;
    }
    try {
      this.storage.setItem(this.storageKey(key), JSON.stringify({ v: STORED_VERSION, ...draft }));
      return true;
    } catch (error) {
      // eslint-disable-next-line no-console
      console.error('Frontline Visits: could not keep the draft on this device', { key, error });
      return false;
    }
  }

  /** The forms this user has text for on this device, e.g. a visit whose report was never created. */
  public keys(): DraftKey[] {
    if (!this.storage) {
      return [];
    }
    const prefix = `${PREFIX}:${encodeURIComponent(this.user)}:`;
    const found: DraftKey[] = [];
    try {
      for (let i = 0; i < this.storage.length; i++) {
        const name = this.storage.key(i);
        const rest = name && name.indexOf(prefix) === 0 ? name.slice(prefix.length) : undefined;
        if (rest && /^(report-\d+|rota-\d+|unscheduled)$/.test(rest)) {
          found.push(rest as DraftKey);
        }
      }
    } catch (error) {
      // eslint-disable-next-line no-console
      console.error('Frontline Visits: could not list the drafts kept on this device', error);
    }
    // Loading drops copies past their time, so only live ones are offered.
    return found.filter((key) => this.load(key) !== undefined).sort();
  }

  private expired(draft: LocalDraft): boolean {
    const changed = Date.parse(draft.changedAt);
    return !isNaN(changed) && this.now().getTime() - changed > DEVICE_COPY_DAYS * 86400000;
  }

  public remove(key: DraftKey): void {
    if (!this.storage) {
      return;
    }
    try {
      this.storage.removeItem(this.storageKey(key));
    } catch (error) {
      // eslint-disable-next-line no-console
      console.error('Frontline Visits: could not remove a saved draft from this device', { key, error });
    }
  }
}

function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function asPeople(value: unknown): Person[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value
    .filter((p) => p && typeof p.id === 'number')
    .map((p) => ({ id: p.id as number, displayName: asString(p.displayName), email: asString(p.email) }));
}

function asOptionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && isFinite(value) ? value : undefined;
}

/** Reads a stored draft defensively: the text came from an older version or another tab. */
export function parseDraft(value: unknown): LocalDraft | undefined {
  if (!value || typeof value !== 'object') {
    return undefined;
  }
  const stored = value as { [key: string]: unknown };
  const rawForm = stored.form as { [key: string]: unknown } | undefined;
  if (!rawForm || typeof rawForm !== 'object') {
    return undefined;
  }
  const texts = emptyFormTexts();
  for (const field of FORM_TEXT_FIELDS) {
    texts[field.key] = asString(rawForm[field.key]);
  }
  const grid = emptyGrid();
  const rawGrid = (rawForm.grid || {}) as { [key: string]: unknown };
  for (const field of GRID_TEXT_FIELDS) {
    grid[field.key] = asString(rawGrid[field.key]);
  }
  return {
    form: {
      ...texts,
      rotaEntryId: asOptionalNumber(rawForm.rotaEntryId),
      teamId: asOptionalNumber(rawForm.teamId),
      visitDate: typeof rawForm.visitDate === 'string' && rawForm.visitDate ? rawForm.visitDate : undefined,
      members: asPeople(rawForm.members),
      grid,
      safetyScale: asOptionalNumber(rawForm.safetyScale),
    },
    reportId: asOptionalNumber(stored.reportId),
    etag: typeof stored.etag === 'string' ? stored.etag : undefined,
    changedAt: asString(stored.changedAt),
  };
}
