/**
 * Between SharePoint list items (as PnPjs returns them with odata=nometadata) and the domain.
 * Select and expand clauses live here beside the mapping that reads them, so the two cannot
 * drift apart.
 */
import { dateOnlyFromSharePoint, dateOnlyToSharePoint } from '../domain/calendarDate';
import { parseServerCheck } from '../domain/serverCheck';
import { withFeedbackHistory } from '../domain/feedbackHistory';
import { FEEDBACK_TEXT_FIELDS, FORM_TEXT_FIELDS, formTextsToListFields, GRID_TEXT_FIELDS, textsFromListFields } from '../domain/reportFields';
import { FrontlineTeam, Person, ReportStatus, RotaEntry, RotaStatus, UnavailableDates, VisitReport, VisitReportForm } from '../domain/types';
import { BUILT_IN_FIELDS, FRONTLINE_TEAMS, listDefinition, UNAVAILABLE_DATES, VISIT_REPORT_DRAFTS, VISIT_REPORTS, VISIT_ROTA } from './listContract';

export interface RawUser {
  Id?: number | null;
  Title?: string | null;
  EMail?: string | null;
}

export interface RawLookup {
  Id?: number | null;
  Title?: string | null;
}

type RawItem = { [field: string]: unknown } & { Id: number };

const USER_PROPS = ['Id', 'Title', 'EMail'];
const userSelect = (field: string): string[] => USER_PROPS.map((p) => `${field}/${p}`);
/**
 * A multi-person column is read as ids and names only: SharePoint fails the whole query (500,
 * "Cannot get value for projected field …_x005f_EMail") when any person in it has no email, as a
 * co-opted member or a guest may not. People are matched by site user id, never by email.
 */
const PEOPLE_PROPS = ['Id', 'Title'];
const peopleSelect = (field: string): string[] => PEOPLE_PROPS.map((p) => `${field}/${p}`);

export function toPerson(raw: RawUser | null | undefined): Person | undefined {
  if (!raw || raw.Id === undefined || raw.Id === null) {
    return undefined;
  }
  return { id: raw.Id, displayName: raw.Title || '', email: raw.EMail || '' };
}

