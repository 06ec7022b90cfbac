import { CalendarDate, compareDates, formatLongDate, formatShortDate, calendarDateFromSharePoint } from '../../domain/calendarDate';
import { deadline, Deadline, describeDeadline, responseDueDate, submissionDueDate, visitReportLateness } from '../../domain/deadlines';
import { Person, RotaEntry, VisitReport } from '../../domain/types';
import { AppRoute } from '../../app/route';

/** The state of a visit's report, as the councillor reads it on My visits. */
export type VisitReportState = 'upcoming' | 'notHeld' | 'notStarted' | 'draft' | 'submitted' | 'responded';

export interface VisitRow {
  key: string;
  visitDate?: CalendarDate;
  /** "Monday 15 June 2026", or "Date not entered yet". */
  dateText: string;
  teamTitle: string;
  /** The other councillors booked or named (the signed-in user left out). */
  fellowMembers: Person[];
  state: VisitReportState;
  /** Plain words, never colour alone: "Draft", "Submitted", "Overdue: not started". */
  statusText: string;
  /** The deadline that matters now, in words: "Report due 13 Jul 2026 (12 days left)". */
  deadlineText?: string;
  /** Lateness once it is a fact: "Submitted 80 days late. Answered on time." */
  latenessText?: string;
  /** The deadline that matters now: the report's for a visit, the response's once submitted. */
  deadline?: Deadline;
  overdue: boolean;
  /** Where the row's action leads and what it says. */
  action?: { label: string; route: AppRoute };
  notHeldReason?: string;
  /** A fellow member's name when they, not the signed-in user, wrote the report. */
  writer?: string;
}

export interface MyVisitsView {
  upcoming: VisitRow[];
  past: VisitRow[];
  /** An unscheduled visit's report begun on this device and not yet saved to the list. */
  unsavedUnscheduled: boolean;
  /** How many rows need the councillor's attention: overdue or due within a week. */
  needingAttention: number;
}

export interface MyVisitsInput {
  userId: number;
  upcomingRota: RotaEntry[];
  pastRota: RotaEntry[];
  reports: VisitReport[];
  today: CalendarDate;
  /** Forms with text on this device that never reached the list (see DraftStore.keys). */
  deviceDrafts?: ReadonlyArray<string>;
}

const isMember = (people: Person[], userId: number): boolean => people.some((p) => p.id === userId);

function fellows(people: Person[], userId: number): Person[] {
  return people.filter((p) => p.id !== userId);
}

function teamName(title: string | undefined): string {
  return title || 'Team not chosen yet';
}

/** Where a report opens: a draft on the drafts list, a submitted one on Visit Reports. */
export function routeOfReport(report: VisitReport): AppRoute {
  return report.status === 'Draft' ? { page: 'draft', draftId: report.id } : { page: 'report', reportId: report.id };
}

/** "Cllr Hale's" when a fellow member wrote it, so nobody mistakes it for their own. */
function writtenBy(report: VisitReport, userId: number): string | undefined {
  return report.author && report.author.id !== userId ? report.author.displayName : undefined;
}

/** The row for a report (with its rota entry, when it came from the rota). */
function reportRow(report: VisitReport, rota: RotaEntry | undefined, userId: number, today: CalendarDate): VisitRow {
  const row = ownReportRow(report, rota, userId, today);
  const writer = writtenBy(report, userId);
  if (!writer) {
    return row;
  }
  if (report.status === 'Draft') {
    return {
      ...row,
      statusText: `${row.overdue ? 'Overdue: ' : ''}${writer} is writing the report (draft)`,
      writer,
      action: { label: `Read ${writer}’s draft`, route: routeOfReport(report) },
    };
  }
  return {
    ...row,
    statusText: `${row.statusText}, by ${writer}`,
    writer,
    action: { label: report.status === 'Responded' ? 'Read the report and response' : 'Read the report', route: routeOfReport(report) },
  };
}

