/**
 * Builds the committee pack from the list data: plain functions, no I/O, so the preview, the
 * Word document, the CSV and the command line all show the same thing for the same data.
 */
import { calendarDateFromSharePoint, CalendarDate, compareDates, formatLongDate } from '../domain/calendarDate';
import { deadline, responseDueDate, submissionDueDate, visitReportLateness } from '../domain/deadlines';
import { coverageGaps } from '../domain/coverage';
import { reasonsNotUsed } from '../domain/serverCheck';
import { withThemeSections } from './packThemes';
import { SAFETY_SCALE_MAX, SAFETY_SCALE_MIN } from '../domain/validation';
import { GRID_ROW_LABELS, GRID_ROWS, GridRow, gridCellKey } from '../domain/grid';
import { areaFeedbackField, feedbackText } from '../domain/reportFields';
import type { FrontlineTeam, RotaEntry, RotaStatus, VisitReport } from '../domain/types';
import { isWithin } from './packPeriod';
import { cleanText, compareText, formatAverage, formatPeriod, monthOf, namesOf, plural, shortDate } from './packText';
import type {
  PackData,
  PackDatedRow,
  PackModel,
  PackRequest,
  PackResponse,
  PackRotaRow,
  PackScaleRow,
  PackStatement,
  PackTeamAverage,
  PackTeamSummary,
  PackVisitRow,
} from './packTypes';

export const COMMITTEE_NAME = 'Children and Families Overview and Scrutiny Committee';
export const DEFAULT_REPORT_TITLE = 'Councillors’ visits to frontline children’s social care teams';
export const COPIED_TO = 'Chief Executive';

/** The short labels for the grid's columns inside a table cell. */
export const SAID_LABELS = {
  worries: 'Worried about',
  workingWell: 'Working well',
  nextSteps: 'Needs to happen',
} as const;

export const ROTA_STATUS_TEXT: { readonly [status in RotaStatus]: string } = {
  Scheduled: 'Scheduled',
  Held: 'Held',
  NotHeld: 'Not held',
  Rescheduled: 'Rescheduled',
};

/** Drafts belong to their authors until submitted; only submitted reports go to committee. */
export function isSubmitted(report: VisitReport): boolean {
  return report.status === 'Submitted' || report.status === 'Responded';
}

function byDateThenTeam<T extends { date: CalendarDate; team: string; key?: string }>(a: T, b: T): number {
  return compareDates(a.date, b.date) || compareText(a.team, b.team) || compareText(a.key || '', b.key || '');
}

