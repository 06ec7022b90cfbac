/**
 * Reads what the committee pack needs from the lists through PnPjs (browser and Node alike).
 *
 * Every read is threshold-safe and paged. The first (and only) filter is a range on VisitDate, an
 * indexed column, so SharePoint answers from the index however many items the list holds; pages
 * are followed through `odata.nextLink` by PnPjs's async iteration over `items`. Should
 * SharePoint still refuse the range as over the list view threshold (more than 5,000 items on
 * the index's side of the range), the read walks the VisitDate index newest first instead,
 * unfiltered and paged, and stops at the period's first day: slower, never wrong.
 * Teams are filtered in code rather than in OData: the lists are read by date anyway, and an
 * `or` over lookup ids would not use the index.
 */
import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';

import { addDays, dateOnlyDayStart } from '../domain/calendarDate';
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
  VISIT_REPORTS.fields.ReportStatus,
  // A report the bot's check flagged is left out of the comparison too.
  VISIT_REPORTS.fields.ServerCheck,
];
export const PREVIOUS_REPORT_EXPAND = [VISIT_REPORTS.fields.Team];

const VISIT_DATE = VISIT_REPORTS.fields.VisitDate;

/** `VisitDate` inside the period, whatever the site's time zone (see dateOnlyDayStart). */
export function visitDateFilter(period: PackPeriod, field: string = VISIT_DATE): string {
  return `${field} ge datetime'${dateOnlyDayStart(period.from)}' and ${field} lt datetime'${dateOnlyDayStart(addDays(period.to, 1))}'`;
}

type RawItem = { [field: string]: unknown } & { Id: number };

interface ReadOptions {
  select: string[];
  expand: string[];
  pageSize?: number;
}

function itemsQuery(sp: SPFI, listTitle: string, options: ReadOptions) {
  return sp.web.lists
    .getByTitle(listTitle)
    .items.select(...options.select)
    .expand(...options.expand)
    .top(options.pageSize || PACK_PAGE_SIZE);
}

/** Every item of a (short) list, page by page. */
export async function readAllItems(sp: SPFI, listTitle: string, options: ReadOptions): Promise<RawItem[]> {
  const items: RawItem[] = [];
  for await (const page of itemsQuery(sp, listTitle, options)) {
    items.push(...(page as RawItem[]));
  }
  return items;
}

/** SharePoint's answer to a query over the list view threshold (500, SPQueryThrottledException). */
export function isThresholdRefusal(error: unknown): boolean {
  const e = error as { status?: number; message?: string };
  return !!e && e.status === 500 && /SPQueryThrottledException|-2147024860/.test(e.message || '');
}

/** Items of a list whose VisitDate lies in the period, page by page (see the module comment). */
export async function readItemsInPeriod(sp: SPFI, listTitle: string, period: PackPeriod, options: ReadOptions): Promise<RawItem[]> {
  const items: RawItem[] = [];
  try {
    for await (const page of itemsQuery(sp, listTitle, options).filter(visitDateFilter(period))) {
      items.push(...(page as RawItem[]));
    }
    return items;
  } catch (error) {
    if (!isThresholdRefusal(error)) {
      throw error;
    }
  }
  const first = Date.parse(dateOnlyDayStart(period.from));
  const afterLast = Date.parse(dateOnlyDayStart(addDays(period.to, 1)));
  const inPeriod: RawItem[] = [];
  // Ordered on an indexed column with no filter: SharePoint serves it from the index at any size.
  for await (const page of itemsQuery(sp, listTitle, options).orderBy(VISIT_DATE, false)) {
    let passedFirstDay = false;
    for (const item of page as RawItem[]) {
      const at = item[VISIT_DATE] ? Date.parse(item[VISIT_DATE] as string) : NaN;
      if (at >= first && at < afterLast) {
        inPeriod.push(item);
      } else if (at < first) {
        passedFirstDay = true;
      }
    }
    if (passedFirstDay) {
      break;
    }
  }
  return inPeriod;
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
    readItemsInPeriod(sp, VISIT_ROTA.title, period, { select: ROTA_SELECT, expand: ROTA_EXPAND, pageSize }),
    readItemsInPeriod(sp, VISIT_REPORTS.title, period, { select: REPORT_SELECT, expand: REPORT_EXPAND, pageSize }),
    readItemsInPeriod(sp, VISIT_REPORTS.title, previous, { select: PREVIOUS_REPORT_SELECT, expand: PREVIOUS_REPORT_EXPAND, pageSize }),
    readItemsInPeriod(sp, VISIT_ROTA.title, next, { select: ROTA_SELECT, expand: ROTA_EXPAND, pageSize }),
  ]);
  return {
    period,
    previousPeriod: previous,
    nextPeriod: next,
    teams: teams.map(toTeam),
    rota: rota.map(toRotaEntry),
    reports: reports.map(toVisitReport),
    previousReports: previousReports.map(toVisitReport),
    nextRota: nextRota.map(toRotaEntry),
  };
}
