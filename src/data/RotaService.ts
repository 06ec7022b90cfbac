import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/batching';

import { addDays, CalendarDate, dateOnlyDayStart, dateOnlyToSharePoint } from '../domain/calendarDate';
import { municipalYearOf, municipalYearRange } from '../domain/municipalYear';
import { BookedVisit, MIN_DAYS_BETWEEN_A_COUNCILLORS_VISITS } from '../domain/rotaRules';
import { FrontlineTeam, Person, RotaEntry, UnavailableDates } from '../domain/types';
import { LIMITS } from '../domain/validation';
import { httpStatusOf } from './FrontlineDataService';
import { VISIT_ROTA } from './listContract';
import { itemETag, ROTA_EXPAND, ROTA_SELECT, toRotaEntry, toTeam } from './mappers';
import { toUnavailableList, unavailableDatesQuery } from './UnavailableDatesService';
import { teamsQuery } from './teamsQuery';

const R = VISIT_ROTA.fields;

/** A rota visit with the ETag it was read with: every change to it carries that ETag. */
export interface RotaItem extends RotaEntry {
  etag: string;
}

export interface RotaYearData {
  municipalYear: string;
  /** The year's visits, in date order. */
  visits: RotaItem[];
  /** Visits in the four weeks before the year: they count for a councillor's four-week gap. */
  bookedBefore: BookedVisit[];
  teams: FrontlineTeam[];
  /**
   * The councillors booked on the rota in this year and the two before it, in name order: the
   * people the planner shares the visits among. The members' group itself is not read: its
   * membership is hidden from everyone outside it, the improvement team and clerks included
   * (decision 0140), and the people with unavailable dates entered; the screen adds anyone new by
   * their email.
   */
  councillors: Person[];
  /** Councillors' unavailable dates that touch the year. */
  unavailable: UnavailableDates[];
}

/** How far back the rota is read to know the councillors: two municipal years. */
const COUNCILLOR_HISTORY_DAYS = 731;

/** A visit to write when a proposal is published. */
export interface NewRotaVisit {
  title: string;
  visitDate: CalendarDate;
  teamId: number;
  memberIds: ReadonlyArray<number>;
}

export interface PublishResult {
  /** Written now, with their ids. */
  added: Array<{ visit: NewRotaVisit; id: number }>;
  /** Already on the rota (same team, same day): a publish retried after a partial failure. */
  alreadyThere: NewRotaVisit[];
  /** Not written: publish again to write just these. */
  failed: Array<{ visit: NewRotaVisit; message: string }>;
}

/** One change to one visit, made with the ETag the screen read it with. */
export type RotaChange =
  /** `movedFrom`: the date first booked, kept on the visit ("moved from 10 May"); null clears it. */
  | { kind: 'move'; id: number; etag: string; visitDate: CalendarDate; title?: string; movedFrom?: CalendarDate | null }
  | { kind: 'members'; id: number; etag: string; memberIds: ReadonlyArray<number> }
  | { kind: 'notHeld'; id: number; etag: string; reason: string }
  | { kind: 'held'; id: number; etag: string };

export type RotaChangeResult =
  | { id: number; ok: true; etag: string }
  /** `conflict`: someone else changed the visit since it was read; read it again and redo the change. */
  | { id: number; ok: false; conflict: boolean; message: string };

/** The error a user can cause: it says what to do, and nothing has been written. */
export class RotaInputError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'RotaInputError';
  }
}

/** SharePoint allows many operations in a `$batch`; we send no more than this in one, to keep each request modest. */
const WRITES_PER_BATCH = 100;

/** Where a visit date's day begins, whatever the site's time zone (see dateOnlyDayStart). */
function dateLiteral(day: CalendarDate): string {
  return `datetime'${dateOnlyDayStart(day)}'`;
}

