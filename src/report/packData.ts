/**
 * Reads what the committee pack needs from the lists through PnPjs (browser and Node alike).
 *
 * Every read is threshold-safe and paged: the first (and only) filter is a range on VisitDate,
 * an indexed column, so SharePoint answers from the index however many items the list holds,
 * and the pages are followed through `odata.nextLink` by PnPjs's async iteration over `items`.
 * Teams are filtered here in code rather than in OData: the lists are read by date anyway, and an
 * `or` over lookup ids would not use the index.
 */
import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';

import { addDays, londonMidnightUtc } from '../domain/calendarDate';
import type { FrontlineTeam } from '../domain/types';
import { FRONTLINE_TEAMS, VISIT_REPORTS, VISIT_ROTA } from '../data/listContract';
import { REPORT_EXPAND, REPORT_SELECT, ROTA_EXPAND, ROTA_SELECT, TEAM_EXPAND, TEAM_SELECT, toRotaEntry, toTeam, toVisitReport } from '../data/mappers';
import { nextPeriod, previousPeriod } from './packPeriod';
import { compareText } from './packText';
import type { PackData, PackPeriod, PackRequest } from './packTypes';

/** Items per request: well under SharePoint's 5,000 cap, and small enough to keep each response quick. */
export const PACK_PAGE_SIZE = 2000;

/** What the previous period's comparison needs: no text, so 20,000 old reports stay cheap to read. */
export const PREVIOUS_REPORT_SELECT = [
  'Id',
  `${VISIT_REPORTS.fields.Team}/Id`,
  `${VISIT_REPORTS.fields.Team}/Title`,
  VISIT_REPORTS.fields.VisitDate,
  VISIT_REPORTS.fields.SafetyScale,
  VISIT_REPORTS.fields.ReportStatus
];
export const PREVIOUS_REPORT_EXPAND = [VISIT_REPORTS.fields.Team];

/** `VisitDate` inside the period, as SharePoint stores a date-only column (London midnight in UTC). */
export function visitDateFilter(period: PackPeriod): string {
  const field = VISIT_ROTA.fields.VisitDate;
  return `${field} ge datetime'${londonMidnightUtc(period.from)}' and ${field} lt datetime'${londonMidnightUtc(addDays(period.to, 1))}'`;
}

type RawItem = { [field: string]: unknown } & { Id: number };

interface ReadOptions {
  select: string[];
  expand: string[];
  filter?: string;
  pageSize?: number;
}

/** All items of a list matching the filter, page by page. */
export async function readAllItems(sp: SPFI, listTitle: string, options: ReadOptions): Promise<RawItem[]> {
  let query = sp.web.lists
    .getByTitle(listTitle)
    .items.select(...options.select)
    .expand(...options.expand)
    .top(options.pageSize || PACK_PAGE_SIZE);
  if (options.filter) {
    query = query.filter(options.filter);
  }
  const items: RawItem[] = [];
  for await (const page of query) {
    for (const item of page as RawItem[]) {
      items.push(item);
    }
  }
  return items;
}

/** Every team, for the clerk's choice of teams: a short list, still read page by page. */
export async function loadTeams(sp: SPFI): Promise<FrontlineTeam[]> {
  const items = await readAllItems(sp, FRONTLINE_TEAMS.title, { select: TEAM_SELECT, expand: TEAM_EXPAND });
  return items.map(toTeam).sort((a, b) => compareText(a.title, b.title));
}

export async function loadPackData(sp: SPFI, request: Pick<PackRequest, 'from' | 'to'>, pageSize?: number): Promise<PackData> {
  const period: PackPeriod = { from: request.from, to: request.to };
  const previous = previousPeriod(period);
  const next = nextPeriod(period);
  const [teams, rota, reports, previousReports, nextRota] = await Promise.all([
    readAllItems(sp, FRONTLINE_TEAMS.title, { select: TEAM_SELECT, expand: TEAM_EXPAND, pageSize }),
    readAllItems(sp, VISIT_ROTA.title, { select: ROTA_SELECT, expand: ROTA_EXPAND, filter: visitDateFilter(period), pageSize }),
    readAllItems(sp, VISIT_REPORTS.title, { select: REPORT_SELECT, expand: REPORT_EXPAND, filter: visitDateFilter(period), pageSize }),
    readAllItems(sp, VISIT_REPORTS.title, { select: PREVIOUS_REPORT_SELECT, expand: PREVIOUS_REPORT_EXPAND, filter: visitDateFilter(previous), pageSize }),
    readAllItems(sp, VISIT_ROTA.title, { select: ROTA_SELECT, expand: ROTA_EXPAND, filter: visitDateFilter(next), pageSize })
  ]);
  return {
    period,
    previousPeriod: previous,
    nextPeriod: next,
    teams: teams.map(toTeam),
    rota: rota.map(toRotaEntry),
    reports: reports.map(toVisitReport),
    previousReports: previousReports.map(toVisitReport),
    nextRota: nextRota.map(toRotaEntry)
  };
}
