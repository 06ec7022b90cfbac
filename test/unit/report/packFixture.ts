/**
 * A fixed dataset for the pack (fictional Northshire people): a visit not held, a response
 * missing and overdue, one not yet due, a draft, an unscheduled visit, and text with
 * apostrophes, ampersands, emoji, angle brackets and line breaks (Word's soft break included).
 */
import { Grid } from '../../../src/domain/grid';
import { buildReport, gridWith } from '../../helpers/reportFixtures';
import type { FrontlineTeam, Person, RotaEntry, VisitReport } from '../../../src/domain/types';
import type { PackData, PackRequest } from '../../../src/report/packTypes';
import { DEFAULT_THEMES, Theme } from '../../../src/domain/themes';

export const hale: Person = { id: 11, displayName: 'Cllr Hale (demo)', email: 'cllr.hale@northshire.example' };
export const osei: Person = { id: 12, displayName: 'Cllr Osei (demo)', email: 'cllr.osei@northshire.example' };
export const hos: Person = { id: 20, displayName: 'Head of Service (demo)', email: 'hos.cincp@northshire.example' };

export const teams: FrontlineTeam[] = [
  { id: 1, title: 'Consultation Team (front door)', isActive: true, headOfService: hos },
  { id: 2, title: 'Child in Need North', isActive: true, headOfService: hos },
  { id: 3, title: 'Child Protection South', isActive: true, headOfService: hos },
];

function rota(id: number, visitDate: string, teamId: number, status: RotaEntry['status'], notHeldReason?: string): RotaEntry {
  const team = teams.find((t) => t.id === teamId)!;
  return {
    id,
    title: `${visitDate.slice(0, 7)} ${team.title}`,
    visitDate,
    teamId,
    teamTitle: team.title,
    members: [hale, osei],
    municipalYear: '2026/27',
    status,
    notHeldReason,
  };
}

function grid(cells: Partial<Grid>): Grid {
  return gridWith(cells);
}

function report(id: number, fields: Partial<VisitReport> & Pick<VisitReport, 'visitDate' | 'teamId' | 'status'>): VisitReport {
  const team = teams.find((t) => t.id === fields.teamId)!;
  return buildReport({ title: `Visit ${id}`, members: [hale, osei], teamTitle: team.title, ...fields, id });
}

export const WORRY_TEXT = "Two social worker vacancies & agency cover isn't stable; caseloads > 20 <sometimes>";
export const WORKING_WELL_TEXT = 'Morale is good.\r\nManagers are visible 😊\u000BSupervision happens monthly';
/** Pasted from a list in another document: tab-led lines. */
export const NEXT_STEPS_TEXT = 'Faster strategy meetings with police:\n\tweekly slot\tfrom June';
export const RESPONSE_TEXT = "We've recruited two permanent social workers & the agency contract ends in June.\nA caseload review starts next month 👍";

export const fixtureRequest: PackRequest = { from: '2026-04-01', to: '2026-09-30', committeeDate: '2026-12-10', today: '2026-11-20' };