function describeFailure(error: unknown): string {
  const status = httpStatusOf(error);
  if (status === 412) {
    return 'Someone else changed this visit after you opened the rota. Reload the rota and make the change again.';
  }
  if (status === 403 || status === 401) {
    return 'You do not have permission to change the rota. Ask the Children’s Improvement Team or a committee clerk.';
  }
  return `The change was not saved (${status ? `SharePoint answered ${status}` : 'no answer from SharePoint'}). Try again in a minute.`;
}

function chunks<T>(items: ReadonlyArray<T>, size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

/** The reason a visit did not happen: required, and within the column's length. */
export function notHeldReasonProblem(reason: string): string | undefined {
  const trimmed = reason.trim();
  if (!trimmed) {
    return 'Say why the visit did not happen, for example "Cancelled: special Cabinet meeting".';
  }
  if (trimmed.length > LIMITS.notHeldReason) {
    return `The reason must be ${LIMITS.notHeldReason.toLocaleString('en-GB')} characters or fewer. Shorten it by ${(trimmed.length - LIMITS.notHeldReason).toLocaleString('en-GB')}.`;
  }
  return undefined;
}

function changeFields(change: RotaChange): { [field: string]: unknown } {
  switch (change.kind) {
    case 'move': {
      const fields: { [field: string]: unknown } = {
        [R.VisitDate]: dateOnlyToSharePoint(change.visitDate),
        [R.MunicipalYear]: municipalYearOf(change.visitDate),
        [R.RotaStatus]: 'Scheduled',
      };
      if (change.title !== undefined) {
        fields[R.Title] = change.title;
      }
      if (change.movedFrom !== undefined) {
        fields[R.MovedFrom] = change.movedFrom === null ? null : dateOnlyToSharePoint(change.movedFrom);
      }
      return fields;
    }
    case 'members':
      return { [`${R.Members}Id`]: change.memberIds.slice() };
    case 'notHeld':
      return { [R.RotaStatus]: 'NotHeld', [R.NotHeldReason]: change.reason.trim() };
    case 'held':
      return { [R.RotaStatus]: 'Held', [R.NotHeldReason]: null };
  }
}

/**
 * Reads and writes the rota. Every read filters first on the indexed VisitDate column, so it
 * keeps working however many years of rota the list holds; every write is batched and carries
 * the ETag the screen read, so two people editing at once cannot overwrite each other silently.
 */
export class RotaService {
  public constructor(private readonly sp: SPFI) {}

  /** A municipal year's rota, the two years before it (for the four-week gap and the councillors) and the teams: one round trip. */
  public async getRotaYear(municipalYear: string): Promise<RotaYearData> {
    const range = municipalYearRange(municipalYear);
    const from = addDays(range.start, -COUNCILLOR_HISTORY_DAYS);
    const gapFrom = addDays(range.start, -MIN_DAYS_BETWEEN_A_COUNCILLORS_VISITS);
    const [batched, execute] = this.sp.batched();
    // The lower bound first: on its own it narrows the list to three years and what follows them.
    const rotaRequest = batched.web.lists
      .getByTitle(VISIT_ROTA.title)
      .items.select(...ROTA_SELECT)
      .expand(...ROTA_EXPAND)
      .filter(`${R.VisitDate} ge ${dateLiteral(from)} and ${R.VisitDate} lt ${dateLiteral(addDays(range.end, 1))}`)
      .orderBy(R.VisitDate, true)
      .top(2000)();
    const teamsRequest = teamsQuery(batched.web);
    const unavailableRequest = unavailableDatesQuery(batched.web, range.start, range.end);
    await execute();
    const [rotaItems, teamItems, unavailableItems] = await Promise.all([rotaRequest, teamsRequest, unavailableRequest]);
    const all = rotaItems.map((item) => ({ ...toRotaEntry(item), etag: itemETag(item) || '' }));
    const unavailable = toUnavailableList(unavailableItems);
    const people = new Map<number, Person>();
    all.forEach((v) => v.members.forEach((m) => people.set(m.id, m)));
    unavailable.forEach((u) => people.set(u.councillor.id, u.councillor));
    return {
      municipalYear,
      visits: all.filter((v) => v.visitDate >= range.start),
      bookedBefore: all
        .filter((v) => v.visitDate >= gapFrom && v.visitDate < range.start && v.status !== 'NotHeld' && v.status !== 'Rescheduled')
        .map((v) => ({ visitDate: v.visitDate, memberIds: v.members.map((m) => m.id) })),
      teams: teamItems.map(toTeam),
      councillors: Array.from(people.values()).sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB') || a.id - b.id),
      unavailable,
    };
  }

  /**
   * Writes a reviewed proposal to the rota in batches. A year that already has other visits is
   * refused before anything is written. SharePoint's `$batch` is not all-or-nothing, so a visit
   * already there from an earlier, interrupted publish (same team, same day) is not written twice,
   * and the ones that failed are returned for another try.
   */
  public async publishProposal(municipalYear: string, visits: ReadonlyArray<NewRotaVisit>): Promise<PublishResult> {
    const range = municipalYearRange(municipalYear);
    const outside = visits.filter((v) => v.visitDate < range.start || v.visitDate > range.end);
    if (outside.length > 0) {
      throw new RotaInputError(
        `${outside.length === 1 ? 'One visit is' : `${outside.length} visits are`} outside ${municipalYear} (1 April to 31 March). Move ${outside.length === 1 ? 'it' : 'them'} into the year before publishing.`,
      );
    }
    const existing = (await this.getRotaYear(municipalYear)).visits;
    const sameVisit = (v: NewRotaVisit, e: RotaEntry): boolean => e.teamId === v.teamId && e.visitDate === v.visitDate;
    const others = existing.filter((e) => !visits.some((v) => sameVisit(v, e)));
    if (others.length > 0) {
      throw new RotaInputError(
        `${municipalYear} already has ${others.length === 1 ? 'a visit' : `${others.length} visits`} on the rota that ${others.length === 1 ? 'is' : 'are'} not in this proposal. Nothing was published: change the existing visits on the rota screen instead.`,
      );
    }
    const result: PublishResult = { added: [], alreadyThere: [], failed: [] };
    const toAdd = visits.filter((v) => {
      const there = existing.some((e) => sameVisit(v, e));
      if (there) {
        result.alreadyThere.push(v);
      }
      return !there;
    });
    const written = await this.addInBatches(toAdd, municipalYear);
    result.added = written.added;
    result.failed = written.failed;
    return result;
  }

  /**
   * Adds visits the rota screen made (in any year), in batches. A visit already there with the same
   * team and day is not added twice.
   */
  public async addVisits(visits: ReadonlyArray<NewRotaVisit>): Promise<Pick<PublishResult, 'added' | 'failed'>> {
    for (const visit of visits) {
      if (visit.memberIds.length > LIMITS.maxMembers) {
        throw new RotaInputError(`Book no more than ${LIMITS.maxMembers} councillors on one visit.`);
      }
    }
    return this.addInBatches(visits);
  }

  private async addInBatches(visits: ReadonlyArray<NewRotaVisit>, municipalYear?: string): Promise<Pick<PublishResult, 'added' | 'failed'>> {
    const result: Pick<PublishResult, 'added' | 'failed'> = { added: [], failed: [] };
    for (const chunk of chunks(visits, WRITES_PER_BATCH)) {
      const [batched, execute] = this.sp.batched();
      const list = batched.web.lists.getByTitle(VISIT_ROTA.title);
      const writes = chunk.map((visit) =>
        list.items
          .add({
            [R.Title]: visit.title,
            [R.VisitDate]: dateOnlyToSharePoint(visit.visitDate),
            [`${R.Team}Id`]: visit.teamId,
            [`${R.Members}Id`]: visit.memberIds.slice(),
            [R.MunicipalYear]: municipalYear || municipalYearOf(visit.visitDate),
            [R.RotaStatus]: 'Scheduled',
          })
          .then(
            (data: { Id: number }) => ({ visit, id: Number(data.Id) }),
            (error: unknown) => ({ visit, error }),
          ),
      );
      await execute();
      for (const outcome of await Promise.all(writes)) {
        if ('error' in outcome) {
          // eslint-disable-next-line no-console
          console.error(`Frontline Visits: a rota visit was not ${municipalYear ? 'published' : 'added'}`, {
            municipalYear,
            visit: outcome.visit,
            status: httpStatusOf(outcome.error),
            error: outcome.error,
          });
          result.failed.push({ visit: outcome.visit, message: describeFailure(outcome.error) });
        } else {
          result.added.push(outcome);
        }
      }
    }
    return result;
  }

  /**
   * Applies the screen's changes in one batch (more only past {@link WRITES_PER_BATCH}), each visit
   * with its own ETag, one result a visit. Each change succeeds or fails on its own, as SharePoint's `$batch` does: a 412
   * comes back as a conflict to reload, never as a silent overwrite.
   */
  public async applyChanges(changes: ReadonlyArray<RotaChange>): Promise<RotaChangeResult[]> {
    for (const change of changes) {
      if (change.kind === 'notHeld') {
        const problem = notHeldReasonProblem(change.reason);
        if (problem) {
          throw new RotaInputError(problem);
        }
      }
      if (change.kind === 'members' && change.memberIds.length > LIMITS.maxMembers) {
        throw new RotaInputError(`Book no more than ${LIMITS.maxMembers} councillors on one visit.`);
      }
      if (!change.etag) {
        throw new Error(`Rota visit ${change.id} has no ETag: read it before changing it, so another person's change is not overwritten`);
      }
    }
    // Several changes to one visit (moved and new councillors) are one update with its one ETag:
    // two would make the second a conflict with the first.
    const byVisit: Array<{ id: number; etag: string; fields: { [field: string]: unknown }; changes: RotaChange[] }> = [];
    for (const change of changes) {
      const same = byVisit.filter((v) => v.id === change.id)[0];
      if (same) {
        Object.assign(same.fields, changeFields(change));
        same.changes.push(change);
      } else {
        byVisit.push({ id: change.id, etag: change.etag, fields: changeFields(change), changes: [change] });
      }
    }
    const results: RotaChangeResult[] = [];
    for (const chunk of chunks(byVisit, WRITES_PER_BATCH)) {
      const [batched, execute] = this.sp.batched();
      const list = batched.web.lists.getByTitle(VISIT_ROTA.title);
      const writes = chunk.map((change) =>
        list.items
          .getById(change.id)
          .update(change.fields, change.etag)
          .then(
            (answer: { etag?: string | null }): RotaChangeResult => ({ id: change.id, ok: true, etag: (answer && answer.etag) || '' }),
            (error: unknown): RotaChangeResult => {
              const status = httpStatusOf(error);
              if (status !== 412) {
                // eslint-disable-next-line no-console
                console.error('Frontline Visits: a rota change was not saved', { change: change.changes, status, error });
              }
              return { id: change.id, ok: false, conflict: status === 412, message: describeFailure(error) };
            },
          ),
      );
      await execute();
      results.push(...(await Promise.all(writes)));
    }
    // A server that sends no ETag on MERGE: read the new ones, so the next change still checks.
    const missing = results.filter((r): r is { id: number; ok: true; etag: string } => r.ok && !r.etag);
    if (missing.length > 0) {
      const [batched, execute] = this.sp.batched();
      const reads = missing.map((r) => batched.web.lists.getByTitle(VISIT_ROTA.title).items.getById(r.id).select('Id')());
      await execute();
      const fresh = await Promise.all(reads);
      missing.forEach((r, i) => {
        r.etag = itemETag(fresh[i]) || '';
      });
    }
    return results;
  }
}
