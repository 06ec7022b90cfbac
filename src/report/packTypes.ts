/**
 * The committee pack (docs/architecture.md §1 item 5): what is read from the lists (`PackData`) and what
 * the pack shows (`PackModel`). The model carries its display text, so the on-screen preview,
 * the Word document and the CSV cannot say different things.
 */
import type { CalendarDate } from '../domain/calendarDate';
import type { GridRow } from '../domain/grid';
import type { FrontlineTeam, RotaEntry, RotaStatus, VisitReport } from '../domain/types';
import type { PackThemes, ScaleHistory, ThemePackData } from './themeTypes';

export interface PackPeriod {
  /** First day of the period, inclusive. */
  from: CalendarDate;
  /** Last day of the period, inclusive. */
  to: CalendarDate;
}

/** What the clerk (or the command line) asks for. */
export interface PackRequest extends PackPeriod {
  /** Only these teams (Frontline Teams item ids); empty or absent means every team. */
  teamIds?: ReadonlyArray<number>;
  /** The committee meeting the pack goes to; absent means not yet fixed. */
  committeeDate?: CalendarDate;
  /** Overrides the default report title. */
  reportTitle?: string;
  /** The day the pack is produced: decides which responses are overdue. */
  today: CalendarDate;
}

/** Everything the pack is built from, as read from the lists. */
export interface PackData {
  period: PackPeriod;
  previousPeriod: PackPeriod;
  nextPeriod: PackPeriod;
  teams: FrontlineTeam[];
  /** Rota entries dated in the period, every status (NotHeld with its reason). */
  rota: RotaEntry[];
  /** Reports dated in the period, every status (drafts are left out by the model). */
  reports: VisitReport[];
  /** Reports dated in the previous period: only team, date, status and safety scale are needed. */
  previousReports: VisitReport[];
  /** Rota entries dated in the next period: the appendix. */
  nextRota: RotaEntry[];
  /** Themes and the scale chart's earlier periods (themeData.ts); absent, the pack has neither. */
  themes?: ThemePackData;
}

export interface PackTitleBlock {
  committee: string;
  reportTitle: string;
  meetingDate?: CalendarDate;
  /** "Thursday 10 December 2026" or "To be confirmed". */
  meetingDateText: string;
  period: PackPeriod;
  /** "1 April 2026 to 30 September 2026" */
  periodText: string;
  copiedTo: string;
  /** One or two sentences a committee member reads first. */
  summary: string;
  /** "All teams" or the chosen teams' names. */
  teamsText: string;
}

/** How a rota entry (or an unscheduled visit) turned out, for the visits table. */
export type VisitOutcome = 'held' | 'notHeld' | 'rescheduled' | 'scheduled' | 'notRecorded';

/** A row of the visits table or the rota appendix. */
export interface PackDatedRow {
  key: string;
  date: CalendarDate;
  /** "June 2026" */
  month: string;
  /** "15 Jun 2026" */
  dateText: string;
  team: string;
  members: string;
}

export interface PackVisitRow extends PackDatedRow {
  outcome: VisitOutcome;
  rotaStatus?: RotaStatus;
  /** "Held", "Not held", ... */
  outcomeText: string;
  /** Reason not held, or where the report stands. Empty when there is nothing to add. */
  notes: string;
}

export type ResponseState = 'responded' | 'awaiting' | 'overdue';

export interface PackResponse {
  state: ResponseState;
  /** The Head of Service's words, or the marker saying the response is missing or overdue. */
  text: string;
  /** "Head of Service name, 3 Jul 2026" for a response; empty otherwise. */
  attribution: string;
  /** The day the response was due (absent when the report has no submission date). */
  due?: CalendarDate;
  /** "Answered on time" / "Answered 3 days late", judged by the first answer; empty until answered. */
  lateness?: string;
}

/** What staff said under one theme (grid row) at one visit. */
export interface PackStatement {
  reportId: number;
  visitDate: CalendarDate;
  /** "Cllr A, Cllr B" */
  members: string;
  /** "15 Jun 2026 (Cllr A, Cllr B)" */
  visitText: string;
  worries: string;
  workingWell: string;
  nextSteps: string;
  /** The three above as one labelled text block, for the table cell and the CSV. */
  saidText: string;
  response: PackResponse;
}

export interface PackTheme {
  row: GridRow;
  /** "Staffing" */
  label: string;
  statements: PackStatement[];
}

export interface PackTeamSummary {
  teamId: number;
  team: string;
  /** Submitted reports for the team in the period. */
  reportCount: number;
  /** Visits to the team held in the period: none means there was nothing to report, not a report missing. */
  heldVisitCount: number;
  themes: PackTheme[];
}

export interface PackScaleRow {
  reportId: number;
  date: CalendarDate;
  dateText: string;
  team: string;
  members: string;
  scale?: number;
  /** "7" or "Not given"; a scale left out of the average says why. */
  scaleText: string;
  /** Why this report's scale is left out of the average (it failed the checks); empty when counted. */
  notCounted: string[];
}

export interface PackTeamAverage {
  teamId: number;
  team: string;
  count: number;
  average?: number;
  previousCount: number;
  previousAverage?: number;
  /** "6.5" or "No scale given" */
  averageText: string;
  previousAverageText: string;
  /** "Up 0.5", "Down 1.0", "No change" or "Cannot compare" */
  changeText: string;
}

export interface PackRotaRow extends PackDatedRow {
  status: string;
}

export interface PackModel {
  title: PackTitleBlock;
  /** The day the pack was made: visits after it are planned, never missing. */
  today: CalendarDate;
  /** The period reaches past today: its later visits are shown as planned. */
  reachesPastToday: boolean;
  /** Quarters in the period in which a team had no visit held (or none planned), in plain words. */
  coverageGaps: string[];
  visits: PackVisitRow[];
  teamSummaries: PackTeamSummary[];
  scales: PackScaleRow[];
  teamAverages: PackTeamAverage[];
  previousPeriodText: string;
  nextRota: PackRotaRow[];
  nextPeriodText: string;
  /** Themes across the visits (themeData.ts builds them), and each team's scale over four periods. */
  themes?: PackThemes;
  scaleHistory?: ScaleHistory;
  counts: {
    visitsHeld: number;
    visitsNotHeld: number;
    /** Visits on the rota from today on, not yet due to have happened. */
    visitsPlanned: number;
    reportsSubmitted: number;
    responsesReceived: number;
    responsesAwaiting: number;
    responsesOverdue: number;
  };
}
