/**
 * The SharePoint list contract (docs/architecture.md §3): the one place that names lists and fields.
 * Web part, bot, sandbox, provisioning and tests all read it; `sharepoint/lists/` holds the same
 * contract as site script JSON, and a test proves the two agree field by field.
 */

import { LIMITS } from '../domain/limits';
import { GridCellKey } from '../domain/grid';
import { FEEDBACK_TEXT_FIELDS, FORM_TEXT_FIELDS, GRID_CELL_LIST_FIELDS, GRID_TEXT_FIELDS, ReportTextField } from '../domain/reportFields';
import { REPORT_STATUSES, ROTA_STATUSES } from '../domain/types';

export type FieldType = 'Text' | 'Note' | 'Number' | 'Boolean' | 'DateTime' | 'Choice' | 'User' | 'UserMulti' | 'Lookup';

export interface FieldDefinition {
  internalName: string;
  displayName: string;
  type: FieldType;
  required?: boolean;
  indexed?: boolean;
  /** Date-only columns: SharePoint stores them as local midnight of the site's time zone. */
  dateOnly?: boolean;
  choices?: ReadonlyArray<string>;
  /** Lookups: the internal name (URL name) of the list looked up. */
  lookupList?: string;
  min?: number;
  max?: number;
  maxLength?: number;
  /**
   * Enforce unique values: SharePoint refuses an add or update that repeats a value another item
   * holds (empty values do not count). Needs an indexed, single-value column, and SharePoint allows
   * it only on a list whose items everyone reads (no "read own items", no item-level permissions).
   */
  unique?: boolean;
}

export interface ListDefinition {
  /** The list's title, as PnPjs `lists.getByTitle` uses it. */
  title: string;
  /** The list's URL name under /Lists/. */
  urlName: string;
  description: string;
  /**
   * The list's item-level permissions (list settings, ReadSecurity / WriteSecurity): `own` =
   * people without Override List Behaviors read (or edit) only the items they created.
   */
  itemLevelSecurity: { read: 'all' | 'own'; write: 'all' | 'own' };
  fields: ReadonlyArray<FieldDefinition>;
}

export const FRONTLINE_TEAMS = {
  title: 'Frontline Teams',
  urlName: 'FrontlineTeams',
  fields: {
    Title: 'Title',
    ServiceManager: 'ServiceManager',
    HeadOfService: 'HeadOfService',
    IsActive: 'IsActive',
  },
} as const;

export const VISIT_ROTA = {
  title: 'Visit Rota',
  urlName: 'VisitRota',
  fields: {
    Title: 'Title',
    VisitDate: 'VisitDate',
    Team: 'Team',
    Members: 'Members',
    MunicipalYear: 'MunicipalYear',
    RotaStatus: 'RotaStatus',
    NotHeldReason: 'NotHeldReason',
    MovedFrom: 'MovedFrom',
  },
} as const;

/**
 * Days a councillor has said they cannot do, which the rota planner avoids. A councillor enters
 * their own; the improvement team and clerks enter them for anyone.
 */
export const UNAVAILABLE_DATES = {
  title: 'Councillor Unavailable Dates',
  urlName: 'UnavailableDates',
  fields: {
    Title: 'Title',
    Councillor: 'Councillor',
    FromDate: 'FromDate',
    ToDate: 'ToDate',
  },
} as const;

/** What the councillors write: the same columns on a draft and on the submitted report. */
const REPORT_FORM_FIELDS = {
  Title: 'Title',
  RotaEntry: 'RotaEntry',
  Team: 'Team',
  VisitDate: 'VisitDate',
  Members: 'Members',
  StaffInvolved: 'StaffInvolved',
  StaffingWorries: 'StaffingWorries',
  StaffingWorkingWell: 'StaffingWorkingWell',
  StaffingNextSteps: 'StaffingNextSteps',
  PerformanceWorries: 'PerformanceWorries',
  PerformanceWorkingWell: 'PerformanceWorkingWell',
  PerformanceNextSteps: 'PerformanceNextSteps',
  OtherWorries: 'OtherWorries',
  OtherWorkingWell: 'OtherWorkingWell',
  OtherNextSteps: 'OtherNextSteps',
  SafetyScale: 'SafetyScale',
} as const;