export function buildPackModel(data: PackData, request: PackRequest): PackModel {
  const chosen = request.teamIds && request.teamIds.length > 0 ? new Set(request.teamIds) : undefined;
  const inScope = (teamId: number | undefined): boolean => !chosen || (teamId !== undefined && chosen.has(teamId));
  const teamsById = new Map<number, FrontlineTeam>(data.teams.map((t) => [t.id, t]));
  const teamName = (teamId: number | undefined, fallback?: string): string =>
    cleanText((teamId !== undefined && teamsById.get(teamId)?.title) || fallback) || 'Team not recorded';

  const rota = data.rota.filter((e) => inScope(e.teamId) && isWithin(e.visitDate, data.period));
  const reports = data.reports.filter((r) => inScope(r.teamId) && isWithin(r.visitDate, data.period));
  const submitted = reports.filter(isSubmitted).sort((a, b) => compareDates(a.visitDate!, b.visitDate!) || a.id - b.id);

  const visits = buildVisitRows(rota, reports, request.today, teamName);
  const responses = new Map<number, PackResponse>(submitted.map((r) => [r.id, responseFor(r, request.today)]));

  // Teams with anything in the period, and every team the clerk chose even when it has nothing.
  const shownTeamIds = new Set<number>();
  for (const id of chosen ? Array.from(chosen) : []) {
    shownTeamIds.add(id);
  }
  for (const item of [...rota, ...submitted]) {
    if (item.teamId !== undefined) {
      shownTeamIds.add(item.teamId);
    }
  }
  const shownTeams = Array.from(shownTeamIds)
    .map((id) => ({ id, title: teamName(id, rota.find((e) => e.teamId === id)?.teamTitle || submitted.find((r) => r.teamId === id)?.teamTitle) }))
    .sort((a, b) => compareText(a.title, b.title) || a.id - b.id);

  const teamSummaries: PackTeamSummary[] = shownTeams.map((team) => {
    const teamReports = submitted.filter((r) => r.teamId === team.id);
    return {
      teamId: team.id,
      team: team.title,
      reportCount: teamReports.length,
      heldVisitCount: visits.filter((v) => v.outcome === 'held' && v.team === team.title).length,
      themes: GRID_ROWS.map((row) => ({
        row,
        label: GRID_ROW_LABELS[row],
        // Each area's own response beside it (docs/architecture.md §1.5 pairs them), not the whole answer repeated.
        statements: teamReports
          .map((r) => statementFor(r, row, responseFor(r, request.today, row, row === firstRowWritten(r))))
          .filter((s): s is PackStatement => !!s),
      })),
    };
  });

  const scales: PackScaleRow[] = submitted.map((r) => {
    const notCounted = reasonsNotUsed(r).map(cleanText);
    const given = r.safetyScale === undefined ? 'Not given' : String(r.safetyScale);
    return {
      reportId: r.id,
      date: r.visitDate!,
      dateText: shortDate(r.visitDate!),
      team: teamName(r.teamId, r.teamTitle),
      members: namesOf(r.members),
      scale: r.safetyScale,
      scaleText: notCounted.length ? `${given} (not counted in the average: ${notCounted.join(' ')})` : given,
      notCounted,
    };
  });

  const previous = data.previousReports.filter((r) => isSubmitted(r) && inScope(r.teamId) && isWithin(r.visitDate, data.previousPeriod));
  // A report that failed the checks is never silently averaged (docs/architecture.md: the server checks what a report claims).
  const counted = submitted.filter((r) => reasonsNotUsed(r).length === 0);
  const teamAverages = shownTeams.map((team) => teamAverage(team.id, team.title, counted, previous.filter(previousCountable)));

  const nextRota: PackRotaRow[] = data.nextRota
    .filter((e) => inScope(e.teamId) && isWithin(e.visitDate, data.nextPeriod))
    .map((e) => ({ ...rotaRowBase(e, teamName), status: ROTA_STATUS_TEXT[e.status] || e.status }))
    .sort(byDateThenTeam);

  const responseStates = Array.from(responses.values()).map((r) => r.state);
  const counts = {
    visitsHeld: visits.filter((v) => v.outcome === 'held').length,
    visitsNotHeld: visits.filter((v) => v.outcome === 'notHeld').length,
    visitsPlanned: visits.filter((v) => v.outcome === 'scheduled').length,
    reportsSubmitted: submitted.length,
    responsesReceived: responseStates.filter((s) => s === 'responded').length,
    responsesAwaiting: responseStates.filter((s) => s === 'awaiting').length,
    responsesOverdue: responseStates.filter((s) => s === 'overdue').length,
  };

  const periodText = formatPeriod(data.period);
  const reachesPastToday = compareDates(data.period.to, request.today) >= 0;
  const gaps = coverageGaps({
    teams: data.teams.filter((t) => inScope(t.id)).map((t) => ({ id: t.id, title: teamName(t.id), isActive: t.isActive })),
    // A visit made off the rota still counts as the team's visit that quarter.
    visits: [
      ...rota.map((e) => ({ teamId: e.teamId, visitDate: e.visitDate, status: e.status })),
      ...submitted
        .filter((r) => r.teamId !== undefined && (r.rotaEntryId === undefined || !rota.some((e) => e.id === r.rotaEntryId)))
        .map((r) => ({ teamId: r.teamId!, visitDate: r.visitDate!, status: 'Held' as const })),
    ],
    period: { start: data.period.from, end: data.period.to },
    today: request.today,
  })
    // Only quarters wholly inside the period: the rota outside it is not read, so a quarter cut by
    // the period's edge could show a visit held just outside as a gap.
    .filter((gap) => gap.quarter.start >= data.period.from && gap.quarter.end <= data.period.to)
    .map((gap) => cleanText(gap.message));
  const reportTitle = cleanText(request.reportTitle) || DEFAULT_REPORT_TITLE;
  const model: PackModel = {
    title: {
      committee: COMMITTEE_NAME,
      reportTitle,
      meetingDate: request.committeeDate,
      meetingDateText: request.committeeDate ? formatLongDate(request.committeeDate) : 'To be confirmed',
      period: data.period,
      periodText,
      copiedTo: COPIED_TO,
      teamsText: chosen
        ? shownTeams
            .filter((t) => chosen.has(t.id))
            .map((t) => t.title)
            .join(', ')
        : 'All teams',
      summary:
        `From ${periodText}, councillors made ${plural(counts.visitsHeld, 'visit', 'visits')} to frontline teams; ` +
        `${plural(counts.visitsNotHeld, 'planned visit did', 'planned visits did')} not take place. ` +
        `Councillors submitted ${plural(counts.reportsSubmitted, 'report', 'reports')}.${responsesSentence(counts)}` +
        (counts.visitsPlanned ? ` ${plural(counts.visitsPlanned, 'more visit is', 'more visits are')} planned before the period ends.` : ''),
    },
    today: request.today,
    reachesPastToday,
    coverageGaps: gaps,
    visits,
    teamSummaries,
    scales,
    teamAverages,
    previousPeriodText: formatPeriod(data.previousPeriod),
    nextRota,
    nextPeriodText: formatPeriod(data.nextPeriod),
    counts,
  };
  return withThemeSections(model, data);
}

