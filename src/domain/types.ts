import { CalendarDate } from './calendarDate';
import { Grid } from './grid';
import { FeedbackTexts, FormTexts } from './reportFields';

/** A person as SharePoint knows them: the site user id plus what we show. */
export interface Person {
  /** SharePoint site user id (the value a user field stores). */
  id: number;
  displayName: string;
  email: string;
}

export interface FrontlineTeam {
  id: number;
  title: string;
  serviceManager?: Person;
  headOfService?: Person;
  isActive: boolean;
}

export type RotaStatus = 'Scheduled' | 'Held' | 'NotHeld' | 'Rescheduled';
export const ROTA_STATUSES: ReadonlyArray<RotaStatus> = ['Scheduled', 'Held', 'NotHeld', 'Rescheduled'];

export interface RotaEntry {
  id: number;
  title: string;
  visitDate: CalendarDate;
  teamId: number;
  teamTitle?: string;
  members: Person[];
  municipalYear: string;
  status: RotaStatus;
  notHeldReason?: string;
  /** The date the visit was first booked for, once moved: shown as "moved from 10 May". */
  movedFrom?: CalendarDate;
}

/** Days a councillor has said they cannot do a visit (both ends included). */
export interface UnavailableDates {
  id: number;
  councillor: Person;
  from: CalendarDate;
  to: CalendarDate;
  note: string;
  /** Who entered them: the councillor, or the improvement team or a clerk for them. */
  enteredBy?: Person;
}

export type ReportStatus = 'Draft' | 'Submitted' | 'Responded';
export const REPORT_STATUSES: ReadonlyArray<ReportStatus> = ['Draft', 'Submitted', 'Responded'];

/** The Head of Service Feedback box of the form: its text fields are in `reportFields.ts`. */
export interface HosFeedback extends FeedbackTexts {
  by?: Person;
  /** When the feedback was written (an ISO instant); the latest amendment's time once amended. */
  on: string;
  /** When the first answer was stored (an ISO instant), when it has since been amended. */
  firstOn?: string;
  /** Every earlier version, oldest first, when the answer has been amended. */
  earlier?: HosFeedbackVersion[];
}

/** One earlier version of an amended answer, as it stood until it was amended. */
export interface HosFeedbackVersion extends FeedbackTexts {
  on: string;
  byName?: string;
  byId?: number;
}

/**
 * Everything a councillor writes on the visit form (docs/architecture.md §1). Its free-text properties
 * (`title`, `staffInvolved`, …) come from the field table in `reportFields.ts`.
 */
export interface VisitReportForm extends FormTexts {
  rotaEntryId?: number;
  teamId?: number;
  visitDate?: CalendarDate;
  members: Person[];
  grid: Grid;
  /** 0–10: how effective the service is at keeping children and young people safe. */
  safetyScale?: number;
}

/** What the bot found when it checked a report's claims on pickup (members, rota entry, team, dates). */
export interface ServerCheck {
  /** Reasons the report is not used as it stands (left out of the pack's averages). */
  problems: string[];
  /** Changes from the rota, shown but not held against it. */
  notes: string[];
  /** When it was checked (an ISO instant). */
  checkedOn: string;
}

export interface VisitReport extends VisitReportForm {
  id: number;
  teamTitle?: string;
  status: ReportStatus;
  /** When the report was submitted (an ISO instant). "Completed by" is its author. */
  submittedOn?: string;
  /** A draft: when its writer first saved it (an ISO instant). */
  startedOn?: string;
  author?: Person;
  feedback?: HosFeedback;
  cardConversationId?: string;
  cardActivityId?: string;
  /** The item's ETag, for writes that must not overwrite someone else's. */
  etag?: string;
  /** Set by the bot when it picked the report up; absent until then. */
  serverCheck?: ServerCheck;
}