/**
 * A councillor's report while it is being written. One per rota visit (unique RotaEntry), read by
 * every councillor so the others on the visit see who is writing it; edited and deleted by its
 * author only. Submitting adds the report to Visit Reports and deletes the draft.
 */
export const VISIT_REPORT_DRAFTS = {
  title: 'Visit Report Drafts',
  urlName: 'VisitReportDrafts',
  fields: REPORT_FORM_FIELDS,
} as const;

/**
 * Submitted reports: one per rota visit (unique RotaEntry). Councillors may add an item but never
 * edit or delete one, so a report is closed from the moment SharePoint accepts it.
 */
export const VISIT_REPORTS = {
  title: 'Visit Reports',
  urlName: 'VisitReports',
  fields: {
    ...REPORT_FORM_FIELDS,
    ReportStatus: 'ReportStatus',
    SubmittedOn: 'SubmittedOn',
    HosFeedback: 'HosFeedback',
    HosFeedbackStaffing: 'HosFeedbackStaffing',
    HosFeedbackPerformance: 'HosFeedbackPerformance',
    HosFeedbackOther: 'HosFeedbackOther',
    HosFeedbackBy: 'HosFeedbackBy',
    HosFeedbackOn: 'HosFeedbackOn',
    HosFeedbackHistory: 'HosFeedbackHistory',
    CardConversationId: 'CardConversationId',
    CardActivityId: 'CardActivityId',
    ServerCheck: 'ServerCheck',
    CardDelivery: 'CardDelivery',
  },
} as const;

/**
 * What the bot has told whom (activity feed notifications), so that no one is told the same thing
 * twice, also across a restart or with two bot instances: a notification is claimed by adding its
 * record, whose `NotificationKey` is unique, before it is sent.
 */
export const NOTIFICATIONS_SENT = {
  title: 'Notifications Sent',
  urlName: 'NotificationsSent',
  fields: {
    Title: 'Title',
    NotificationKey: 'NotificationKey',
    NotificationKind: 'NotificationKind',
    RecipientObjectId: 'RecipientObjectId',
    ReportId: 'ReportId',
    RotaEntryId: 'RotaEntryId',
    SendState: 'SendState',
    SentOn: 'SentOn',
    SendError: 'SendError',
  },
} as const;

/**
 * Reminders the improvement team asks for from the visits overview ("chase"). The web part cannot
 * send an activity feed notification itself (Graph takes one only from the Teams app's own Entra
 * app, the bot's), so a chase is recorded here and the bot sends it. `ChaseKey` is unique — the
 * visit or report, whom it chases and the London day — so no one is chased twice the same day,
 * whoever asks. The improvement team may add a request but never edit or delete one; only the bot
 * marks it sent.
 */
export const CHASE_REQUESTS = {
  title: 'Chase Requests',
  urlName: 'ChaseRequests',
  fields: {
    Title: 'Title',
    ChaseKey: 'ChaseKey',
    ChaseAudience: 'ChaseAudience',
    RotaEntryId: 'RotaEntryId',
    ReportId: 'ReportId',
    VisitDate: 'VisitDate',
    ChaseDay: 'ChaseDay',
    ChaseState: 'ChaseState',
    SentOn: 'SentOn',
    SendError: 'SendError',
  },
} as const;

/** Whom a chase reminds: the councillors on the visit (a form overdue), or the Head of Service (a response overdue). */
export const CHASE_AUDIENCES = ['Councillors', 'HeadOfService'] as const;
export type ChaseAudience = (typeof CHASE_AUDIENCES)[number];
/** Asked for; sent by the bot; or failed (the bot's next sweep tries again). */
export const CHASE_STATES = ['Requested', 'Sent', 'Failed'] as const;
export type ChaseState = (typeof CHASE_STATES)[number];

/**
 * The council's themes (recruitment and retention, agency staff, …), each with the words that
 * suggest it in a report. Kept by the improvement team; provisioning seeds it once.
 */
export const VISIT_THEMES = {
  title: 'Visit Themes',
  urlName: 'VisitThemes',
  fields: {
    Title: 'Title',
    SuggestingWords: 'SuggestingWords',
    IsActive: 'IsActive',
  },
} as const;

/**
 * The themes the improvement team confirmed for a submitted report, area by area (Visit Themes
 * ids, "3;7"). A list of its own because SharePoint has no field-level permissions: on Visit
 * Reports, whoever may write a theme may also rewrite what the councillors said. One item per
 * report (unique ReportId); the visit date is copied so a period's items are read by an index.
 */