function rotaRowBase(entry: RotaEntry, teamName: (id: number | undefined, fallback?: string) => string): PackDatedRow {
  return {
    key: `rota-${entry.id}`,
    date: entry.visitDate,
    month: monthOf(entry.visitDate),
    dateText: shortDate(entry.visitDate),
    team: teamName(entry.teamId, entry.teamTitle),
    members: namesOf(entry.members),
  };
}

/**
 * The previous period's reports are read without their text (PREVIOUS_REPORT_SELECT), so only the
 * server check and the scale itself decide whether one counts.
 */
function previousCountable(report: VisitReport): boolean {
  const scale = report.safetyScale;
  const scaleOk = scale === undefined || (Number.isInteger(scale) && scale >= SAFETY_SCALE_MIN && scale <= SAFETY_SCALE_MAX);
  return scaleOk && !(report.serverCheck && report.serverCheck.problems.length);
}

/** Where a held visit's report stands, for the notes column, with its lateness once submitted. */
function reportNote(visitDate: CalendarDate, reports: VisitReport[], today: CalendarDate): string {
  const sent = reports.filter(isSubmitted)[0];
  if (sent) {
    const on = calendarDateFromSharePoint(sent.submittedOn);
    const late = visitReportLateness({ ...sent, visitDate: sent.visitDate || visitDate }).submittedText;
    return on ? `Report submitted ${shortDate(on)}${late ? ` (${late.replace(/^Submitted /, '')})` : ''}` : 'Report submitted';
  }
  const due = deadline(submissionDueDate(visitDate), today);
  return due.state === 'overdue' ? `Report not yet submitted: it was due by ${shortDate(due.due)}` : `Report not yet submitted: due by ${shortDate(due.due)}`;
}

