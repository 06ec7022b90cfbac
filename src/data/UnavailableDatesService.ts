import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';

import { addDays, CalendarDate, dateOnlyDayStart, dateOnlyToSharePoint, daysBetween, formatShortDate } from '../domain/calendarDate';
import { UnavailableDates } from '../domain/types';
import { LIMITS } from '../domain/limits';
import { httpStatusOf } from './FrontlineDataService';
import { UNAVAILABLE_DATES } from './listContract';
import { toUnavailableDates, UNAVAILABLE_EXPAND, UNAVAILABLE_SELECT } from './mappers';

const U = UNAVAILABLE_DATES.fields;

/** A longer stretch is not a day someone cannot do: it is a question for the members' group. */
export const MAX_UNAVAILABLE_DAYS = 366;

export interface NewUnavailableDates {
  councillorId: number;
  from: CalendarDate;
  to: CalendarDate;
  note: string;
}

/** What is wrong with dates a person entered, in words they can act on; undefined when fine. */
export function unavailableDatesProblem(entry: Pick<NewUnavailableDates, 'from' | 'to' | 'note'>): string | undefined {
  if (entry.to < entry.from) {
    return `The last day (${formatShortDate(entry.to)}) is before the first (${formatShortDate(entry.from)}). Enter the first day, then the last.`;
  }
  if (daysBetween(entry.from, entry.to) + 1 > MAX_UNAVAILABLE_DAYS) {
    return `Enter no more than a year at a time (${MAX_UNAVAILABLE_DAYS} days).`;
  }
  if (entry.note.trim().length > LIMITS.title) {
    return `The note must be ${LIMITS.title} characters or fewer.`;
  }
  return undefined;
}

type Web = SPFI['web'];

/**
 * The unavailable dates that touch a period. The first clause is on the indexed FromDate and
 * narrows the list to the period and the year before it (no entry is longer than a year), so the
 * read keeps working past the list view threshold.
 */
export function unavailableDatesQuery(web: Web, from: CalendarDate, to: CalendarDate): Promise<Array<{ Id: number; [field: string]: unknown }>> {
  const since = addDays(from, -MAX_UNAVAILABLE_DAYS);
  return web.lists
    .getByTitle(UNAVAILABLE_DATES.title)
    .items.select(...UNAVAILABLE_SELECT)
    .expand(...UNAVAILABLE_EXPAND)
    .filter(
      `${U.FromDate} ge datetime'${dateOnlyDayStart(since)}' and ${U.FromDate} lt datetime'${dateOnlyDayStart(addDays(to, 1))}' and ${U.ToDate} ge datetime'${dateOnlyDayStart(from)}'`,
    )
    .orderBy(U.FromDate, true)
    .top(2000)();
}

export function toUnavailableList(items: ReadonlyArray<{ Id: number; [field: string]: unknown }>): UnavailableDates[] {
  return items.map(toUnavailableDates).filter((u): u is UnavailableDates => !!u);
}

export class UnavailableDatesError extends Error {}

/** Reads and writes councillors' unavailable dates. */
export class UnavailableDatesService {
  public constructor(private readonly sp: SPFI) {}

  public async list(from: CalendarDate, to: CalendarDate): Promise<UnavailableDates[]> {
    return toUnavailableList(await unavailableDatesQuery(this.sp.web, from, to));
  }

  public async add(entry: NewUnavailableDates): Promise<number> {
    const problem = unavailableDatesProblem(entry);
    if (problem) {
      throw new UnavailableDatesError(problem);
    }
    try {
      const added = await this.sp.web.lists.getByTitle(UNAVAILABLE_DATES.title).items.add({
        [U.Title]: entry.note.trim() || 'Unavailable',
        [`${U.Councillor}Id`]: entry.councillorId,
        [U.FromDate]: dateOnlyToSharePoint(entry.from),
        [U.ToDate]: dateOnlyToSharePoint(entry.to),
      });
      return Number((added as { Id: number }).Id);
    } catch (error) {
      throw this.explained(error, 'add these dates');
    }
  }

  /** Deleting needs no ETag: dates are entered and removed, never edited in place. */
  public async remove(id: number): Promise<void> {
    try {
      await this.sp.web.lists.getByTitle(UNAVAILABLE_DATES.title).items.getById(id).delete();
    } catch (error) {
      if (httpStatusOf(error) === 404) {
        return;
      }
      throw this.explained(error, 'remove these dates');
    }
  }

  private explained(error: unknown, what: string): Error {
    const status = httpStatusOf(error);
    // eslint-disable-next-line no-console
    console.error(`Frontline Visits: could not ${what}`, { status, error });
    if (status === 401 || status === 403) {
      return new UnavailableDatesError(`You may not ${what}: councillors change only the dates they entered. Ask the Children’s Improvement Team.`);
    }
    return new UnavailableDatesError(`We could not ${what}. Check your connection and try again.`);
  }
}