export const REPORT_THEMES = {
  title: 'Report Themes',
  urlName: 'ReportThemes',
  fields: {
    Title: 'Title',
    ReportId: 'ReportId',
    VisitDate: 'VisitDate',
    StaffingThemes: 'StaffingThemes',
    PerformanceThemes: 'PerformanceThemes',
    OtherThemes: 'OtherThemes',
  },
} as const;

/** The activity types the Teams app declares (teams-manifest/manifest.json `activities`). */
export const NOTIFICATION_KINDS = ['reportAnswered', 'answerAmended', 'reportDueSoon', 'reportOverdue', 'responseDueSoon', 'responseOverdue'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/** Claimed (being sent), sent, or failed (the next sweep tries again). */
export const SEND_STATES = ['Sending', 'Sent', 'Failed'] as const;
export type SendState = (typeof SEND_STATES)[number];

/**
 * Committee reports, one per meeting: the words the clerk writes (sections, contact) and the
 * period, kept so the clerk can come back and a past report can be rebuilt with the same words.
 */
export const COMMITTEE_REPORTS = {
  title: 'Committee Reports',
  urlName: 'CommitteeReports',
  fields: {
    Title: 'Title',
    MeetingDate: 'MeetingDate',
    PeriodFrom: 'PeriodFrom',
    PeriodTo: 'PeriodTo',
    Committee: 'Committee',
    ReportReference: 'ReportReference',
    CommitteeReportState: 'CommitteeReportState',
    ReportSections: 'ReportSections',
    ContactName: 'ContactName',
    ContactJobTitle: 'ContactJobTitle',
    ContactTelephone: 'ContactTelephone',
    ContactEmail: 'ContactEmail',
  },
} as const;

/** A committee report being written, or final once it has gone to the committee. */
export const COMMITTEE_REPORT_STATES = ['Draft', 'Final'] as const;

/** SharePoint's own columns every list has, which the product reads. */
export const BUILT_IN_FIELDS = {
  Id: 'Id',
  Author: 'Author',
  Editor: 'Editor',
  Created: 'Created',
  Modified: 'Modified',
} as const;

export const SITE_RELATIVE_URL = '/sites/frontline-visits';

/** The report field that stores each grid cell (from the field table, `domain/reportFields.ts`). */
export const GRID_CELL_FIELDS: { readonly [key in GridCellKey]: string } = GRID_CELL_LIST_FIELDS;

/** A free-text column of the report, as the field table describes it. */
function textColumn(field: ReportTextField): FieldDefinition {
  return { internalName: field.listField, displayName: field.displayName, type: 'Note', maxLength: field.limit };
}

const title = (displayName = 'Title'): FieldDefinition => ({
  internalName: 'Title',
  displayName,
  type: 'Text',
  required: true,
  maxLength: LIMITS.title,
});

/** What the councillors write, the same on a draft and on the submitted report. */
function reportFormFields(): FieldDefinition[] {
  return [
    { internalName: VISIT_REPORTS.fields.RotaEntry, displayName: 'Rota entry', type: 'Lookup', lookupList: VISIT_ROTA.urlName, indexed: true, unique: true },
    { internalName: VISIT_REPORTS.fields.Team, displayName: 'Team', type: 'Lookup', lookupList: FRONTLINE_TEAMS.urlName, indexed: true },
    { internalName: VISIT_REPORTS.fields.VisitDate, displayName: 'Visit date', type: 'DateTime', dateOnly: true, indexed: true },
    { internalName: VISIT_REPORTS.fields.Members, displayName: 'Elected members', type: 'UserMulti' },
    ...FORM_TEXT_FIELDS.filter((field) => field.key !== 'title').map(textColumn),
    ...GRID_TEXT_FIELDS.map(textColumn),
    { internalName: VISIT_REPORTS.fields.SafetyScale, displayName: 'Safety scale', type: 'Number', min: 0, max: 10 },
  ];
}

export const LIST_DEFINITIONS: ReadonlyArray<ListDefinition> = [
  {
    title: FRONTLINE_TEAMS.title,
    urlName: FRONTLINE_TEAMS.urlName,
    description: "The children's social care intake teams that councillors visit.",
    itemLevelSecurity: { read: 'all', write: 'all' },
    fields: [
      title('Team'),
      { internalName: FRONTLINE_TEAMS.fields.ServiceManager, displayName: 'Service manager', type: 'User' },
      { internalName: FRONTLINE_TEAMS.fields.HeadOfService, displayName: 'Head of Service', type: 'User' },
      { internalName: FRONTLINE_TEAMS.fields.IsActive, displayName: 'Active', type: 'Boolean' },
    ],
  },
  {
    title: VISIT_ROTA.title,
    urlName: VISIT_ROTA.urlName,
    description: 'The rota of councillor visits, drawn up a year ahead.',
    itemLevelSecurity: { read: 'all', write: 'all' },
    fields: [
      title(),
      { internalName: VISIT_ROTA.fields.VisitDate, displayName: 'Visit date', type: 'DateTime', dateOnly: true, required: true, indexed: true },
      { internalName: VISIT_ROTA.fields.Team, displayName: 'Team', type: 'Lookup', lookupList: FRONTLINE_TEAMS.urlName, required: true, indexed: true },
      { internalName: VISIT_ROTA.fields.Members, displayName: 'Members', type: 'UserMulti' },
      { internalName: VISIT_ROTA.fields.MunicipalYear, displayName: 'Municipal year', type: 'Text', indexed: true, maxLength: 9 },
      { internalName: VISIT_ROTA.fields.RotaStatus, displayName: 'Status', type: 'Choice', choices: ROTA_STATUSES, required: true },
      { internalName: VISIT_ROTA.fields.NotHeldReason, displayName: 'Reason not held', type: 'Note', maxLength: LIMITS.notHeldReason },
      // The date a visit was first booked for, once it has been moved: "moved from 10 May".
      { internalName: VISIT_ROTA.fields.MovedFrom, displayName: 'Moved from', type: 'DateTime', dateOnly: true },
    ],
  },
  {
    title: UNAVAILABLE_DATES.title,
    urlName: UNAVAILABLE_DATES.urlName,
    description: 'Days councillors have said they cannot do a visit, which the rota planner avoids.',
    // Everyone reads them (the planner needs all); a councillor edits only the dates they entered.
    itemLevelSecurity: { read: 'all', write: 'own' },
    fields: [
      title('Note'),
      { internalName: UNAVAILABLE_DATES.fields.Councillor, displayName: 'Councillor', type: 'User', required: true, indexed: true },
      { internalName: UNAVAILABLE_DATES.fields.FromDate, displayName: 'From', type: 'DateTime', dateOnly: true, required: true, indexed: true },
      { internalName: UNAVAILABLE_DATES.fields.ToDate, displayName: 'To', type: 'DateTime', dateOnly: true, required: true },
    ],
  },
  {
    title: VISIT_REPORT_DRAFTS.title,
    urlName: VISIT_REPORT_DRAFTS.urlName,
    description: 'Visit reports being written: one per rota visit, edited only by the councillor writing it.',
    itemLevelSecurity: { read: 'all', write: 'own' },
    fields: [title(), ...reportFormFields()],
  },
  {
    title: VISIT_REPORTS.title,
    urlName: VISIT_REPORTS.urlName,
    description: 'Councillors’ submitted visit reports and the Head of Service’s feedback.',
    itemLevelSecurity: { read: 'all', write: 'all' },
    fields: [
      title(),
      ...reportFormFields(),
      { internalName: VISIT_REPORTS.fields.ReportStatus, displayName: 'Status', type: 'Choice', choices: REPORT_STATUSES, required: true, indexed: true },
      { internalName: VISIT_REPORTS.fields.SubmittedOn, displayName: 'Submitted on', type: 'DateTime', indexed: true },
      ...FEEDBACK_TEXT_FIELDS.map(textColumn),
      { internalName: VISIT_REPORTS.fields.HosFeedbackBy, displayName: 'Feedback by', type: 'User' },
      { internalName: VISIT_REPORTS.fields.HosFeedbackOn, displayName: 'Feedback on', type: 'DateTime' },
      // Every earlier version of an amended answer (JSON, oldest first): only the bot writes it.
      { internalName: VISIT_REPORTS.fields.HosFeedbackHistory, displayName: 'Earlier feedback', type: 'Note' },
      { internalName: VISIT_REPORTS.fields.CardConversationId, displayName: 'Card conversation id', type: 'Text', maxLength: 255 },
      { internalName: VISIT_REPORTS.fields.CardActivityId, displayName: 'Card activity id', type: 'Text', maxLength: 255 },
      // Written by the bot when it picks the report up: what its check of the report's claims found.
      { internalName: VISIT_REPORTS.fields.ServerCheck, displayName: 'Server check', type: 'Note', maxLength: 8000 },
      // Written by the bot only: how posting the card is going (failures, backoff, parked) and what the card last showed.
      { internalName: VISIT_REPORTS.fields.CardDelivery, displayName: 'Card delivery', type: 'Note', maxLength: 8000 },
    ],
  },
  {
    title: NOTIFICATIONS_SENT.title,
    urlName: NOTIFICATIONS_SENT.urlName,
    description: 'Activity feed notifications the Frontline Visits bot has sent, so that no one is told the same thing twice.',
    // Only the bot writes it; every role reads it. Its key column enforces unique values, which
    // SharePoint allows only on a list whose items everyone reads (no "read own items").
    itemLevelSecurity: { read: 'all', write: 'all' },
    fields: [
      title(),
      {
        internalName: NOTIFICATIONS_SENT.fields.NotificationKey,
        displayName: 'Notification key',
        type: 'Text',
        required: true,
        indexed: true,
        unique: true,
        maxLength: 255,
      },
      { internalName: NOTIFICATIONS_SENT.fields.NotificationKind, displayName: 'Kind', type: 'Choice', choices: NOTIFICATION_KINDS, required: true },
      { internalName: NOTIFICATIONS_SENT.fields.RecipientObjectId, displayName: 'Recipient (Entra object id)', type: 'Text', required: true, maxLength: 64 },
      { internalName: NOTIFICATIONS_SENT.fields.ReportId, displayName: 'Report id', type: 'Number', min: 0, max: 2147483647 },
      { internalName: NOTIFICATIONS_SENT.fields.RotaEntryId, displayName: 'Rota entry id', type: 'Number', min: 0, max: 2147483647 },
      { internalName: NOTIFICATIONS_SENT.fields.SendState, displayName: 'Send state', type: 'Choice', choices: SEND_STATES, required: true },
      { internalName: NOTIFICATIONS_SENT.fields.SentOn, displayName: 'Sent on', type: 'DateTime' },
      { internalName: NOTIFICATIONS_SENT.fields.SendError, displayName: 'Send error', type: 'Note', maxLength: 2000 },
    ],
  },
  {
    title: COMMITTEE_REPORTS.title,
    urlName: COMMITTEE_REPORTS.urlName,
    description: 'Committee reports on the visits, one per meeting: the sections the clerk writes and the period they cover.',
    // Clerks write them; every role reads them (the report goes to a public committee).
    itemLevelSecurity: { read: 'all', write: 'all' },
    fields: [
      title('Report title'),
      { internalName: COMMITTEE_REPORTS.fields.MeetingDate, displayName: 'Meeting date', type: 'DateTime', dateOnly: true, required: true, indexed: true },
      { internalName: COMMITTEE_REPORTS.fields.PeriodFrom, displayName: 'Period from', type: 'DateTime', dateOnly: true, required: true },
      { internalName: COMMITTEE_REPORTS.fields.PeriodTo, displayName: 'Period to', type: 'DateTime', dateOnly: true, required: true },
      { internalName: COMMITTEE_REPORTS.fields.Committee, displayName: 'Committee', type: 'Text', required: true, maxLength: 255 },
      { internalName: COMMITTEE_REPORTS.fields.ReportReference, displayName: 'Report reference', type: 'Text', maxLength: 100 },
      { internalName: COMMITTEE_REPORTS.fields.CommitteeReportState, displayName: 'State', type: 'Choice', choices: COMMITTEE_REPORT_STATES, required: true },
      // The sections as written (headings, order, numbering) and their text, as JSON.
      { internalName: COMMITTEE_REPORTS.fields.ReportSections, displayName: 'Sections', type: 'Note' },
      { internalName: COMMITTEE_REPORTS.fields.ContactName, displayName: 'Contact name', type: 'Text', maxLength: 255 },
      { internalName: COMMITTEE_REPORTS.fields.ContactJobTitle, displayName: 'Contact job title', type: 'Text', maxLength: 255 },
      { internalName: COMMITTEE_REPORTS.fields.ContactTelephone, displayName: 'Contact telephone', type: 'Text', maxLength: 50 },
      { internalName: COMMITTEE_REPORTS.fields.ContactEmail, displayName: 'Contact email', type: 'Text', maxLength: 255 },
    ],
  },
  {
    title: CHASE_REQUESTS.title,
    urlName: CHASE_REQUESTS.urlName,
    description: 'Reminders the Children’s Improvement Team asked the Frontline Visits bot to send: one a visit a day.',
    // The improvement team adds (never edits or deletes); the bot marks each sent; councillors have
    // no access. The key column enforces unique values, so every role that reads reads all items.
    itemLevelSecurity: { read: 'all', write: 'all' },
    fields: [
      title(),
      { internalName: CHASE_REQUESTS.fields.ChaseKey, displayName: 'Chase key', type: 'Text', required: true, indexed: true, unique: true, maxLength: 255 },
      { internalName: CHASE_REQUESTS.fields.ChaseAudience, displayName: 'Reminds', type: 'Choice', choices: CHASE_AUDIENCES, required: true },
      { internalName: CHASE_REQUESTS.fields.RotaEntryId, displayName: 'Rota entry id', type: 'Number', min: 0, max: 2147483647 },
      { internalName: CHASE_REQUESTS.fields.ReportId, displayName: 'Report id', type: 'Number', min: 0, max: 2147483647 },
      { internalName: CHASE_REQUESTS.fields.VisitDate, displayName: 'Visit date', type: 'DateTime', dateOnly: true, indexed: true },
      { internalName: CHASE_REQUESTS.fields.ChaseDay, displayName: 'Chase day', type: 'DateTime', dateOnly: true, required: true, indexed: true },
      { internalName: CHASE_REQUESTS.fields.ChaseState, displayName: 'State', type: 'Choice', choices: CHASE_STATES, required: true, indexed: true },
      { internalName: CHASE_REQUESTS.fields.SentOn, displayName: 'Sent on', type: 'DateTime' },
      { internalName: CHASE_REQUESTS.fields.SendError, displayName: 'Send error', type: 'Note', maxLength: 2000 },
    ],
  },
  {
    title: VISIT_THEMES.title,
    urlName: VISIT_THEMES.urlName,
    description: 'Themes across visits, each with the words that suggest it in a report. Kept by the Children’s Improvement Team.',
    itemLevelSecurity: { read: 'all', write: 'all' },
    fields: [
      title('Theme'),
      { internalName: VISIT_THEMES.fields.SuggestingWords, displayName: 'Suggesting words', type: 'Note', maxLength: 4000 },
      { internalName: VISIT_THEMES.fields.IsActive, displayName: 'Active', type: 'Boolean' },
    ],
  },
  {
    title: REPORT_THEMES.title,
    urlName: REPORT_THEMES.urlName,
    description: 'The themes the Children’s Improvement Team confirmed for each submitted visit report, area by area.',
    itemLevelSecurity: { read: 'all', write: 'all' },
    fields: [
      title(),
      {
        internalName: REPORT_THEMES.fields.ReportId,
        displayName: 'Report id',
        type: 'Number',
        required: true,
        indexed: true,
        unique: true,
        min: 1,
        max: 2147483647,
      },
      { internalName: REPORT_THEMES.fields.VisitDate, displayName: 'Visit date', type: 'DateTime', dateOnly: true, indexed: true },
      { internalName: REPORT_THEMES.fields.StaffingThemes, displayName: 'Staffing themes', type: 'Text', maxLength: 255 },
      { internalName: REPORT_THEMES.fields.PerformanceThemes, displayName: 'Performance themes', type: 'Text', maxLength: 255 },
      { internalName: REPORT_THEMES.fields.OtherThemes, displayName: 'Other themes', type: 'Text', maxLength: 255 },
    ],
  },
];

export function listDefinition(titleOrUrlName: string): ListDefinition {
  const found = LIST_DEFINITIONS.filter((l) => l.title === titleOrUrlName || l.urlName === titleOrUrlName)[0];
  if (!found) {
    throw new RangeError(`No list ${titleOrUrlName} in the contract`);
  }
  return found;
}