/** " The Head of Service has responded to 1; 2 responses are overdue.": only the counts that say something. */
function responsesSentence(counts: PackModel['counts']): string {
  if (counts.reportsSubmitted === 0) {
    return '';
  }
  const outstanding = [
    counts.responsesAwaiting ? `${plural(counts.responsesAwaiting, 'response is', 'responses are')} not yet due` : '',
    counts.responsesOverdue ? `${plural(counts.responsesOverdue, 'response is', 'responses are')} overdue` : '',
  ].filter((part) => part);
  if (outstanding.length === 0) {
    return ` The Head of Service has responded to ${counts.reportsSubmitted === 1 ? 'it' : `all ${counts.reportsSubmitted}`}.`;
  }
  return ` The Head of Service has responded to ${counts.responsesReceived || 'none'}; ${outstanding.join(' and ')}.`;
}

function buildVisitRows(
  rota: RotaEntry[],
  reports: VisitReport[],
  today: CalendarDate,
  teamName: (id: number | undefined, fallback?: string) => string,
): PackVisitRow[] {
  const reportsByRota = new Map<number, VisitReport[]>();
  for (const report of reports) {
    if (report.rotaEntryId !== undefined) {
      reportsByRota.set(report.rotaEntryId, (reportsByRota.get(report.rotaEntryId) || []).concat(report));
    }
  }
  const rows: PackVisitRow[] = rota.map((entry) => {
    const entryReports = reportsByRota.get(entry.id) || [];
    const reported = entryReports.filter(isSubmitted)[0] || entryReports[0];
    const base = rotaRowBase(entry, teamName);
    const members = reported && reported.members.length > 0 ? namesOf(reported.members) : base.members;
    const row = { ...base, members, rotaStatus: entry.status };
    if (entry.status === 'NotHeld') {
      return { ...row, outcome: 'notHeld' as const, outcomeText: 'Not held', notes: cleanText(entry.notHeldReason) || 'No reason recorded' };
    }
    if (entry.status === 'Rescheduled' && entryReports.length === 0) {
      return { ...row, outcome: 'rescheduled' as const, outcomeText: 'Rescheduled', notes: cleanText(entry.notHeldReason) };
    }
    if (entry.status === 'Held' || entryReports.length > 0) {
      return { ...row, outcome: 'held' as const, outcomeText: 'Held', notes: reportNote(entry.visitDate, entryReports, today) };
    }
    return compareDates(entry.visitDate, today) >= 0
      ? { ...row, outcome: 'scheduled' as const, outcomeText: 'Planned', notes: 'Still to come when this report was prepared' }
      : { ...row, outcome: 'notRecorded' as const, outcomeText: 'Not recorded', notes: 'The rota does not say whether this visit took place' };
  });
  const rotaIds = new Set(rota.map((e) => e.id));
  for (const report of reports) {
    if (report.rotaEntryId === undefined || !rotaIds.has(report.rotaEntryId)) {
      rows.push({
        key: `report-${report.id}`,
        date: report.visitDate!,
        month: monthOf(report.visitDate!),
        dateText: shortDate(report.visitDate!),
        team: teamName(report.teamId, report.teamTitle),
        members: namesOf(report.members),
        outcome: 'held',
        outcomeText: 'Held',
        notes: `Not on the rota. ${reportNote(report.visitDate!, [report], today)}`,
      });
    }
  }
  return rows.sort(byDateThenTeam);
}

/** The first area the members wrote about: where a report's overall response is shown, once. */
function firstRowWritten(report: VisitReport): GridRow | undefined {
  return GRID_ROWS.filter((row) => ['worries', 'workingWell', 'nextSteps'].some((c) => cleanText(report.grid[gridCellKey(row, c as 'worries')])))[0];
}

/**
 * The Head of Service's response, or the marker saying it is missing or overdue. With a grid row:
 * the response on that area, and the overall response once, labelled, in the report's first area
 * (`withOverall`); a report answered overall only shows that answer in each area, as before.
 */