function ownReportRow(report: VisitReport, rota: RotaEntry | undefined, userId: number, today: CalendarDate): VisitRow {
  const visitDate = report.visitDate || (rota && rota.visitDate);
  const base = {
    key: `${report.status === 'Draft' ? 'draft' : 'report'}-${report.id}`,
    visitDate,
    dateText: visitDate ? formatLongDate(visitDate) : 'Date not entered yet',
    teamTitle: teamName(report.teamTitle || (rota && rota.teamTitle)),
    fellowMembers: fellows(report.members.length ? report.members : rota ? rota.members : [], userId),
  };
  const open: AppRoute = routeOfReport(report);
  const lateness = visitReportLateness(report);
  const latenessText =
    [lateness.submittedText, lateness.answeredText]
      .filter(Boolean)
      .map((t) => `${t}.`)
      .join(' ') || undefined;
  if (report.status === 'Responded') {
    const on = report.feedback && calendarDateFromSharePoint(report.feedback.on);
    return {
      ...base,
      state: 'responded',
      statusText: 'Responded',
      deadlineText: on ? `Head of Service responded on ${formatShortDate(on)}` : 'Head of Service has responded',
      latenessText,
      overdue: false,
      action: { label: 'Read the response', route: open },
    };
  }
  if (report.status === 'Submitted') {
    const due = report.submittedOn ? deadline(responseDueDate(report.submittedOn), today) : undefined;
    const overdue = !!due && due.state === 'overdue';
    return {
      ...base,
      state: 'submitted',
      statusText: overdue ? 'Submitted: response overdue' : 'Submitted',
      deadline: due,
      deadlineText: due ? `Response due ${formatShortDate(due.due)} (${describeDeadline(due)})` : undefined,
      latenessText,
      overdue,
      action: { label: 'View report', route: open },
    };
  }
  const due = visitDate && compareDates(visitDate, today) <= 0 ? deadline(submissionDueDate(visitDate), today) : undefined;
  const overdue = !!due && due.state === 'overdue';
  return {
    ...base,
    state: 'draft',
    statusText: overdue ? 'Overdue: draft not submitted' : 'Draft',
    deadline: due,
    deadlineText: due ? `Report due ${formatShortDate(due.due)} (${describeDeadline(due)})` : undefined,
    overdue,
    action: { label: 'Continue the report', route: open },
  };
}

/** A rota visit whose report exists only on this device so far: say so, and offer to continue. */
function withDeviceText(row: VisitRow): VisitRow {
  if (!row.action) {
    return row;
  }
  const statusText = row.overdue ? 'Overdue: started on this device, not saved yet' : 'Started on this device, not saved yet';
  return { ...row, statusText, action: { ...row.action, label: 'Continue the report' } };
}

function rotaRow(entry: RotaEntry, userId: number, today: CalendarDate): VisitRow {
  const base = {
    key: `rota-${entry.id}`,
    visitDate: entry.visitDate,
    // A moved visit says where it moved from, as the rota does.
    dateText: `${formatLongDate(entry.visitDate)}${entry.movedFrom && entry.movedFrom !== entry.visitDate ? ` (moved from ${formatShortDate(entry.movedFrom)})` : ''}`,
    teamTitle: teamName(entry.teamTitle),
    fellowMembers: fellows(entry.members, userId),
  };
  const start: AppRoute = { page: 'newFromRota', rotaEntryId: entry.id };
  if (entry.status === 'NotHeld') {
    return { ...base, state: 'notHeld', statusText: 'Visit not held', overdue: false, notHeldReason: entry.notHeldReason };
  }
  if (compareDates(entry.visitDate, today) > 0) {
    return { ...base, state: 'upcoming', statusText: 'Upcoming', overdue: false, action: { label: 'Start notes', route: start } };
  }
  const due = deadline(submissionDueDate(entry.visitDate), today);
  const overdue = due.state === 'overdue';
  return {
    ...base,
    state: 'notStarted',
    statusText: overdue ? 'Overdue: not started' : 'Not started',
    deadline: due,
    deadlineText: `Report due ${formatShortDate(due.due)} (${describeDeadline(due)})`,
    overdue,
    action: { label: 'Start the report', route: start },
  };
}

function byDate(direction: 1 | -1): (a: VisitRow, b: VisitRow) => number {
  return (a, b) => {
    // Undated drafts first: they are the newest work.
    if (!a.visitDate || !b.visitDate) {
      return a.visitDate ? 1 : b.visitDate ? -1 : 0;
    }
    return direction * compareDates(a.visitDate, b.visitDate);
  };
}

