import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/batching';

import { addDays, CalendarDate, dateOnlyDayStart, dateOnlyFromSharePoint, dateOnlyToSharePoint } from '../domain/calendarDate';
import { ChaseAudienceKind, chaseKey, ChaseRecord, ChaseStateKind, ChaseSubject, parseSubject } from '../domain/chase';
import { DateRange } from '../domain/municipalYear';
import { REPORT_TEXT_FIELDS } from '../domain/reportFields';
import { FrontlineTeam, RotaEntry, VisitReport } from '../domain/types';
import { httpStatusOf, isDuplicateValuesError } from './FrontlineDataService';
import { BUILT_IN_FIELDS, CHASE_REQUESTS, VISIT_REPORT_DRAFTS, VISIT_REPORTS, VISIT_ROTA } from './listContract';
import {
  DRAFT_EXPAND,
  DRAFT_SELECT,
  RawUser,
  REPORT_EXPAND,
  REPORT_SELECT,
  ROTA_EXPAND,
  ROTA_SELECT,
  toDraftReport,
  toPerson,
  toRotaEntry,
  toTeam,
  toVisitReport,
} from './mappers';
import { odataStringLiteral } from './odata';
import { teamsQuery } from './teamsQuery';

const C = CHASE_REQUESTS.fields;

export interface VisitsOverviewData {
  period: DateRange;
  rota: RotaEntry[];
  /** Submitted reports and drafts (status Draft, ids of the drafts list). */
  reports: VisitReport[];
  teams: FrontlineTeam[];
  chases: ChaseRecord[];
  /** A list answered with as many rows as one page holds: the screen says the period is too long. */
  truncated: boolean;
}

/** One page: SharePoint's largest, and far above a year of visits. */
const PAGE = 5000;
/**
 * Reports may carry a visit date a little off the rota's (a visit held a day late): read that much
 * either side of the period, so a rota visit in the period still finds its report.
 */
const REPORT_MARGIN_DAYS = 60;
/** A period that ended this long ago is read from its end backwards (see {@link dateRangeFilter}). */
const RECENT_DAYS = 730;

const SUMMARY_SELECT = REPORT_SELECT.filter((field) => REPORT_TEXT_FIELDS.every((text) => !text.multiline || text.listField !== field));
const DRAFT_SUMMARY_SELECT = DRAFT_SELECT.filter((field) => REPORT_TEXT_FIELDS.every((text) => !text.multiline || text.listField !== field));
const CHASE_SELECT = [
  'Id',
  C.ChaseKey,
  C.ChaseAudience,
  C.RotaEntryId,
  C.ReportId,
  C.ChaseDay,
  C.ChaseState,
  C.SentOn,
  `${BUILT_IN_FIELDS.Author}/Id`,
  `${BUILT_IN_FIELDS.Author}/Title`,
];

function literal(day: CalendarDate): string {
  return `datetime'${dateOnlyDayStart(day)}'`;
}

/**
 * A date range on an indexed date column, the bound that narrows the list most first: under the
 * list view threshold SharePoint judges a query by its first clause alone. The lists grow at the
 * present end, so a recent period starts with its lower bound, an old one with its upper bound.
 */
export function dateRangeFilter(field: string, range: DateRange, today: CalendarDate): string {
  const from = `${field} ge ${literal(range.start)}`;
  const to = `${field} lt ${literal(addDays(range.end, 1))}`;
  return range.end < addDays(today, -RECENT_DAYS) ? `${to} and ${from}` : `${from} and ${to}`;
}

function toChaseRecord(item: { Id: number; [field: string]: unknown }): ChaseRecord | undefined {
  const key = String(item[C.ChaseKey] || '');
  // chase:{subject}:{audience}:{day}
  const parts = key.split(':');
  const subject: ChaseSubject | undefined = parts.length === 4 ? parseSubject(parts[1]) : undefined;
  const day = dateOnlyFromSharePoint(item[C.ChaseDay] as string) || parts[3];
  if (!subject || !day) {
    return undefined;
  }
  return {
    id: item.Id,
    key,
    subject,
    audience: (item[C.ChaseAudience] as ChaseAudienceKind) || (parts[2] as ChaseAudienceKind),
    day,
    state: (item[C.ChaseState] as ChaseStateKind) || 'Requested',
    requestedBy: toPerson(item[BUILT_IN_FIELDS.Author] as RawUser),
    sentOn: typeof item[C.SentOn] === 'string' ? (item[C.SentOn] as string) : undefined,
  };
}

/** Someone else chased this row today (SharePoint refused a second request with the same key). */
export class AlreadyChasedError extends Error {
  public constructor(public readonly existing: ChaseRecord | undefined) {
    super('Already chased today');
    this.name = 'AlreadyChasedError';
  }
}