export function responseFor(report: VisitReport, today: CalendarDate, row?: GridRow, withOverall = true): PackResponse {
  const answer = report.feedback;
  if (answer) {
    const overall = cleanText(answer.text);
    const byArea = GRID_ROWS.some((r) => cleanText(feedbackText(answer, areaFeedbackField(r))));
    const area = row ? cleanText(feedbackText(answer, areaFeedbackField(row))) : '';
    let text = area || overall;
    if (row && byArea) {
      const overallLine = withOverall && overall ? `Overall response: ${overall}` : '';
      text = [area || 'No response on this area.', overallLine].filter((t) => t).join('\n');
    }
    if (!row && !overall && byArea) {
      text = GRID_ROWS.map((r) => [GRID_ROW_LABELS[r], cleanText(feedbackText(answer, areaFeedbackField(r)))])
        .filter(([, t]) => t)
        .map(([label, t]) => `${label}: ${t}`)
        .join('\n');
    }
    if (text) {
      const on = calendarDateFromSharePoint(answer.on);
      const first = calendarDateFromSharePoint(answer.firstOn);
      const by = answer.by ? namesOf([answer.by]) : '';
      const when = on ? (answer.earlier && answer.earlier.length && first ? `${shortDate(first)}, amended ${shortDate(on)}` : shortDate(on)) : '';
      return {
        state: 'responded',
        text,
        attribution: [by, when].filter((s) => s).join(', '),
        lateness: visitReportLateness(report).answeredText,
      };
    }
  }
  if (!report.submittedOn) {
    return { state: 'awaiting', text: 'No response yet.', attribution: '' };
  }
  const due = deadline(responseDueDate(report.submittedOn), today);
  return due.state === 'overdue'
    ? { state: 'overdue', text: `Response overdue: it was due by ${shortDate(due.due)}.`, attribution: '', due: due.due }
    : { state: 'awaiting', text: `No response yet: due by ${shortDate(due.due)}.`, attribution: '', due: due.due };
}

/** "Worried about: …" lines for the cells of one grid row that have text. */
export function saidText(said: { worries: string; workingWell: string; nextSteps: string }): string {
  return (['worries', 'workingWell', 'nextSteps'] as const)
    .filter((column) => said[column])
    .map((column) => `${SAID_LABELS[column]}: ${said[column]}`)
    .join('\n');
}

function statementFor(report: VisitReport, row: GridRow, response: PackResponse): PackStatement | undefined {
  const said = {
    worries: cleanText(report.grid[gridCellKey(row, 'worries')]),
    workingWell: cleanText(report.grid[gridCellKey(row, 'workingWell')]),
    nextSteps: cleanText(report.grid[gridCellKey(row, 'nextSteps')]),
  };
  if (!said.worries && !said.workingWell && !said.nextSteps) {
    return undefined;
  }
  const members = namesOf(report.members);
  return {
    reportId: report.id,
    visitDate: report.visitDate!,
    members,
    visitText: members ? `${shortDate(report.visitDate!)} (${members})` : shortDate(report.visitDate!),
    ...said,
    saidText: saidText(said),
    response,
  };
}

function averageOf(reports: VisitReport[]): { count: number; average?: number } {
  const scales = reports.map((r) => r.safetyScale).filter((s): s is number => typeof s === 'number');
  return { count: scales.length, average: scales.length ? scales.reduce((a, b) => a + b, 0) / scales.length : undefined };
}

function teamAverage(teamId: number, team: string, current: VisitReport[], previous: VisitReport[]): PackTeamAverage {
  const now = averageOf(current.filter((r) => r.teamId === teamId));
  const before = averageOf(previous.filter((r) => r.teamId === teamId));
  let changeText = 'Cannot compare';
  if (now.average !== undefined && before.average !== undefined) {
    const change = formatAverage(Math.abs(now.average - before.average));
    changeText = change === '0.0' ? 'No change' : `${now.average > before.average ? 'Up' : 'Down'} ${change}`;
  }
  return {
    teamId,
    team,
    count: now.count,
    average: now.average,
    previousCount: before.count,
    previousAverage: before.average,
    averageText: now.average === undefined ? 'No scale given' : formatAverage(now.average),
    previousAverageText: before.average === undefined ? 'No scale given' : formatAverage(before.average),
    changeText,
  };
}