/**
 * My visits: the rota entries the councillor is booked on and the reports of those visits —
 * whoever of the members writes it: one report per visit — plus their own unscheduled ones,
 * joined by rota entry. Upcoming = after today; today's visit can
 * be reported on, so it is with the past ones.
 */
export function buildMyVisits(input: MyVisitsInput): MyVisitsView {
  const { userId, today } = input;
  const deviceDrafts = input.deviceDrafts || [];
  const reportsByRota: { [rotaId: number]: VisitReport } = {};
  const unscheduled: VisitReport[] = [];
  for (const report of input.reports) {
    if (report.rotaEntryId !== undefined) {
      const existing = reportsByRota[report.rotaEntryId];
      // A draft left beside its submitted report (its deletion failed): show the report.
      if (!existing || statusRank(report) > statusRank(existing)) {
        reportsByRota[report.rotaEntryId] = report;
      }
    } else {
      unscheduled.push(report);
    }
  }
  const mine = (report: VisitReport): boolean => !report.author || report.author.id === userId || isMember(report.members, userId);
  const rows: VisitRow[] = [];
  const rotaSeen: { [rotaId: number]: boolean } = {};
  for (const entry of input.pastRota.concat(input.upcomingRota)) {
    if (rotaSeen[entry.id]) {
      continue;
    }
    rotaSeen[entry.id] = true;
    const report = reportsByRota[entry.id];
    if (report && (mine(report) || isMember(entry.members, userId))) {
      rows.push(reportRow(report, entry, userId, today));
    } else if (isMember(entry.members, userId)) {
      const row = rotaRow(entry, userId, today);
      rows.push(deviceDrafts.indexOf(`rota-${entry.id}`) !== -1 ? withDeviceText(row) : row);
    }
  }
  // Reports whose rota entry is outside the window, and unscheduled visits.
  for (const report of input.reports) {
    const linked = report.rotaEntryId !== undefined && rotaSeen[report.rotaEntryId];
    if (!linked && mine(report) && (report.rotaEntryId === undefined || reportsByRota[report.rotaEntryId] === report)) {
      rows.push(reportRow(report, undefined, userId, today));
    }
  }
  const isUpcoming = (row: VisitRow): boolean => !!row.visitDate && compareDates(row.visitDate, today) > 0;
  const upcoming = rows.filter(isUpcoming).sort(byDate(1));
  const past = rows.filter((row) => !isUpcoming(row)).sort(byDate(-1));
  const needingAttention = past.filter((row) => (row.state === 'notStarted' || row.state === 'draft') && !!row.deadline && row.deadline.daysLeft <= 7).length;
  return { upcoming, past, needingAttention, unsavedUnscheduled: deviceDrafts.indexOf('unscheduled') !== -1 };
}

function statusRank(report: VisitReport): number {
  return report.status === 'Responded' ? 3 : report.status === 'Submitted' ? 2 : 1;
}

export interface ReadableReportRow {
  reportId: number;
  dateText: string;
  visitDate?: CalendarDate;
  teamTitle: string;
  members: string;
  statusText: string;
  deadlineText?: string;
  latenessText?: string;
  overdue: boolean;
}

/**
 * The start page of roles that read every report (improvement team, Head of Service, clerk):
 * submitted and responded reports, newest visit first, with the response deadline.
 */
export function buildReadableReports(reports: VisitReport[], today: CalendarDate): ReadableReportRow[] {
  return reports
    .filter((r) => r.status !== 'Draft')
    .map((report) => {
      const row = ownReportRow(report, undefined, -1, today);
      return {
        reportId: report.id,
        dateText: row.dateText,
        visitDate: row.visitDate,
        teamTitle: row.teamTitle,
        members: report.members.map((m) => m.displayName).join(', '),
        statusText: row.statusText,
        deadlineText: row.deadlineText,
        latenessText: row.latenessText,
        overdue: row.overdue,
      };
    })
    .sort((a, b) => (a.visitDate && b.visitDate ? compareDates(b.visitDate, a.visitDate) : 0));
}