/** What a chase is about, for the request the bot reads. */
export interface ChaseRequest {
  subject: ChaseSubject;
  audience: ChaseAudienceKind;
  /** The visit's date, so the overview of its period finds the chase. */
  visitDate?: CalendarDate;
  /** "Consultation Team, 3 Nov 2026": the record's title in the list. */
  label: string;
}

/**
 * The improvement team's overview: every visit of a period with its report and its chases, in one
 * round trip; and the chase request itself. Every query starts with an indexed date clause (see
 * {@link dateRangeFilter}), so the screen keeps working with years of rota and reports.
 */
export class VisitsOverviewService {
  public constructor(private readonly sp: SPFI) {}

  public async getOverview(period: DateRange, today: CalendarDate): Promise<VisitsOverviewData> {
    const [batched, execute] = this.sp.batched();
    const rotaRequest = batched.web.lists
      .getByTitle(VISIT_ROTA.title)
      .items.select(...ROTA_SELECT)
      .expand(...ROTA_EXPAND)
      .filter(dateRangeFilter(VISIT_ROTA.fields.VisitDate, period, today))
      .orderBy(VISIT_ROTA.fields.VisitDate, true)
      .top(PAGE)();
    const widened = { start: addDays(period.start, -REPORT_MARGIN_DAYS), end: addDays(period.end, REPORT_MARGIN_DAYS) };
    const reportsRequest = batched.web.lists
      .getByTitle(VISIT_REPORTS.title)
      .items.select(...SUMMARY_SELECT)
      .expand(...REPORT_EXPAND)
      .filter(dateRangeFilter(VISIT_REPORTS.fields.VisitDate, widened, today))
      .top(PAGE)();
    // Only reports being written: a submitted one moves to Visit Reports, so this list stays small.
    const draftsRequest = batched.web.lists
      .getByTitle(VISIT_REPORT_DRAFTS.title)
      .items.select(...DRAFT_SUMMARY_SELECT)
      .expand(...DRAFT_EXPAND)
      .top(PAGE)();
    const teamsRequest = teamsQuery(batched.web);
    const chasesRequest = batched.web.lists
      .getByTitle(CHASE_REQUESTS.title)
      .items.select(...CHASE_SELECT)
      .expand(BUILT_IN_FIELDS.Author)
      .filter(dateRangeFilter(C.VisitDate, widened, today))
      .top(PAGE)();
    await execute();
    const [rota, reports, drafts, teams, chases] = await Promise.all([rotaRequest, reportsRequest, draftsRequest, teamsRequest, chasesRequest]);
    return {
      period,
      rota: rota.map(toRotaEntry),
      reports: reports.map(toVisitReport).concat(drafts.map(toDraftReport)),
      teams: teams.map(toTeam),
      chases: chases.map(toChaseRecord).filter((c): c is ChaseRecord => !!c),
      truncated: [rota, reports, drafts, chases].some((items) => items.length >= PAGE),
    };
  }

  /**
   * Asks the bot to remind whoever owes the row's form or response. SharePoint refuses a second
   * request with the same key (visit, audience, London day): that comes back as
   * {@link AlreadyChasedError} with the request already made.
   */
  public async requestChase(request: ChaseRequest, today: CalendarDate): Promise<ChaseRecord> {
    const key = chaseKey(request.subject, request.audience, today);
    const list = this.sp.web.lists.getByTitle(CHASE_REQUESTS.title);
    const fields: { [field: string]: unknown } = {
      [C.Title]: `Chase: ${request.label}`.slice(0, 255),
      [C.ChaseKey]: key,
      [C.ChaseAudience]: request.audience,
      [C.ChaseDay]: dateOnlyToSharePoint(today),
      [C.VisitDate]: request.visitDate ? dateOnlyToSharePoint(request.visitDate) : null,
      [C.ChaseState]: 'Requested',
    };
    if (request.subject.kind === 'rota') {
      fields[C.RotaEntryId] = request.subject.id;
    } else if (request.subject.kind === 'report') {
      fields[C.ReportId] = request.subject.id;
    }
    try {
      const added: { Id: number } = await list.items.add(fields);
      return { id: Number(added.Id), key, subject: request.subject, audience: request.audience, day: today, state: 'Requested' };
    } catch (error) {
      if (!isDuplicateValuesError(error)) {
        // eslint-disable-next-line no-console
        console.error('Frontline Visits: a chase was not recorded', { key, status: httpStatusOf(error), error });
        throw error;
      }
      const existing = await list.items
        .select(...CHASE_SELECT)
        .expand(BUILT_IN_FIELDS.Author)
        .filter(`${C.ChaseKey} eq ${odataStringLiteral(key)}`)
        .top(1)()
        .then((items) => (items[0] ? toChaseRecord(items[0]) : undefined))
        .catch(() => undefined);
      throw new AlreadyChasedError(existing);
    }
  }
}
