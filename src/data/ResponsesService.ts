import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/batching';

import { REPORT_TEXT_FIELDS } from '../domain/reportFields';
import { FrontlineTeam, VisitReport } from '../domain/types';
import { VISIT_REPORTS } from './listContract';
import { REPORT_EXPAND, REPORT_SELECT, toTeam, toVisitReport } from './mappers';
import { teamsQuery } from './teamsQuery';

const SUMMARY_SELECT = REPORT_SELECT.filter((field) => REPORT_TEXT_FIELDS.every((text) => !text.multiline || text.listField !== field));

export interface AwaitingResponseData {
  /** Every submitted report not yet answered, oldest submission first. */
  reports: VisitReport[];
  teams: FrontlineTeam[];
}

/**
 * The reports awaiting a Head of Service's response, and the teams (who answers each): one round
 * trip. The filter is on the indexed status alone, which few reports hold at a time (answered ones
 * move on to Responded), so it stays far under the list view threshold however old the list is.
 */
export class ResponsesService {
  public constructor(private readonly sp: SPFI) {}

  public async getAwaitingResponse(): Promise<AwaitingResponseData> {
    const [batched, execute] = this.sp.batched();
    const reportsRequest = batched.web.lists
      .getByTitle(VISIT_REPORTS.title)
      .items.select(...SUMMARY_SELECT)
      .expand(...REPORT_EXPAND)
      .filter(`${VISIT_REPORTS.fields.ReportStatus} eq 'Submitted'`)
      .orderBy(VISIT_REPORTS.fields.SubmittedOn, true)
      .top(5000)();
    const teamsRequest = teamsQuery(batched.web);
    await execute();
    const [reports, teams] = await Promise.all([reportsRequest, teamsRequest]);
    return { reports: reports.map(toVisitReport), teams: teams.map(toTeam) };
  }
}
