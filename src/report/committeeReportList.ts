/**
 * Committee reports in the Committee Reports list, through PnPjs: the list of reports by meeting,
 * one report whole, and saving with the ETag it was read with (never a wildcard), so two clerks
 * editing one report cannot overwrite each other silently.
 */
import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';

import { dateOnlyFromSharePoint, dateOnlyToSharePoint } from '../domain/calendarDate';
import { sectionListProblems } from './agendaSections';
import type { CommitteeReport, CommitteeReportState } from './committeeReport';
import { httpStatusOf } from '../data/FrontlineDataService';
import { COMMITTEE_REPORTS } from '../data/listContract';
import { itemETag } from '../data/mappers';

const F = COMMITTEE_REPORTS.fields;

/** A saved report as the list of reports shows it. */
export interface CommitteeReportSummary {
  id: number;
  reportTitle: string;
  meetingDate: string;
  period: { from: string; to: string };
  state: CommitteeReportState;
}

const SUMMARY_SELECT = ['Id', F.Title, F.MeetingDate, F.PeriodFrom, F.PeriodTo, F.CommitteeReportState];
const REPORT_SELECT = [
  ...SUMMARY_SELECT,
  F.Committee,
  F.ReportReference,
  F.ReportSections,
  F.ContactName,
  F.ContactJobTitle,
  F.ContactTelephone,
  F.ContactEmail,
];

/** Reports per page of the list: a council holds two or three a year. */
const REPORTS_TOP = 500;

type RawItem = { [field: string]: unknown };

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function toSummary(item: RawItem): CommitteeReportSummary {
  return {
    id: Number(item.Id),
    reportTitle: text(item[F.Title]),
    meetingDate: dateOnlyFromSharePoint(text(item[F.MeetingDate])) || '',
    period: { from: dateOnlyFromSharePoint(text(item[F.PeriodFrom])) || '', to: dateOnlyFromSharePoint(text(item[F.PeriodTo])) || '' },
    state: item[F.CommitteeReportState] === 'Final' ? 'Final' : 'Draft',
  };
}

/** A saved item whose sections cannot be read: the clerk is told, and nothing is built from it. */
export class DamagedCommitteeReportError extends Error {}

export function toCommitteeReport(item: RawItem): CommitteeReport {
  const summary = toSummary(item);
  let stored: { sections?: unknown; texts?: unknown };
  try {
    stored = JSON.parse(text(item[F.ReportSections]) || '{}');
  } catch {
    throw new DamagedCommitteeReportError(`Committee report ${summary.id}: its sections are not readable JSON.`);
  }
  const problems = sectionListProblems(stored.sections);
  if (problems.length) {
    throw new DamagedCommitteeReportError(`Committee report ${summary.id}: ${problems.join(' ')}`);
  }
  const texts: { [key: string]: string } = {};
  for (const [key, value] of Object.entries((stored.texts as { [key: string]: unknown }) || {})) {
    if (typeof value === 'string') {
      texts[key] = value;
    }
  }
  return {
    id: summary.id,
    etag: itemETag(item),
    committee: text(item[F.Committee]),
    reportTitle: summary.reportTitle,
    reference: text(item[F.ReportReference]),
    meetingDate: summary.meetingDate,
    period: summary.period,
    state: summary.state,
    sections: stored.sections as CommitteeReport['sections'],
    texts,
    contact: {
      name: text(item[F.ContactName]),
      jobTitle: text(item[F.ContactJobTitle]),
      telephone: text(item[F.ContactTelephone]),
      email: text(item[F.ContactEmail]),
    },
  };
}

export function committeeReportFields(report: CommitteeReport): { [field: string]: unknown } {
  return {
    [F.Title]: report.reportTitle,
    [F.MeetingDate]: dateOnlyToSharePoint(report.meetingDate),
    [F.PeriodFrom]: dateOnlyToSharePoint(report.period.from),
    [F.PeriodTo]: dateOnlyToSharePoint(report.period.to),
    [F.Committee]: report.committee,
    [F.ReportReference]: report.reference,
    [F.CommitteeReportState]: report.state,
    [F.ReportSections]: JSON.stringify({ sections: report.sections, texts: report.texts }),
    [F.ContactName]: report.contact.name,
    [F.ContactJobTitle]: report.contact.jobTitle,
    [F.ContactTelephone]: report.contact.telephone,
    [F.ContactEmail]: report.contact.email,
  };
}

/** Why a save failed, in words for the clerk; the typed text stays on screen. */
export function describeSaveFailure(error: unknown): string {
  const status = httpStatusOf(error);
  if (status === 412) {
    return 'Someone else saved this report after you opened it, so your changes were not saved. Copy anything you want to keep, then open the report again.';
  }
  if (status === 401 || status === 403) {
    return 'You may not save committee reports. Ask for the Committee Clerks group.';
  }
  return `The report was not saved (${status ? `SharePoint answered ${status}` : 'no answer from SharePoint'}). Your text is still here: try again in a minute.`;
}

function list(sp: SPFI) {
  return sp.web.lists.getByTitle(COMMITTEE_REPORTS.title);
}

/** Every saved report, the latest meeting first. MeetingDate is indexed, so the order is threshold-safe. */
export async function listCommitteeReports(sp: SPFI): Promise<CommitteeReportSummary[]> {
  const items: RawItem[] = await list(sp)
    .items.select(...SUMMARY_SELECT)
    .orderBy(F.MeetingDate, false)
    .top(REPORTS_TOP)();
  return items.map(toSummary);
}

export async function getCommitteeReport(sp: SPFI, id: number): Promise<CommitteeReport> {
  const item: RawItem = await list(sp)
    .items.getById(id)
    .select(...REPORT_SELECT)();
  return toCommitteeReport(item);
}

/**
 * Adds a new report or updates a saved one with the ETag it was read with; answers the report as
 * saved, with its new ETag. An update without an ETag is refused here, before SharePoint.
 */
export async function saveCommitteeReport(sp: SPFI, report: CommitteeReport): Promise<CommitteeReport> {
  const fields = committeeReportFields(report);
  if (report.id === undefined) {
    const added: { Id?: number; data?: RawItem } & RawItem = await list(sp).items.add(fields);
    const id = Number((added.data && added.data.Id) || added.Id);
    return getCommitteeReport(sp, id);
  }
  if (!report.etag || report.etag === '*') {
    throw new Error(`Committee report ${report.id} has no ETag: open it again before saving, so another clerk's changes are not overwritten`);
  }
  await list(sp).items.getById(report.id).update(fields, report.etag);
  return getCommitteeReport(sp, report.id);
}