export function toPeople(raw: unknown): Person[] {
  // nometadata gives an array; verbose gives { results: [] }; an empty field may come back null.
  const list = Array.isArray(raw) ? raw : raw && Array.isArray((raw as { results?: unknown[] }).results) ? (raw as { results: unknown[] }).results : [];
  return list.map((u) => toPerson(u as RawUser)).filter((p): p is Person => !!p);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function lookup(raw: unknown): RawLookup {
  return (raw as RawLookup) || {};
}

export const TEAM_SELECT = [
  'Id',
  FRONTLINE_TEAMS.fields.Title,
  FRONTLINE_TEAMS.fields.IsActive,
  ...userSelect(FRONTLINE_TEAMS.fields.ServiceManager),
  ...userSelect(FRONTLINE_TEAMS.fields.HeadOfService),
];
export const TEAM_EXPAND = [FRONTLINE_TEAMS.fields.ServiceManager, FRONTLINE_TEAMS.fields.HeadOfService];

export function toTeam(item: RawItem): FrontlineTeam {
  return {
    id: item.Id,
    title: text(item[FRONTLINE_TEAMS.fields.Title]),
    serviceManager: toPerson(item[FRONTLINE_TEAMS.fields.ServiceManager] as RawUser),
    headOfService: toPerson(item[FRONTLINE_TEAMS.fields.HeadOfService] as RawUser),
    isActive: item[FRONTLINE_TEAMS.fields.IsActive] === true,
  };
}

export const ROTA_SELECT = [
  'Id',
  VISIT_ROTA.fields.Title,
  VISIT_ROTA.fields.VisitDate,
  VISIT_ROTA.fields.MunicipalYear,
  VISIT_ROTA.fields.RotaStatus,
  VISIT_ROTA.fields.NotHeldReason,
  VISIT_ROTA.fields.MovedFrom,
  `${VISIT_ROTA.fields.Team}/Id`,
  `${VISIT_ROTA.fields.Team}/Title`,
  ...peopleSelect(VISIT_ROTA.fields.Members),
];
export const ROTA_EXPAND = [VISIT_ROTA.fields.Team, VISIT_ROTA.fields.Members];

export function toRotaEntry(item: RawItem): RotaEntry {
  const team = lookup(item[VISIT_ROTA.fields.Team]);
  return {
    id: item.Id,
    title: text(item[VISIT_ROTA.fields.Title]),
    visitDate: dateOnlyFromSharePoint(item[VISIT_ROTA.fields.VisitDate] as string) || '',
    teamId: Number(team.Id),
    teamTitle: team.Title || undefined,
    members: toPeople(item[VISIT_ROTA.fields.Members]),
    municipalYear: text(item[VISIT_ROTA.fields.MunicipalYear]),
    status: (item[VISIT_ROTA.fields.RotaStatus] as RotaStatus) || 'Scheduled',
    notHeldReason: optionalText(item[VISIT_ROTA.fields.NotHeldReason]),
    movedFrom: dateOnlyFromSharePoint(item[VISIT_ROTA.fields.MovedFrom] as string | null | undefined),
  };
}

const U = UNAVAILABLE_DATES.fields;
export const UNAVAILABLE_SELECT = ['Id', U.Title, U.FromDate, U.ToDate, ...userSelect(U.Councillor), ...userSelect(BUILT_IN_FIELDS.Author)];
export const UNAVAILABLE_EXPAND = [U.Councillor, BUILT_IN_FIELDS.Author];

/** Unavailable dates, or undefined for an item without a councillor or a date (entered by hand on the list). */
export function toUnavailableDates(item: RawItem): UnavailableDates | undefined {
  const councillor = toPerson(item[U.Councillor] as RawUser);
  const from = dateOnlyFromSharePoint(item[U.FromDate] as string | null | undefined);
  const to = dateOnlyFromSharePoint(item[U.ToDate] as string | null | undefined) || from;
  if (!councillor || !from || !to) {
    return undefined;
  }
  return { id: item.Id, councillor, from, to: to < from ? from : to, note: text(item[U.Title]), enteredBy: toPerson(item[BUILT_IN_FIELDS.Author] as RawUser) };
}

const F = VISIT_REPORTS.fields;

export const REPORT_SELECT = [
  'Id',
  F.Title,
  `${F.RotaEntry}/Id`,
  `${F.Team}/Id`,
  `${F.Team}/Title`,
  F.VisitDate,
  ...peopleSelect(F.Members),
  ...FORM_TEXT_FIELDS.filter((field) => field.key !== 'title').map((field) => field.listField),
  ...GRID_TEXT_FIELDS.map((field) => field.listField),
  F.SafetyScale,
  F.ReportStatus,
  F.SubmittedOn,
  ...FEEDBACK_TEXT_FIELDS.map((field) => field.listField),
  ...userSelect(F.HosFeedbackBy),
  F.HosFeedbackOn,
  F.HosFeedbackHistory,
  F.CardConversationId,
  F.CardActivityId,
  F.ServerCheck,
  ...userSelect(BUILT_IN_FIELDS.Author),
];
export const REPORT_EXPAND = [F.RotaEntry, F.Team, F.Members, F.HosFeedbackBy, BUILT_IN_FIELDS.Author];

/** A draft has the form's fields only; everything else is the submitted report's. */
const DRAFT_FIELDS: ReadonlyArray<string> = listDefinition(VISIT_REPORT_DRAFTS.urlName).fields.map((f) => f.internalName);
export const DRAFT_SELECT = REPORT_SELECT.filter(
  (path) => path === 'Id' || path.indexOf(`${BUILT_IN_FIELDS.Author}/`) === 0 || DRAFT_FIELDS.indexOf(path.split('/')[0]) !== -1,
).concat([BUILT_IN_FIELDS.Created]);
export const DRAFT_EXPAND = [F.RotaEntry, F.Team, F.Members, BUILT_IN_FIELDS.Author];

/** A draft from Visit Report Drafts: status Draft, its id the draft's own. */
export function toDraftReport(item: RawItem & { 'odata.etag'?: string; __metadata?: { etag?: string } }): VisitReport {
  return { ...toVisitReport(item), status: 'Draft', startedOn: optionalText(item[BUILT_IN_FIELDS.Created]) };
}

export function toVisitReport(item: RawItem & { 'odata.etag'?: string; __metadata?: { etag?: string } }): VisitReport {
  const { texts, grid, feedback } = textsFromListFields((field) => text(item[field]));
  const team = lookup(item[F.Team]);
  const rota = lookup(item[F.RotaEntry]);
  const scale = item[F.SafetyScale];
  return {
    id: item.Id,
    ...texts,
    rotaEntryId: rota.Id ? Number(rota.Id) : undefined,
    teamId: team.Id ? Number(team.Id) : undefined,
    teamTitle: team.Title || undefined,
    visitDate: dateOnlyFromSharePoint(item[F.VisitDate] as string),
    members: toPeople(item[F.Members]),
    grid,
    safetyScale: typeof scale === 'number' ? scale : undefined,
    status: (item[F.ReportStatus] as ReportStatus) || 'Draft',
    submittedOn: optionalText(item[F.SubmittedOn]),
    author: toPerson(item[BUILT_IN_FIELDS.Author] as RawUser),
    feedback: feedback
      ? withFeedbackHistory(
          {
            ...feedback,
            by: toPerson(item[F.HosFeedbackBy] as RawUser),
            on: text(item[F.HosFeedbackOn]),
          },
          item[F.HosFeedbackHistory],
        )
      : undefined,
    cardConversationId: optionalText(item[F.CardConversationId]),
    cardActivityId: optionalText(item[F.CardActivityId]),
    etag: itemETag(item),
    serverCheck: parseServerCheck(item[F.ServerCheck]),
  };
}

/**
 * The fields a councillor's form writes, as the REST API takes them: lookups and users by id
 * (`TeamId`, `MembersId`), a visit date as midday UTC of its day (see dateOnlyToSharePoint).
 */
export function formToItemFields(form: VisitReportForm): { [field: string]: unknown } {
  const texts = formTextsToListFields(form);
  const fields: { [field: string]: unknown } = {
    [F.Title]: texts[F.Title],
    [`${F.RotaEntry}Id`]: form.rotaEntryId === undefined ? null : form.rotaEntryId,
    [`${F.Team}Id`]: form.teamId === undefined ? null : form.teamId,
    [F.VisitDate]: form.visitDate ? dateOnlyToSharePoint(form.visitDate) : null,
    [`${F.Members}Id`]: form.members.map((m) => m.id),
    [F.SafetyScale]: form.safetyScale === undefined ? null : form.safetyScale,
  };
  for (const field of Object.keys(texts)) {
    fields[field] = texts[field];
  }
  return fields;
}

/** An item's ETag as SharePoint REST returns it: `odata.etag` (nometadata, minimal) or `__metadata.etag` (verbose). */
export function itemETag(data: unknown): string | undefined {
  const item = data as { 'odata.etag'?: string; __metadata?: { etag?: string } } | undefined;
  return (item && (item['odata.etag'] || (item.__metadata && item.__metadata.etag))) || undefined;
}