export function fixtureData(): PackData {
  return {
    period: { from: '2026-04-01', to: '2026-09-30' },
    previousPeriod: { from: '2025-10-01', to: '2026-03-31' },
    nextPeriod: { from: '2026-10-01', to: '2027-03-31' },
    teams,
    rota: [
      rota(101, '2026-04-15', 1, 'Held'),
      rota(102, '2026-05-13', 2, 'NotHeld', 'No replacement available at short notice'),
      rota(103, '2026-06-10', 3, 'Held'),
      rota(104, '2026-07-08', 1, 'Held'),
      rota(105, '2026-09-16', 2, 'Held'),
    ],
    reports: [
      report(201, {
        rotaEntryId: 101,
        visitDate: '2026-04-15',
        teamId: 1,
        status: 'Responded',
        submittedOn: '2026-04-29T10:00:00Z',
        safetyScale: 6,
        grid: grid({ staffingWorries: WORRY_TEXT, staffingWorkingWell: WORKING_WELL_TEXT, performanceNextSteps: NEXT_STEPS_TEXT }),
        feedback: { text: RESPONSE_TEXT, by: hos, on: '2026-05-20T09:30:00Z' },
      }),
      report(203, {
        rotaEntryId: 103,
        visitDate: '2026-06-10',
        teamId: 3,
        status: 'Responded',
        submittedOn: '2026-06-20T10:00:00Z',
        safetyScale: 8,
        grid: grid({ otherWorkingWell: 'Good links with schools' }),
        feedback: { text: 'Thank you; we will share this with the team.', by: hos, on: '2026-07-01T09:30:00Z' },
      }),
      report(204, {
        rotaEntryId: 104,
        visitDate: '2026-07-08',
        teamId: 1,
        status: 'Submitted',
        submittedOn: '2026-07-20T10:00:00Z',
        safetyScale: 5,
        grid: grid({ staffingWorries: 'Three staff off sick', performanceWorries: 'Backlog of 40 contacts' }),
      }),
      report(205, { rotaEntryId: 105, visitDate: '2026-09-16', teamId: 2, status: 'Draft', grid: grid({ staffingWorries: 'Draft text not for committee' }) }),
      report(206, {
        visitDate: '2026-09-25',
        teamId: 3,
        status: 'Submitted',
        submittedOn: '2026-11-01T10:00:00Z',
        safetyScale: 9,
        grid: grid({ performanceWorkingWell: '=HYPERLINK("http://evil.example","click")' }),
      }),
    ],
    previousReports: [
      report(301, { visitDate: '2026-01-14', teamId: 1, status: 'Responded', safetyScale: 7 }),
      report(302, { visitDate: '2026-02-11', teamId: 3, status: 'Submitted', safetyScale: 8 }),
      report(303, { visitDate: '2026-03-11', teamId: 3, status: 'Submitted', safetyScale: 9 }),
      report(304, { visitDate: '2026-03-12', teamId: 2, status: 'Draft', safetyScale: 1 }),
    ],
    nextRota: [rota(401, '2026-10-14', 1, 'Scheduled'), rota(402, '2026-11-11', 2, 'Scheduled'), rota(403, '2027-03-10', 3, 'Scheduled')],
  };
}

/** The council's starting themes, as the Visit Themes list holds them. */
export const themes: Theme[] = DEFAULT_THEMES.map((t, index) => ({ id: index + 1, title: t.title, words: t.words, isActive: true }));
const id = (title: string): number => themes.find((t) => t.title === title)!.id;

/** The fixture with themes: one report's theme confirmed by the improvement team, and three earlier periods for the chart. */
export function dataWithThemes(): PackData {
  const data = fixtureData();
  return {
    ...data,
    themes: {
      themes,
      // The improvement team changed report 204's suggestion ("Three staff off sick" suggests nothing) to caseloads.
      confirmed: [{ itemId: 1, reportId: 204, areas: { staffing: [], performance: [id('Caseloads and complexity')], other: [] } }],
      earlierReports: [
        // The previous period (October 2025 to March 2026), with the words of what staff said.
        buildReport({
          id: 301,
          visitDate: '2026-01-14',
          teamId: 1,
          status: 'Responded',
          safetyScale: 7,
          grid: gridWith({ staffingWorries: 'Two vacancies covered by agency staff.' }),
        }),
        buildReport({ id: 302, visitDate: '2026-02-11', teamId: 3, status: 'Submitted', safetyScale: 8, grid: gridWith({ otherWorries: 'Delays at court.' }) }),
        // Two and three periods back, for the chart.
        buildReport({ id: 311, visitDate: '2025-06-11', teamId: 1, status: 'Submitted', safetyScale: 4, grid: gridWith({}) }),
        buildReport({ id: 312, visitDate: '2024-11-13', teamId: 1, status: 'Submitted', safetyScale: 5, grid: gridWith({}) }),
        buildReport({ id: 313, visitDate: '2024-12-11', teamId: 3, status: 'Submitted', safetyScale: 6, grid: gridWith({}) }),
        // A draft never counts.
        buildReport({ id: 314, visitDate: '2025-07-09', teamId: 3, status: 'Draft', safetyScale: 1, grid: gridWith({}) }),
      ],
    },
  };
}
